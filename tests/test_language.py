"""Language packs, checked against their declared keys; Turkish collation and case
mapping, from ICU."""
import re
from importlib import import_module

import pytest
from conftest import run_build, write_manuscript

from core.language import (
    KEYS,
    LANGUAGE_CODES,
    NEVER,
    PackError,
    base_language,
    checked,
    has_pack,
    lower,
    pack,
    sort_key,
    term,
    upper,
    upper_first,
)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_pack_holds_every_declared_key_and_its_regexes_compile(code):
    table = pack(code)
    assert set(table) == {name for keys in KEYS.values() for name in keys}
    for name in ("date_suffix", "pluperfect", "relative_complement", "month_suffix", "finite_verb",
                 "accusative", "participles", "past_tense", "plural_noun"):
        re.compile(table[name])
    for before, after in table["period"] + table["state"] + table["attributive"]:
        re.compile(before), re.compile(after)
    assert table["clause_reader"] in ("turkish", "english", "plain")
    assert len(table["months"]) == 12


def test_no_key_is_declared_in_two_sections():
    # the sections merge into one table: the site's "volume" ("Volume") once replaced the
    # citation's ("Vol. {number}"), and every reference printed "(Volume)" for "(Vol. 31)"
    names = [name for keys in KEYS.values() for name in keys]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code, printed", [("en", "Vol. 31"), ("tr", "Cilt 31"), ("de", "Bd. 31")])
def test_a_references_volume_is_printed_with_its_number(tmp_path, code, printed):
    root = write_manuscript(tmp_path, {"01.md": "See @k1.\n"}, f"lang: {code}\ntitle: T\n",
                            bib="@inproceedings{k1, author={Doe, Jane}, title={A title}, "
                                "booktitle={Proceedings of X}, volume={31}, year={2017}}\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    page = next((tmp_path / "build" / "html").glob("*.html")).read_text(encoding="utf-8")
    assert re.search(rf"Proceedings of X</em>[^<(]* \({printed}\)", page)  # Turkish: "… içinde (Cilt 31)"


def test_a_pack_that_lacks_a_key_says_which():
    module = import_module("core.languages.de")
    sections = {name: dict(getattr(module, name)) for name in KEYS}
    del sections["INTERFACE"]["references"]
    with pytest.raises(PackError, match=r"'de' \(core/languages/de.py\): INTERFACE lacks 'references'"):
        checked("de", sections)
    sections = {name: dict(getattr(module, name)) for name in KEYS}
    sections["DATES"]["monhts"] = []
    with pytest.raises(PackError, match="unknown keys \\['monhts'\\]"):
        checked("de", sections)


def test_a_clause_grammar_may_leave_out_what_its_reader_does_not_use():
    assert pack("de")["verb_forms"] == {} and pack("de")["participles"] == NEVER


def test_a_language_without_a_pack_builds_in_english_and_says_so(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": "# Introduction\n\nText.\n"}, "lang: fr\ntitle: Titre\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0
    assert ("manuscript/metadata.yaml:1: warning: no language pack for 'fr': its terms, dates and "
            "chronology are English's") in result.stderr
    assert "core/languages/fr.py" in result.stderr
    page = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in page and ">Contents<" in page  # the text's language, English's terms
    assert not has_pack("fr") and has_pack("de-AT")


def sorted_tr(words):
    return sorted(words, key=lambda word: sort_key(word, "tr"))


def test_turkish_letters_follow_their_base_letters():
    assert sorted_tr(["ç", "d", "c"]) == ["c", "ç", "d"]
    assert sorted_tr(["ğ", "h", "g"]) == ["g", "ğ", "h"]
    assert sorted_tr(["i", "ı", "j", "h"]) == ["h", "ı", "i", "j"]
    assert sorted_tr(["ö", "p", "o"]) == ["o", "ö", "p"]
    assert sorted_tr(["ş", "t", "s"]) == ["s", "ş", "t"]
    assert sorted_tr(["ü", "v", "u"]) == ["u", "ü", "v"]


def test_turkish_collation_of_names():
    names = ["Özsoy", "Zorlu", "Caferov", "Çelik", "Işık", "İnce", "Sarıkaya", "Şahin", "Ozan"]
    assert sorted_tr(names) == ["Caferov", "Çelik", "Işık", "İnce", "Ozan", "Özsoy",
                                "Sarıkaya", "Şahin", "Zorlu"]


def test_dotted_and_dotless_capitals_sort_with_their_small_letters():
    assert sorted_tr(["iyi", "Ilık", "İnce", "ılık"]) == ["ılık", "Ilık", "İnce", "iyi"]


def test_english_collation_is_not_turkish():
    assert sorted(["ı", "i", "j"], key=lambda w: sort_key(w, "en"))[-1] == "j"
    assert sorted(["Ozan", "Özsoy", "Oz"], key=lambda w: sort_key(w, "en")) == ["Oz", "Ozan", "Özsoy"]


def test_turkish_case_mapping():
    assert upper("istanbul ılık", "tr") == "İSTANBUL ILIK"
    assert lower("IŞIK İNCE", "tr") == "ışık ince"
    assert upper("istanbul", "en") == "ISTANBUL"
    assert upper_first("iki ülke", "tr") == "İki ülke"
    assert upper_first("ılık", "tr") == "Ilık"


def test_terms_follow_the_language_and_fall_back_to_english():
    assert term("tr", "and") == "ve" and term("tr", "et_al") == "vd."
    assert term("tr-TR", "references") == "Kaynakça"
    assert term("en", "and") == "and" and term("fr", "references") == "References"
    assert term("de", "references") == "Literatur" and term("de-AT", "figure") == "Abbildung"
    assert base_language("TR") == "tr"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_pack_names_every_article_type_and_credit_role(code):
    """The vocabularies' keys (``core.metaschema``) each have a name in every language."""
    from core.metaschema import ARTICLE_TYPES, CREDIT_TERMS
    assert set(pack(code)["article_types"]) == set(ARTICLE_TYPES)
    assert set(pack(code)["credit"]) == set(CREDIT_TERMS)
