"""The journal site's and the issue PDF's words, in each interface language (the
article's own words are its language pack's, ``core.language``). A language without
its words here gets English's.

>>> terms("tr")["volume"], terms("xx")["volume"]
('Cilt', 'Volume')
"""
from __future__ import annotations

from core.language import base_language

TERMS = {
    "en": {"volume": "Volume", "number": "Issue", "issue": "Issue", "issues": "Issues", "archive": "Archive",
           "home": "Home", "search": "Search", "search_label": "Search the articles", "contents": "Contents",
           "editorial_board": "Editorial Board", "guest_editors": "Guest editors", "pages": "pp.",
           "latest": "Latest issue", "articles": "articles", "issue_pdf": "The whole issue (PDF)",
           "language": "Language", "other_language": "Türkçe", "feed": "Atom feed", "no_results": "No results",
           "issn": "ISSN", "eissn": "e-ISSN", "publisher": "Publisher", "skip": "Skip to the content"},
    "tr": {"volume": "Cilt", "number": "Sayı", "issue": "Sayı", "issues": "Sayılar", "archive": "Arşiv",
           "home": "Ana sayfa", "search": "Ara", "search_label": "Makalelerde ara", "contents": "İçindekiler",
           "editorial_board": "Yayın Kurulu", "guest_editors": "Konuk editörler", "pages": "ss.",
           "latest": "Son sayı", "articles": "makale", "issue_pdf": "Sayının tamamı (PDF)",
           "language": "Dil", "other_language": "English", "feed": "Atom beslemesi", "no_results": "Sonuç yok",
           "issn": "ISSN", "eissn": "e-ISSN", "publisher": "Yayıncı", "skip": "İçeriğe geç"},
    "de": {"volume": "Band", "number": "Heft", "issue": "Heft", "issues": "Hefte", "archive": "Archiv",
           "home": "Startseite", "search": "Suche", "search_label": "In den Artikeln suchen",
           "contents": "Inhalt", "editorial_board": "Redaktion", "guest_editors": "Gastherausgeber",
           "pages": "S.", "latest": "Aktuelles Heft", "articles": "Artikel", "issue_pdf": "Das ganze Heft (PDF)",
           "language": "Sprache", "other_language": "English", "feed": "Atom-Feed", "no_results": "Keine Treffer",
           "issn": "ISSN", "eissn": "e-ISSN", "publisher": "Verlag", "skip": "Zum Inhalt"},
}


def terms(lang: str) -> dict:
    return TERMS.get(base_language(lang), TERMS["en"])
