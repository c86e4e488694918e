"""Every edition renders every kind of content (``core.kinds``), or says why not:
a new kind without a renderer in some edition fails here, as does an edition
without the whole list."""
from __future__ import annotations

import pytest

from core.kinds import (
    FRONT_MATTER,
    KINDS,
    After,
    Native,
    Omit,
    Renderers,
    Structured,
    Template,
    kind_of,
    uncovered,
)
from press.editions import EDITIONS, Job

JOB = Job("{}", "x", "en", None)
FORMS = (Native, Template, After, Structured, Omit)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.name)
def test_every_edition_has_a_renderer_for_every_kind(edition):
    renderers = edition.renderers(JOB)
    assert isinstance(renderers, Renderers)
    missing = uncovered(renderers)
    unknown = [name for name in renderers if name not in {kind.name for kind in KINDS}]
    assert missing == [] and unknown == [], f"{edition.name}: no renderer for {missing}; unknown kinds {unknown}"
    odd = [name for name, how in renderers.items() if not (callable(how) or isinstance(how, FORMS))]
    assert odd == [], f"{edition.name}: {odd} are neither functions nor one of {[f.__name__ for f in FORMS]}"


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.name)
def test_what_an_edition_leaves_out_says_why(edition):
    for name, how in edition.renderers(JOB).items():
        if isinstance(how, (Omit, Structured)):
            reason = how.why if isinstance(how, Omit) else how.where
            assert len(reason) > 5, (edition.name, name)


def test_a_kind_is_told_by_its_element_and_class():
    assert [kind_of({"t": "Span", "c": [["", ["datetime"], [["datetime", "2021"]]], []]}),
            kind_of({"t": "Link", "c": [["", ["xref"], []], [], ["#fig:a", ""]]}),
            kind_of({"t": "Link", "c": [["", [], []], [], ["https://x", ""]]}),
            kind_of({"t": "Figure", "c": [["fig:timeline", ["timeline"], []], [None, []], []]}),
            kind_of({"t": "Header", "c": [1, ["a", ["appendix"], []], []]}),
            kind_of({"t": "Str", "c": "x"})] == \
        ["chronology-date", "cross-reference", "link", "timeline", "appendix", None]
    assert {kind.name for kind in KINDS if not kind.elements} == set(FRONT_MATTER)


def test_a_new_kind_fails_until_every_edition_renders_it():
    """The worked example of docs/architecture.md: a kind added to the list is missing
    from every edition's renderers until each says how it renders it."""
    from core import kinds

    epigraph = kinds.Kind("epigraph", "a quotation that opens a section", ("Div",), "epigraph")
    listed = (*kinds.KINDS, epigraph)
    for edition in EDITIONS:
        assert kinds.uncovered(edition.renderers(JOB), listed) == ["epigraph"]
