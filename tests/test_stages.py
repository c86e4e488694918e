"""The stages' records (``filters.stages``) against their modules and their order,
and each stage on its sample: ``filters/samples/NAME/input.md`` (with the
``references.bib`` and figures beside it), run through the stages it needs and
itself, against ``expected.native`` beside it (pandoc's native notation, metadata
included). ``make expected`` rewrites the expected files on purpose; review the
diff before committing it."""
from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path

import panflute as pf
import pytest
from conftest import doc_from, matches_golden

from core.diagnostics import collecting, raise_collected
from core.names import SOURCE_FILES_KEY
from core.tools import run_pandoc
from filters.stages import STAGES, needed, stages

SAMPLES = Path(__file__).resolve().parent.parent / "filters" / "samples"


def run_sample(name: str) -> str:
    """The stage's sample after the stages it needs and itself, in native notation;
    the sample folder's own path left out, so the expected file holds on any machine."""
    folder = SAMPLES / name
    doc = doc_from((folder / "input.md").read_text(encoding="utf-8"))
    doc.metadata[SOURCE_FILES_KEY] = pf.MetaList(pf.MetaString(str(folder / "input.md")))
    bibliography = sorted(folder.glob("*.bib"))
    if bibliography:
        doc.metadata["bibliography"] = pf.MetaList(*(pf.MetaString(str(path)) for path in bibliography))
    with collecting() as found:
        for stage in needed(name):
            doc = stage.run(doc)
    raise_collected(found)
    text = json.dumps(doc.to_json(), ensure_ascii=False).replace(f"{folder}/", "")
    return run_pandoc(["--from", "json", "--to", "native", "--standalone"], stdin=text)


@pytest.mark.parametrize("stage", STAGES, ids=lambda stage: stage.name)
def test_stage_against_its_expected_output(stage):
    assert matches_golden(run_sample(stage.name), SAMPLES / stage.name / "expected.native")


@pytest.mark.parametrize("stage", STAGES, ids=lambda stage: stage.name)
def test_record_matches_its_module(stage):
    module = import_module(stage.module)
    assert callable(module.main) and module.__doc__
    assert hasattr(module, "warm_up") == stage.warm_up
    assert (SAMPLES / stage.name / "input.md").is_file()


def test_every_need_is_provided_by_an_earlier_stage():
    provided: set[str] = set()
    for stage in stages(untrusted=True):
        assert set(stage.needs) <= provided, (stage.name, set(stage.needs) - provided)
        provided |= set(stage.provides)


def test_the_untrusted_stage_runs_first_and_only_when_asked():
    assert stages(untrusted=True)[0].name == "untrusted"
    assert "untrusted" not in [stage.name for stage in stages()]


def test_a_reference_to_the_timeline_resolves_after_the_chronology_numbers_it():
    sample = run_sample("references")
    assert 'Link\n' in sample and '"#fig:timeline"' in sample and "xref-pending" not in sample
