"""What the build accepts as source text, checked before pandoc reads it: UTF-8,
no control characters, and no nesting that pandoc's reader cannot take.

Each check returns the problem as (line, message, hint), or None:

>>> control_character("a\\nb\\x00c")
(2, 'control character U+0000 (NUL)', 'delete it: no edition can hold it (XML forbids it)')
>>> control_character("Title \\uffff")[:2], control_character("It\\x92s")[1]
((1, 'noncharacter U+FFFF'), 'control character U+0092')
>>> bracket_nesting("[[[[[[[x]]]]]]]")[:2]
(1, 'brackets nested 7 deep')
>>> bracket_nesting("`[[[[[[[`, \\\\[\\\\[\\\\[\\\\[\\\\[\\\\[\\\\[ and [[a]{.b}]") is None
True

Why these limits: pandoc's Markdown reader backtracks on nested brackets (with
citations and bracketed spans, both of which the build needs), taking time
exponential in the depth: 0.1 s at 5 levels, 1 s at 8, over 10 minutes and
6 GB at 12 (pandoc 3.9). Nested lists take it 1.7 s at 400 levels and 15 s at
800; beyond about 250 levels of any kind Python's JSON reader gives up. A YAML
alias repeats what its anchor names: eight levels of nine make 43 million
values, which pandoc expands until memory runs out. An article needs a few
levels of each and no aliases.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from core.names import (
    ALT_OPTION,
    CELL_CLASS,
    CELL_HIDDEN_ATTRIBUTE,
    CELL_LABEL_ATTRIBUTE,
)

# C0 controls other than tab, line feed and carriage return: XML 1.0 (so the
# EPUB and the HTML edition) cannot hold them, and pandoc passes them through.
# C0 and C1 controls (a C1 is most often a Windows-1252 quote read as Latin-1: U+0092 for ’)
# and the two noncharacters XML forbids, U+FFFE and U+FFFF.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
CONTROL_NAMES = {0x00: "NUL", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                 0x1B: "escape"}

MAX_BRACKET_DEPTH = 5
MAX_BLOCK_DEPTH = 64

CODE_SPAN = re.compile(r"(`+).*?\1")
ESCAPE = re.compile(r"\\.")
BRACKET_OR_BREAK = re.compile(r"[\[\]]|\n[ \t]*\n")
# What opens the lines of nested blocks: indentation, quote marks, list markers.
BLOCK_PREFIX = re.compile(r"^(?:[ \t]|>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]))+", re.M)
YAML_BLOCK = re.compile(r"^---[ \t]*\n(?![ \t]*\n)(.*?)^(?:---|\.\.\.)[ \t]*$", re.M | re.S)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def lines_at(text: str, offsets) -> list[int]:
    r"""The line of each offset (in ascending order), counted on from one to the
    next: one pass over the text, however many offsets.

    >>> lines_at("a\nb\n\nc", [0, 2, 5, 5])
    [1, 2, 4, 4]
    """
    lines, line, counted = [], 1, 0
    for offset in offsets:
        line += text.count("\n", counted, offset)
        counted = offset
        lines.append(line)
    return lines


# The same characters as JSON writes them (pandoc's output, a CSL-JSON file): a YAML or
# JSON escape ("\x00", "\u001b") makes one that the raw text did not show.
ESCAPED_CONTROL = re.compile(r"\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|\\u[fF]{3}[eEfF]")
# Half of a UTF-16 pair written alone ("\ud800"): JSON reads it as a character no text
# can hold (UTF-8 cannot write it, so neither can a tool's input).
ESCAPED_LONE_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                                    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                                    r"|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}")  # YAML's \U…, never a pair


# How a text writes a character as an escape: YAML's in a double-quoted value (\x85, \u0085,
# \U00000085, and the one-letter ones) and HTML's numeric entities, which pandoc reads in
# Markdown (&#133;, &#x85;).
WRITTEN_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0abtvfeN]))"
                            r"|&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")
YAML_LETTERS = {"0": 0x00, "a": 0x07, "b": 0x08, "t": 0x09, "v": 0x0B, "f": 0x0C, "e": 0x1B, "N": 0x85}


def escape_of(text: str, code: int) -> tuple[int, str] | None:
    r"""Where ``text`` writes character ``code`` as an escape or an entity: (line, as written).

    >>> escape_of('title: "A\\x85B"', 0x85), escape_of("a\n\nText &#xFFFE; here", 0xFFFE)
    ((1, '\\x85'), (3, '&#xFFFE;'))
    >>> escape_of('t: "\\N"', 0x85), escape_of("&#133;", 0x85), escape_of("plain", 0x85)
    ((1, '\\N'), (1, '&#133;'), None)
    """
    for match in WRITTEN_ESCAPE.finditer(text):
        hexadecimal = match.group(1) or match.group(2) or match.group(3) or match.group(6)
        value = (int(hexadecimal, 16) if hexadecimal else int(match.group(5)) if match.group(5)
                 else YAML_LETTERS[match.group(4)])
        if value == code:
            return line_of(text, match.start()), match.group()
    return None


def control_character(text: str) -> tuple[int, str, str] | None:
    match = CONTROL.search(text)
    if not match:
        return None
    code = ord(match.group())
    name = f" ({CONTROL_NAMES[code]})" if code in CONTROL_NAMES else ""
    what = "noncharacter" if code > 0xFFFD else "control character"
    return (line_of(text, match.start()), f"{what} U+{code:04X}{name}",
            "delete it: no edition can hold it (XML forbids it)" if code < 0x7F or code > 0xFFFD else
            "delete it, or write the character meant (a Windows-1252 quote read as Latin-1 is one: U+0092 for ’)")


def lone_surrogate(text: str) -> tuple[int, str, str] | None:
    """Half of a UTF-16 pair written as an escape (JSON's, YAML's), as the checks above.

    >>> lone_surrogate('{"title": "a\\\\ud800"}')[:2], lone_surrogate('"\\\\ud83d\\\\ude00"')
    ((1, "'\\\\ud800' is half of a UTF-16 pair, no character"), None)
    """
    match = ESCAPED_LONE_SURROGATE.search(text)
    if not match:
        return None
    return (line_of(text, match.start()), f"'{match.group()}' is half of a UTF-16 pair, no character",
            "write the character itself, or both halves of its pair (\\ud83d\\ude00)")


FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
FENCE_END = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*\n?")


def fenced_code_masked(text: str) -> str:
    r"""``text`` with its fenced code blocks overwritten by ``x`` (line breaks kept), in one
    pass over its lines, as a Markdown reader reads them: a fence runs to the first line of
    the same character, at least as long, with nothing else on it, or to the end.

    >>> fenced_code_masked("a\n```py\n[x]\n```\nb\n~~~~\n~~~\nc")
    'a\nxxxxx\nxxx\nxxx\nb\nxxxx\nxxx\nx'
    """
    return fenced_code(text)[0]


@lru_cache(maxsize=16)  # each source is read by several checks: masked once
def fenced_code(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``fenced_code_masked``'s text, and each opening fence's line number and line."""
    fence, result, openers = None, [], []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        if fence is None:
            opening = FENCE.match(line)
            fence = opening.group(1) if opening and not (opening.group(1)[0] == "`" and "`" in
                                                             line[opening.end():]) else None
            if fence:
                openers.append((number, line.rstrip("\n")))
        else:
            closing = FENCE_END.fullmatch(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                result.append(re.sub(r"[^\n]", "x", line))
                fence = None
                continue
        result.append(re.sub(r"[^\n]", "x", line) if fence else line)
    return "".join(result), tuple(openers)


# pandoc's attributes after a fence: {.class #id key=value key="a value" =rawformat}
ATTRIBUTE = r"""(?:[.#][^\s{}="']++|[^\s{}="']++=(?:"[^"\n]*+"|'[^'\n]*+'|[^\s{}"']*+)|=[A-Za-z][\w+-]*+)"""
FENCE_ATTRIBUTES = re.compile(r"[ \t]*(?:`{3,}|~{3,})[ \t]*[\w+-]*[ \t]*(\{.*)")
# (possessive: a long line is looked at once, not once for each way to split its spaces)
READABLE_ATTRIBUTES = re.compile(rf"\{{[ \t]*+(?:{ATTRIBUTE}(?:[ \t]++{ATTRIBUTE})*+)?[ \t]*+\}}[ \t]*+")


def unread_fences(text: str) -> list[tuple[int, str]]:
    r"""The fences whose attributes pandoc cannot read (line, attributes): it then reads
    no code block there, and pairs the fences after it wrongly, printing text as code
    and code as text (a knitr chunk's header is read before this: ``executable_cells``;
    a knitr child chunk is none: the files it names are pasted there, ``include_lines``).

    >>> unread_fences('```{.r #a key="x y"}\nx\n```\n\n```{.py caption="a {b}"\nx\n```\n')
    [(5, '{.py caption="a {b}"')]
    """
    return [(number, match.group(1)) for number, line in fenced_code(text)[1]
            for match in [FENCE_ATTRIBUTES.fullmatch(line)] if match and not READABLE_ATTRIBUTES.fullmatch(match.group(1))
            and not (re.match(r"\{\s*[Rr]\b", match.group(1)) and CHILD_OPTION.search(match.group(1)))]


def mask(pattern: re.Pattern, text: str) -> str:
    """``text`` with the pattern's matches overwritten by ``x``, line breaks kept:
    the rest keeps its offsets, so line numbers still hold.

    >>> mask(CODE_SPAN, "a `[b]` [c]")
    'a xxxxx [c]'
    """
    return pattern.sub(lambda m: re.sub(r"[^\n]", "x", m.group()), text)


def bracket_nesting(text: str) -> tuple[int, str, str] | None:
    """The first place where square brackets (links, spans, citations, notes)
    nest deeper than MAX_BRACKET_DEPTH; code and escaped brackets do not count,
    and a blank line ends every bracket (no inline crosses a paragraph)."""
    if text.count("[") <= MAX_BRACKET_DEPTH:
        return None
    plain = mask(ESCAPE, mask(CODE_SPAN, fenced_code_masked(text)))
    depth = deepest = 0
    too_deep = None  # where the depth first passed the limit
    for match in BRACKET_OR_BREAK.finditer(plain):
        mark = match.group()
        depth = depth + 1 if mark == "[" else max(depth - 1, 0) if mark == "]" else 0
        deepest = max(deepest, depth)
        if too_deep is None and depth > MAX_BRACKET_DEPTH:
            too_deep = match.start()
        if too_deep is not None and depth == 0:
            break
    if too_deep is None:
        return None
    return (line_of(plain, too_deep), f"brackets nested {deepest} deep",
            f"pandoc cannot read more than {MAX_BRACKET_DEPTH} levels of links, "
            "spans, citations and notes inside one another in reasonable time")


def block_depth(prefix: str) -> int:
    """Blocks a line's opening opens, at most: each quote mark and list marker
    one (with the space after it), the rest of the indentation one per two
    columns (a tab is four).

    >>> block_depth("> > > "), block_depth("    - "), block_depth("      1. ")
    (3, 3, 4)
    """
    marks = len(re.findall(r">|[-+*]|\d+[.)]", prefix))
    columns = prefix.count(" ") + 4 * prefix.count("\t")
    return marks + max(columns - marks, 0) // 2


def block_nesting(text: str) -> tuple[int, str, str] | None:
    """The first line that opens more than MAX_BLOCK_DEPTH nested blocks (quotes,
    list items, indentation); code blocks do not count."""
    if "```" in text or "~~~" in text:
        text = fenced_code_masked(text)
    for match in BLOCK_PREFIX.finditer(text):
        prefix = match.group()
        if 2 * len(prefix) <= MAX_BLOCK_DEPTH:
            continue  # the cheap test: no character opens more than two levels
        depth = block_depth(prefix)
        if depth > MAX_BLOCK_DEPTH:
            return (line_of(text, match.start()), f"lists or quotes nested about {depth} deep",
                    f"the build takes at most {MAX_BLOCK_DEPTH} levels of blocks inside one another")
    return None


def yaml_alias(text: str, first_line: int = 1) -> tuple[int, str, str] | None:
    """The first YAML alias (``*name``) of a metadata text. Only a text that has
    both ``&`` and ``*`` can hold an anchor and its alias, so most are not parsed."""
    if "&" not in text or "*" not in text:
        return None
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                return (first_line + event.start_mark.line, f"YAML alias '*{event.anchor}'",
                        "write the value out: aliases repeat values without limit, "
                        "so metadata may not use them")
    except yaml.YAMLError:
        return None  # pandoc reports the syntax error, and PyYAML names its line
    return None


def metadata_blocks(markdown: str):
    """(first line, text) of each YAML metadata block of a Markdown text."""
    if "---" not in markdown:
        return
    for match in YAML_BLOCK.finditer(markdown):
        yield line_of(markdown, match.start(1)), match.group(1)


# A pipe table's line under its header: | --- | :-: |, its outer pipes optional.
PIPE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|"
                            r"^[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*$")
CELL_BORDER = re.compile(r"(?<!\\)\|")


def pipe_cells(line: str) -> int:
    r"""How many cells a pipe table's row holds (a pipe in code or escaped divides none).

    >>> pipe_cells("| a | b | `x|y` |"), pipe_cells(r"a | b \| c"), pipe_cells("| 1 | 2 | 3 | 4 |")
    (3, 2, 4)
    """
    row = CODE_SPAN.sub("code", line.strip())
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(CELL_BORDER.split(row))


def overfull_rows(text: str) -> list[tuple[int, int, int]]:
    r"""The rows of pipe tables that hold more cells than their header: (line, cells,
    header's cells). pandoc's reader drops the cells past the header's, in every edition.

    >>> overfull_rows("| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 |\n\nText | with | pipes")
    [(3, 4, 3)]
    """
    lines = fenced_code_masked(text).split("\n")
    found = []
    for index in range(1, len(lines)):
        if not PIPE_SEPARATOR.match(lines[index]) or "|" not in lines[index - 1]:
            continue
        header = pipe_cells(lines[index - 1])
        for number in range(index + 1, len(lines)):
            if not lines[number].strip() or "|" not in lines[number]:
                break
            cells = pipe_cells(lines[number])
            if cells > header:
                found.append((number + 1, cells, header))
    return found


# A simple or multiline table's line under its header: groups of dashes, one a column.
COLUMN_RULE = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$")
FULL_RULE = re.compile(r"^[ \t]*-{3,}[ \t]*$")


def cut_words(text: str) -> list[tuple[int, str]]:
    r"""The words of simple and multiline tables that a column's edge runs through: pandoc
    cuts each cell at the columns its dashes give, so ``@Gonzalez2006`` written across one
    becomes ``@G`` in one cell and ``onzalez2006`` in the next. (line, word).

    >>> cut_words("  Name   Source\n  -----  ------\n  One    @Gonzalez2006\n  Two   @Smith2001\n\nText.\n")
    [(4, '@Smith2001')]
    """
    lines = fenced_code_masked(text).split("\n")
    found = []
    for index, rule in enumerate(lines):
        if not COLUMN_RULE.match(rule):
            continue
        edges = [match.start() for match in re.finditer(r"-+", rule)][1:]
        top = index - 1  # a multiline table's header (of one line or more) stands under a full rule
        while top > 0 and lines[top].strip():
            top -= 1
        multiline = FULL_RULE.match(lines[top]) is not None or FULL_RULE.match(lines[top + 1]) is not None
        for number in range(index + 1, len(lines)):
            row = lines[number]
            if FULL_RULE.match(row) or (not row.strip() and not multiline):
                break
            for edge in edges:
                if 0 < edge < len(row) and not row[edge - 1].isspace() and not row[edge].isspace():
                    start = len(row[:edge]) - len(row[:edge].split()[-1])
                    found.append((number + 1, row[start:].split()[0]))
    return found


LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)[^%\n]*%\}")


def template_tags(text: str) -> list[tuple[int, str]]:
    r"""The template language's tags in a text written for a site generator (Jekyll's Liquid:
    ``{% include figure.html %}``, ``{% raw %}``), outside code: (line, tag). This build runs
    no template language: pandoc prints each as text.

    >>> template_tags("Text.\n\n{% include fig.html src='a.png' %}\n\n`{% raw %}` and\n```\n{% if x %}\n```\n")
    [(3, "{% include fig.html src='a.png' %}")]
    """
    masked = mask(CODE_SPAN, fenced_code_masked(text))
    return [(line_of(text, match.start()), match.group()) for match in LIQUID_TAG.finditer(masked)]


UNCLOSED_COMMENTS = 20  # pandoc's reader takes each "<!--" with no end in time of all the text after it


def unclosed_comments(text: str) -> tuple[int, str, str] | None:
    r"""A text of many comment openers ``<!--`` that no ``-->`` closes: pandoc's reader looks
    for each one's end through the rest of the text (25,000 of them, 100 KB, took it two
    minutes). (line of the first, message, hint), or None.

    >>> unclosed_comments("a <!-- b --> c" + " <!--" * 30)[:2]
    (1, 'this text holds 30 comment openers (<!--) that no --> closes')
    >>> unclosed_comments("<!-- a\n<!-- b -->") is None
    True
    """
    last_end = text.rfind("-->")
    count = text.count("<!--", last_end + 3 if last_end >= 0 else 0)
    if count <= UNCLOSED_COMMENTS:
        return None
    first = text.find("<!--", last_end + 3 if last_end >= 0 else 0)
    return (line_of(text, first), f"this text holds {count:,} comment openers (<!--) that no --> closes",
            "close each comment with -->, or write the characters as &lt;!--")


def markdown_problems(text: str) -> list[tuple[int, str, str]]:
    """Every check a Markdown source must pass, in order of the text's lines."""
    found = [control_character(text), bracket_nesting(text), block_nesting(text), unclosed_comments(text)]
    found += [yaml_alias(block, line) for line, block in metadata_blocks(text)]
    return sorted(problem for problem in found if problem)


def yaml_problems(text: str) -> list[tuple[int, str, str]]:
    return [problem for problem in (control_character(text), yaml_alias(text)) if problem]


# --- what pandoc's reader repeats ------------------------------------------------------------
# A note's text is copied into the document at each of its references, and a link
# reference's address and title at each of its uses: 20 KB of note referenced 5,000
# times (40 KB of Markdown) took pandoc 43 s and 5 GB, and Python 8 GB after it. What
# the sources would become is counted over all of them, before pandoc reads any.
NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
NOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\]\^\n][^\]\n]*)\]:[^\n]*(?:\n[ \t]+[\"'(][^\n]*)?", re.M)
LINK_USE = re.compile(r"\[([^\]\n]+)\](?!:|\()")


def label(text: str) -> str:
    return " ".join(text.split()).casefold()


def note_extent(text: str, start: int) -> int:
    """Where the note defined at ``start`` ends: its first paragraph, then every
    following block indented under it."""
    lines = text[start:].split("\n")
    end, position, blank = start + len(lines[0]), 1, False
    while position < len(lines):
        line = lines[position]
        if not line.strip():
            blank = True
        elif blank and not line.startswith(("    ", "\t")) or NOTE_DEFINITION.match(line):
            break
        else:
            blank = False
            end = start + sum(len(previous) + 1 for previous in lines[:position]) + len(line)
        position += 1
    return end


def repeated_text(texts: list[str], budget: int) -> tuple[int, int, str, str] | None:
    """(source's index, line, message, hint) when the notes and link references, each
    counted at every use, would make more text than ``budget``; else None.

    >>> repeated_text(["a[^n] b[^n]\\n\\n[^n]: " + "x" * 40], 100) is None
    True
    >>> repeated_text(["a[^n] b[^n] c[^n]\\n\\n[^n]: " + "x" * 40], 100)[:2]
    (0, 3)
    >>> repeated_text(["[a][r] [a][r] [r]\\n\\n[r]: http://e/ 'title'"], 40)[1:3]
    (3, 'the link reference [r] is repeated at each of its 3 uses: 3 × 22 characters')
    """
    masked = [mask(CODE_SPAN, fenced_code_masked(text)) for text in texts]
    sizes: dict[tuple[str, str], tuple[int, int, int]] = {}  # (kind, label) → (size, source, line)
    for index, text in enumerate(masked):
        for match in NOTE_DEFINITION.finditer(text):
            sizes.setdefault(("note", match.group(1)),
                             (note_extent(text, match.start()) - match.start(), index, line_of(text, match.start())))
        for match in LINK_DEFINITION.finditer(text):
            sizes.setdefault(("link", label(match.group(1))), (len(match.group()), index, line_of(text, match.start())))
    uses: dict[tuple[str, str], int] = {}
    for text in masked:
        for match in NOTE_REFERENCE.finditer(text):
            uses[("note", match.group(1))] = uses.get(("note", match.group(1)), 0) + 1
        for match in LINK_USE.finditer(text):
            key = ("link", label(match.group(1)))
            if key in sizes:
                uses[key] = uses.get(key, 0) + 1
    total, largest = 0, None
    for key, count in uses.items():
        if key in sizes and count > 1:
            cost = count * sizes[key][0]
            total += cost
            if largest is None or cost > largest[0]:
                largest = (cost, key, count)
    if total <= budget or largest is None:
        return None
    cost, (kind, name), count = largest
    size, index, line = sizes[(kind, name)]
    what = f"the note [^{name}]" if kind == "note" else f"the link reference [{name}]"
    return (index, line, f"{what} is repeated at each of its {count} uses: {count} × {size} characters",
            "pandoc copies a note's or a link reference's text at each use: write a shorter one, or fewer uses "
            f"(the notes and link references repeated come to {total:,} characters, over the text limit of "
            f"{budget:,})")


# A code cell of Quarto, R Markdown or Jupytext: ```{python}, ```{r echo=FALSE}, ```{julia}
# (its options may quote a brace: fig.cap="A plot. \\label{one}")
EXECUTABLE_CELL = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*\{([A-Za-z][\w+-]*)"
                             r"((?:[ \t,](?:\"[^\"\n]*\"|'[^'\n]*'|[^}\n\"'])*)?)\}[ \t]*$", re.M)
# A knitr chunk's name: its first option when it has no value ({r plot1, …}), or label="…"
KNITR_LABEL = re.compile(r"""[ \t,]*(?:([\w.:-]+)[ \t]*(?:,|$)|.*?\blabel[ \t]*=[ \t]*["']([\w.:-]+)["'])""")


# What hides a cell in knitr's header ({r setup, include=FALSE}) or in Quarto's and knitr's
# option lines (#| echo: false): the author shows neither it nor, here, what it would make.
HIDING_OPTION = re.compile(r"(?:^|[ \t,])(echo|include)[ \t]*=[ \t]*(?:FALSE|F)\b")
HIDING_LINE = re.compile(r"(?:#|//|--|%%?)\|[ \t]*(echo|include)[ \t]*:[ \t]*false[ \t]*")
# What keeps a cell from running (eval=FALSE, #| eval: false): shown, it makes nothing
NOT_RUN_OPTION = re.compile(r"(?:^|[ \t,])eval[ \t]*=[ \t]*(?:FALSE|F)\b")
NOT_RUN_LINE = re.compile(r"(?:#|//|--|%%?)\|[ \t]*eval[ \t]*:[ \t]*false[ \t]*")
# What shows a cell that the document hides by default (echo=TRUE, #| echo: true)
SHOWING_OPTION = re.compile(r"(?:^|[ \t,])echo[ \t]*=[ \t]*(?:TRUE|T)\b")
SHOWING_LINE = re.compile(r"(?:#|//|--|%%?)\|[ \t]*echo[ \t]*:[ \t]*true[ \t]*")
# knitr's setup chunk: knitr::opts_chunk$set(echo = FALSE, …) hides every chunk after it
KNITR_DEFAULTS = re.compile(r"opts_chunk\$set\(([^()]{0,2000})\)")  # bounded: linear in any text
OPTION_LINE = re.compile(r"[ \t]*(?:#|//|--|%%?)\|")
# knitr's child chunk ({r child="methods.Rmd"}): no code, an include
CHILD_OPTION = re.compile(r"(?:^|[ \t,])child[ \t]*=")
# Quarto's name of a cell: #| label: fig-a
LABEL_LINE = re.compile(r"(?:#|//|--|%%?)\|[ \t]*label[ \t]*:[ \t]*[\"']?([\w.:-]+)[\"']?[ \t]*")


# A cell that only shows picture files (knitr's include_graphics, IPython's Image): string
# literals only, so the build shows the files without running anything
R_PICTURES = re.compile(r"""(?:knitr::)?include_graphics\(\s*(?:c\(\s*)?((?:"[^"\\\n]+"|'[^'\\\n]+')"""
                        r"""(?:\s*,\s*(?:"[^"\\\n]+"|'[^'\\\n]+'))*)\s*\)?\s*(?:,[^()\n]*)?\)""")
# … or the files here::here() names from the project's root (R projects' way to name a
# file wherever the text is knitted): a path from the root, written "/figs/x.png"
R_HERE_PICTURE = re.compile(r"""(?:knitr::)?include_graphics\(\s*(?:here::)?here\(\s*((?:"[^"\\\n/]+(?:/[^"\\\n/]+)*"|'[^'\\\n/]+(?:/[^'\\\n/]+)*')"""
                            r"""(?:\s*,\s*(?:"[^"\\\n/]+"|'[^'\\\n/]+'))*)\s*\)\s*(?:,[^()\n]*)?\)""")
PYTHON_PICTURE = re.compile(r"""(?:display\()?(?:IPython\.display\.)?Image\(\s*(?:filename\s*=\s*)?"""
                            r"""("[^"\\\n]+"|'[^'\\\n]+')[^()\n]*\)\)?""")
PICTURE_IMPORT = re.compile(r"from IPython\.display import (?:Image|display)(?:\s*,\s*(?:Image|display))?|"
                            r"import IPython(?:\.display)?|library\(knitr\)")
CELL_OPTION = re.compile(r"""(?:^|[ \t,])(fig\.cap|fig\.alt|out\.width)[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")
OPTION_VALUE = re.compile(r"""(?:#|//|--|%%?)\|[ \t]*(fig-cap|fig-alt|out-width)[ \t]*:[ \t]*(.+?)[ \t]*""")


SUBCAPTIONS = re.compile(r"(?:^|[ \t,])fig\.subcap[ \t]*=[ \t]*c\(([^()\n]*)\)")
PICTURE_PATH = re.compile(r"[^<>\\\n]{1,500}")
PICTURE_WIDTH = re.compile(r"\d{1,4}(?:\.\d{1,3})?(?:%|px|cm|mm|in|pt|em)?")
TEXT_VALUE = re.compile(r"[^<>\n]{1,500}")  # an option's text written as an attribute's value


R_ESCAPE = re.compile(r"""\\(?:([\\"'`])|([ntrfvab0])|x([0-9a-fA-F]{1,2})|u\{?([0-9a-fA-F]{1,4})\}?|U\{?([0-9a-fA-F]{1,8})\}?)""")
R_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "b": "\b", "0": ""}


def r_string(literal: str) -> str:
    r"""An R string literal's text, its escapes read as R reads them: a knitr option's
    ``fig.cap="95\\% CI, see \\citep{k}"`` is the caption ``95\% CI, see \citep{k}`` (LaTeX,
    as knitr hands it to the LaTeX output); the doubled backslashes were printed.

    >>> r_string(r'"95\\% CI, \\citep{k}, \"q\", caf\u00e9"')
    '95\\% CI, \\citep{k}, "q", café'
    >>> r_string(r"'it\'s'")
    "it's"
    """
    def read(match: re.Match) -> str:
        quoted, named, byte, short, long = match.groups()
        if quoted:
            return quoted
        if named:
            return R_ESCAPED[named]
        return chr(int(byte or short or long, 16))

    return R_ESCAPE.sub(read, literal[1:-1])


def picture_cell(header: str, body: list[str]) -> tuple[list[str], str, str, str, str] | None:
    r"""The picture files a cell only shows, its caption, its width, its name and its
    alternative text — or None for a cell with any other code (it makes what only running
    it can). ``header``: the options after the cell's language (`` map, echo=FALSE``).

    >>> picture_cell(' map, echo=FALSE, fig.cap="The area.", out.width="80%", fig.alt="A map"',
    ...              ['knitr::include_graphics("figures/map.png")'])
    (['figures/map.png'], 'The area.', '80%', 'map', 'A map')
    >>> picture_cell("", ["#| label: fig-a", "#| fig-cap: 'A plot'", "from IPython.display import Image",
    ...                   "Image(filename='a.png')"])
    (['a.png'], 'A plot', '', 'fig-a', '')
    >>> picture_cell(' map2, fig.cap="Photo."', ['knitr::include_graphics(here::here("figs", "x.jpeg"))'])[0]
    ['/figs/x.jpeg']
    >>> picture_cell("", ["plot(1)"]) is None
    True
    """
    options = dict((name, r_string(literal)) for name, literal in CELL_OPTION.findall(header))
    name = KNITR_LABEL.match(header)
    label = (name.group(1) or name.group(2) or "") if name else ""
    code = []
    for line in body:
        option = OPTION_VALUE.fullmatch(line.strip())
        named = LABEL_LINE.fullmatch(line.strip())
        if option:
            options[option.group(1).replace("-", ".")] = option.group(2).strip("\"'")
        elif named:
            label = named.group(1)
        elif line.strip() and not line.strip().startswith("#") and not PICTURE_IMPORT.fullmatch(line.strip()):
            code.append(line.strip())
    joined = " ".join(code)
    found = R_PICTURES.fullmatch(joined) or PYTHON_PICTURE.fullmatch(joined)
    here = R_HERE_PICTURE.fullmatch(joined) if not found else None
    if not found and not here:
        return None
    literals = [literal[1:-1] for literal in re.findall(r""""[^"]+"|'[^']+'""", (found or here).group(1))]
    paths = ["/" + "/".join(literals)] if here else literals
    caption = options.get("fig.cap", "")
    # what the figure's Markdown can hold as it is written: a path without <, >, \ (its
    # brackets), a width of a length's form, a caption whose brackets nest as the text's may
    if not all(PICTURE_PATH.fullmatch(path) for path in paths) or bracket_nesting(caption):
        return None
    width = options.get("out.width", "")
    alt = options.get("fig.alt", "")
    return paths, caption, width if PICTURE_WIDTH.fullmatch(width) else "", label, alt if TEXT_VALUE.fullmatch(alt) else ""


def part_captions(header: str) -> list[str]:
    """knitr's captions of a figure's parts: ``fig.subcap = c("Ports", "Pipelines")``.

    >>> part_captions(' two, fig.cap="Both.", fig.subcap=c("Ports", "Pipes")')
    ['Ports', 'Pipes']
    """
    listed = SUBCAPTIONS.search(header)
    return [a or b for a, b in re.findall(r'"([^"\n]*)"|\'([^\'\n]*)\'', listed.group(1))] if listed else []


def picture_cells(text: str) -> str:
    """The text with each cell that only shows picture files (``picture_cell``) written as
    the figure it makes — ``![caption](file){#fig:name}``, or a figure of several, each a
    part of it — in as many lines as the cell took, so that every later line keeps its number.

    >>> picture_cells('A.\\n\\n```{r map, fig.cap="The area."}\\nknitr::include_graphics("m.png")\\n```\\nB.\\n')
    'A.\\n\\n![The area.](<m.png>){#fig:map}\\n\\n\\nB.\\n'
    """
    out, position = [], 0
    for match in EXECUTABLE_CELL.finditer(text):
        if match.start() < position:
            continue
        fence = match.group(2)
        # a picture cell is a few lines: its end is looked for that far (linear in any text)
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M).search(
            text, match.end(), match.end() + 4000)
        if not closing:
            continue
        body = text[match.end() + 1:closing.start()].split("\n")[:-1] if closing.start() > match.end() else []
        picture = picture_cell(match.group(4) or "", body)
        if picture is None:
            continue
        paths, caption, width, label, alt = picture
        lines = text.count("\n", match.start(), closing.end())
        attributes = (f"#{label if label.startswith('fig-') else 'fig:' + label}" if label else "") + (
            f' width="{width}"' if width else "") + (f' {ALT_OPTION}="{quoted_value(alt)}"' if alt else "")
        if len(paths) == 1:
            figure = f"![{escaped_caption(caption)}](<{paths[0]}>)" + (f"{{{attributes}}}" if attributes else "")
        else:  # in three lines, as few as a cell has: its pictures are the figure's parts
            quoted = quoted_value(caption)
            parts = part_captions(match.group(4) or "")
            parts = [escaped_caption(part) if not bracket_nesting(part) else "" for part in parts]
            figure = f'::: {{{attributes} fig-cap="{quoted}"}}\n' + " ".join(
                f"![{parts[index] if index < len(parts) else ''}](<{path}>)" for index, path in enumerate(paths)) + "\n:::"
        figure_lines = figure.count("\n")
        out += [text[position:match.start()], figure, "\n" * max(lines - figure_lines, 0)]
        position = closing.end()
    return "".join(out) + text[position:]


def quoted_value(text: str) -> str:
    r"""Text as the value of a Markdown attribute, between double quotes.

    >>> quoted_value('A "map" \\ here')
    'A \\"map\\" \\\\ here'
    """
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def escaped_caption(caption: str) -> str:
    r"""A caption as the text of an image's brackets: a bracket of its own escaped, the
    rest as written (knitr hands a caption on as Markdown, or as LaTeX to LaTeX: its
    ``95\%``, ``\citep{k}`` are the text's, not characters to print).

    >>> print(escaped_caption(r"Sites [n = 4], 95\% CI \citep{k}"))
    Sites \[n = 4\], 95\% CI \citep{k}
    >>> print(escaped_caption(r"a \\[b] c\\"), escaped_caption("ends in \\"))
    a \\\[b\] c\\ ends in \\
    """
    # a backslash with what it escapes as written; a bracket alone escaped; a backslash that
    # ends the caption doubled (it would escape the image's closing bracket)
    return CAPTION_TOKEN.sub(lambda token: "\\" + token.group() if token.group() in "[]\\" else token.group(),
                             caption.replace("\n", " "))


CAPTION_TOKEN = re.compile(r"\\.|[\[\]\\]")


def executable_cells(text: str, default: str = "") -> tuple[str, list[tuple[int, str, str]]]:
    """The text with each executable code cell's fence written as pandoc reads a code
    block (```` ```{python} ```` → ```` ```{.python .cell} ````: pandoc takes
    ``{python}`` for no attributes, and pairs the fences wrongly after it, printing
    whole sections as code), and where each cell is, with its language and the option
    that hides it ("" if none). This build runs no code: a cell is shown as its code,
    or left out when its author hid it (``echo=FALSE``, ``#| include: false``), or hid
    every cell (``default``: ``"echo"``, from ``cell_default``) and did not show this one
    (``echo=TRUE``, ``#| echo: true``).

    >>> text, cells = executable_cells("Text.\\n\\n```{r echo=FALSE}\\nplot(x)\\n```\\n")
    >>> text.splitlines()[2], cells
    ('```{.r .cell cell-hidden="echo"}', [(3, 'r', 'echo')])
    >>> executable_cells("```{python}\\n#| include: false\\nimport os\\n```\\n")[1]
    [(1, 'python', 'include')]
    >>> executable_cells("```{r}\\nx\\n```\\n```{r echo=TRUE}\\ny\\n```\\n", default="echo")[1]
    [(1, 'r', 'echo'), (4, 'r', '')]

    A knitr chunk's name (its first option without a value, or ``label=``) is kept:

    >>> executable_cells('```{r plot1, fig.cap="A plot"}\\nplot(1)\\n```\\n')[0].splitlines()[0]
    '```{.r .cell cell-label="plot1"}'
    >>> executable_cells('```{r one, fig.cap="A run. \\\\label{one}"}\\nplot(1)\\n```\\n')[1]
    [(1, 'r', '')]
    >>> executable_cells('```{r}\\n#| echo: false\\n#| label: fig-a\\nplot(1)\\n```\\n')[0].splitlines()[0]
    '```{.r .cell cell-label="fig-a" cell-hidden="echo"}'
    """
    cells: list[tuple[int, str, str]] = []
    breaks = [index for index, character in enumerate(text) if character == "\n"]

    def line_at(offset: int) -> int:  # (counted from the start for each cell, 2 MB of cells took minutes)
        return bisect.bisect_left(breaks, offset) + 1

    def fence(match: re.Match) -> str:
        if CHILD_OPTION.search(match.group(4) or ""):
            return match.group(0)  # knitr's child chunk: the files it names are pasted there (include_lines)
        hidden = HIDING_OPTION.search(match.group(4) or "")
        shown = SHOWING_OPTION.search(match.group(4) or "")
        not_run = NOT_RUN_OPTION.search(match.group(4) or "")
        name = KNITR_LABEL.match(match.group(4) or "")
        named = name.group(1) or name.group(2) if name else None
        for line in text[match.end() + 1:match.end() + 4000].split("\n")[:20]:  # the option lines opening it
            if not OPTION_LINE.match(line):
                break
            hidden = hidden or HIDING_LINE.fullmatch(line.strip())
            shown = shown or SHOWING_LINE.fullmatch(line.strip())
            not_run = not_run or NOT_RUN_LINE.fullmatch(line.strip())
            option = LABEL_LINE.fullmatch(line.strip())
            named = named or (option.group(1) if option else None)
        hiding_option = hidden.group(1) if hidden else "" if shown else default
        if not not_run:  # (a cell its author does not run, eval=FALSE, makes nothing: no word about it)
            cells.append((line_at(match.start()), match.group(3), hiding_option))
        label = f' {CELL_LABEL_ATTRIBUTE}="{named}"' if named else ""
        hiding = f' {CELL_HIDDEN_ATTRIBUTE}="{hiding_option}"' if hiding_option else ""
        return f"{match.group(1)}{match.group(2)}{{.{match.group(3)} .{CELL_CLASS}{label}{hiding}}}"

    return EXECUTABLE_CELL.sub(fence, text), cells


# R Markdown output formats that hide every cell's code unless a cell shows it (papaja's
# apa6_pdf and apa6_docx set echo = FALSE)
HIDING_FORMATS = re.compile(r"papaja::apa6_(?:pdf|docx|word)")


def cell_default(metadata: list, sources: list[str]) -> str:
    """The option that hides every code cell of a document ("echo", or ""): Quarto's
    ``execute: {echo: false}`` and knitr's ``knitr: {opts_chunk: {echo: false}}`` in its
    metadata (``metadata``: the values read from the front matter, ``_quarto.yml``,
    ``metadata.yaml``), an output format that hides them (papaja's), or knitr's setup
    chunk ``knitr::opts_chunk$set(echo = FALSE)``.

    >>> cell_default([{"execute": {"echo": False}}], []), cell_default([], ["knitr::opts_chunk$set(echo = F)"])
    ('echo', 'echo')
    >>> cell_default([{"execute": {"echo": True}}, {"title": "x"}], ["opts_chunk$set(fig.width = 5)"])
    ''
    >>> cell_default([{"output": "papaja::apa6_pdf"}], []), cell_default([{"output": {"papaja::apa6_docx": None}}], [])
    ('echo', 'echo')
    """
    for values in metadata:
        if not isinstance(values, dict):
            continue
        output = values.get("output")
        if any(HIDING_FORMATS.fullmatch(str(name)) for name in (output if isinstance(output, dict) else [output])):
            return "echo"
        for options in (values.get("execute"), (values.get("knitr") or {}).get("opts_chunk")
                        if isinstance(values.get("knitr"), dict) else None):
            if isinstance(options, dict) and options.get("echo") is False:
                return "echo"
    for text in sources:
        for call in KNITR_DEFAULTS.finditer(text):
            if HIDING_OPTION.search(call.group(1)) and "echo" in call.group(1):
                return "echo"
    return ""


# Inline code that Quarto or R Markdown runs: `r nrow(x)`, `{python} len(x)`.
INLINE_EXPRESSION = re.compile(r"(?<!`)`(?:\{([A-Za-z][\w+-]*)\}|(r))[ \t]+([^`\n]+)`(?!`)")


# R Markdown's "today" in a date field: `r Sys.Date()`, `r format(Sys.time(), '%d %B %Y')`
R_TODAY = re.compile(r"`r\s+(?:format\()?\s*Sys\.(?:Date|time)\(\).*`")
DATE_LINE = re.compile(r"^\s*(?:date|published)\s*:")


def inline_expressions(text: str) -> list[tuple[int, str, str]]:
    """Where each inline expression of the text is, its language and its code: this
    build runs none, so its value is in no edition (outside code blocks only).

    >>> inline_expressions("Every `r round(x)` years; `{python} n` in all; `x`.\\n\\n```\\n`r a`\\n```\\n")
    [(1, 'r', 'round(x)'), (1, 'python', 'n')]
    """
    if "`r " not in text and "`{" not in text:  # most texts: no masking at all
        return []
    masked = fenced_code_masked(text)
    return [(line_of(text, match.start()), match.group(1) or match.group(2), match.group(3).strip())
            for match in INLINE_EXPRESSION.finditer(masked)]


# pandoc-xnos's reference modifiers: +@fig:x (capitalised), !@fig:x (the number alone),
# *@fig:x (as it is), which pandoc reads as text, not as a reference; and its braces, which
# protect a reference from the text around it ({@tbl:x}, {+@fig:x}) and are not printed
XNOS_REFERENCE = re.compile(r"(?<![\w@\\])(\{[+!*]?|[+!*])@(?=(?:fig|tbl|eq|sec|lst|tab|table|figure)[:-][\w])",
                            re.I)


def xnos_references(text: str) -> str:
    """The text with pandoc-xnos's modifiers written as this build's references:
    ``+@fig:x`` → ``@Fig:x``, ``!@fig:x`` → ``[-@fig:x]``, ``*@fig:x`` → ``@fig:x``, the
    braces around one left out (``Table {@tbl:x}`` → ``Table @tbl:x``); in code, nothing
    changes.

    >>> xnos_references("+@eq:fold holds, !@fig:a alone, *@tbl:b; `+@fig:c`")
    '@Eq:fold holds, [-@fig:a] alone, @tbl:b; `+@fig:c`'
    >>> xnos_references("See Table {@tbl:param}, {+@fig:a}s and {@fig:b.")
    'See Table @{tbl:param}, @{Fig:a}s and {@fig:b.'
    """
    if not XNOS_REFERENCE.search(text):  # most texts: no masking of their code at all
        return text
    masked = mask(CODE_SPAN, fenced_code_masked(text))
    pieces, position = [], 0
    for match in XNOS_REFERENCE.finditer(masked):
        label = re.match(r"[\w:.-]*[\w]", text[match.end():]).group()
        end = match.end() + len(label)
        braced = match.group(1).startswith("{")
        if braced and not text.startswith("}", end):
            continue  # a brace nothing closes: as written
        pieces.append(text[position:match.start()])
        mark = match.group(1).lstrip("{") or "*"
        key = {"+": f"{label[:1].upper()}{label[1:]}", "!": label, "*": label}[mark]
        if braced:  # pandoc's own braces around a key: the text after it stays out of it ({@fig:a}s)
            key = f"{{{key}}}"
        pieces.append(f"[-@{key}]" if mark == "!" else f"@{key}")
        position = end + braced
    return "".join(pieces) + text[position:]


# A tabular's column specification repeating a column (l *{2}{c}): pandoc's Markdown reader
# writes the repetition out after it and keeps it too ({l *{2}{c}cccc}), so every edition's
# table had four columns too many. Written out before pandoc reads it, it reads right.
COLUMN_SPEC = re.compile(r"(\\begin\{(?:tabular[x*]?|longtable|array|tabulary)\}(?:\[[^\]\n]*+\])?"
                         r"(?:\{[^{}\n]*+\})?(?:\[[^\]\n]*+\])?[ \t]*+\{)"
                         r"((?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]*+\})*+\})*+)\}")  # possessive: one look a line
REPEATED_COLUMNS = re.compile(r"\*\{(\d{1,2})\}\{((?:[^{}]|\{[^{}]*\})*)\}")


def repeated_columns(text: str) -> str:
    r"""The text with each ``*{n}{spec}`` of a tabular's columns written out.

    >>> repeated_columns(r"\begin{tabular}{l *{2}{c} *{2}{p{1cm}}}")
    '\\begin{tabular}{l cc p{1cm}p{1cm}}'
    """
    if "*{" not in text:
        return text
    def written_out(match: re.Match) -> str:
        spec = REPEATED_COLUMNS.sub(lambda repeat: repeat.group(2) * int(repeat.group(1)), match.group(2))
        # no table has hundreds of columns: a longer one is left as written (and no text grows by it)
        return f"{match.group(1)}{spec}}}" if "*{" in match.group(2) and len(spec) <= 500 else match.group(0)

    return COLUMN_SPEC.sub(written_out, text)


# bookdown's text references: a paragraph "(ref:name) Some text." defines the text, and
# "(ref:name)" elsewhere (a figure's caption, most often) stands for it.
TEXT_REFERENCE = re.compile(r"^\(ref:([\w.:-]+)\)[ \t]+([^\n]+(?:\n(?![ \t]*\n)[^\n]+)*)", re.M)
TEXT_REFERENCE_USE = re.compile(r"\(ref:([\w.:-]+)\)")


def quoted(text: str, position: int, headers: list[tuple[int, int]]) -> str:
    """A text reference's text as it stands at ``position``: in a chunk's header, inside an
    option's quotes (its quotes escaped, its line breaks spaces)."""
    index = bisect.bisect_right(headers, (position, float("inf"))) - 1  # headers: in order, apart
    if index >= 0 and position < headers[index][1]:
        return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return text


def text_references(text: str) -> str:
    r"""The text with bookdown's text references put in: each ``(ref:name)`` replaced by the
    text its definition gives, and the definition's lines left blank (the lines keep their
    numbers). A text whose uses would repeat more than a text's worth is left as written.

    >>> text_references("(ref:cap) A *long* `caption`.\n\n![(ref:cap)](a.png)\n")
    '\n\n![A *long* `caption`.](a.png)\n'
    """
    if "(ref:" not in text:
        return text
    masked = mask(CODE_SPAN, fenced_code_masked(text))
    definitions = {match.group(1): (match, " ".join(text[match.start(2):match.end(2)].split()))  # unmasked
                   for match in TEXT_REFERENCE.finditer(masked)}
    # a knitr chunk's header, whose options take them too: fig.cap = "(ref:cap)"
    headers = [(header.start(), header.end()) for header in EXECUTABLE_CELL.finditer(text)]
    pieces, position = [], 0
    for start, end in headers:
        pieces += [masked[position:start], text[start:end]]
        position = end
    masked = "".join(pieces) + masked[position:]
    if not definitions:
        return text
    defined_at = {match.start() for match, _ in definitions.values()}  # a definition's own "(ref:…)": no use
    uses = [use for use in TEXT_REFERENCE_USE.finditer(masked) if use.group(1) in definitions
            and use.start() not in defined_at]
    if sum(len(definitions[use.group(1)][1]) for use in uses) > len(text):  # what pandoc would read is bounded
        return text
    pieces, position = [], 0
    edits = sorted([(match.start(), match.end(), re.sub(r"[^\n]", "", text[match.start():match.end()]))
                    for match, _ in definitions.values()]
                   + [(use.start(), use.end(), quoted(definitions[use.group(1)][1], use.start(), headers))
                      for use in uses])
    for start, end, replacement in edits:
        pieces += [text[position:start], replacement]
        position = end
    return "".join(pieces) + text[position:]


# TeX's control space at a line's end (``\TeX\`` then a line, ``N_{i} \`` then ``\end{align}``)
# inside a LaTeX environment: pandoc's Markdown reader read the environment whole, then read
# its last characters again as a paragraph of their own ("ird item of the list. \end{longlist}",
# "\end{align}"), printed in every edition. In text, written as an empty group: the line's
# end is then the space, as TeX reads ``\TeX\`` and a line (pandoc's reader printed the
# control space as a no-break space before the line's); in math, where a space is printed
# only as ``\ ``, as that and an empty group. Outside an environment, a backslash at a
# line's end is Markdown's line break, and stays one; in code, a verbatim environment,
# HTML's <pre> or display math written with $$, nothing changes.
ENVIRONMENT_EDGE = re.compile(r"\\(begin|end)\{([^{}\n]+)\}")
CONTROL_SPACE_AT_LINE_END = re.compile(r"(?<!\\)((?:\\\\)*)\\[ \t]*\n")
VERBATIM_ENVIRONMENTS = ("verbatim", "Verbatim", "lstlisting", "minted", "alltt", "comment", "BVerbatim",
                         "LVerbatim", "verbatim*")
MATH_ENVIRONMENTS = ("equation", "align", "alignat", "flalign", "gather", "multline", "eqnarray", "displaymath",
                     "math", "split", "aligned", "gathered", "array", "cases", "matrix", "pmatrix", "bmatrix")
UNTOUCHED = re.compile(r"<pre\b.*?</pre>|\$\$.*?\$\$|\\begin\{(%s)\}.*?\\end\{\1\}"
                       % "|".join(map(re.escape, VERBATIM_ENVIRONMENTS)), re.S)


def environment_spans(masked: str) -> list[tuple[int, int, bool]]:
    r"""Where each LaTeX environment that is closed stands (``\begin{x}`` to the end of its
    ``\end{x}``), nested ones apart, and whether it is math; a ``\begin`` with no end (prose
    naming one) is none, and ends none of those around it.

    >>> environment_spans(r"a \begin{x} b \begin{align} c \end{align} \end{x} \begin{z} d")
    [(2, 49, False), (14, 41, True)]
    """
    spans, opened = [], []
    for match in ENVIRONMENT_EDGE.finditer(masked):
        if match.group(1) == "begin":
            opened.append((match.group(2), match.start()))
            continue
        names = [name for name, _ in opened]
        if match.group(2) in names:
            depth = len(names) - 1 - names[::-1].index(match.group(2))
            spans.append((opened[depth][1], match.end(), match.group(2).rstrip("*") in MATH_ENVIRONMENTS))
            del opened[depth:]
    return sorted(spans)


def control_spaces_in_environments(text: str) -> str:
    r"""The text with each control space that ends a line inside a LaTeX environment
    written ``{}`` (in math ``\ {}``), outside code.

    >>> control_spaces_in_environments("\\begin{align}\nG = H - N \\\n\\end{align}\n")
    '\\begin{align}\nG = H - N \\ {}\n\\end{align}\n'
    >>> control_spaces_in_environments("Line one\\\nline two \\begin{x} \\TeX\\ \nb \\\\\n\\end{x}")
    'Line one\\\nline two \\begin{x} \\TeX{}\nb \\\\\n\\end{x}'
    >>> control_spaces_in_environments("\\begin{x}\n\\begin{verbatim}\nrun \\\n\\end{verbatim}\n\\end{x}")
    '\\begin{x}\n\\begin{verbatim}\nrun \\\n\\end{verbatim}\n\\end{x}'
    """
    if "\\begin" not in text or ("\\\n" not in text and not re.search(r"\\[ \t]+\n", text)):
        return text
    masked = mask(UNTOUCHED, mask(CODE_SPAN, fenced_code_masked(text)))
    # the innermost environment around each control space decides: text or math
    found: dict[int, tuple[re.Match, bool]] = {}
    for start, end, math in environment_spans(masked):
        for match in CONTROL_SPACE_AT_LINE_END.finditer(masked, start, end):
            found[match.start()] = (match, math)
    pieces, position = [], 0
    for at in sorted(found):
        match, math = found[at]
        pieces += [text[position:match.start()], match.group(1), "\\ {}\n" if math else "{}\n"]
        position = match.end()
    return "".join(pieces) + text[position:]


# A verbatim listing of the text's own, whose line ends with a backslash (a shell command
# continued): pandoc's Markdown reader read its last characters again as a paragraph
# ("\end{verbatim}" printed), and no TeX can say that backslash otherwise in verbatim. The
# listing is a code block: written as one, which every edition shows as the same code.
# Its body runs to the first \end of its kind, alone on its line (else it is no such listing);
# it opens a block (a blank line or the text's start above it), indented less than code is.
TOP_VERBATIM = re.compile(r"(?:\A|(?<=\n\n))([ ]{0,3})\\begin\{(verbatim|Verbatim)\}[ \t]*\n"
                          r"((?:(?!\\end\{\2\}).)*?)^[ \t]*\\end\{\2\}[ \t]*$", re.M | re.S)


def verbatim_as_code(text: str) -> str:
    r"""The text with each verbatim listing written on lines of its own, opening a block,
    outside any other environment and outside code, whose line ends with a backslash, as a
    fenced code block (one that does not open a block stays as written: a fence there
    would be text).

    >>> verbatim_as_code("Run:\n\n\\begin{verbatim}\ndocker run \\\n  image\n\\end{verbatim}\n")
    'Run:\n\n~~~\ndocker run \\\n  image\n~~~\n'
    >>> verbatim_as_code("\\begin{verbatim}\nplain\n\\end{verbatim}\n")
    '\\begin{verbatim}\nplain\n\\end{verbatim}\n'
    >>> verbatim_as_code("Run:\n\\begin{verbatim}\na \\\n\\end{verbatim}\n")[:5]
    'Run:\n'
    """
    if "\\begin{" not in text or "verbatim}" not in text.lower():
        return text
    masked = mask(CODE_SPAN, fenced_code_masked(text))
    inside = [(start, end) for start, end, _ in environment_spans(masked)]
    pieces, position = [], 0
    for match in TOP_VERBATIM.finditer(masked):
        code = text[match.start(3):match.end(3)]
        if not re.search(r"\\[ \t]*\n", code) or any(start < match.start() and match.end() <= end
                                                      for start, end in inside):
            continue
        fence = "~" * max(3, max((len(run) for run in re.findall(r"~+", code)), default=0) + 1)
        pieces += [text[position:match.start()], f"{match.group(1)}{fence}\n{code}{match.group(1)}{fence}"]
        position = match.end()
    return "".join(pieces) + text[position:]


BOOKDOWN_REFERENCE = re.compile(r"\\@ref\(([^()\s]+)\)|\(\\#((?:fig|tab|eq|sec)[:-][^()\s]+)\)")


def bookdown_references(text: str) -> str:
    """The text with bookdown's references and labels written as LaTeX's, which the tex
    stage reads: ``\\@ref(sec:x)`` → ``\\ref{sec:x}`` (its number), ``(\\#tab:x)`` in a
    caption → ``\\label{tab:x}``; in code, nothing changes (they printed "@ref(sec:x)").

    >>> bookdown_references(r"Section \\@ref(sec:a), Table: (\\#tab:b) Data; `\\@ref(c)`")
    'Section \\\\ref{sec:a}, Table: \\\\label{tab:b} Data; `\\\\@ref(c)`'
    """
    if "\\@ref(" not in text and "(\\#" not in text:  # most texts: no masking of their code at all
        return text
    masked = mask(CODE_SPAN, fenced_code_masked(text))
    pieces, position = [], 0
    for match in BOOKDOWN_REFERENCE.finditer(masked):
        pieces += [text[position:match.start()],
                   f"\\ref{{{match.group(1)}}}" if match.group(1) else f"\\label{{{match.group(2)}}}"]
        position = match.end()
    return "".join(pieces) + text[position:]


LEADING_MARKS = re.compile(r"(?:[ \t]*[-*>+](?=[ \t]))*")


def deepest_place(text: str) -> tuple[int, int]:
    """The line where a Markdown text nests deepest, and how deep: brackets and braces
    (math's too) on the line, fenced divs (``:::``, ``<div>``) open around it, a run of emphasis
    marks; for the message of a document nested deeper than the build can follow.

    >>> deepest_place("# A\\n\\n::: a\\n::: b\\n$x^{{{{{y}}}}}$\\n:::\\n:::\\n")
    (5, 5)
    >>> deepest_place("a: 1\\nb: - - - - x\\n- - - - - - x\\n")
    (3, 6)
    """
    best, divs = (1, 0), 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(":::"):
            divs = divs + 1 if stripped.strip(":").strip() else max(divs - 1, 0)
        divs = max(divs + line.count("<div") - line.count("</div"), 0)  # raw HTML's divs too
        depth = deepest = 0
        for char in line:
            if char in "{[(":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "}])":
                depth = max(depth - 1, 0)
        marks = max((len(run) for run in re.findall(r"[*_]+", line)), default=0)
        leading = len(LEADING_MARKS.match(line).group(0).split())  # "- - - x": YAML's sequences, lists, quotes
        score = max(deepest, divs, marks, leading)
        if score > best[1]:
            best = (number, score)
    return best


# --- Quarto's include shortcode, knitr's child chunks ----------------------------------

# {{< include _intro.qmd >}} on a line of its own (the path may be quoted): Quarto pastes
# the file's text there before anything reads it.
INCLUDE = re.compile(r"""^[ \t]{0,3}\{\{<[ \t]*include[ \t]+(?:"([^"\n]+)"|'([^'\n]+)'|([^\s"'>]+))[ \t]*>\}\}[ \t]*$""",
                     re.M)
# ```{r child="intro.Rmd"} … ``` (or child = c("a.Rmd", "b.Rmd")): knitr pastes each file's
# text there; the chunk's body is a few lines at most (its end looked for that far)
# A knitr chunk's header, and its child option: read apart, each in time linear in its line
# (one regex for both took 14 minutes on a header of 190,000 child= options with no brace)
R_CHUNK_HEADER = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*\{[Rr]\b([^}\n]*)\}[ \t]*$", re.M)
CHILD_OPTION = re.compile(r"""\bchild[ \t]*=[ \t]*(c\([^()\n]*\)|"[^"\n]+"|'[^'\n]+')""")
CHILD_CHUNK_LINES = 20  # a child chunk's body: empty, or a few lines knitr ignores


def child_chunks(text: str) -> list[tuple[int, int, str]]:
    r"""Each knitr child chunk: (where it starts, its lines, its ``child=`` value).

    >>> child_chunks('a\n```{r, child = c("x.Rmd", "y.Rmd")}\n```\n')
    [(2, 2, 'c("x.Rmd", "y.Rmd")')]
    """
    found = []
    for header in R_CHUNK_HEADER.finditer(text):
        option = CHILD_OPTION.search(header.group(2))
        if not option:
            continue
        closing = re.compile(rf"^[ \t]*{re.escape(header.group(1))}[ \t]*$", re.M)
        end = header.end()
        for _ in range(CHILD_CHUNK_LINES + 1):  # the fence within as many lines
            end = text.find("\n", end + 1)
            if end < 0:
                end = len(text)
                break
        close = closing.search(text, header.end() + 1, end + 1)
        if close:
            found.append((header.start(), text.count("\n", header.start(), close.end()) + 1, option.group(1)))
    return found


# MyST's include directive (core.myst): its path, its options, its closing fence.
MYST_INCLUDE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{include\}[ \t]+(?P<path>[^\n]+)\n(?::[\w-]+:[^\n]*\n)*"
                          r"(?P=fence)[ \t]*$", re.M)


def include_lines(text: str) -> list[tuple[int, str, int]]:
    r"""Each include, outside fenced code: (line, path, lines it stands for). A shortcode
    stands for its line; a knitr child chunk for its lines, its first file at its first line
    (the others there too, standing for none).

    >>> include_lines('a\n{{< include _b.qmd >}}\n```\n{{< include c.qmd >}}\n```\n{{< include "d e.md" >}}\n')
    [(2, '_b.qmd', 1), (6, 'd e.md', 1)]
    >>> include_lines('a\n```{r, child = c("x.Rmd", "y.Rmd")}\n```\nb\n```{r child="z.Rmd", echo=FALSE}\n```\n')
    [(2, 'x.Rmd', 2), (2, 'y.Rmd', 0), (5, 'z.Rmd', 2)]
    >>> include_lines("# A\n:::{include} intro.md\n:::\n```{include} b.md\n:start-line: 2\n```\n")
    [(2, 'intro.md', 2), (4, 'b.md', 3)]
    """
    found = []
    chunks = child_chunks(text)
    for line, (_, lines, option) in zip(lines_at(text, [start for start, _, _ in chunks]), chunks):
        for index, path in enumerate(re.findall(r'"([^"\n]+)"|\'([^\'\n]+)\'', option)):
            found.append((line, path[0] or path[1], lines if index == 0 else 0))
    masked = fenced_code_masked(text)
    matches = list(INCLUDE.finditer(masked))
    found += [(line, next(group for group in match.groups() if group), 1)
              for line, match in zip(lines_at(masked, [m.start() for m in matches]), matches)]
    directives = list(MYST_INCLUDE.finditer(text))  # MyST's, fenced with colons or backticks
    found += [(line, match.group("path").strip(), match.group(0).count("\n") + 1)
              for line, match in zip(lines_at(text, [m.start() for m in directives]), directives)]
    return sorted(found, key=lambda item: item[0])


def spliced(text: str, pasted: list[tuple[int, int, str]]) -> str:
    r"""``text`` with the lines each include stands for (line, lines, text pasted) replaced
    by its text, as Quarto and knitr paste an included file.

    >>> spliced("a\n{{< include b >}}\nc\n", [(2, 1, "B1\nB2")])
    'a\nB1\nB2\nc\n'
    >>> spliced("a\n```{r child=c('x', 'y')}\n```\nc\n", [(2, 2, "X\n"), (2, 0, "Y\n")])
    'a\nX\nY\nc\n'
    """
    lines = text.split("\n")
    by_line: dict[int, tuple[int, list[str]]] = {}
    for line, count, pasted_text in pasted:
        total, texts = by_line.get(line, (0, []))
        by_line[line] = (total + count, [*texts, pasted_text[:-1] if pasted_text.endswith("\n") else pasted_text])
    for line, (count, texts) in sorted(by_line.items(), reverse=True):
        lines[line - 1:line - 1 + count] = "\n".join(texts).split("\n")
    return "\n".join(lines)
