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
        # {year}, {day2}, {month2} are the parts, {part} a word of `date_parts`,
        # {suffix} an optional suffix, {count} a number (digits or `numbers`),
        # {ordinal} "th"; " - " is any dash with or without spaces. `date_suffix`
        # is what Turkish attaches with an apostrophe.
        "date_forms": [
            "{day} {month} - {day2} {month2} {year}",
            "{day} - {day2} {month} {year}",
            "{day} {month} {year}",
            "{year} yılının {month} ayının {part}",
            "{year} yılının {month} ayında",
            "{month} {year}{suffix} {part}",
            "{month} {year}",
        ],
        "day_month_form": "{day} {month}",
        "date_suffix": "['’][a-zçğıöşü]+",
        # Words that only tie a date to its sentence (after it in Turkish, before it
        # in English); dropped from event texts.
        "date_connectors_before": [],
        "date_connectors_after": ["tarihleri arasında", "tarihlerinde", "tarihi itibariyle",
                            "tarihi itibarıyla", "tarihinde", "itibariyle", "itibarıyla",
                            "tarihli", "tarihi", "günü", "gecesi", "sabahı", "akşamı", "itibaren"],
        # The days of the week and a time of day also tie a date to its sentence
        # ("17 Ağustos 1999 Salı günü saat 03.02’de").
        "weekdays": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
        "time_of_day_before": r"(?!)",
        "time_of_day_after": r"saat\s+\d{1,2}[.:]\d\d(?:['’][a-zçğıöşü]+)?",
        # --- chronology grammar (filters.dates, filters.sentences, filters.clauses) ---
        # "11 ve 17 Ekim 2020’de": two dates; the first takes its month and year
        # from the second.
        "date_list_forms": ["{day} ve {day2} {month} {year}"],
        "yearless_forms": ["{day} ve {day2} {month}", "{day} {month}"],
        # A month without a year ("Mart ayında", "Ocak sonunda"): dated like a day
        # without one; left out quietly when its paragraph has no year.
        "yearless_month_forms": ["{month} ayının {part}", "{month} ayında", "{month} {part}",
                                 "{month}{month_suffix}"],
        # The suffixes that make a month's name alone a date ("Mart’ta"): the locative.
        "month_suffix": "['’][dt][ae](?!\\w)",
        # A sentence that looks back ("… Kasım’da kurulmuştu"): a date in it without a
        # year lies before the one the text gave last, not after it.
        "pluperfect": r"\w+(?:m[ıiuü]şt[ıiuü]|[dt][ıiuü]yd[ıiuü])\b",
        # Part of a month: read as part of the date, shown in the date column.
        "date_parts": {"early": ["başında", "başlarında", "başı", "ilk günlerinde", "ilk haftalarında"],
                       "mid": ["ortasında", "ortalarında", "ortası"],
                       "late": ["sonunda", "sonlarında", "sonu", "son günlerinde", "son haftalarında"]},
        "part_forms": {"early": "{date} başı", "mid": "{date} ortası", "late": "{date} sonu"},
        "month_aliases": {},
        # Dates given relative to the one before: "+N day" (N days after it),
        # "+count day|week" (a number in the text), "day" (that day of its
        # month), "month" (that month of its year).
        "relative_forms": {
            "ertesi gün": "+1 day", "ertesi günü": "+1 day", "aynı gün": "+0 day",
            "aynı günün akşamı": "+0 day", "aynı gece": "+0 day",
            "{count} gün sonra": "+count day", "{count} hafta sonra": "+count week",
            "aynı ayın {day}{suffix}": "day", "ayın {day}{suffix}": "day",
            "aynı ayın {part}": "part", "aynı yılın {month} ayında": "month",
        },
        # The word a relative date counts from, when it names an event, not a date:
        # "konferansın ertesi günü", "açılışından iki gün sonra". Taken out with it.
        "relative_complement": r"\S+(?:[ıiuü]n|[dt][ae]n)",
        "numbers": {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7,
                    "sekiz": 8, "dokuz": 9, "on": 10, "on bir": 11, "on iki": 12, "on üç": 13,
                    "on dört": 14, "on beş": 15, "on altı": 16, "on yedi": 17, "on sekiz": 18,
                    "on dokuz": 19, "yirmi": 20},
        # What a date is, read from the words around it: (before, after) regexes on
        # the text before the date and after it (from its suffix on); both must match.
        # A period's end is not an event ("Mayıs 1994’ten Nisan 2016’ya kadar"); a
        # date that names a thing ("Eylül 2022 savaşı", "14 Mart 2008 tarihli karar",
        # "26 Ağustos 1992’deki girişim") refers to an event dated elsewhere, if any.
        "period": [("", r"^\S*['’][dt][ae]n\b.{0,80}?['’]y?[ae]\s+kadar\b"),
                   ("", r"^\S*['’]y?[ae]\s+kadar\b"), ("", r"^\S*['’][dt][ae]n\s+(?:bu yana|beri)\b")],
        # A state at a date ("… Temmuz 1999’da yüzde 7 iken …") is no event.
        "state": [("", r"^\S*\s+(?:[^\s,.;]+\s+){0,5}?(?:iken|\S+[dt][ae]y?ken)\b"),
                  # a date planned: "seçimlerin 3 Kasım’da yapılmasına karar vermiştir"
                  ("", r"^\S*\s+(?:[^\s,.;]+\s+)?[a-zçğıöşü]+m[ae]s[ıi](?:n[ae])?\s+"
                       r"(?:karar|kararlaştır|öngör|planla)")],
        "attributive": [("", r"^\S*\s+tarihli\b"), ("", r"^\S*['’]\w*ki\b"),
                        ("", r"^\d{4}\s+(?!tarih|itibar|yılı|ve\b|ile\b|veya\b|ya\b|günü\b|gecesi\b|sabahı\b|akşamı\b)"
                            r"[a-zçğıöşü]+")],
        "abbreviations": ["vb.", "vs.", "vd.", "bkz.", "Bkz.", "s.", "ss.", "Dr.", "Prof.", "Doç.",
                          "Yrd.", "örn.", "Örn.", "yy.", "c.", "no.", "No.", "St.", "Av.", "Ed.",
                          "çev.", "haz.", "bs.", "a.g.e.", "a.e.", "T.C.", "Ltd.", "Şti.", "Alm.",
                          "İng.", "Fr.", "Rus."],
        "ordinal_period": True,
        # Clauses: a date's text is the clause that holds it. Boundaries are regexes
        # matched between two clauses; `discourse` opens a clause without being part
        # of the event; `clause_start_drop` words are dropped at a clause's start.
        "clause_boundaries": [r";\s*", r"(?<=m[ıiuü]ş),\s+", r"(?<=m[ıiuü]ş)\s+ve\s+",
                              r"(?<=[a-zçğıöşü]s[ae])\s+d[ae]\s+", r",\s+(?=(?:ancak|fakat|ama)\s)",
                              r",\s+(?=[^\s,]+(?:\s+[^\s,]+){0,2}\s+ise\s)",
                              r"(?<=m[ıiuü]ş)\s+(?=(?:ancak|fakat|ama)\s)",
                              # a concessive or temporal converb ends its clause: "… yetkisi
                              # vermekle birlikte, …", "… olmasına rağmen, …", "… iken, …"
                              r"(?<=m[ae]kle birlikte)\s*,\s+", r"(?<=m[ae]s[ıi]ne (?:rağmen|karşın))\s*,\s+",
                              r"(?<=[ıiuü]ken)\s*,\s+", r":\s+"],
        "discourse": ["Bununla birlikte", "Bu bağlamda", "Bu çerçevede", "Bu noktada", "Ek olarak",
                      "Ayrıca", "Ancak", "Fakat", "Ama", "Nitekim", "Zira", "Son olarak", "Öte yandan",
                      "Diğer taraftan", "Bu durumda", "Yine", "Ve", "Da", "De", "Ise", "İse", "Yani"],
        "clause_start_drop": ["ve", "ancak", "fakat", "ama", "da", "de"],
        "inner_drop": [r"\s+ise(?=\s)", r"\s+(?:dahi|bile)(?=\s)"],  # "ise", and "dahi" (even) of a clause cut out
        # A relative date in apposition to the date that follows it ("bir gün sonra
        # yani 28 Eylül 2020’de") is read as that date: these words join them.
        "apposition": [r"\s*,?\s*yani\s*$"],
        # Turkish verb forms after a date, by the ending of a lower-case word: the
        # date belongs to a relative clause ("27 Eylül 2020’de başlayan savaş"), or
        # to a verbal noun ("Kerimov’un Eylül 2016’da ölmesiyle"), else to the main
        # clause. A finite form is written with `finite` (vowel harmony from the
        # stem's last vowel).
        "verb_forms": {
            "subject_relative": r"^(?P<stem>[a-zçğıöşü]{2,}?[aeıioöuü])y[ae]n$|^(?P<stem2>[a-zçğıöşü]{1,}[^aeıioöuüdty])[ae]n$",
            "object_relative": r"^(?P<stem>[a-zçğıöşü]{2,})[dt](?:ığı|iği|uğu|üğü|ıkları|ikleri|ukları|ükleri)(?:n[ıiuü]|nd[ae]|n[ae]|yl[ae])?$",
            "verbal_noun": r"^(?P<stem>[a-zçğıöşü]{2,})m[ae]s[ıi](?:n[ıi]n|nd[ae]n|n[ae]|yl[ae]|n[ıi]|nd[ae])?$",
            "converb": r"^(?P<stem>[a-zçğıöşü]{2,})(?:y?[ae]r[ae]k|y?[ıiuü]p)$",
            "past": r"m[ıiuü]ş$",
            "conditional": r"^(?P<stem>[a-zçğıöşü]{2,})s[ae]$",
        },
        # A verbal noun before these is what the main verb decides or plans, not an
        # event of its own: "… teslim edilmesine karar vermiştir".
        "complement_heads": ["karar", "kararlaştır", "öngör", "planla", "iste", "talep", "bekle", "çağrı",
                             "teklif", "tavsiye", "öner"],
        "not_verbs": ["zaman", "insan", "yan", "ilan", "beyan", "başkan", "meydan", "liman", "düşman", "uzman", "vatan",
                      "plan", "program", "organ", "tören", "neden", "beden", "heyecan", "hayvan",
                      "orman", "divan", "duman", "kervan", "ferman", "kurban", "çoban", "yılan",
                      "hayran", "mekan", "iman", "imkan", "imkân", "sıradan", "yeniden", "birden",
                      "önceden", "ören", "gören", "kaynağı", "dağı", "ağı", "bağı", "sağı", "çağı",
                      "yağı", "tuğu", "başı", "sonra", "karşı", "doğu", "ayrıca",
                      # adverbs and postpositions that end like a participle
                      "itibaren", "resmen", "kısmen", "tamamen", "aslen", "şahsen", "nispeten",
                      "zaten", "hemen", "takriben", "tahminen", "fiilen", "hukuken", "kanunen",
                      "gerçekten", "sonradan", "ilkin", "yalnızca", "rağmen"],
        "negative_participle": r"m[ae]y[ae]n$|m[ae]d[ıi]ğ",
        "lexical_nouns": r"^(?:açıklama|anlaşma|antlaşma|görüşme|toplantı|çatışma|düzenleme|uygulama)",
        "stem_changes": {"ed": "et", "gid": "git", "güd": "güt"},
        "finite": {"a": "mıştır", "ı": "mıştır", "e": "miştir", "i": "miştir", "o": "muştur",
                   "u": "muştur", "ö": "müştür", "ü": "müştür"},
        "negative": r"m[ae]m[ıiuü]ş",
        "finite_verb": r"(?:m[ıiuü]şt[ıiuü]r|m[ıiuü]ş|[dt][ıiuü]r|m[ae]kt[ae]d[ıiuü]r|l[ae]rd[ıiuü]r)[.!?]?$",
        # The instrumental ("bildiriyle", "protokolle") ends a head noun, like "… ile".
        "instrumental": r"(?:[^aeıioöuü\W]l[ae]|yl[ae])$",
        # Case endings taken off a head noun or a subject: (regex, replacement).
        "case_endings": [(r"['’][^\s’']*$", ""), (r"(s[ıiuü])n(?:[ıiuü]n|d[ae]n?|[ae]|[ıiuü])$", r"\1"),
                         (r"(l[ae]r[ıi])n(?:[ıi]n|d[ae]n?|[ae])$", r"\1"),
                         (r"(l[ae]r)(?:[ıi]n|d[ae]n?|[ae])$", r"\1"),
                         (r"([aeıioöuü])(?:n[ıiuü]n|[dt][ae]|y[ae]|y[ıiuü])$", r"\1"),
                         (r"([a-zçğıöşü]{2}[^aeıioöuü\W])[ıiuü]n$", r"\1"),
                         (r"([a-zçğıöşü]{2}[^aeıioöuü\W])l[ae]$", r"\1"), (r"([aeıioöuü])yl[ae]$", r"\1")],
        # The vowels a suffix may have after a stem's last vowel (two-way a/e and
        # four-way ı/i/u/ü harmony): what tells a case ending from a word's own end.
        "vowel_harmony": {"a": "aı", "ı": "aı", "o": "au", "u": "au", "e": "ei", "i": "ei",
                          "ö": "eü", "ü": "eü", "â": "aı", "î": "ei", "û": "au"},
        # The possessive of a compound whose first part was the date ("1960 darbesi",
        # "6-7 Eylül olayları"): taken off the noun the entry names ("darbe", "olaylar").
        "compound_marker": r"(?:(?<=[aeıioöuü])s[ıiuü]|(?<=l[ae]r)[ıi])$",
        # The same possessive before a case ending: (regex, replacement).
        "compound_case": [(r"^([a-zçğıöşü]+l[ae]r)[ıi]n(d[ae]n?|[ıi]n|[ae])$", r"\1\2"),
                          (r"^([a-zçğıöşü]+[aeıioöuü])s[ıiuü](n(?:d[ae]n?|[ıiuü]n|[ae]))$", r"\1\2")],
        # An accusative ending: a clause that opens with one ("görevini … devretmiştir")
        # has left its subject to the clause before it.
        "accusative": r"(?:[ıiuü]n[ıiuü]|y[ıiuü])$",
        "genitive": r"(?:['’]n?[ıiuü]n|[aeıioöuü]n[ıiuü]n|l[ae]r[ıi]n|[a-zçğıöşü]{2}[^aeıioöuü\W][ıiuü]n)$",
        "case_marked": r"(?:['’]\w+|[dt][ae]n?|n[dt][ae]n?|[ıiuü]n|ki|y[ae]|s[ıiuü]n[ae])$",
        # After these, the relative clause before them tells when: "… başlayan savaş
        # sırasında", "… yapılan seçimlerin ardından".
        "temporal_postpositions": ["sırasında", "sürecinde", "sonrası", "sonrasında", "ardından",
                                   "öncesinde", "boyunca", "sonra", "önce", "üzerine", "nedeniyle"],
        "head_stops": ["ile", "sırasında", "sürecinde", "sonrası", "sonrasında", "ardından", "için",
                       "gibi", "ve", "de", "da", "ise", "üzerine", "nedeniyle", "kadar", "boyunca",
                       "öncesinde", "sonra", "önce", "olarak", "hakkında", "konusunda", "yönelik"],
        "left_stops": ["ancak", "ama", "fakat", "ise", "de", "da", "ve", "veya", "sonra", "önce",
                       "birlikte", "göre", "rağmen", "için", "gibi", "kadar", "beri", "dolayı",
                       "üzere", "yani", "ayrıca", "nitekim", "zira", "çünkü", "hatta", "dahi",
                       "özellikle", "bilhassa", "olan", "yana", "ardından", "sonrasında",
                       "üzerine", "nedeniyle", "sırasında", "boyunca", "tarafından"],
        "determiners": ["bu", "şu", "o", "aynı", "her", "bunun", "bununla"],
        # The review list: texts whose subject does not say who, or that are about
        # the article itself.
        "vague_subjects": ["İki ülke", "Her iki ülke", "Taraflar", "Her iki taraf", "Bu ülke",
                           "Bunlar", "Onlar", "Söz konusu", "Üçüncüsü", "İkincisi", "Diğeri",
                           "Bu milletvekilleri", "Bu devletler"],
        "meta_words": ["bu çalışma", "çalışmada", "bu analiz", "bu makale", "makalede", "bu bölüm"],
        "stopwords": ["ve", "ile", "bir", "bu", "da", "de", "için", "olarak", "olan", "daha", "gibi",
                      "iki", "ülke", "arasında", "tarafından", "sonra", "kadar", "ise"],
        "participles": r"(?!)",
        "phrase_boundaries": [],
        "coordinators": ["ve", "veya"],
        "adjunct_prepositions": [],
        "auxiliaries": [],
        "past_tense": r"(?!)",
        "gerund": r"(?!)",
        "infinitive_marker": "",
        "irregular_past": [],
        "relative_pronouns": [],
        "passive": {},
        "note": "dn.",
        # Quotation marks in entry texts, as pandoc's smart quotes print them.
        "quotes": {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")},
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
            "{part}{month} {year}",
            "{month} {year}",
        ],
        "day_month_form": "{day} {month}",
        "date_suffix": "['’]s",
        "date_connectors_after": [],
        "date_connectors_before": ["on the night of", "on the morning of", "on the evening of",
                            "the night of", "on", "in", "of", "at", "by", "from", "to", "until",
                            "till", "since", "beyond", "through", "as of", "only", "already"],
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "time_of_day_before": r"at\s+\d{1,2}(?:[.:]\d\d)?\s*(?:a\.m\.|p\.m\.)",
        "time_of_day_after": r"(?!)",
        "date_list_forms": ["{day} and {day2} {month} {year}", "{month} {day} and {day2}, {year}"],
        "yearless_forms": ["{day} and {day2} {month}", "{day} {month}", "{month} {day}"],
        "yearless_month_forms": ["in {part}{month}", "in {month}"],
        "pluperfect": r"\bhad\s+(?:been\s+)?[a-z]+(?:ed|en|t)\b",
        "date_parts": {"early": ["early ", "the beginning of ", "the start of "],
                       "mid": ["mid-", "the middle of "],
                       "late": ["late ", "the end of "]},
        "part_forms": {"early": "early {date}", "mid": "mid-{date}", "late": "late {date}"},
        "month_aliases": {"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7,
                          "Aug.": 8, "Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12},
        "relative_forms": {
            "the following day": "+1 day", "the next day": "+1 day", "a day later": "+1 day",
            "the same day": "+0 day", "the same evening": "+0 day", "the same night": "+0 day",
            "the next morning": "+1 day", "the following morning": "+1 day",
            "the next evening": "+1 day", "the following evening": "+1 day",
            "a week later": "+1 week",
            "{count} days later": "+count day", "{count} weeks later": "+count week",
            "the {day}{ordinal}": "day",
        },
        "relative_complement": r"(?!)",
        "numbers": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                    "nineteen": 19, "twenty": 20},
        "period": [(r"\b(?:[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]o|[Bb]eyond|[Tt]hrough)\s+$", ""),
                   (r"\b[Ff]rom\s+$", r"^\S*\s+(?:to|until|till|through)\b"),
                   (r"\b[Ff]rom\s+.{3,30}\s+to\s+$", ""), (r"\b[Bb]etween\s+$", r"^\S*\s+and\b"),
                   (r"\b[Bb]etween\s+.{3,30}\s+and\s+$", "")],
        # A state, or a date planned or set that the text does not say was kept
        # ("to be held on", "would end on", "the deadline of").
        "state": [(r"\b[Aa]s of\s+$", ""),
                  (r"\b(?:would|will|is to|was to|were to|to be)\s+(?:\w+\s+){0,2}?(?:on|in|by|for)\s+$", ""),
                  (r"\b(?:scheduled|planned|set|due)\s+(?:for|on|in|by)\s+$", ""),
                  (r"\bdeadlines?(?:\s+of)?,?\s+$", "")],
        "attributive": [(r"(?<!night )(?<!morning )(?<!evening )\bof\s+$", ""),
                        (r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Aa]n?)\s+$",
                         r"^\d{4}\s+(?!and\b|or\b|to\b)[a-z]+")],
        "abbreviations": ["e.g.", "i.e.", "cf.", "vs.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Amb.",
                          "Gen.", "Col.", "Lt.", "Sen.", "Rep.", "Gov.", "Pres.", "St.", "Mt.", "No.",
                          "Nos.", "Art.", "Arts.", "Fig.", "Vol.", "pp.", "p.", "ed.", "eds.",
                          "approx.", "Approx.", "U.S.", "U.N.", "U.K.", "E.U.", "U.S.S.R.", "Jr.",
                          "Sr.", "Inc.", "Ltd.", "Co.", "a.m.", "p.m.", "Jan.", "Feb.", "Mar.",
                          "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."],
        "ordinal_period": False,
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
        "passive": {"singular": "was", "plural": "were"},
        "vague_subjects": ["It", "They", "He", "She", "This", "That", "These", "Those", "Both",
                           "The two countries", "The two sides", "Both sides", "The parties",
                           "The two governments", "The two presidents", "The latter", "The former"],
        "meta_words": ["this article", "this study", "this paper", "this chapter", "this section"],
        "stopwords": ["the", "and", "of", "in", "on", "at", "to", "a", "an", "by", "for", "with",
                      "was", "were", "is", "are", "had", "has", "its", "their", "that", "which",
                      "two", "both", "from", "after", "before", "as"],
        "note": "n.",
        "quotes": {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")},
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


@lru_cache(maxsize=None)
def _locale(lang: str | None) -> icu.Locale:
    return icu.Locale(lang or DEFAULT_LANGUAGE)


def upper(text: str, lang: str | None) -> str:
    """Locale case mapping: ``upper("istanbul", "tr")`` → ``"İSTANBUL"``."""
    return str(icu.UnicodeString(text).toUpper(_locale(lang)))


def lower(text: str, lang: str | None) -> str:
    """``lower("IŞIK", "tr")`` → ``"ışık"``."""
    return str(icu.UnicodeString(text).toLower(_locale(lang)))


def upper_first(text: str, lang: str | None) -> str:
    """Capitalise the first letter only, by the language's rules."""
    return upper(text[:1], lang) + text[1:] if text else text


@lru_cache(maxsize=None)
def _ordinals(lang: str) -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.ORDINAL, _locale(lang))


def ordinal(number: int, lang: str | None) -> str:
    """The language's ordinal numeral (ICU's rules): ``ordinal(2, "tr")`` → ``"2."``.

    >>> ordinal(2, "en"), ordinal(11, "en"), ordinal(23, "en")
    ('2nd', '11th', '23rd')
    """
    return _ordinals(base_language(lang)).format(number)
