"""ISO Schematron (query binding XSLT 2/3) compiled to XSLT 3.0 and run by SaxonC-HE:
the JATS edition's gatekeeper runs JATS4R's rules (npm ``@jats4r/schematrons``) with it.

Why our own: no registry reached here ships SchXslt or the ISO skeleton for XSLT 2;
``lxml.isoschematron`` is XSLT 1.0 only and PyPI's ``pyschematron`` cannot run the
``xsl:function`` s that JATS4R's rules define. This is the part of ISO/IEC 19757-3
real rule sets use: ``include`` (recursively), ``ns``, ``phase``/``active``, ``let``
(schema, pattern, rule), ``pattern``, ``rule`` (abstract rules and ``extends``),
``assert``/``report`` with ``value-of`` and ``name``, and schema-level ``xsl:function``
and ``xsl:key``. As in the skeleton, each pattern is one pass over the document in
which only the first rule whose context matches a node fires on it; an assert reports
when its test is false, a report when it is true. Anything else (an abstract pattern,
another query binding) is an error, never a silent skip.

>>> schema = etree.fromstring(b'''<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
...   <pattern id="p"><rule context="fig"><assert test="@id">a figure has an id</assert></rule></pattern>
... </schema>''')
>>> sheet = etree.fromstring(stylesheet(schema))
>>> [template.get("match") for template in sheet.iter(f"{X}template")]
['/', 'fig']
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"
XSD = "http://www.w3.org/2001/XMLSchema"
S, X, V = f"{{{SCH}}}", f"{{{XSL}}}", f"{{{SVRL}}}"
# The JATS DTD with MathML expands more entities than the JDK parser allows by
# default; the limits are lifted for this parser only.
JAXP = "http://saxon.sf.net/feature/parserProperty?uri=http%3A//www.oracle.com/xml/jaxp/properties/"
LIMITS = ("totalEntitySizeLimit", "entityExpansionLimit", "maxGeneralEntitySizeLimit",
          "maxParameterEntitySizeLimit")


class SchematronError(Exception):
    """A schema this compiler does not cover."""


@dataclass(frozen=True)
class Finding:
    severity: str     # "error" or "warning"
    pattern: str      # the pattern's id
    message: str
    location: str     # an XPath to the node
    line: int | None  # its line in the document


def load(path: Path, depth: int = 0) -> etree._Element:
    """The schema (or an included part) with every ``include`` replaced by its target."""
    if depth > 20:
        raise SchematronError("sch:include nested too deep (a cycle?)")
    root = etree.parse(str(path), etree.XMLParser(no_network=True)).getroot()
    for include in list(root.iter(f"{S}include")):
        included = load(path.parent / include.get("href"), depth + 1)
        included.tail = include.tail
        include.getparent().replace(include, included)
    return root


def active_patterns(schema: etree._Element, phase: str) -> list[etree._Element]:
    """The patterns a phase runs (``#ALL``: every one)."""
    patterns = list(schema.iter(f"{S}pattern"))
    if phase == "#ALL":
        return patterns
    chosen = schema.find(f"{S}phase[@id='{phase}']")
    if chosen is None:
        raise SchematronError(f"no phase {phase!r}")
    active = {a.get("pattern") for a in chosen.iter(f"{S}active")}
    return [p for p in patterns if p.get("id") in active]


def namespaces(schema: etree._Element) -> dict[str, str]:
    """Every prefix the rules may use: ``sch:ns``, those in scope in the schema, xs and xsd."""
    found = {"xsl": XSL, "svrl": SVRL, "xs": XSD, "xsd": XSD}
    for element in schema.iter():
        if isinstance(element.tag, str):
            found.update({p: uri for p, uri in element.nsmap.items() if p and p not in found and uri != SCH})
    found.update({ns.get("prefix"): ns.get("uri") for ns in schema.iter(f"{S}ns")})
    return found


def stylesheet(schema: etree._Element, phase: str = "#ALL") -> bytes:
    """The XSLT 3.0 stylesheet that reports the schema's findings as SVRL."""
    if (schema.get("queryBinding") or "xslt").lower() not in ("xslt2", "xslt3"):
        raise SchematronError(f"queryBinding {schema.get('queryBinding')!r}: only xslt2 and xslt3 are covered")
    if schema.find(f".//{S}pattern[@is-a]") is not None:
        raise SchematronError("abstract patterns (is-a) are not covered")
    nsmap = namespaces(schema)
    abstract = {r.get("id"): r for r in schema.iter(f"{S}rule") if r.get("abstract") == "true"}
    sheet = etree.Element(f"{X}stylesheet", version="3.0", nsmap=nsmap)
    sheet.set("exclude-result-prefixes", " ".join(p for p in nsmap if p != "svrl"))
    etree.SubElement(sheet, f"{X}output", method="xml")
    location = etree.SubElement(sheet, f"{X}function", {"name": "svrl:location", "as": "xs:string"})
    etree.SubElement(location, f"{X}param", {"name": "n", "as": "node()"})
    etree.SubElement(location, f"{X}sequence", select=(
        "if ($n instance of document-node()) then '/' else string-join(("
        "for $a in $n/ancestor-or-self::* return concat('/', name($a), '[', "
        "count($a/preceding-sibling::*[node-name() eq node-name($a)]) + 1, ']'), "
        "if ($n instance of attribute()) then concat('/@', name($n)) else ()), '')"))
    for child in schema:
        if child.tag in (f"{X}function", f"{X}key"):
            sheet.append(copy(child))
        elif child.tag == f"{S}let":
            sheet.append(variable(child))
    top = etree.SubElement(sheet, f"{X}template", match="/")
    output = etree.SubElement(top, f"{V}schematron-output", phase=phase)
    for index, pattern in enumerate(active_patterns(schema, phase)):
        etree.SubElement(output, f"{V}active-pattern", id=pattern.get("id") or f"pattern-{index}")
        etree.SubElement(output, f"{X}apply-templates", select="/", mode=f"M{index}")
        sheet.append(etree.Element(f"{X}mode", {"name": f"M{index}", "on-no-match": "shallow-skip"}))
        sheet.extend(variable(let) for let in pattern.findall(f"{S}let"))
        rules = [r for r in pattern.findall(f"{S}rule") if r.get("abstract") != "true"]
        for position, rule in enumerate(rules):
            template = etree.SubElement(sheet, f"{X}template", match=rule.get("context"),
                                        priority=str(100000 - position), mode=f"M{index}")
            for item in rule_items(rule, abstract):
                template.append(variable(item) if item.tag == f"{S}let" else check(item))
            etree.SubElement(template, f"{X}apply-templates", select="@*|node()", mode=f"M{index}")
    return etree.tostring(sheet, xml_declaration=True, encoding="UTF-8")


def rule_items(rule: etree._Element, abstract: dict, depth: int = 0):
    """A rule's lets, asserts and reports, with those of the abstract rules it extends."""
    if depth > 20:
        raise SchematronError("sch:extends nested too deep")
    for item in rule:
        if item.tag == f"{S}extends":
            if item.get("rule") not in abstract:
                raise SchematronError(f"sch:extends: no abstract rule {item.get('rule')!r}")
            yield from rule_items(abstract[item.get("rule")], abstract, depth + 1)
        elif item.tag in (f"{S}let", f"{S}assert", f"{S}report"):
            yield item


def copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def variable(let: etree._Element) -> etree._Element:
    made = etree.Element(f"{X}variable", name=let.get("name"))
    if let.get("value") is not None:
        made.set("select", let.get("value"))
    else:
        made.extend(copy(child) for child in let)
    return made


def check(item: etree._Element) -> etree._Element:
    """An assert (reported when its test fails) or a report (when it holds) as SVRL."""
    failed = item.tag == f"{S}assert"
    test = item.get("test")
    condition = etree.Element(f"{X}if", test=f"not({test})" if failed else test)
    result = etree.SubElement(condition, f"{V}failed-assert" if failed else f"{V}successful-report")
    for name in ("id", "role"):
        if item.get(name):
            result.set(name, item.get(name))
    etree.SubElement(result, f"{X}attribute", name="location", select="svrl:location(.)")
    message(item, etree.SubElement(result, f"{V}text"))
    return condition


def message(source: etree._Element, target: etree._Element) -> None:
    """An assertion's text into ``svrl:text``, its ``value-of`` and ``name`` evaluated."""
    def text(value):
        if value:
            etree.SubElement(target, f"{X}text").text = value
    text(source.text)
    for child in source:
        if child.tag == f"{S}value-of":
            etree.SubElement(target, f"{X}value-of", select=child.get("select"))
        elif child.tag == f"{S}name":
            etree.SubElement(target, f"{X}value-of", select=f"name({child.get('path') or '.'})")
        elif isinstance(child.tag, str):
            message(child, target)
        text(child.tail)


@lru_cache(maxsize=4)
def compiled(schema: Path, phase: str = "#ALL") -> bytes:
    return stylesheet(load(schema), phase)


def transform(xslt: bytes, document: Path) -> str:
    """SVRL of the stylesheet run on ``document`` (parsed with its DTD, for ``id()``).
    A fresh processor each time: SaxonC 13.1 could not read a second document's DTD
    with the first one's processor."""
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as processor:
        for limit in LIMITS:
            processor.set_configuration_property(JAXP + limit, "0")
        with tempfile.NamedTemporaryFile("wb", suffix=".xsl", delete=False) as sheet:
            sheet.write(xslt)
        try:
            executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=sheet.name)
            return executable.transform_to_string(source_file=str(document.resolve()))
        finally:
            os.unlink(sheet.name)


def severity(pattern: str, role: str | None) -> str:
    """A finding's weight: its role, else its pattern's name (JATS4R's ``*-warnings``).

    >>> severity("kwd-warnings", None), severity("coi-errors", None), severity("x", "warning")
    ('warning', 'error', 'warning')
    """
    if role in ("warning", "warn", "info", "information"):
        return "warning"
    return "warning" if pattern.endswith(("-warnings", "-info")) and not role else "error"


def findings(svrl: str, lines: dict[str, int]) -> list[Finding]:
    """The SVRL report's findings; ``lines``: each location's line in the document."""
    found, pattern = [], ""
    for element in etree.fromstring(svrl.encode("utf-8")):
        if element.tag == f"{V}active-pattern":
            pattern = element.get("id", "")
        elif element.tag in (f"{V}failed-assert", f"{V}successful-report"):
            location = element.get("location", "")
            text = " ".join("".join(element.find(f"{V}text").itertext()).split())
            found.append(Finding(severity(pattern, element.get("role")), pattern, text, location,
                                 lines.get(location)))
    return found


def line_numbers(tree: etree._ElementTree) -> dict[str, int]:
    """Each element's location, as SVRL writes it (``/article[1]/front[1]``), → its line."""
    lines = {}
    for element in tree.getroot().iter():
        if isinstance(element.tag, str):
            steps = []
            for node in [*reversed(list(element.iterancestors())), element]:
                position = 1 + sum(1 for s in node.itersiblings(preceding=True) if s.tag == node.tag)
                steps.append(f"/{qualified_name(node)}[{position}]")
            lines["".join(steps)] = element.sourceline
    return lines


def qualified_name(element: etree._Element) -> str:
    """``mml:math`` for a MathML element: the name SVRL's location gives it."""
    qname = etree.QName(element)
    prefix = element.prefix
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def validate(schema: Path, document: Path, dtd: Path | None = None, phase: str = "#ALL") -> list[Finding]:
    """The schema's findings on the document. ``dtd``: a local copy of the DTD its
    DOCTYPE names (read offline instead of the address the DOCTYPE gives)."""
    tree = etree.parse(str(document), etree.XMLParser(no_network=True, resolve_entities=False))
    source = document
    with tempfile.TemporaryDirectory() as scratch:
        system = tree.docinfo.system_url
        if dtd and system:
            raw = document.read_bytes()
            source = Path(scratch) / document.name
            source.write_bytes(raw.replace(system.encode(), dtd.resolve().as_uri().encode(), 1))
        return findings(transform(compiled(schema, phase), source), line_numbers(tree))
