"""Back matter: acknowledgements, funding, conflict of interest, data availability,
ethics approval and author contributions — the statements TR Dizin and most
journals ask for — as unnumbered sections with the language's headings.

They come from metadata fields (``funding: …``; ``ethics: {board, date, number}``;
each author's CRediT ``roles``) or from sections the author wrote with the same
class (``# Funding {.funding}``). Each becomes a Div ``.back-matter .<kind>``
holding its heading and text; the ``layout`` stage places them after the main
text, before the references.

Stand-alone: ``pandoc -F filters/backmatter.py``.
"""
from __future__ import annotations

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import warn
from core.language import base_language, term
from core.markup import text_to_inlines
from core.metadatafile import metadata_line
from core.metaschema import credit_key
from core.names import (
    APPENDIX_CLASS,
    BACK_MATTER_ALIASES,
    BACK_MATTER_CLASS,
    BACK_MATTER_KINDS,
    KIND_ATTRIBUTE,
    UNNUMBERED_CLASS,
)
from filters.dates import format_long, parse_iso

KINDS = BACK_MATTER_KINDS


def statement_kind(classes) -> str | None:
    """The back-matter statement a section's or a Div's classes name, by its name or
    another a template gives it.

    >>> statement_kind(["acknowledgments"]), statement_kind(["funding"]), statement_kind(["note"])
    ('acknowledgements', 'funding', None)
    """
    return next((BACK_MATTER_ALIASES.get(name, name) for name in classes
                 if BACK_MATTER_ALIASES.get(name, name) in KINDS), None)


def section(kind: str, blocks: list[pf.Block], lang: str, header: pf.Header | None = None) -> pf.Div:
    """The statement's Div: its heading (the author's, or the language's) and text."""
    if header is None:
        header = pf.Header(*text_to_inlines(term(lang, kind)), level=1, identifier=kind)
    for name in (UNNUMBERED_CLASS, kind):
        if name not in header.classes:
            header.classes.append(name)
    return pf.Div(header, *blocks, classes=[BACK_MATTER_CLASS, kind],
                  attributes={KIND_ATTRIBUTE: kind})


def blocks_of(meta) -> list[pf.Block]:
    if isinstance(meta, pf.MetaBlocks):
        return list(meta.content)
    if isinstance(meta, pf.MetaInlines):
        return [pf.Para(*meta.content)]
    return [pf.Para(*text_to_inlines(pf.stringify(meta)))]


def ethics_blocks(meta, lang: str) -> list[pf.Block]:
    """A statement as written, or one composed from ``{board, date, number}``:
    "Bu çalışma için X Etik Kurulu tarafından 12 Mart 2021 tarihinde 2021/45 sayılı …"."""
    if not isinstance(meta, pf.MetaMap):
        return blocks_of(meta)
    fields = {key: pf.stringify(value).strip() for key, value in meta.content.dict.items()}
    date = fields.get("date", "")
    try:
        date = format_long(parse_iso(date), lang) if date else ""
    except ValueError:
        pass
    number = term(lang, "ethics_number").format(number=fields["number"]) if fields.get("number") else ""
    board = pf.stringify(meta.content.dict["board"]) if "board" in fields else ""
    text = term(lang, "ethics_statement").format(board=board, date=date, number=number)
    return [pf.Para(*text_to_inlines(text))]


def contributions_blocks(doc: pf.Doc, lang: str) -> list[pf.Block]:
    """"A. Yılmaz: Kavramsallaştırma, Yöntem; J. Smith: Yazılım." from the authors'
    CRediT ``roles`` (checked, each unknown one named, by the metadata stage)."""
    roles = term(lang, "credit")
    parts = []
    for author in doc.get_metadata("authors", default=[]) or []:
        given = author.get("roles") or []
        given = [given] if isinstance(given, str) else given
        names = [roles.get(credit_key(role), str(role)) for role in given]  # one not in the taxonomy as written
        if names:
            parts.append(f"{author.get('name', '')}: {', '.join(names)}")
    return [pf.Para(*text_to_inlines("; ".join(parts) + "."))] if parts else []


def written_sections(blocks: list[pf.Block], lang: str) -> tuple[list[pf.Block], list[pf.Div]]:
    """Sections the author marked ``{.funding}`` etc., taken out of the text as Divs."""
    kept: list[pf.Block] = []
    found: list[pf.Div] = []
    current: list[pf.Block] | None = None
    for block in blocks:
        if isinstance(block, pf.Div) and BACK_MATTER_CLASS not in block.classes and statement_kind(block.classes):
            # ``::: acknowledgments``: its text under the language's heading, or its own first one
            text = list(block.content)
            header = text.pop(0) if text and isinstance(text[0], pf.Header) else None
            found.append(section(statement_kind(block.classes), text, lang, header=header))
            current = None  # a statement after another's heading is its own
            continue
        if isinstance(block, pf.Header):
            kind = statement_kind(block.classes)
            if kind:
                current = []
                found.append(section(kind, current, lang, header=block))
                continue
            if current is not None and (block.level <= found[-1].content[0].level
                                        or APPENDIX_CLASS in block.classes):
                current = None
        elif isinstance(block, pf.Div) and APPENDIX_CLASS in block.classes:
            current = None  # `::: appendix` after a statement starts the appendices
        if current is not None:
            found[-1].content.append(block)
        else:
            kept.append(block)
    return kept, found


def prepare(doc: pf.Doc) -> None:
    lang = base_language(doc.get_metadata("lang", default=None))
    doc.content, found = written_sections(list(doc.content), lang)
    written = {div.attributes[KIND_ATTRIBUTE] for div in found}
    meta = doc.metadata.content.dict
    statements = []
    for kind in KINDS:
        if kind in written:
            if kind in meta:  # the text's own section is printed; the metadata's is not lost without a word
                warn(f"'{kind}' in the metadata is left out: the text has its section",
                     *metadata_line(doc, kind), hint="keep one of the two")
            continue
        if kind == "author-contributions" and kind not in meta:
            blocks = contributions_blocks(doc, lang)
        elif kind == "ethics" and kind in meta:
            blocks = ethics_blocks(meta[kind], lang)
        elif kind in meta:
            blocks = blocks_of(meta[kind])
        else:
            continue
        if any(pf.stringify(block).strip() for block in blocks):  # an empty one has no heading either
            statements.append(section(kind, blocks, lang))
    by_kind: dict[str, pf.Div] = {}
    for div in found + statements:  # two of one kind (a Div and a heading): one section, the first's heading
        kind = div.attributes[KIND_ATTRIBUTE]
        if kind in by_kind:
            by_kind[kind].content.extend(div.content[1:])
        else:
            by_kind[kind] = div
    doc.content.extend(by_kind[kind] for kind in KINDS if kind in by_kind)


def main(doc=None):
    return pf.run_filters([], prepare=prepare, doc=doc)

