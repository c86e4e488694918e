"""English: the interface's terms, the citation locale, the date grammar and the
clause grammar (the keys are declared in ``core.language.KEYS``)."""
from __future__ import annotations

INTERFACE = {
    "and": "and",
    "et_al": "et al.",
    "references": "References",
    "appendix": "Appendix",
    "chronology": "Chronology",
    "timeline": "Timeline",
    "date": "Date",
    "event": "Event",  # the chronology's columns (the DOCX edition's table)
    "abstract": "Abstract",
    "keywords": "Keywords",
    "contents": "Contents",
    "cite_as": "Cite as",
    "notes": "Notes",
    "section": "Section",
    "download": "Download",
    "translation_language": "tr",
    "figure": "Figure",
    "figures": "Figures",
    "table": "Table",
    "tables": "Tables",
    "equation": "Equation",
    "equations": "Equations",
    "sections": "Sections",
    "appendices": "Appendices",
    "listing": "Listing",
    "listings": "Listings",
    "theorem": "Theorem",
    "theorems": "Theorems",
    "lemma": "Lemma",
    "lemmas": "Lemmas",
    "corollary": "Corollary",
    "corollaries": "Corollaries",
    "proposition": "Proposition",
    "propositions": "Propositions",
    "conjecture": "Conjecture",
    "conjectures": "Conjectures",
    "definition": "Definition",
    "definitions": "Definitions",
    "example": "Example",
    "examples": "Examples",
    "exercise": "Exercise",
    "exercises": "Exercises",
    "hypothesis": "Hypothesis",
    "hypotheses": "Hypotheses",
    "axiom": "Axiom",
    "axioms": "Axioms",
    "assumption": "Assumption",
    "assumptions": "Assumptions",
    "claim": "Claim",
    "claims": "Claims",
    "fact": "Fact",
    "facts": "Facts",
    "proof": "Proof",
    "remark": "Remark",
    "solution": "Solution",
    "solutions": "Solutions",
    "remarks": "Remarks",
    "callout_note": "Note",
    "callout_tip": "Tip",
    "callout_warning": "Warning",
    "callout_important": "Important",
    "callout_caution": "Caution",
    # … and their plurals, for several numbered ones (Notes 1 and 2)
    "callout_notes": "Notes",
    "callout_tips": "Tips",
    "callout_warnings": "Warnings",
    "callout_importants": "Important",
    "callout_cautions": "Cautions",
    "reference_headings": ["reference", "bibliography", "literature cited", "works cited", "references cited",
                           "cited references", "literature",
                           # … and those of languages without a pack, whose texts are read as English
                           # when they leave lang out (a Spanish paper's "Referencias")
                           "referencias", "bibliografía", "referências", "bibliografia", "références",
                           "bibliographie", "riferimenti", "riferimenti bibliografici", "literatuur",
                           "referenser", "litteratur", "piśmiennictwo", "bibliografie"],
    "received": "Received",
    "revised": "Revised",
    "accepted": "Accepted",
    "published": "Published",
    "corresponding_author": "Corresponding author",
    "equal_contribution": "These authors contributed equally.",
    "license": "License",
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
    "note": "n.",
    "text": "text",
    "article_types": {
        "research-article": "Research Article", "review-article": "Review Article", "editorial": "Editorial",
        "book-review": "Book Review", "brief-report": "Brief Report", "case-report": "Case Report",
        "letter": "Letter", "correction": "Correction",
    },
    "review_copy": ("Prepared for blind review: the authors' names and institutions, the acknowledgements, "
                    "the funding, the ethics approval and the author contributions are left out."),
    "accessibility_summary": ("This publication meets EPUB Accessibility 1.1 at WCAG 2.1 Level AA: it has a "
                              "table of contents, headings in order, a text alternative for every figure, "
                              "equations in MathML and tables with header cells."),
    "quotes": {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")},
}


CITATION = {
    "label_date": "{month} {day}",
    # --- references and citations (filters/bibstyle.py, filters/citations.py) ---
    "no_date": "n.d.",
    "editor": "Ed.",
    "editors": "Eds.",
    "pages": "pp.",
    "page": "p.",
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
}


DATES = {
    "date_forms": [
        "{day} {month} {year} - {day2} {month2} {year2}",
        "{month} {day}, {year} - {month2} {day2}, {year2}",
        "{day} {month} - {day2} {month2} {year}",
        "{month} {day} - {month2} {day2}, {year}",
        # a range in words: "11 September through to 9 November 2021"
        "{day} {month} through to {day2} {month2} {year}", "{day} {month} through {day2} {month2} {year}",
        "{day} {month} until {day2} {month2} {year}", "{day} {month} to {day2} {month2} {year}",
        "{month} {day} through {month2} {day2}, {year}", "{month} {day} to {month2} {day2}, {year}",
        "between {day} and {day2} {month} {year}",
        "{day} - {day2} {month} {year}",
        "{month} {day} - {day2}, {year}",
        "{month} {day}{ordinal}, {year}",
        "{month} {day}, {year}",
        "{day}{ordinal} {month}, {year}",
        "{day}{ordinal} {month} {year}",
        "{day} {month}, {year}",
        "{day} {month} {year}",
        "{part}{month} {year}",
        "{part}{month}, {year}",
        "{month} of {year}",
        "{month}, {year}",
        "{month} {year}",
    ],
    "day_month_form": "{day} {month}",
    # A year alone ("in 1940", "early 1941", "1939-1945"), when no longer form holds it.
    "year_forms": ["{part}{year} - {year2}", "{part}{year} - {year2_short}",  # the winter of 1916–17
                   "between {year} and {year2}", "{year} - {year2}", "{part}{year}", "{year}"],
    # A number that counts or names something: "Resolution 1483", "4000 troops", "the 1st
    # Infantry Division", "480 BC" (the chronology's calendar has no era before ours).
    "quantity_before": r"\b(?:No|Nos|Nr)\.?\s*\d+/|"  # a document's number: "Resolution CFP No 7/2018"
                       r"\b(?:Resolution|Resolutions|No\.|Nos\.|Number|Law|Article|Art\.|Act|Route|"
                       r"Highway|Hill|Height|Flight|Division|Regiment|Brigade|Corps|Army|Squadron|Order|"
                       r"Directive|Operation|Code|Section|Sec\.|page|pp?\.)\s+|[$£€#§¶]\s*",  # § 1708: a statute's section
    # … and a number in a compound of a measure ("a 1900-long vector", "the 1900-cell model";
    # not "2 October 1950-the day after", a hyphen for a dash)
    "quantity_after": r"\s*(?:BC|BCE|B\.C\.|AD\b|[.,]\d|%|-(?:man|men|strong|member|mile|km|metre|meter|foot|"
                      r"feet|year|day|hour|minute|ton|tonne|long|wide|high|deep|cell|bit|byte|dimensional|fold|"
                      r"point|page|word|item|dollar|seat|bed|acre|node|core|element|sample|step|unit|pixel|"
                      r"character|line|layer|channel)s?\b)|"
                      r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:Division|Army|Armies|Corps|Brigade|Regiment|Battalion|"
                      r"Fleet|Squadron|Group|Company|Battery|Wing|Marines?|Infantry|Cavalry|Airborne)\b|"
                      r"\s+(?:(?:more|other|additional|extra|fresh|new|enemy|American|British|German|French|"
                      r"Soviet|Japanese|Chinese|Iraqi|Russian|Italian|Allied|Union|Confederate)\s+)?"
                      r"(?:troops|men|soldiers|sailors|marines|people|persons|civilians|casualties|dead|"
                      r"killed|wounded|prisoners|refugees|tanks|aircraft|planes|ships|vessels|guns|rifles|"
                      r"horses|km|kilometres|kilometers|miles|metres|meters|feet|yards|tons|tonnes|"
                      r"dollars|pounds|francs|marks|rubles|hectares|votes|members|delegates|workers|"
                      r"students|deaths|strong|infantry|cavalry|militia|fighters|insurgents|rebels|"
                      r"guerrillas|Marines|Soviet|sorties|missions|units|square|"
                      # a span of time: "in the last 2000 years"
                      r"years|months|weeks|days|hours|decades|centuries|millennia|generations)\b",
    "date_suffix": "['’]s",
    # "In August of that year", "ended in November of the same year"
    "date_connectors_after": ["of that year", "of the same year", "of that same year"],
    "author_joiners": ["and", "&", "et al."],
    "name_nouns": ["program", "programme", "programs", "programmes", "plan", "strategy", "agenda", "vision",
                   # an event named with its year: the Zero Speech Challenge 2017, the World Cup 2018
                   "challenge", "cup", "championship", "championships", "games", "olympics", "conference",
                   "workshop", "summit", "expo", "congress", "symposium", "census",
                   "goals", "targets", "initiative", "framework", "roadmap", "project", "fund", "call"],
    "date_connectors_before": ["on the night of", "on the morning of", "on the evening of",
                        "the night of", "on", "in", "into", "of", "at", "by", "from", "to", "until",
                        "till", "since", "beyond", "through", "throughout", "during", "as of", "only",
                        "already"],
    "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "time_of_day_before": r"at\s+\d{1,2}(?:[.:]\d\d)?\s*(?:a\.m\.|p\.m\.)",
    "time_of_day_after": r"(?!)",
    "date_list_forms": ["{day} and {day2} {month} {year}", "{month} {day} and {day2}, {year}"],
    "yearless_forms": ["{month} {day} - {month2} {day2}", "{day} {month} - {day2} {month2}",
                       "{month} {day} - {day2}", "{day} - {day2} {month}", "{day} and {day2} {month}",
                       "{month} {day} and {day2}",
                       "{day}{ordinal} {month}", "{day} {month}", "{month} {day}{ordinal}", "{month} {day}"],
    # A month without a year: after a preposition ("in May", "by early October", "from
    # October to March"), or with a part of it ("mid-June", "the end of November").
    "yearless_month_forms": ["in {part}{month}", "by {part}{month}", "{part}{month}", "in {month}", "by {month}",
                             "from {month}", "to {month}", "until {month}", "since {month}", "during {month}"],
    "pluperfect": r"\bhad\s+(?:been\s+)?[a-z]+(?:ed|en|t)\b",
    "date_parts": {"early": ["early ", "the beginning of ", "the start of ", "the first days of "],
                   "mid": ["mid-", "the middle of ", "mid "],
                   "late": ["late ", "the end of ", "the last days of ", "the latter part of "],
                   # a season of a year (TIMEX2's codes): "the summer of 1943"
                   "SP": ["the spring of ", "spring of ", "spring "], "SU": ["the summer of ", "summer of ", "summer "],
                   "FA": ["the autumn of ", "autumn of ", "autumn ", "the fall of ", "fall of ", "fall "],
                   "WI": ["the winter of ", "winter of ", "winter "]},
    "part_forms": {"early": "early {date}", "mid": "mid-{date}", "late": "late {date}",
                   "SP": "spring {date}", "SU": "summer {date}", "FA": "autumn {date}", "WI": "winter {date}"},
    "month_aliases": {"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7,
                      "Aug.": 8, "Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12},
    "relative_forms": {
        "the following day": "+1 day", "the next day": "+1 day", "a day later": "+1 day",
        "the same day": "+0 day", "the same evening": "+0 day", "the same night": "+0 day",
        "that same day": "+0 day", "the day following": "+1 day", "the following night": "+1 day",
        "later that month": "+0 month", "the following month": "+1 month", "the next month": "+1 month",
        "the next morning": "+1 day", "the following morning": "+1 day",
        "the next evening": "+1 day", "the following evening": "+1 day",
        "a week later": "+1 week",
        "{count} days later": "+count day", "{count} weeks later": "+count week",
        "the {day}{ordinal}": "day",
        "a month later": "+1 month", "{count} months later": "+count month",
        "the following year": "+1 year", "the next year": "+1 year", "a year later": "+1 year",
        "{count} years later": "+count year", "the previous year": "-1 year", "the year before": "-1 year",
        "the same year": "+0 year", "that same year": "+0 year", "later that year": "+0 year",
        "earlier that year": "+0 year", "that year": "+0 year",
        "the same month": "+0 month", "that same month": "+0 month", "that month": "+0 month",
        "earlier that month": "+0 month",
    },
    "relative_complement": r"(?!)",
    # "the 3rd quartile", "the 2nd edition", "the 5th century": a word after the ordinal that
    # no day takes (a day's is punctuation, "of", or a word that opens a clause: "On the 3rd the troops")
    "ordinal_noun": r"\s+(?!(?:the|a|an|of|and|or|but|when|as|at|in|on|by|to|they|he|she|it|we|i|you|his|her|"
                    r"their|its|our|this|that|these|those|there|after|before|until|while|with|from|for|all|both|"
                    r"every|each|some|most|many|no|not|was|were|had|is|saw|brought|came|began|ended|then|also)\b)"
                    r"[a-z][a-z-]+\b",
    "numbers": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90},
    # Temporal expressions besides dates (filters.timex), in TIMEX2's units and values
    "durations": {"Y": ["year"], "M": ["month"], "W": ["week"], "D": ["day"], "H": ["hour"], "DE": ["decade"],
                  "CE": ["century"]},
    "duration_plurals": {"Y": ["years"], "M": ["months"], "W": ["weeks"], "D": ["days"], "H": ["hours"],
                         "DE": ["decades"], "CE": ["centuries"]},
    "vague_counts": ["a few", "few", "several", "many", "some", "the next few", "the following", "the next",
                     "the succeeding", "the intervening", "the previous", "the preceding", "the first few",
                     "the last few", "recent", "subsequent", "ensuing"],
    "single_counts": ["a", "an", "one"],
    "time_references": {"PRESENT_REF": ["now", "today", "currently", "nowadays", "at present", "the present",
                                        "present-day", "presently", "at the moment", "current", "these days"],
                         "PAST_REF": ["former", "formerly", "recent", "recently", "the past",
                                      "once-powerful"],
                         "FUTURE_REF": ["the future", "future"]},
    "duration_anchors": {"FUTURE_REF": ["later", "afterwards", "thereafter"],
                         "PAST_REF": ["earlier", "ago", "previously"]},
    "day_parts": {"MO": ["morning"], "AF": ["afternoon"], "EV": ["evening"], "NI": ["night", "night-time"]},
    # "the morning of 31 January 1965", "early in the morning of 29 April", "the early morning hours of 30 April"
    "day_part_forms": [(r"(?:\b(?:[Ee]arly|[Ll]ate)\s+(?:in\s+)?)?\b[Tt]he\s+(?:(?:early|late)\s+)?{part}"
                        r"(?:\s+hours)?\s+of\s+$", "")],
    "day_part_alone_forms": [r"(?:[Tt]hat|[Tt]his)\s+{part}"],
    "clock_forms": [r"(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?:(?P<am>a\.m\.|AM\b|am\b)|"
                    r"(?P<pm>p\.m\.|PM\b|pm\b))"],
    "seasons": {"SP": ["spring"], "SU": ["summer"], "FA": ["autumn", "fall"], "WI": ["winter"]},
    # A season alone, with the word that points at it (taken out of the entry with it); "fall"
    # only after one that makes it a time: not "after the city's fall", "the fall of Saigon"
    "season_alone_forms": [r"(?:(?:[Tt]he|[Tt]hat|[Tt]his|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate|[Tt]he following|"
                           r"[Tt]he same)\s+)?(?![Ff]all\b){season}(?!\s+of\b)",
                           r"(?:(?:(?<=[Ii]n )|(?<=[Dd]uring )|(?<=[Bb]y )|(?<=[Uu]ntil ))the|[Tt]hat|[Tt]his|[Ll]ast|"
                           r"[Nn]ext|[Ee]arly|[Ll]ate)\s+{season}(?!\s+of\b)"],
    "era_forms": [r"(?:(?:{season}\s+of\s+)|(?:{month}\s+))?{year}\s*(?:BC|BCE|B\.C\.(?:E\.)?)(?![\w])",
                  r"(?:BC|BCE)\s+{year}",
                  # a range's first year, its era after the last: "(492–490 BC)"
                  r"{year}(?=\s*[-–]\s*\d{1,4}\s*(?:BC|BCE|B\.C\.))"],
    "era_year_forms": [r"(?:(?<=[Ii]n )|(?<=[Bb]y )|(?<=[Ff]rom )|(?<=[Uu]ntil )|(?<=[Ss]ince )|(?<=[Aa]fter )|"
                       r"(?<=[Bb]efore )|(?<=[Dd]uring )|(?<=rest of )|(?<=[Ii]n early )|(?<=[Ii]n late ))"
                       r"(?:{month}\s+)?{year}(?!\s*[-–]\s*\d|[,.]\d|\s*%)"],
    # a decade or a century before the common era has it after: "the 470s BC", "the 4th century BC"
    "decade_forms": [r"(?<![\w-])(?:[Tt]he\s+)?(?:(?:early|mid|late)[- ]?)?(?P<decade>\d{1,3})0['’]?s\s*"
                     r"(?P<era>BC|BCE|B\.C\.)",
                     r"(?<![\w-])(?:[Tt]he\s+)?(?:(?:early|mid|late)[- ]?)?(?P<decade>1\d\d|20\d)0['’]?s\b"],
    "century_forms": [r"(?<![\w-])(?:[Tt]he\s+)?(?P<century>[12]?\d)(?:st|nd|rd|th)\s+century\s*"
                      r"(?P<era>BC|BCE|B\.C\.)",
                      r"(?<![\w-])(?:[Tt]he\s+)?(?P<century>[12]?\d)(?:st|nd|rd|th)\s+century\b"],
    "period": [(r"\b(?:[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]o|[Bb]eyond|[Tt]hrough)\s+$", ""),
               (r"\b[Ff]rom\s+$", r"^\S*\s+(?:to|until|till|through)\b"),
               (r"\b[Ff]rom\s+.{3,30}\s+to\s+$", ""), (r"\b[Bb]etween\s+$", r"^\S*\s+and\b"),
               (r"\b[Bb]etween\s+.{3,30}\s+and\s+$", ""),
               # a lifespan or a reign: "(1893–1958)", "(15 May 1850 – 2 June 1920)"
               (r"\([^()]*$", r"^[^()]*?[-–][^()]*\d{4}[^()]*\)"), (r"\([^()]*\d{4}[^()]*[-–][^()]*$", r"^[^()]*\)"),
               (r"\(\s*$", r"^\d{4}\s*[-–]\s*\d{4}\s*\)"),
               # years in apposition name a period ("a new series of trade, 1991–2021"); data end in a year
               (r",\s*$", r"^\d{4}\s*[-–]\s*\d{4}\b"), (r"\b(?:[Dd]ata|[Ss]eries|[Rr]ecords?|[Ss]ample|[Ss]urvey|[Pp]anel|[Dd]ataset)\s+(?:end|ends|run|runs)\s+in\s+$", "")],
    # A state, or a date planned or set that the text does not say was kept
    # ("to be held on", "would end on", "the deadline of").
    "state": [(r"\b[Aa]s of\s+$", ""),
              # what still held, or not yet, at a date: "a third of it was still undelimited in 2021"
              (r"\b(?:still|not yet|no longer)\b[^.;:]{0,60}\s+(?:in|by|on)\s+$", ""),
              (r"\b(?:would|will|is to|was to|were to|to be)\s+(?:\w+\s+){0,2}?(?:on|in|by|for)\s+$", ""),
              (r"\b(?:scheduled|planned|set|due|expected|intended|announced for)\s+(?:for|on|in|by)\s+$", ""),
              (r"\b(?:would|will|could|might|may|should|planned to|intended to|expected to|hoped to)\s+"
               r"(?:\w+\s+){0,6}?(?:on|in|by|for)\s+$", ""),
              (r"\bdeadlines?(?:\s+of)?,?\s+$", "")],
    # … but "in the 1946 elections" is when its clause's event happens
    "adverbial": [(r"\b(?:[Ii]n|[Dd]uring|[Aa]t)\s+(?:[Tt]he|[Ii]ts|[Tt]heir)\s+$", r"^\d{4}\s+(?!and\b|or\b|to\b)[a-z]+")],
    "attributive": [(r"(?<!night )(?<!morning )(?<!evening )\bof\s+$", ""),
                    (r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Aa]n?)\s+$",
                     r"^\d{4}\s+(?!and\b|or\b|to\b)(?:[a-z]+|[A-Z][a-z]+\s+[A-Z][a-z]+)")],
    "ordinal_period": False,
    "long_date": "{day} {month} {year}",
    "long_month": "{month} {year}",
    "day_range_start": "{day}",
    "month_range_start": "{day} {month}",
    "day_range_separator": "–",
    "range_separator": " – ",
    "months": ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"],
}


# The journal's site and issue PDF (press/journal).
SITE = {
    "volume_word": "Volume",
    "number": "Issue",
    "issues": "Issues",
    "archive": "Archive",
    "home": "Home",
    "search": "Search",
    "search_label": "Search the articles",
    "editorial_board": "Editorial Board",
    "guest_editors": "Guest editors",
    "latest": "Latest issue",
    "issue_pdf": "The whole issue (PDF)",
    "feed": "Atom feed",
    "issn": "ISSN",
    "eissn": "e-ISSN",
    "publisher": "Publisher",
    "skip": "Skip to the content",
}


CLAUSES = {
    "clause_reader": "english",
    "date_joiners": ["and"],
    # "Baku ratified it on 2 May, Ashgabat on 9 May and Astana on 20 May": a list of dates
    # that share the verb.
    "list_separators": [r",\s+(?:and\s+)?", r"\s+and\s+"],
    # A plural subject takes "were": "the talks were held".
    "plural_noun": r"[^s]s$",
    "abbreviations": ["e.g.", "i.e.", "cf.", "vs.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Amb.",
                      "Gen.", "Col.", "Lt.", "Sen.", "Rep.", "Gov.", "Pres.", "St.", "Mt.", "No.",
                      "Nos.", "Art.", "Arts.", "Fig.", "Vol.", "pp.", "p.", "ed.", "eds.",
                      "approx.", "Approx.", "U.S.", "U.N.", "U.K.", "E.U.", "U.S.S.R.", "Jr.",
                      "Sr.", "Inc.", "Ltd.", "Co.", "a.m.", "p.m.", "Jan.", "Feb.", "Mar.",
                      "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."],
    "clause_boundaries": [r";\s*", r":\s+", r",\s+(?=(?:and|but|while|whereas|although|though)\s)"],
    "discourse": ["However", "Moreover", "Meanwhile", "In addition", "Nevertheless", "Thus",
                  "Then", "Finally", "And", "But", "While", "Whereas", "Although", "Though"],
    "clause_start_drop": ["and", "but", "while", "whereas", "although", "though"],
    "inner_drop": [],
    "apposition": [],
    "verb_forms": {},
    "complement_heads": [],
    "not_verbs": [],
    "lexical_nouns": r"(?!)",
    "stem_changes": {},
    "finite": {},
    "negative": r"(?!)",
    "finite_verb": r"(?!)",
    "case_endings": [],
    "vowel_harmony": {},
    "compound_marker": r"(?!)",
    "compound_case": [],
    "instrumental": r"(?!)",
    "negative_participle": r"(?!)",
    "accusative": r"(?!)",
    "genitive": r"(?!)",
    "case_marked": r"(?!)",
    "temporal_postpositions": [],
    "head_stops": [],
    "left_stops": [],
    "determiners": ["the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                    "those", "our", "every", "each", "any", "no"],
    # "a ceasefire agreed on 29 April held" → "a ceasefire was agreed and held":
    # a participle that ends a noun phrase before the date, when a verb follows it.
    "participles": r"^(?:\w+ed|held|made|taken|given|won|begun|broken|built|sent|set|led|met|"
                   r"paid|put|struck|fought|shot|sworn|drawn|chosen|written|shown|seen)$",
    # A clause's phrases: cut at commas; its coordinated parts at these words. A
    # date in an opening phrase of `adjunct_prepositions` names that phrase's
    # noun ("Following the elections of 4 October, …" → "the elections"); a date
    # in a participle phrase tells of the noun before it ("the Levy, announced
    # on …" → "the Levy was announced"). `auxiliaries` and `past_tense` tell a
    # phrase with a finite verb.
    "phrase_boundaries": [r",\s+"],
    "coordinators": ["and", "or"],
    "adjunct_prepositions": ["following", "after", "before", "during", "amid", "despite",
                             "in the wake of"],
    "auxiliaries": ["was", "were", "is", "are", "been", "be", "had", "has", "have", "did", "does",
                    "will", "would"],
    "past_tense": r"[a-z]{2,}ed",
    "gerund": r"[a-z]{3,}ing",
    "infinitive_marker": "to",
    "absolute_openers": ["with", "without"],
    "progressive_passive": ["being"],
    "irregular_past": ["arose", "ate", "became", "began", "begun", "bore", "borne", "bought",
                       "broke", "broken", "brought", "built", "came", "caught", "chose", "chosen",
                       "dealt", "did", "done", "drew", "drawn", "drove", "driven", "fell", "fallen",
                       "felt", "fled", "flew", "flown", "forbade", "forgot", "fought", "found", "froze",
                       "frozen", "gave", "given", "got", "gone", "grew", "grown", "heard", "held",
                       "hid", "hidden", "hung", "kept", "knew", "known", "laid", "led", "left", "lent",
                       "lost", "made", "meant", "met", "overcame", "overthrew", "paid", "ran", "rang",
                       "rode", "rose", "risen", "said", "sat", "saw", "seen", "sent", "shook", "shot",
                       "shown", "sold", "sought", "spent", "spoke", "spoken", "spread", "stood", "stole",
                       "struck", "swore", "sworn", "taken", "taught", "told", "thought", "threw",
                       "thrown", "took", "understood", "undertook", "went", "withdrew", "withdrawn",
                       "won", "wore", "wrote", "written"],
    "relative_pronouns": ["which", "who"],
    "noun_relatives": ["that", "which", "who"],
    "stative_verbs": ["remained", "remains", "stayed", "stays", "seemed", "seems", "appeared", "appears",
                      "shows", "show", "lists", "list", "is", "are"],
    "prepositions": ["into", "in", "on", "at", "to", "from", "by", "with", "towards", "toward", "through",
                     "across", "against", "over", "under", "near", "for", "of", "onto", "upon", "within"],
    "passive": {"singular": "was", "plural": "were"},
    "vague_subjects": ["It", "They", "He", "She", "This", "That", "These", "Those", "Both",
                       "The two countries", "The two sides", "Both sides", "The parties",
                       "The two governments", "The two presidents", "The latter", "The former"],
    "subject_pronouns": ["He", "She", "It", "They"],
    "demonstratives": ["This", "That", "These", "Those", "The latter", "The former"],
    "possessive_pronouns": ["His", "Her", "Its", "Their"],
    "possessive": "{name}’s",
    # An entry that tells of no event ("It was 4 May 1979, and …" → "It was."): reviewed, not printed.
    "no_event": r"(?:It|This|That|There|These|Those|They|He|She)\s+(?:was|were|is|are|had|came)\.|"
                r"(?:Was|Were|Is|Are|Had|Has)\s+[a-z]+\.|"  # a verb without its subject: "Was proclaimed."
                # a stretch of time and nothing that happened in it: "The period." (of "11 September –
                # 9 November 2021, the period …")
                r"(?:(?:The|This|That|A|An)\s+)?(?:(?:same|whole|entire|following|previous|next|first|last|"
                r"early|late|short|long)\s+)?(?:period|time|era|phase|stage|year|month|week|day|season|"
                r"interval|span|decade|century)s?\.",
    "meta_words": ["this article", "this study", "this paper", "this chapter", "this section"],
    "stopwords": ["the", "and", "of", "in", "on", "at", "to", "a", "an", "by", "for", "with",
                  "was", "were", "is", "are", "had", "has", "its", "their", "that", "which",
                  "two", "both", "from", "after", "before", "as"],
}
