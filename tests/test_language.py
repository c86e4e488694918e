"""Turkish collation and case mapping, from ICU."""
from core.language import base_language, lower, sort_key, term, upper, upper_first


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
    assert term("en", "and") == "and" and term("de", "references") == "References"
    assert base_language("TR") == "tr"
