"""German: the interface's terms, the citation locale and the date grammar; no clause
grammar yet (``clause_reader: plain``: an entry is its clause as written). The keys
are declared in ``core.language.KEYS``."""
from __future__ import annotations

INTERFACE = {
    "and": "und",
    "et_al": "u. a.",
    "references": "Literatur",
    "appendix": "Anhang",
    "chronology": "Chronologie",
    "timeline": "Zeitleiste",
    "date": "Datum",
    "event": "Ereignis",  # the chronology's columns (the DOCX edition's table)
    "abstract": "Zusammenfassung",
    "keywords": "Schlüsselwörter",
    "contents": "Inhalt",
    "cite_as": "Zitiervorschlag",
    "notes": "Anmerkungen",
    "section": "Abschnitt",
    "download": "Herunterladen",
    "translation_language": "en",
    "figure": "Abbildung",
    "figures": "Abbildungen",
    "table": "Tabelle",
    "tables": "Tabellen",
    "equation": "Gleichung",
    "equations": "Gleichungen",
    "sections": "Abschnitte",
    "appendices": "Anhänge",
    "received": "Eingegangen",
    "revised": "Überarbeitet",
    "accepted": "Angenommen",
    "published": "Veröffentlicht",
    "corresponding_author": "Korrespondenz",
    "license": "Lizenz",
    "acknowledgements": "Danksagung",
    "funding": "Förderung",
    "data-availability": "Verfügbarkeit der Daten",
    "conflict-of-interest": "Interessenkonflikt",
    "ethics": "Ethikvotum",
    "author-contributions": "Beiträge der Autorinnen und Autoren",
    "ethics_statement": "Die Studie wurde am {date} von {board} genehmigt{number}.",
    "ethics_number": " (Aktenzeichen {number})",
    # CRediT contributor roles (https://credit.niso.org), in the order of the taxonomy
    "credit": {
        "conceptualization": "Konzeptualisierung",
        "data-curation": "Datenkuratierung",
        "formal-analysis": "Formale Analyse",
        "funding-acquisition": "Einwerbung von Fördermitteln",
        "investigation": "Untersuchung",
        "methodology": "Methodik",
        "project-administration": "Projektverwaltung",
        "resources": "Ressourcen",
        "software": "Software",
        "supervision": "Betreuung",
        "validation": "Validierung",
        "visualization": "Visualisierung",
        "writing-original-draft": "Schreiben – Erstentwurf",
        "writing-review-editing": "Schreiben – Überarbeitung und Redaktion",
    },
    "note": "Anm.",
    # Quotation marks in entry texts: German's low-high ones.
    "article_types": {
        "research-article": "Forschungsartikel", "review-article": "Übersichtsartikel", "editorial": "Editorial",
        "book-review": "Rezension", "brief-report": "Kurzbericht", "case-report": "Fallbericht",
        "letter": "Leserbrief", "correction": "Korrektur",
    },
    "review_copy": ("Für die anonyme Begutachtung vorbereitet: Namen und Institutionen der Autorinnen und Autoren, "
                    "Danksagung, Förderung, Ethikvotum und Autorenbeiträge sind ausgelassen."),
    "accessibility_summary": ("Diese Publikation erfüllt EPUB Accessibility 1.1 auf der Stufe WCAG 2.1 AA: "
                              "Sie hat ein Inhaltsverzeichnis, geordnete Überschriften, eine Textalternative "
                              "für jede Abbildung, Formeln in MathML und Tabellen mit Kopfzellen."),
    "quotes": {"DoubleQuote": ("„", "“"), "SingleQuote": ("‚", "‘")},
}


CITATION = {
    "label_date": "{day}. {month}",
    "no_date": "o. J.",
    "editor": "Hrsg.",
    "editors": "Hrsg.",
    "pages": "S.",
    "page": "S.",
    "in_book": "In {book}",
    "edition": "{ordinal} Aufl.",
    "volume": "Bd. {number}",
    "report": "Bericht",
    "report_number": "Nr. {number}",
    "accessed": "Zugriff am {date}",
    "bibstrings": {"phdthesis": "Dissertation", "mathesis": "Masterarbeit",
                   "techreport": "Technischer Bericht", "resreport": "Forschungsbericht"},
    "langid": ["german", "ngerman", "austrian", "naustrian", "swissgerman", "nswissgerman"],
    "locators": {
        "page": ("S.", ["s", "seite", "seiten"]),
        "chapter": ("Kap.", ["kap", "kapitel"]),
        "section": ("Abschn.", ["abschn", "abschnitt"]),
        "volume": ("Bd.", ["bd", "band", "bände"]),
        "part": ("Tl.", ["tl", "teil"]),
        "paragraph": ("Abs.", ["abs", "absatz"]),
        "figure": ("Abb.", ["abb", "abbildung"]),
        "note": ("Anm.", ["anm", "anmerkung", "fn", "fußnote"]),
        "line": ("Z.", ["z", "zeile"]),
    },
    "csl_case_fixes": {},
}


DATES = {
    "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
               "Oktober", "November", "Dezember"],
    # "5. Mai 1994", "5.–7. Mai 1994", "5. Mai – 2. Juni 1994", "Mai 1994"
    "date_forms": [
        "{day}. {month} - {day2}. {month2} {year}",
        "{day}. - {day2}. {month} {year}",
        "{day}. {month} {year}",
        "{part}{month} {year}",
        "{month} {year}",
    ],
    "date_list_forms": ["{day}. und {day2}. {month} {year}"],
    "yearless_forms": ["{day}. und {day2}. {month}", "{day}. {month}"],
    "yearless_month_forms": ["im {month}"],
    "day_month_form": "{day}. {month}",
    "date_suffix": r"(?!)",
    "ordinal_period": True,
    "date_connectors_before": ["in der Nacht vom", "am", "im", "vom", "bis zum", "seit dem", "seit", "ab"],
    "weekdays": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "date_parts": {"early": ["Anfang "], "mid": ["Mitte "], "late": ["Ende "]},
    "part_forms": {"early": "Anfang {date}", "mid": "Mitte {date}", "late": "Ende {date}"},
    "month_aliases": {"Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Okt.": 10, "Nov.": 11, "Dez.": 12},
    "relative_forms": {"am folgenden Tag": "+1 day", "am nächsten Tag": "+1 day", "tags darauf": "+1 day",
                       "am selben Tag": "+0 day", "{count} Tage später": "+count day",
                       "eine Woche später": "+1 week"},
    "numbers": {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
                "neun": 9, "zehn": 10},
    # The end of a period is no event: "bis zum 5. Mai 1994", "seit Mai 2020".
    "period": [(r"\b(?:[Bb]is(?: zum)?|[Ss]eit(?: dem)?)\s+$", "")],
    "long_date": "{day}. {month} {year}",
    "long_month": "{month} {year}",
    "day_range_start": "{day}.",
    "month_range_start": "{day}. {month}",
    "day_range_separator": "–",
    "range_separator": " – ",
}


# The journal's site and issue PDF (press/journal).
SITE = {
    "volume": "Band",
    "number": "Heft",
    "issues": "Hefte",
    "archive": "Archiv",
    "home": "Startseite",
    "search": "Suche",
    "search_label": "In den Artikeln suchen",
    "editorial_board": "Redaktion",
    "guest_editors": "Gastherausgeber",
    "latest": "Aktuelles Heft",
    "issue_pdf": "Das ganze Heft (PDF)",
    "feed": "Atom-Feed",
    "issn": "ISSN",
    "eissn": "e-ISSN",
    "publisher": "Verlag",
    "skip": "Zum Inhalt",
}


CLAUSES = {
    "clause_reader": "plain",
    "capitalised_nouns": True,
    "date_joiners": ["und"],
    "abbreviations": ["z. B.", "z.B.", "d. h.", "d.h.", "u. a.", "usw.", "vgl.", "bzw.", "ca.", "Dr.",
                      "Prof.", "Nr.", "S.", "Hrsg.", "Abb.", "Tab.", "Kap.", "Jan.", "Feb.", "Aug.",
                      "Sept.", "Okt.", "Nov.", "Dez."],
    "clause_boundaries": [r";\s*", r":\s+"],
    "stopwords": ["der", "die", "das", "und", "in", "im", "am", "von", "vom", "zu", "zum", "mit", "den",
                  "dem", "des", "ein", "eine", "wurde", "wurden", "ist", "sind", "hat", "haben"],
}
