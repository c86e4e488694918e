r"""MyST Markdown (Jupyter Book's, mystmd's: the SciPy proceedings are written in it)
read as pandoc Markdown, before pandoc reads it: pandoc prints MyST's directives,
roles and targets as text (``:::{include} intro.md`` stood for a paper's whole body),
so each is written as what this build reads, or, when it has nothing for one, kept as
text with a note naming it (``notes``): never lost without a word.

- Directives, fenced with colons (``:::{note}``) or backticks (```` ```{math} ````),
  their options (``:label: x``) read: the admonitions (``note``, ``tip``, ``warning``,
  ``important``, ``caution``, ``attention``, ``danger``, ``error``, ``hint``, ``seealso``,
  ``admonition Title``) as callouts; ``figure``, ``table``, ``math``, ``code-block``,
  ``bibliography``, ``epigraph``; ``include`` is read with the other includes
  (``core.sourcetext.include_lines``).
- Roles: ``{cite:p}`a,b``` → ``[@a; @b]``, ``{cite:t}`` → ``@a``, ``{ref}``/``{numref}``/
  ``{eq}`` → a cross-reference (``@fig:x``), ``{math}`` → ``$…$``, ``{sub}``, ``{sup}``,
  ``{del}``, ``{u}``, ``{sc}``, ``{abbr}``, ``{kbd}``.
- Targets ``(label)=`` before a heading, ``$$ … $$ (label)``, and ``[](#label)``.
- A MyST comment (a line that opens with ``%``) is left out.

Labels are typed as this build types them (``fig:``, ``tbl:``, ``eq:``, ``sec:``) from
what they label, and every reference to one with them. Each directive's lines are
padded to their number, so that a line named by a later message is the author's.

>>> text, notes = myst_read(":::{note}\nRead me.\n:::\n\nSee {cite:p}`knuth84,lamport94`.\n")
>>> print(text)
::: {.callout-note}
Read me.
:::
<BLANKLINE>
See [@knuth84; @lamport94].
<BLANKLINE>
>>> myst_read("(intro)=\n# Intro\n\n{ref}`intro` and {numref}`intro`, {foo}`bar`.\n")
('# Intro {#sec:intro}\n\n\n[Intro](#sec:intro) and @sec:intro, bar.\n', [(4, "the MyST role '{foo}' is not read: its text is shown as it is", 'write it in Markdown')])
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from core.sourcetext import fenced_code_masked, mask

OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>[^\n]*)$")
ROLE = re.compile(r"\{(?P<name>[A-Za-z][\w:-]*)\}`(?P<content>[^`\n]+)`")
TARGET = re.compile(r"^\((?P<label>[^()\s]+)\)=[ \t]*\n(?P<blank>(?:[ \t]*\n)*)(?P<heading>#{1,6}[ \t]+[^\n]*?)[ \t]*$",
                    re.M)
# A target before a directive that takes a label: its label.
NAMING_TARGET = re.compile(r"^\((?P<label>[^()\s]+)\)=[ \t]*\n(?P<open>(?::{3,}|`{3,})\{(?:figure|table|list-table|math|"
                           r"code-block|code|sourcecode|literalinclude)\}[^\n]*)$", re.M)
# A target before anything else (a paragraph, a list): an anchor there.
ANY_TARGET = re.compile(r"^\((?P<label>[^()\s]+)\)=[ \t]*$", re.M)
# a label that opens with a letter: "$$ x $$ (1)", a number an author wrote, is none
LABELLED_MATH = re.compile(r"^\$\$(?P<math>(?:[^$\n]|\$(?!\$)|\n(?![ \t]*\n)){1,20000}?)\$\$[ \t]*"
                           r"\((?P<label>[A-Za-z][\w:.-]*)\)[ \t]*$", re.M)
COMMENT = r"^%[^\n]*$"
# What the text is read for after the directives: a comment line, an empty link to a label,
# a role, and the code spans they may stand in (kept as written).
INLINE = re.compile(rf"(?P<comment>{COMMENT})|\[\]\(#(?P<link>[^()\s]+)\)|(?<![\w@])@(?P<at>[\w][\w:.-]*\w)"
                    r"|\[(?P<numbered>[^\[\]\n]*%s[^\[\]\n]*)\]\(#(?P<numbered_label>[^()\s]+)\)"
                    r"|\]\(#(?P<anchor>[^()\s]+)\)"
                    r"|(?P<role>\{[A-Za-z][\w:-]*\}`[^`\n]+`)|(?P<code>`+)(?:.|\n(?![ \t]*\n))*?(?<!`)(?P=code)(?!`)", re.M)
# Display math, whose lines are TeX's: a % there is TeX's comment
DISPLAY_MATH = re.compile(r"\$\$(?:[^$]|\$(?!\$)){0,20000}?\$\$")
# A code span that is no role's content (a role's `…` follows its {name}): masked before
# the signs are looked for
CODE_SPAN_NOT_ROLE = re.compile(r"(?<!\})(`+)[^`]+?\1(?!`)")
# What tells a text is MyST: a directive fenced with colons, a role, a target, a labelled display.
SIGNS = re.compile(r"^:{3,}\{[A-Za-z]|\{[A-Za-z][\w:-]*\}`[^`\n]+`|^\([^()\s]+\)=[ \t]*$"
                   r"|^\$\$.*\$\$[ \t]*\([A-Za-z][\w:.-]*\)$",
                   re.M)
# The backtick directives MyST has that are no code cell of Quarto's or knitr's ({r}, {python}).
BACKTICK_DIRECTIVES = frozenset({"math", "code-block", "code", "sourcecode", "figure", "table", "list-table",
                                 "note", "tip", "warning", "important", "caution", "attention", "danger", "error",
                                 "hint", "seealso", "admonition", "include", "bibliography", "epigraph", "raw",
                                 "toctree", "tableofcontents", "code-cell", "margin", "sidebar",
                                 "aside", "glossary", "csv-table", "image", "embed", "iframe", "dropdown", "literalinclude",
                                 "card", "grid", "tab-set", "tab-item", "pull-quote", "blockquote"})
ADMONITIONS = {"note": "note", "tip": "tip", "warning": "warning", "important": "important", "caution": "caution",
               "attention": "important", "danger": "caution", "error": "caution", "hint": "tip", "seealso": "note",
               "admonition": "note", "dropdown": "note", "margin": "note", "sidebar": "note", "aside": "note"}
# Directives with nothing of their own to show in an article (a book's navigation).
NAVIGATION = frozenset({"toctree", "tableofcontents"})
KIND_PREFIXES = {"figure": "fig", "table": "tbl", "math": "eq", "section": "sec", "listing": "lst"}
TYPED = re.compile(r"(?:fig|tbl|eq|sec|lst)[:-]")
# Roles that wrap their text: as pandoc writes the same.
WRAPPING_ROLES = {"sub": "~{}~", "subscript": "~{}~", "sup": "^{}^", "superscript": "^{}^", "del": "~~{}~~",
                  "strike": "~~{}~~", "u": "[{}]{{.underline}}", "underline": "[{}]{{.underline}}",
                  "sc": "[{}]{{.smallcaps}}", "smallcaps": "[{}]{{.smallcaps}}", "kbd": "`{}`",
                  "math": "${}$", "code": "`{}`", "emphasis": "*{}*", "strong": "**{}**"}


# MyST's directive that shows a file's code: its path, its options, its closing fence.
LITERAL_INCLUDE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{literalinclude\}[ \t]+(?P<path>[^\n]+?)[ \t]*\n"
                             r"(?P<options>(?::[\w-]+:[^\n]*\n)*)(?P=fence)[ \t]*$", re.M)
# A file's language, for its highlighting, by its name.
LANGUAGES = {".py": "python", ".toml": "toml", ".yml": "yaml", ".yaml": "yaml", ".json": "json", ".sh": "bash",
             ".r": "r", ".jl": "julia", ".js": "javascript", ".ts": "typescript", ".c": "c", ".cpp": "cpp",
             ".h": "c", ".rs": "rust", ".go": "go", ".java": "java", ".sql": "sql", ".tex": "latex",
             ".html": "html", ".css": "css", ".md": "markdown", ".lock": "toml", "dockerfile": "dockerfile"}


def literal_includes(text: str) -> list[tuple[int, str]]:
    r"""Each ``{literalinclude}`` of the text: (its line, the path as written).

    >>> literal_includes("a\n```{literalinclude} code/x.toml\n:linenos:\n```\n")
    [(2, 'code/x.toml')]
    """
    return [(text.count("\n", 0, match.start()) + 1, match.group("path")) for match in LITERAL_INCLUDE.finditer(text)]


def with_code(text: str, code: dict[str, str]) -> str:
    r"""The text (``myst_read``'s) with each ``{literalinclude}`` whose file's text ``code``
    holds (by the path as written) as a code block of it: its language (``:language:``,
    else the file's name), a listing when labelled (its caption kept), its ``:lines:``,
    ``:start-line:`` and ``:end-line:`` taken (MyST counts lines from 1, start-line from 0).

    >>> print(with_code("```{literalinclude} a.py\n:label: a\n:caption: Its `x`.\n:lines: 2-3\n```\n",
    ...                 {"a.py": "x\ny\nz\n"}))
    ~~~{#lst:a .python caption="Its `x`."}
    y
    z
    ~~~
    <BLANKLINE>
    """
    def block(match: re.Match) -> str:
        path = match.group("path")
        if path not in code:
            return match.group(0)
        options = dict(OPTION.match(line).group("key", "value") for line in match.group("options").splitlines())
        lines = code[path].split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if re.fullmatch(r"\d+-\d+", options.get("lines", "").strip()):
            first, last = map(int, options["lines"].split("-"))
            lines = lines[first - 1:last]
        else:
            start, end = (options.get(key, "").strip() for key in ("start-line", "end-line"))
            lines = lines[int(start) if start.isdecimal() else 0:int(end) if end.isdecimal() else None]
        name = path.rsplit("/", 1)[-1].lower()
        language = options.get("language") or LANGUAGES.get(name, LANGUAGES.get("." + name.rsplit(".", 1)[-1], ""))
        fence = "~" * max(3, *(len(run) + 1 for run in re.findall(r"~+", "\n".join(lines))), 0)
        label = options.get("label") or options.get("name")
        head = (f"{{{attributes(('#', typed(label, 'listing')), ('.', language), ('caption', options.get('caption', '').replace(chr(34), chr(39))))}}}"
                if label else language)
        return f"{fence}{head}\n" + "\n".join(lines) + f"\n{fence}"

    return LITERAL_INCLUDE.sub(block, text)


# A directive's opening line: its fence, its name and its argument.
OPENING = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[A-Za-z][\w:-]*)\}[ \t]*(?P<argument>[^\n]*)$", re.M)
CLOSING = re.compile(r"^(?P<fence>:{3,}|`{3,})[ \t]*$", re.M)


@dataclass
class Directive:
    """A directive as ``directives`` finds it: where it starts and ends in its text (its
    closing fence's line included), its fence, name, argument and body."""
    start: int
    end: int
    fence: str
    name: str
    argument: str
    body: str
    body_start: int

    def group(self, name: str):  # read as a match is
        return {"fence": self.fence, "name": self.name, "argument": self.argument, "body": self.body}[name]

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def directives(text: str) -> list[Directive]:
    r"""The text's outermost directives, each closed by the first line of its own fence after
    it: one pass, with the closing lines looked up by fence (an opening no line closes is
    text, and costs nothing more: a regex that looked for its end from each one took time
    in the square of the text's length).

    >>> [(d.name, d.body) for d in directives(":::{note}\nA\n::::{tip}\nB\n::::\n:::\n```{r}\nx\n")]
    [('note', 'A\n::::{tip}\nB\n::::\n')]
    """
    closings: dict[str, list[int]] = {}
    for match in CLOSING.finditer(text):
        closings.setdefault(match.group("fence"), []).append(match.start())
    found, position = [], 0
    for match in OPENING.finditer(text):
        if match.start() < position:
            continue  # inside a directive already found: read with its body
        ends = closings.get(match.group("fence"), [])
        at = bisect.bisect_right(ends, match.end())
        if at == len(ends):
            continue
        close = ends[at]
        end = text.find("\n", close)
        end = len(text) if end < 0 else end
        body_start = match.end() + 1
        found.append(Directive(match.start(), end, match.group("fence"), match.group("name"),
                               match.group("argument"), text[body_start:close], body_start))
        position = end
    return found


def is_myst(text: str) -> bool:
    """Whether ``text`` holds MyST's own syntax (pandoc Markdown never writes it).

    >>> is_myst(":::{note}\\nx\\n:::\\n"), is_myst("::: {.callout-note}\\nx\\n:::\\n"), is_myst("```{r}\\n```")
    (True, False, False)
    """
    # read with its code masked: "a `{r}` chunk" in a code span is no role
    masked = mask(CODE_SPAN_NOT_ROLE, fenced_code_masked(text))
    return bool(SIGNS.search(masked)) or any(match.group("name") in BACKTICK_DIRECTIVES
                                             for match in OPENING.finditer(text))


def typed(label: str, kind: str) -> str:
    """A MyST label as this build types one: ``fig-map`` stays, ``map`` of a figure is
    ``fig:map``."""
    return label if TYPED.match(label) else f"{KIND_PREFIXES[kind]}:{label}"


def options_of(body: str) -> tuple[dict[str, str], str]:
    """A directive's options (``:key: value`` lines at its top) and the rest of its body."""
    options, lines = {}, body.split("\n")
    while lines and (option := OPTION.match(lines[0])):
        options[option.group("key")] = option.group("value").strip()
        lines.pop(0)
    return options, "\n".join(lines)


def padded(text: str, lines: int) -> str:
    """``text`` followed by blank lines up to ``lines`` lines: what follows keeps its line."""
    return text + "\n" * max(0, lines - text.count("\n"))


def attributes(*pairs: tuple[str, str]) -> str:
    """Pandoc's attribute text for the pairs whose value is not empty."""
    return " ".join(f'{key}="{value}"' if not key.startswith(("#", ".")) else key + value
                    for key, value in pairs if value)


def labels_of(text: str) -> dict[str, str]:
    """Every label the text defines, with its type: {written: typed}.

    >>> labels_of(":::{figure} a.png\\n:name: map\\nA map.\\n:::\\n(intro)=\\n# Intro\\n$$x$$ (eq-a)\\n")
    {'map': 'fig:map', 'intro': 'sec:intro', 'eq-a': 'eq-a'}
    """
    found = {}
    for match in directives(text):
        name = match.group("name")
        options, body = options_of(match.group("body"))
        found.update(labels_of(body))  # a figure in an admonition, a grid
        label = options.get("name") or options.get("label")
        if label and name in ("figure", "table", "list-table", "math", "code-block", "code", "sourcecode",
                              "literalinclude"):
            found[label] = typed(label, {"list-table": "table", "code-block": "listing", "code": "listing",
                                         "sourcecode": "listing", "literalinclude": "listing"}.get(name, name))
    # a target before anything but a heading is a place, named by its own label; before a
    # figure, table, equation or listing, that one's label
    found.update({m.group("label"): m.group("label") for m in ANY_TARGET.finditer(text)})
    naming = {"figure": "figure", "table": "table", "list-table": "table", "math": "math"}
    for m in NAMING_TARGET.finditer(text):
        name = re.search(r"\{([\w-]+)\}", m.group("open")).group(1)
        found[m.group("label")] = typed(m.group("label"), naming.get(name, "listing"))
    found.update({m.group("label"): typed(m.group("label"), "section") for m in TARGET.finditer(text)})
    found.update({m.group("label"): typed(m.group("label"), "math") for m in LABELLED_MATH.finditer(text)})
    return found


def list_table_rows(body: str) -> list[list[str]]:
    r"""A ``{list-table}``'s rows: each ``* -`` opens a row, each ``-`` under it a cell, an
    indented line goes on the cell before.

    >>> list_table_rows("* - Name\n  - Value\n* - a\n  - long\n    text\n")
    [['Name', 'Value'], ['a', 'long text']]
    """
    rows: list[list[str]] = []
    for line in body.split("\n"):
        if opened := re.match(r"^\*\s+-\s*(.*)$", line):
            rows.append([opened.group(1).strip()])
        elif (cell := re.match(r"^\s+-\s*(.*)$", line)) and rows:
            rows[-1].append(cell.group(1).strip())
        elif line.strip() and rows:
            rows[-1][-1] = f"{rows[-1][-1]} {line.strip()}".strip()
    return rows


def myst_read(text: str, known: dict[str, str] | None = None) -> tuple[str, list[tuple[int, str, str]]]:
    """The text as pandoc Markdown, and a note (line, message, hint) for each of its
    MyST pieces this build has nothing for (see the module's docstring); ``known``: the
    labels the article's other files define (``labels_of``), which this one may name."""
    if not is_myst(text) and not (known and re.search(r"@|\]\(#", text)):
        return text, []
    labels = {**(known or {}), **labels_of(text)}
    headings = {m.group("label"): re.sub(r"^#+\s*|\s*\{[^}]*\}\s*$", "", m.group("heading")) for m in TARGET.finditer(text)}
    notes: list[tuple[int, str, str]] = []

    def line_at(position: int, within: str) -> int:
        return within.count("\n", 0, position) + 1

    def directive(match: Directive, within: str, offset: int) -> str:
        name, argument = match.group("name"), match.group("argument").strip()
        fence = match.group("fence")
        if fence.startswith("`") and name not in BACKTICK_DIRECTIVES:
            return match.text(within)  # a code cell of another tool's (```{r}): read as such elsewhere
        options, body = options_of(match.group("body"))
        lines = match.text(within).count("\n") + 1
        line = offset + line_at(match.start, within)
        body = read(body, offset + line_at(match.body_start, within) - 1) if name != "math" else body
        label = options.get("name") or options.get("label") or ""
        if name in ADMONITIONS:
            title = argument or ({"seealso": "See also"}.get(name, ""))
            return padded(f"::: {{.callout-{ADMONITIONS[name]}}}\n" + (f"## {title}\n\n" if title else "")
                          + body.strip("\n") + "\n:::", lines - 1)
        if name == "figure" and not argument:  # MyST's subfigures: the figures in it, the caption after them
            head = attributes(("#", typed(label, "figure") if label else ""))
            return padded(f"::: {{{head}}}\n{body.strip(chr(10))}\n:::" if head else body.strip("\n"), lines - 1)
        if name in ("figure", "image"):
            caption = " ".join(body.split()) if name == "figure" else ""
            attrs = attributes(("#", typed(label, "figure") if label else ""), ("fig-alt", options.get("alt", "")),
                               ("width", options.get("width", "")))
            return padded(f"![{caption}]({argument})" + (f"{{{attrs}}}" if attrs else ""), lines - 1)
        if name == "math":
            formula = body.strip("\n")
            return padded(f"$$\n{formula}\n$$" + (f" {{#{typed(label, 'math')}}}" if label else ""), lines - 1)
        if name in ("code-cell", "mermaid"):  # shown as code: this build runs no cell and draws no diagram
            language = argument or ("mermaid" if name == "mermaid" else "")
            notes.append((line, f"a code cell ({language or 'code'}) is shown as its code, not run: what it makes "
                                "(a figure, a table, a value) is in no edition" if name == "code-cell" else
                          "a mermaid diagram is shown as its source, not drawn",
                          "render its output with its tool and include the file, or leave it as code"))
            code = re.sub(r"\A(?:[ \t]*(?:#\|)[^\n]*\n)+", "", body).strip("\n")  # its #| options
            fence = "~" * max(3, *(len(run) + 1 for run in re.findall(r"~+", code)), 0)
            return padded(f"{fence}{language}\n{code}\n{fence}", lines - 1)
        if name in ("code-block", "code", "sourcecode"):
            language = argument or options.get("language", "")
            caption = options.get("caption", "").replace('"', "'")
            head = attributes(("#", typed(label, "listing") if label else ""), (".", language),
                              ("caption", caption if label else ""))
            # tildes: a caption may hold backticks (`CONDA_OVERRIDE_CUDA`), which no backtick fence's line may
            code = body.strip("\n")
            fence = "~" * max(3, *(len(run) + 1 for run in re.findall(r"~+", code)), 0)
            return padded(f"{fence}{{{head}}}" if label else f"{fence}{language}", 0) + \
                padded(f"\n{code}\n{fence}", lines - 2)
        if name == "table":
            caption = argument + (f" {{#{typed(label, 'table')}}}" if label else "")
            return padded(f"{body.strip(chr(10))}\n\n: {caption}" if argument or label else body, lines - 1)
        if name == "list-table":
            rows = list_table_rows(body)
            if rows:
                header = int(options.get("header-rows", "0") or 0) if options.get("header-rows", "0").strip().isdecimal() else 0
                width = max(len(row) for row in rows)
                cells = [row + [""] * (width - len(row)) for row in rows]
                head = cells[0] if header else [""] * width
                table = "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                                   for row in [head, ["---"] * width, *cells[1 if header else 0:]])
                caption = argument + (f" {{#{typed(label, 'table')}}}" if label else "")
                return padded(f"{table}\n\n: {caption}" if argument or label else table, lines - 1)
        if name == "bibliography":
            return padded("::: {#refs}\n:::", lines - 1)
        if name in ("epigraph", "pull-quote", "blockquote"):
            return padded("\n".join(f"> {row}" if row else ">" for row in body.strip("\n").split("\n")), lines - 1)
        if name == "raw":
            return padded(f"```{{={argument or 'html'}}}\n{body.strip(chr(10))}\n```", lines - 1)
        if name == "include":
            return match.text(within)  # pasted with the other includes (core.sourcetext.include_lines)
        if name == "literalinclude":
            return match.text(within)  # the file's code is pasted after (with_code), its lines then the file's
        if name in NAVIGATION:
            notes.append((line, f"the MyST directive '{{{name}}}' is left out: it lays out a book, not an article",
                          "list the files in the order they are read instead"))
            return padded("", lines - 1)
        notes.append((line, f"the MyST directive '{{{name}}}' is not read: its content is shown as a plain block",
                      "write it in Markdown, or as a callout (::: {.callout-note})"))
        return padded(f"::: {{.{name}}}\n{body.strip(chr(10))}\n:::", lines - 1)

    def role(match: re.Match, within: str, offset: int, at: int) -> str:
        name, content = match.group("name"), match.group("content")
        if name.startswith("cite"):
            keys = [key.strip() for key in content.split(",") if key.strip()]
            if name in ("cite:t", "cite:ts", "cite:author"):
                return ", ".join(f"@{key}" for key in keys)
            if name == "cite:year":
                return "[" + "; ".join(f"-@{key}" for key in keys) + "]"
            return "[" + "; ".join(f"@{key}" for key in keys) + "]"
        if name in ("ref", "numref", "eq", "doc", "term", "any"):
            titled = re.fullmatch(r"(?P<title>.*?)\s*<(?P<label>[^<>]+)>", content)
            label = titled.group("label") if titled else content
            target = labels.get(label, label)
            if titled and "%s" in titled.group("title") and TYPED.match(target):  # {numref}`Figure %s <map>`
                return f"{titled.group('title').replace('%s', '').strip()} @{target}"
            if titled:
                return f"[{titled.group('title')}](#{target})"
            if name == "eq":
                return f"([-@{target}])"
            if name == "ref" and re.match(r"sec[:-]", target) and label in headings:  # the section's title
                return f"[{headings[label]}](#{target})"
            return f"@{target}" if label in labels and TYPED.match(target) else f"[{label}](#{target})"
        if name in WRAPPING_ROLES:
            return WRAPPING_ROLES[name].format(content)
        if name.startswith("raw:"):  # {raw:typst}`…`: for that format's editions only
            return f"`{content}`{{={name[4:]}}}"
        if name == "abbr":
            return re.sub(r"\s*\([^()]*\)\s*$", "", content)
        notes.append((offset + line_at(at, within), f"the MyST role '{{{name}}}' is not read: its text "
                      "is shown as it is", "write it in Markdown"))
        return content

    def read(part: str, offset: int) -> str:
        pieces, position = [], 0
        for found in directives(part):
            pieces += [part[position:found.start], directive(found, part, offset)]
            position = found.end
        return "".join(pieces) + part[position:]

    # the heading on the target's line, its lines after it: the lines after them keep their numbers
    text = TARGET.sub(lambda m: f"{m.group('heading')} {{#{labels[m.group('label')]}}}\n{m.group('blank')}", text)
    # a target before a figure, table, equation or listing names it (its line the directive's label's)
    text = NAMING_TARGET.sub(lambda m: f"{m.group('open')}\n:label: {m.group('label')}", text)
    # before text, an anchor there; before another block (a list, a pipe table) none: the block
    # would be read as the anchor's paragraph
    text = ANY_TARGET.sub(lambda m: f"[]{{#{m.group('label')}}}" if re.match(r"[ \t]*(?:\n|$|[\w\"'(*_\[])",
                                                                             text[m.end() + 1:m.end() + 3] or "\n")
                          else "", text)
    text = LABELLED_MATH.sub(lambda m: f"$${m.group('math')}$$ {{#{labels[m.group('label')]}}}", text)
    text = read(text, 0)
    # comments, empty links and roles outside code (a role written in a code span or a
    # fenced block is shown as code)
    masked = mask(DISPLAY_MATH, fenced_code_masked(text))  # a % in math is TeX's comment, a role there none
    pieces, position = [], 0
    for match in INLINE.finditer(masked):
        pieces.append(text[position:match.start()])
        original = text[match.start():match.end()]
        if match.group("comment") is not None:
            pieces.append("")
        elif match.group("link") is not None or match.group("at") is not None:
            # MyST's [](#label) and @label (which names a target as a citation names a work):
            # a numbered thing's cross-reference; a place's, a link to it that shows its label
            label = match.group("link") or match.group("at")
            target = labels.get(label)
            pieces.append(original if target is None else f"@{target}" if TYPED.match(target) else
                          f"[{label}](#{target})")
        elif match.group("numbered") is not None:  # [Figure %s](#map): its words, the number in them
            target = labels.get(match.group("numbered_label"))
            words = match.group("numbered").replace("%s", "").strip()
            pieces.append(f"{words} @{target}" if target and TYPED.match(target) else original)
        elif match.group("anchor") is not None:  # a link to a target: its typed id
            label = match.group("anchor")
            pieces.append(f"](#{labels[label]})" if label in labels else original)
        elif match.group("role") is not None:
            pieces.append(role(ROLE.fullmatch(original), text, 0, match.start()))
        else:
            pieces.append(original)  # a code span
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), notes


# A MyST project's configuration, beside its article: what it says of the article is
# under ``project:``.
PROJECT_FILES = ("myst.yml", "myst.yaml")
# project's keys this build reads as its own metadata's of the same name; the authors' keys
PROJECT_KEYS = {"title": "title", "subtitle": "subtitle", "short_title": "short-title", "authors": "authors",
                "keywords": "keywords", "bibliography": "bibliography", "license": "license", "doi": "doi",
                "date": "date", "abstract": "abstract", "affiliations": "affiliations", "copyright": "copyright",
                "journal": "journal", "funding": "funding", "acknowledgements": "acknowledgements",
                "acknowledgments": "acknowledgements", "data_availability": "data-availability"}
AUTHOR_KEYS = {"name": "name", "email": "email", "orcid": "orcid", "affiliations": "affiliation",
               "affiliation": "affiliation", "corresponding": "corresponding", "equal_contributor": "equal-contrib",
               "note": "note"}


def statement(value):
    """MyST's funding (a list of {statement, awards}) or license ({content, code}) as the text
    or the id this build's key holds; anything else as it is."""
    if isinstance(value, dict):
        return value.get("statement") or value.get("content") or value
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        said = [item.get("statement") for item in value if item.get("statement")]
        return " ".join(said) if said else value
    return value


def project_metadata(text: str, beside: list[str] = ()) -> tuple[str, list[tuple[int | None, str, str]]]:
    """A ``myst.yml``'s ``project:`` as this build's metadata (YAML), and a note for what
    of it is not read (``extends:``, authors' roles, the export settings); with no
    ``bibliography``, the ``.bib`` files ``beside`` it, as MyST finds them.

    >>> yaml, notes = project_metadata("version: 1\\nextends: ../papers.yml\\nproject:\\n  title: Pixi\\n"
    ...     "  authors:\\n    - name: Ann Lee\\n      affiliations: [NVIDIA]\\n      roles: [writing]\\n"
    ...     "  bibliography: [mybib.bib]\\n  exports: [{format: typst}]\\n")
    >>> print(yaml)
    title: Pixi
    authors:
    - name: Ann Lee
      affiliation:
      - NVIDIA
    bibliography:
    - mybib.bib
    <BLANKLINE>
    >>> [message for _, message, _ in notes]
    ["myst.yml's 'extends' is not read: what the file it names sets is in no edition", "myst.yml's 'roles' (of its authors) are not read", "myst.yml's 'exports' is not read"]
    """
    import yaml

    try:
        read = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return text, []  # its mistake is named by the metadata's own checks
    project = read.get("project") if isinstance(read, dict) else None
    if not isinstance(project, dict):
        return "", []
    notes: list[tuple[int | None, str, str]] = []
    if "extends" in read:
        notes.append((None, "myst.yml's 'extends' is not read: what the file it names sets is in no edition",
                      "copy what the article needs from it into myst.yml or the front matter"))
    metadata = {PROJECT_KEYS[key]: statement(value) if key in ("funding", "license") else value
                for key, value in project.items() if key in PROJECT_KEYS}
    if "bibliography" not in metadata and beside:
        metadata["bibliography"] = list(beside)
    roles = False
    if isinstance(metadata.get("authors"), list):
        authors = []
        for author in metadata["authors"]:
            if isinstance(author, dict):
                roles = roles or "roles" in author
                author = {AUTHOR_KEYS[key]: value for key, value in author.items() if key in AUTHOR_KEYS}
            authors.append(author)
        metadata["authors"] = authors
    if roles:
        notes.append((None, "myst.yml's 'roles' (of its authors) are not read",
                      "give CRediT's roles in the front matter: roles: [conceptualization, software]"))
    notes += [(None, f"myst.yml's '{key}' is not read", "it sets up MyST's own build, not the article")
              for key in project if key not in PROJECT_KEYS and key in ("exports", "toc", "plugins", "jupyter")]
    return yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False), notes
