"""Language data and locale-aware text rules: one table entry per language.

Collation and case mapping come from ICU (CLDR data), never from str.lower(),
which gets Turkish wrong: ``"I".lower()`` is "i", but in Turkish it is "ı".

>>> sorted(["Özsoy", "Ozan", "İnce", "Işık"], key=lambda s: sort_key(s, "tr"))
['Işık', 'İnce', 'Ozan', 'Özsoy']
>>> upper_first("iki ülke", "tr")
'İki ülke'
"""
from __future__ import annotations

from functools import lru_cache

import icu

# Everything a language contributes: the journal's terms and the calendar words
# the chronology grammar reads. Adding a language is adding one entry here.
LANGUAGES: dict[str, dict] = {
    "tr": {
        "and": "ve",
        "et_al": "vd.",
        "references": "Kaynakça",
        "appendix": "Ek",
        "chronology": "Kronoloji",
        "timeline": "Zaman çizelgesi",
        "date": "Tarih", "event": "Olay",  # the chronology's columns (the DOCX edition's table)
        "abstract": "Öz",
        "keywords": "Anahtar Kelimeler",
        "contents": "İçindekiler",
        "cite_as": "Atıf",
        "notes": "Notlar",
        "section": "Bölüm",
        "download": "İndir",
        # --- references and citations (filters/bibstyle.py, filters/citations.py) ---
        "no_date": "t.y.",
        "editor": "Ed.",
        "editors": "Ed.",
        "pages": "ss.",
        "page": "s.",
        # Numbered things and their cross-references: "Şekil 1", "Şekil 1 ve 2".
        "figure": "Şekil", "figures": "Şekil",
        "table": "Tablo", "tables": "Tablo",
        "equation": "Denklem", "equations": "Denklem",
        "sections": "Bölüm",
        "appendices": "Ek",
        # Front matter
        "received": "Geliş tarihi",
        "revised": "Düzeltme tarihi",
        "accepted": "Kabul tarihi",
        "published": "Yayın tarihi",
        "corresponding_author": "Sorumlu yazar",
        "license": "Lisans",
        "translated_title": "Başlık",
        # Back matter: the headings TR Dizin asks for, and the ethics statement
        "acknowledgements": "Teşekkür",
        "funding": "Finansman",
        "data-availability": "Veri Erişilebilirliği",
        "conflict-of-interest": "Çıkar Çatışması",
        "ethics": "Etik Kurul Onayı",
        "author-contributions": "Yazar Katkıları",
        "ethics_statement": "Bu çalışma için {board} tarafından {date} tarihinde{number} etik kurul onayı alınmıştır.",
        "ethics_number": " {number} sayılı",
        # CRediT contributor roles (https://credit.niso.org), in the order of the taxonomy
        "credit": {
            "conceptualization": "Kavramsallaştırma",
            "data-curation": "Veri iyileştirme",
            "formal-analysis": "Biçimsel analiz",
            "funding-acquisition": "Finansman sağlama",
            "investigation": "Araştırma",
            "methodology": "Yöntem",
            "project-administration": "Proje yönetimi",
            "resources": "Kaynaklar",
            "software": "Yazılım",
            "supervision": "Denetim",
            "validation": "Doğrulama",
            "visualization": "Görselleştirme",
            "writing-original-draft": "Yazım – ilk taslak",
            "writing-review-editing": "Yazım – inceleme ve düzenleme",
        },
        "in_book": "{book} içinde",             # a chapter's book: "D. Kara (Ed.), *Kitap* içinde"
        "edition": "{ordinal} baskı",           # "2. baskı"
        "volume": "Cilt {number}",
        "report": "Rapor",
        "report_number": "No. {number}",
        "accessed": "Erişim tarihi: {date}",
        # BibLaTeX's localisation keys, as a `type` field or a thesis's default type
        "bibstrings": {"phdthesis": "Doktora tezi", "mathesis": "Yüksek lisans tezi",
                       "techreport": "Teknik rapor", "resreport": "Araştırma raporu"},
        "langid": ["turkish"],                  # BibLaTeX `langid` values of this language
        # Locators: unit → (the form printed, the spellings an author may write).
        # The printed forms are the CSL locale's terms, so pandoc's citeproc reads them too.
        "locators": {
            "page": ("s.", ["s", "ss", "sayfa", "sayfalar"]),
            "chapter": ("böl.", ["bölüm", "bölümler", "böl"]),
            "section": ("blm.", ["blm"]),
            "volume": ("c.", ["cilt", "ciltler", "c"]),
            "part": ("ksm.", ["kısım", "ksm"]),
            "paragraph": ("par.", ["paragraf", "par"]),
            "figure": ("şek.", ["şekil", "şek"]),
            "note": ("n.", ["not", "dipnot", "dn"]),
            "line": ("satır", ["satır", "satırlar"]),
        },
        # pandoc's citeproc capitalises a term without Turkish case rules ("içinde" →
        # "Içinde"): the words it gets wrong, and their right form.
        "csl_case_fixes": {"Içinde": "İçinde"},
        # The chronology's date grammar: forms tried longest first; {day}, {month},
        # {year}, {day2}, {month2} are the parts; " - " is any dash with or
        # without spaces. `suffix` is what Turkish attaches with an apostrophe.
        "date_forms": [
            "{day} {month} - {day2} {month2} {year}",
            "{day} - {day2} {month} {year}",
            "{day} {month} {year}",
            "{year} yılının {month} ayında",
            "{month} {year}",
        ],
        "day_month_form": "{day} {month}",
        "date_suffix": "['’][a-zçğıöşü]+",
        # Words that only tie a date to its sentence; dropped from event texts.
        "date_connectors": ["tarihleri arasında", "tarihlerinde", "tarihi itibariyle",
                            "tarihinde", "itibariyle", "tarihi"],
        "long_date": "{day} {month} {year}",
        "long_month": "{month} {year}",
        "day_range_start": "{day}",
        "month_range_start": "{day} {month}",
        "day_range_separator": "–",
        "range_separator": " – ",
        "months": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
                   "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
    },
    "en": {
        "and": "and",
        "et_al": "et al.",
        "references": "References",
        "appendix": "Appendix",
        "chronology": "Chronology",
        "timeline": "Timeline",
        "date": "Date", "event": "Event",  # the chronology's columns (the DOCX edition's table)
        "abstract": "Abstract",
        "keywords": "Keywords",
        "contents": "Contents",
        "cite_as": "Cite as",
        "notes": "Notes",
        "section": "Section",
        "download": "Download",
        # --- references and citations (filters/bibstyle.py, filters/citations.py) ---
        "no_date": "n.d.",
        "editor": "Ed.",
        "editors": "Eds.",
        "pages": "pp.",
        "page": "p.",
        "figure": "Figure", "figures": "Figures",
        "table": "Table", "tables": "Tables",
        "equation": "Equation", "equations": "Equations",
        "sections": "Sections",
        "appendices": "Appendices",
        "received": "Received",
        "revised": "Revised",
        "accepted": "Accepted",
        "published": "Published",
        "corresponding_author": "Corresponding author",
        "license": "License",
        "translated_title": "Title",
        "acknowledgements": "Acknowledgements",
        "funding": "Funding",
        "data-availability": "Data Availability",
        "conflict-of-interest": "Conflict of Interest",
        "ethics": "Ethics Approval",
        "author-contributions": "Author Contributions",
        "ethics_statement": "This study was approved by {board} on {date}{number}.",
        "ethics_number": " (approval number {number})",
        "credit": {
            "conceptualization": "Conceptualization",
            "data-curation": "Data curation",
            "formal-analysis": "Formal analysis",
            "funding-acquisition": "Funding acquisition",
            "investigation": "Investigation",
            "methodology": "Methodology",
            "project-administration": "Project administration",
            "resources": "Resources",
            "software": "Software",
            "supervision": "Supervision",
            "validation": "Validation",
            "visualization": "Visualization",
            "writing-original-draft": "Writing – original draft",
            "writing-review-editing": "Writing – review & editing",
        },
        "in_book": "In {book}",
        "edition": "{ordinal} ed.",
        "volume": "Vol. {number}",
        "report": "Report",
        "report_number": "No. {number}",
        "accessed": "Accessed {date}",
        "bibstrings": {"phdthesis": "PhD thesis", "mathesis": "Master's thesis",
                       "techreport": "Technical report", "resreport": "Research report"},
        "langid": ["english", "american", "british", "USenglish", "UKenglish"],
        "locators": {
            "page": ("p.", ["p", "pp", "page", "pages"]),
            "chapter": ("chap.", ["chap", "chapter", "chapters", "ch"]),
            "section": ("sec.", ["sec", "section", "sections", "§"]),
            "volume": ("vol.", ["vol", "vols", "volume", "volumes"]),
            "part": ("pt.", ["pt", "part", "parts"]),
            "paragraph": ("para.", ["para", "paragraph", "paragraphs", "¶"]),
            "figure": ("fig.", ["fig", "figs", "figure", "figures"]),
            "note": ("n.", ["n", "nn", "note", "notes"]),
            "line": ("l.", ["l", "ll", "line", "lines"]),
        },
        "csl_case_fixes": {},
        "date_forms": [
            "{day} {month} - {day2} {month2} {year}",
            "between {day} and {day2} {month} {year}",
            "{day} - {day2} {month} {year}",
            "{month} {day}, {year}",
            "{day} {month} {year}",
            "{month} {year}",
        ],
        "day_month_form": "{day} {month}",
        "date_suffix": "['’]s",
        "date_connectors": ["on", "in"],
        "long_date": "{day} {month} {year}",
        "long_month": "{month} {year}",
        "day_range_start": "{day}",
        "month_range_start": "{day} {month}",
        "day_range_separator": "–",
        "range_separator": " – ",
        "months": ["January", "February", "March", "April", "May", "June", "July",
                   "August", "September", "October", "November", "December"],
    },
}
DEFAULT_LANGUAGE = "en"


def base_language(lang: str | None) -> str:
    """The table's key for a BCP 47 tag: ``"tr-TR"`` → ``"tr"``; unknown → English."""
    code = (lang or DEFAULT_LANGUAGE).split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def term(lang: str | None, name: str) -> str:
    """``term("tr", "and")`` → ``"ve"``."""
    return LANGUAGES[base_language(lang)][name]


@lru_cache(maxsize=None)
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: str | None) -> bytes:
    """ICU collation key: Turkish puts ç after c, ı before i, ş after s…"""
    return _collator((lang or DEFAULT_LANGUAGE).replace("-", "_")).getSortKey(text)


def upper(text: str, lang: str | None) -> str:
    """Locale case mapping: ``upper("istanbul", "tr")`` → ``"İSTANBUL"``."""
    return str(icu.UnicodeString(text).toUpper(icu.Locale(lang or DEFAULT_LANGUAGE)))


def lower(text: str, lang: str | None) -> str:
    """``lower("IŞIK", "tr")`` → ``"ışık"``."""
    return str(icu.UnicodeString(text).toLower(icu.Locale(lang or DEFAULT_LANGUAGE)))


def upper_first(text: str, lang: str | None) -> str:
    """Capitalise the first letter only, by the language's rules."""
    return upper(text[:1], lang) + text[1:] if text else text


@lru_cache(maxsize=None)
def _ordinals(lang: str) -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.ORDINAL, icu.Locale(lang))


def ordinal(number: int, lang: str | None) -> str:
    """The language's ordinal numeral (ICU's rules): ``ordinal(2, "tr")`` → ``"2."``.

    >>> ordinal(2, "en"), ordinal(11, "en"), ordinal(23, "en")
    ('2nd', '11th', '23rd')
    """
    return _ordinals(base_language(lang)).format(number)
