"""Turkish: the interface's terms, the citation locale, the date grammar and the
clause grammar (the keys are declared in ``core.language.KEYS``)."""
from __future__ import annotations

INTERFACE = {
    "and": "ve",
    "et_al": "vd.",
    "references": "Kaynakça",
    "appendix": "Ek",
    "chronology": "Kronoloji",
    "timeline": "Zaman çizelgesi",
    "date": "Tarih",
    "event": "Olay",  # the chronology's columns (the DOCX edition's table)
    "abstract": "Öz",
    "keywords": "Anahtar Kelimeler",
    "contents": "İçindekiler",
    "cite_as": "Atıf",
    "notes": "Notlar",
    "section": "Bölüm",
    "download": "İndir",
    "translation_language": "en",
    # Numbered things and their cross-references: "Şekil 1", "Şekil 1 ve 2".
    "figure": "Şekil",
    "figures": "Şekil",
    "table": "Tablo",
    "tables": "Tablo",
    "equation": "Denklem",
    "equations": "Denklem",
    "sections": "Bölüm",
    "appendices": "Ek",
    "listing": "Kod",
    "listings": "Kodlar",
    "theorem": "Teorem",
    "theorems": "Teoremler",
    "lemma": "Önsav",
    "lemmas": "Önsavlar",
    "corollary": "Sonuç",
    "corollaries": "Sonuçlar",
    "proposition": "Önerme",
    "propositions": "Önermeler",
    "conjecture": "Sanı",
    "conjectures": "Sanılar",
    "definition": "Tanım",
    "definitions": "Tanımlar",
    "example": "Örnek",
    "examples": "Örnekler",
    "exercise": "Alıştırma",
    "exercises": "Alıştırmalar",
    "hypothesis": "Hipotez",
    "hypotheses": "Hipotezler",
    "axiom": "Aksiyom",
    "axioms": "Aksiyomlar",
    "assumption": "Varsayım",
    "assumptions": "Varsayımlar",
    "claim": "İddia",
    "claims": "İddialar",
    "fact": "Olgu",
    "facts": "Olgular",
    "proof": "Kanıt",
    "remark": "Not",
    "solution": "Çözüm",
    "solutions": "Çözümler",
    "remarks": "Notlar",
    "callout_note": "Not",
    "callout_tip": "İpucu",
    "callout_warning": "Uyarı",
    "callout_important": "Önemli",
    "callout_caution": "Dikkat",
    # … and their plurals, for several numbered ones (Notes 1 and 2)
    "callout_notes": "Notlar",
    "callout_tips": "İpuçları",
    "callout_warnings": "Uyarılar",
    "callout_importants": "Önemli",
    "callout_cautions": "Dikkat",
    "abstract_headings": ["özet", "özetçe"],
    "reference_headings": ["kaynaklar", "kaynakça ve notlar", "yararlanılan kaynaklar", "bibliyografya"],
    # Front matter
    "received": "Geliş tarihi",
    "revised": "Düzeltme tarihi",
    "accepted": "Kabul tarihi",
    "published": "Yayın tarihi",
    "corresponding_author": "Sorumlu yazar",
    "equal_contribution": "Bu yazarlar çalışmaya eşit katkıda bulunmuştur.",
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
    "note": "dn.",
    "text": "metin",
    # Quotation marks in entry texts, as pandoc's smart quotes print them.
    "article_types": {
        "research-article": "Araştırma Makalesi", "review-article": "Derleme", "editorial": "Editörden",
        "book-review": "Kitap İncelemesi", "brief-report": "Kısa Rapor", "case-report": "Olgu Sunumu",
        "letter": "Editöre Mektup", "correction": "Düzeltme",
    },
    "review_copy": ("Kör hakemlik için hazırlanmıştır: yazarların adları ve kurumları, teşekkür, finansman, "
                    "etik kurul onayı ve yazar katkıları çıkarılmıştır."),
    "accessibility_summary": ("Bu yayın, WCAG 2.1 AA düzeyinde EPUB Erişilebilirlik 1.1 gereklerini karşılar: "
                              "içindekiler tablosu, sıralı başlıklar, her şekil için metin karşılığı, MathML "
                              "ile yazılmış denklemler ve başlık hücreli tablolar içerir."),
    "quotes": {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")},
}


CITATION = {
    "label_date": "{day} {month}",
    # --- references and citations (filters/bibstyle.py, filters/citations.py) ---
    "no_date": "t.y.",
    "editor": "Ed.",
    "editors": "Ed.",
    "pages": "ss.",
    "page": "s.",
    "in_book": "{book} içinde",  # a chapter's book: "D. Kara (Ed.), *Kitap* içinde"
    "edition": "{ordinal} baskı",  # "2. baskı"
    "volume": "Cilt {number}",
    "report": "Rapor",
    "report_number": "No. {number}",
    "accessed": "Erişim tarihi: {date}",
    # BibLaTeX's localisation keys, as a `type` field or a thesis's default type
    "bibstrings": {"phdthesis": "Doktora tezi", "mathesis": "Yüksek lisans tezi",
                   "techreport": "Teknik rapor", "resreport": "Araştırma raporu"},
    "langid": ["turkish"],  # BibLaTeX `langid` values of this language
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
}


DATES = {
    # The chronology's date grammar: forms tried longest first; {day}, {month},
    # {year}, {day2}, {month2} are the parts, {part} a word of `date_parts`,
    # {suffix} an optional suffix, {count} a number (digits or `numbers`),
    # {ordinal} "th"; " - " is any dash with or without spaces. `date_suffix`
    # is what Turkish attaches with an apostrophe.
    "date_forms": [
        "{day} {month} {year} - {day2} {month2} {year2}",
        "{day} {month} - {day2} {month2} {year}",
        "{day} - {day2} {month} {year}",
        "{day}/{day2} {month} {year}",
        "{day} {month} {year}",
        "{year} yılının {month} ayının {part}",
        "{year} yılının {month} ayında",
        "{month} {year}{suffix} {part}",
        "{month} {year}",
    ],
    "day_month_form": "{day} {month}",
    # A year alone ("1844’te", "1729 da", "(1866)", "1934 yılında", "1855-1865 yıllarında"),
    # when no longer form holds it.
    "year_forms": ["{year} ile {year2} yılları arasında", "{year} ve {year2} yılları arasında", "{year} - {year2}{suffix}", "{year}{suffix} {part}", "{year} yılının {part}", "{year} yılı {part}",
                   "{year}{suffix}"],
    # A number that counts or names something: "2301 sayılı Kanun", "6180 MW", "1950’li
    # yıllar" (a decade), "Resolution 1483".
    "quantity_before": r"(?:\b(?:No|no|Sayı|sayı|Karar|Kanun|Madde|madde)[.:]?\s+)|[$£€#₺§¶]\s*",
    "quantity_after": r"\s*(?:[.,]\d|%|['’′`]?l(?:[ıiuü]|[ae]r)\w*|-\w)|\s+(?:sayılı|numaralı|nolu|no’lu|"
                      r"kişi|asker|er|km\w*|kilometre\w*|metre\w*|m|ton\w*|lira|TL|MW|kW|kV|adet|öğrenci|yatak|"
                      r"dönüm|hektar|ölü|yaralı|esir|top|tüfek|uçak|gemi|tank|nüfus)\b"
                      # a year in a name: "2040 Vizyonu", "1936 Olimpiyatları" (a month's name has its apostrophe)
                      r"|\s+[A-ZÇĞİÖŞÜ][\w-]*(?:[ıiuü]|s[ıiuü])\b(?!['’])",
    # A suffix after a date: with an apostrophe of any form ("1844’te", "1881'de",
    # "1920′de", "1920`de"), or written apart ("1729 da", "1747 de").
    "date_suffix": "['’′`´][a-zçğıöşü]+|\\s(?:[dt][ae]n?|y[ae])(?!\\w)",
    # Words that only tie a date to its sentence (after it in Turkish, before it
    # in English); dropped from event texts.
    "author_joiners": ["ve", "&", "vd.", "ark.", "et al."],
    "name_nouns": ["vizyon", "hedef", "programı", "planı", "stratejisi", "vizyonu", "hedefleri", "projesi", "gündemi"],
    "date_connectors_before": [],
    "date_connectors_after": ["yılları arasında", "yıllarında", "yılında", "yılları", "yılı",
                        "yıllarda", "senesinde", "tarihleri arasında", "tarihlerinde", "tarihi itibariyle",
                        "tarihi itibarıyla", "tarihinde", "itibariyle", "itibarıyla",
                        "tarihli", "tarihi", "günü", "gecesi", "sabahı", "akşamı", "itibaren",
                        # … and with a case ending ("2 Eylül 1922 sabahında", "… gecesinden")
                        "gününde", "gecesinde", "sabahında", "akşamında", "öğlesinde",
                        "gününden", "gecesinden", "sabahından", "akşamından", "öğleden sonra"],
    # The days of the week and a time of day also tie a date to its sentence
    # ("17 Ağustos 1999 Salı günü saat 03.02’de").
    "weekdays": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
    "time_of_day_before": r"(?!)",
    "time_of_day_after": r"saat\s+\d{1,2}[.:]\d\d(?:['’][a-zçğıöşü]+)?",
    # --- chronology grammar (filters.dates, filters.sentences, filters.clauses) ---
    # "11 ve 17 Ekim 2020’de": two dates; the first takes its month and year
    # from the second.
    "date_list_forms": ["{day} ve {day2} {month} {year}"],
    "yearless_forms": ["{day} {month} - {day2} {month2}", "{day}/{day2} {month}", "{day} - {day2} {month}", "{day} ve {day2} {month}", "{day} {month}"],
    # A month without a year ("Mart ayında", "Ocak sonunda"): dated like a day
    # without one; left out quietly when its paragraph has no year.
    "yearless_month_forms": ["{month} ayının {part}", "{month} ayında", "{month} {part}",
                             "{month}{month_suffix}"],
    # The suffixes that make a month's name alone a date ("Mart’ta"): the locative.
    "month_suffix": "['’][dt][ae](?!\\w)",
    # Nutuk glosses its Ottoman months, in brackets the OCR does not always close alike:
    # "2 Teşrinievvel [Ekim] 1919", "2 Teşrinievvel (2 Ekim] günü", "(2 Ekim| günü".
    "month_gloss": r"\s*[(\[]\s*(?:\d{1,2}\s+)?(?:Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|"
                   r"Kasım|Aralık)\s*[\])|]",
    # A sentence that looks back ("… Kasım’da kurulmuştu"): a date in it without a
    # year lies before the one the text gave last, not after it.
    "pluperfect": r"\w+(?:m[ıiuü]şt[ıiuü]|[dt][ıiuü]yd[ıiuü])\b",
    # Part of a month: read as part of the date, shown in the date column.
    "date_parts": {"early": ["başında", "başlarında", "başı", "ilk günlerinde", "ilk haftalarında"],
                   "mid": ["ortasında", "ortalarında", "ortası"],
                   "late": ["sonunda", "sonlarında", "sonu", "son günlerinde", "son haftalarında"],
                   # a season of a year (TIMEX2's codes): "1943 yazında"
                   "SP": ["ilkbaharında", "ilkbaharı", "baharında"], "SU": ["yazında"],
                   "FA": ["sonbaharında", "sonbaharı", "güzünde"], "WI": ["kışında", "kışı"]},
    "part_forms": {"early": "{date} başı", "mid": "{date} ortası", "late": "{date} sonu",
                   "SP": "{date} ilkbaharı", "SU": "{date} yazı", "FA": "{date} sonbaharı", "WI": "{date} kışı"},
    # Months written in lower case ("3 nisan 1920′de"), and Nutuk's Ottoman names, which
    # are the Gregorian months with the same day numbers ("2 Teşrinievvel [Ekim] 1919").
    "month_aliases": {"ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
                      "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
                      "Kânunusani": 1, "Kanunusani": 1, "Teşrinievvel": 10, "Teşrinisani": 11,
                      "Kânunuevvel": 12, "Kanunuevvel": 12},
    # Dates given relative to the one before: "+N day" (N days after it),
    # "+count day|week" (a number in the text), "day" (that day of its
    # month), "month" (that month of its year).
    "relative_forms": {
        "ertesi gün": "+1 day", "ertesi günü": "+1 day", "aynı gün": "+0 day",
        "aynı günün akşamı": "+0 day", "aynı gece": "+0 day",
        "{count} gün sonra": "+count day", "{count} hafta sonra": "+count week",
        "aynı ayın {day}{suffix}": "day", "ayın {day}{suffix}": "day",
        "aynı ayın {part}": "part", "aynı yılın {month} ayında": "month",
        "{count} ay sonra": "+count month", "ertesi yıl": "+1 year", "{count} yıl sonra": "+count year",
        "aynı yıl": "+0 year", "aynı ay": "+0 month", "aynı ay içinde": "+0 month",
    },
    # The word a relative date counts from, when it names an event, not a date:
    # "konferansın ertesi günü", "açılışından iki gün sonra". Taken out with it.
    "relative_complement": r"\S+(?:[ıiuü]n|[dt][ae]n)",
    "numbers": {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7,
                "sekiz": 8, "dokuz": 9, "on": 10, "on bir": 11, "on iki": 12, "on üç": 13,
                "on dört": 14, "on beş": 15, "on altı": 16, "on yedi": 17, "on sekiz": 18,
                "on dokuz": 19, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60,
                "yetmiş": 70, "seksen": 80, "doksan": 90},
    # Temporal expressions besides dates (filters.timex), in TIMEX2's units and values
    "durations": {"Y": ["yıl", "yıllık", "yıldır", "yıl boyunca", "sene", "senelik", "senedir"],
                  "M": ["ay", "aylık", "aydır", "ay boyunca"], "W": ["hafta", "haftalık", "haftadır"],
                  "D": ["gün", "günlük", "gündür", "gün boyunca"], "H": ["saat", "saatlik", "saattir"],
                  "CE": ["asır", "asırlık", "asırdır"]},
    "vague_counts": ["birkaç", "birçok", "uzun", "kısa", "son birkaç", "ilk birkaç"],
    "time_references": {"PRESENT_REF": ["şimdi", "şimdilerde", "bugün", "günümüzde", "halen", "hâlen",
                                        "şu anda", "şu an", "hâlihazırda", "halihazırda"],
                         "PAST_REF": ["eskiden", "geçmişte", "önceden", "vaktiyle", "bir zamanlar"],
                         "FUTURE_REF": ["gelecekte", "ileride", "gelecek"]},
    "duration_anchors": {"FUTURE_REF": ["sonra"], "PAST_REF": ["önce", "evvel"]},
    "day_parts": {"MO": ["sabah", "sabahı", "sabahında", "sabahleyin"], "AF": ["öğleden sonra"],
                  "EV": ["akşam", "akşamı", "akşamında", "akşamüstü"], "NI": ["gece", "gecesi", "gecesinde"]},
    # "2 Eylül 1922 sabahı", "9/10 Eylül gecesi"
    "day_part_forms": [("", r"\s+{part}\b")],
    "day_part_alone_forms": [r"(?:[Oo]|[Aa]ynı)\s+{part}"],
    "clock_forms": [r"[Ss]aat\s+(?P<hour>[01]?\d|2[0-3])[.:](?P<minute>[0-5]\d)"],
    "seasons": {"SP": ["ilkbahar", "ilkbaharı", "ilkbaharında", "ilkbaharda", "bahar", "baharı", "baharında",
                       "baharda"],
                "SU": ["yaz", "yazın", "yazında"],  # not "yazı": "bu yazı" is this article
                "FA": ["sonbahar", "sonbaharı", "sonbaharında", "sonbaharda", "güz", "güzü", "güzünde"],
                "WI": ["kış", "kışı", "kışın", "kışında"]},
    # "yaz", "yazı" alone are also "write", "writing": a season alone only after a word that points at it
    "season_alone_forms": [r"(?:[Oo]|[Aa]ynı|[Bb]u|[Şş]u)\s+(?:yılın\s+)?{season}", r"[Yy]ılın\s+{season}"],
    "era_forms": [r"(?:MÖ|M\.\s?Ö\.|[Mm]ilattan [Öö]nce|[İi]sa['’]dan [Öö]nce)\s*(?:{month}\s+)?{year}",
                  r"{year}\s*(?:MÖ|M\.\s?Ö\.)"],
    "era_year_forms": [r"(?:{month}\s+)?{year}(?=['’]?(?:d[ae]|t[ae]|d[ae]n|t[ae]n|y[ae]|[ae]|[ıiuü]n[ıiuü]n)\b)"],
    "decade_forms": [r"(?<![\w-])(?P<decade>1\d\d|20\d)0['’]?l[ıi]\s+yıl\w*",
                     r"(?<![\w-])(?P<decade>1\d\d|20\d)0['’]?l[ae]r\w*"],
    "century_forms": [r"(?<![\w-])(?P<era>MÖ|M\.\s?Ö\.)\s*(?P<century>[12]?\d)\.\s*(?:yüzyıl|yy\.|asır)\w*",
                      r"(?<![\w-])(?P<century>[12]?\d)\.\s*(?:yüzyıl|yy\.|asır)\w*"],
    # What a date is, read from the words around it: (before, after) regexes on
    # the text before the date and after it (from its suffix on); both must match.
    # A period's end is not an event ("Mayıs 1994’ten Nisan 2016’ya kadar"); a
    # date that names a thing ("Eylül 2022 savaşı", "14 Mart 2008 tarihli karar",
    # "26 Ağustos 1992’deki girişim") refers to an event dated elsewhere, if any.
    "period": [("", r"^\S*['’][dt][ae]n\b.{0,80}?['’]y?[ae]\s+kadar\b"),
               ("", r"^\S*['’]y?[ae]\s+kadar\b"), ("", r"^\S*['’][dt][ae]n\s+(?:bu yana|beri)\b"),
               # "1983 yılına kadar", "1954 yılında DSİ kurulana kadar" (not "… yılbaşına kadar
               # teslim edilmesine": a deadline inside what was decided)
               ("", r"^\S*\s+(?:yılın[ae]|yılında|tarihin[ae])\s+kadar\b"),
               ("", r"^\S*(?:\s+[^\s,.;]+){0,6}?\s+\S+[ae]n[ae]\s+kadar\b"),
               # a lifespan: "(27 Mart 1822, Lofça - 26 Mayıs 1895, İstanbul)", "(1893–1958)"
               (r"\([^()]*$", r"^[^()]*?[-–][^()]*\d{4}[^()]*\)"), (r"\([^()]*\d{4}[^()]*[-–][^()]*$", r"^[^()]*\)"),
               (r"\(\s*$", r"^\d{4}\s*[-–]\s*\d{4}\s*\)")],
    # A state at a date ("… Temmuz 1999’da yüzde 7 iken …") is no event; an age is not that
    # state ("1844’te 22 yaşındayken … kadı oldu": the date is the clause's).
    "state": [("", r"^\S*(?:\s+[^\s.;]+){0,12}?\s+(?:iken|(?!yaş[ıi]nda)\S+[dt][ae]y?ken|\S+rken)\b"),
              # what still held, or not yet, by a date: "… sınırın üçte biri 2021 yılına gelindiğinde
              # dahi belirlenmemişti"
              ("", r"^\S*\s+(?:yılın[ae]|tarihin[ae])\s+gelindiğinde\b"),
              # a term of office with its length: "24 Nisan 1873-5 Nisan 1874 (11 ay 12 gün)"
              ("", r"^\S*\s*\(\s*\d+\s+(?:yıl|ay|gün|hafta)"),
              # a figure reached: "1980 yılında kurulu güç 5118.7MW’a … ulaşmıştır"
              ("", r"^\S*(?:\s+[^\s.;]+){0,10}?\s+%?\s*\d[\d.,]*\s*\w*['’]y?[ae]\b[^.;]{0,80}?\bulaş"),
              # a plan, or the announcement of one: "meclisin 15 Mart’ta toplanacağı duyurulmuştu",
              # "fırlatılması planlanmaktadır", "2016 taşınacaktır" (what was decided is an event)
              ("", r"^\S*(?:\s+[^\s,.;]+){0,4}?\s+[a-zçğıöşü]+[ae]c[ae](?:ğ\w*\s+(?:duyur|açıkla|bildir|ilan|"
                   r"belirt|söyle)|k(?:t[ıi]r)?\b)"),
              ("", r"^\S*(?:\s+[^\s,.;]+){0,6}?\s+[a-zçğıöşü]+m[ae]s[ıi]\s+(?:planlan|öngörül|bekleni)"),
              # a thing planned for a date: "örgütün 2022 yılında planlanan ortak tatbikatı"
              ("", r"^\S*(?:\s+(?:yılında|tarihinde|ayında))?\s+(?:planlanan|öngörülen|beklenen|hedeflenen|"
                   r"düşünülen|tasarlanan)\b"),
              # a date planned: "seçimlerin 3 Kasım’da yapılmasına karar vermiştir"
              ("", r"^\S*\s+(?:[^\s,.;]+\s+)?[a-zçğıöşü]+m[ae]s[ıi](?:n[ae])?\s+"
                   r"(?:karar|kararlaştır|öngör|planla)")],
    # … but the thing named in the locative is when the clause's event happens: "Parti, 1946 ve
    # 1950 seçimlerinde meclise giremedi", "2022 savaşında … işgal etti"
    "adverbial": [("", r"^\d{4}\s+(?!tarih|itibar|yıl|ve\b|ile\b|veya\b|ya\b|günü\b|gecesi\b|sabahı\b|akşamı\b)"
                       r"[a-zçğıöşü]+[dt][ae]\b")],
    "attributive": [("", r"^\S*\s+tarihli\b"), ("", r"^\S*['’]\w*ki\b"),
                    ("", r"^\S*\s+(?:yılları\s+)?arasındaki\b"),
                    ("", r"^\d{4}\s*[-–]\s*\d{4}\s+dönem"),
                    # a year that names a thing: "2040 Vizyonu", "Türk Dünyası 2040 Vizyonu"
                    ("", r"^\d{4}\s+[A-ZÇĞİÖŞÜ][\w-]*(?:[ıiuü]|s[ıiuü]|l[ae]r[ıi])\b"),
                    ("", r"^\d{4}\s+(?!tarih|itibar|yıl|ve\b|ile\b|veya\b|ya\b|günü\b|gecesi\b|sabahı\b|akşamı\b)"
                        r"[a-zçğıöşü]+")],
    # a day without its year that names what happened on it ("12 Mart Muhtırası", "27 Mayıs
    # darbesinden sonra", "28 Şubat müdahalesi"; not its day, night, morning, weekday, what comes
    # before or after it, nor a document dated it): read from the date's month on
    "named_day": r"(?:Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık)\s+"
                 r"(?!(?:ay|gün|gece|sabah|akşam|öğle|hafta|tarih|yıl|itibar|sonra|önce|baş|son|orta|ile|ve|"
                 r"Pazartesi|Salı|Çarşamba|Perşembe|Cuma|Cumartesi|Pazar)\w*\b)"
                 r"[A-ZÇĞİÖŞÜa-zçğıöşü]\w*(?:s[ıiuü]|[^aeıioöuü\W][ıiuü])(?:n[dt][ae]n|n[ıiuü]n|n[ae]|nd[ae]|"
                 r"y[ıiuü]|n[ıiuü])?\b",
    "ordinal_period": True,
    "long_date": "{day} {month} {year}",
    "long_month": "{month} {year}",
    "day_range_start": "{day}",
    "month_range_start": "{day} {month}",
    "day_range_separator": "–",
    "range_separator": " – ",
    "months": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
               "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
}


# The journal's site and issue PDF (press/journal).
SITE = {
    "volume_word": "Cilt",
    "number": "Sayı",
    "issues": "Sayılar",
    "archive": "Arşiv",
    "home": "Ana sayfa",
    "search": "Ara",
    "search_label": "Makalelerde ara",
    "editorial_board": "Yayın Kurulu",
    "guest_editors": "Konuk editörler",
    "latest": "Son sayı",
    "issue_pdf": "Sayının tamamı (PDF)",
    "feed": "Atom beslemesi",
    "issn": "ISSN",
    "eissn": "e-ISSN",
    "publisher": "Yayıncı",
    "skip": "İçeriğe geç",
}


CLAUSES = {
    "clause_reader": "turkish",
    "date_joiners": ["ve"],
    # "Ağdam 20 Kasım’da, Kelbecer 25 Kasım’da, Laçin ise 1 Aralık 2020’de … iade edilmiştir":
    # the parts of a list of dates that share the verb.
    "list_separators": [r",\s+", r"\s+ve\s+"],
    "abbreviations": ["vb.", "vs.", "vd.", "bkz.", "Bkz.", "s.", "ss.", "Dr.", "Prof.", "Doç.",
                      "Yrd.", "örn.", "Örn.", "yy.", "c.", "no.", "No.", "St.", "Av.", "Ed.",
                      "çev.", "haz.", "bs.", "a.g.e.", "a.e.", "T.C.", "Ltd.", "Şti.", "Alm.",
                      "İng.", "Fr.", "Rus."],
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
                          r"(?<=[ıiuü]ken)\s*,\s+", r"(?<=rken),?\s+", r":\s+"],
    "discourse": ["Bununla birlikte", "Bu bağlamda", "Bu çerçevede", "Bu noktada", "Ek olarak",
                  "Ayrıca", "Ancak", "Fakat", "Ama", "Nitekim", "Zira", "Son olarak", "Öte yandan",
                  "Diğer taraftan", "Bu durumda", "Yine", "Ve", "Da", "De", "Ise", "İse", "Yani", "Hatta"],
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
        # "-arak", "-ıp", and "-ken" after a tense ("aşarken", "yaparken", "gelmişken")
        # … and after a place or an age: "yaşındayken", "Ankara’dayken" (while at, while aged)
        "converb": r"^(?P<stem>[a-zçğıöşü]{2,}?)(?:y?[ae]r[ae]k|y?[ıiuü]p|(?:[ae]r|[ıiuü]r|m[ae]z|[ıiuü]yor|m[ıiuü]ş|"
                   r"y?[ae]c[ae]k|[dt][ae]y?)ken)$",
        "past": r"m[ıiuü]ş$",
        "conditional": r"^(?P<stem>[a-zçğıöşü]{2,})s[ae]$",
    },
    # A verbal noun before these is what the main verb decides or plans, not an
    # event of its own: "… teslim edilmesine karar vermiştir".
    "complement_heads": ["karar", "kararlaştır", "öngör", "planla", "iste", "talep", "bekle", "çağrı",
                         "teklif", "tavsiye", "öner",
                         # what a verbal noun is the aim or the topic of: "… geliştirilmesi için",
                         # "… geliştirilmesine dair bir deklarasyon"
                         "için", "amacıyla", "dair", "ilişkin", "yönelik", "hakkında", "konusunda"],
    "not_verbs": ["zaman", "insan", "yan", "ilan", "beyan", "başkan", "meydan", "liman", "düşman", "uzman", "vatan",
                  "plan", "program", "organ", "tören", "neden", "beden", "heyecan", "hayvan",
                  "orman", "divan", "duman", "kervan", "ferman", "kurban", "çoban", "yılan",
                  "hayran", "mekan", "iman", "imkan", "imkân", "sıradan", "yeniden", "birden",
                  "önceden", "ören", "gören", "kaynağı", "dağı", "ağı", "bağı", "sağı", "çağı",
                  "yağı", "tuğu", "başı", "sonra", "karşı", "doğu", "ayrıca",
                  # adverbs and postpositions that end like a participle
                  "itibaren", "resmen", "kısmen", "tamamen", "aslen", "şahsen", "nispeten",
                  "zaten", "hemen", "takriben", "tahminen", "fiilen", "hukuken", "kanunen",
                  "gerçekten", "sonradan", "ilkin", "yalnızca", "rağmen", "tamimen", "tahriren", "şifahen",
                  "hususen", "hassaten", "umumen", "mahsusen", "mecburen", "muvakkaten", "şahsen"],
    "negative_participle": r"m[ae]y[ae]n$|m[ae]d[ıi]ğ",
    "lexical_nouns": r"^(?:açıklama|anlaşma|antlaşma|görüşme|toplantı|çatışma|düzenleme|uygulama)",
    "stem_changes": {"ed": "et", "gid": "git", "güd": "güt"},
    "finite": {"a": "mıştır", "ı": "mıştır", "e": "miştir", "i": "miştir", "o": "muştur",
               "u": "muştur", "ö": "müştür", "ü": "müştür"},
    "negative": r"m[ae]m[ıiuü]ş",
    "finite_verb": r"(?:m[ıiuü]şt[ıiuü]r|m[ıiuü]ş|[dt][ıiuü]r|m[ae]kt[ae]d[ıiuü]r|l[ae]rd[ıiuü]r|[dt][ıiuü]l[ae]r)[.!?]?$",
    # The instrumental ("bildiriyle", "protokolle") ends a head noun, like "… ile".
    "instrumental": r"(?:[^aeıioöuü\W]l[ae]|yl[ae])$",
    # Case endings taken off a head noun or a subject: (regex, replacement).
    "case_endings": [(r"['’][^\s’']*$", ""), (r"(s[ıiuü])n(?:[ıiuü]n|d[ae]n?|[ae]|[ıiuü])$", r"\1"),
                     (r"(l[ae]r[ıi])n(?:[ıi]n|d[ae]n?|[ae])$", r"\1"),
                     (r"(l[ae]r)(?:[ıi]n|d[ae]n?|[ae])$", r"\1"),
                     (r"([aeıioöuü])(?:n[ıiuü]n|[dt][ae]|y[ae]|y[ıiuü])$", r"\1"),
                     (r"([a-zçğıöşü]{2}[^aeıioöuü\W])[ıiuü]n$", r"\1"),
                     # "muhtırayla": the instrumental after a vowel is "-yla" (before "-la": "muhtıray" was left)
                     (r"([aeıioöuü])yl[ae]$", r"\1"), (r"([a-zçğıöşü]{2}[^aeıioöuü\W])l[ae]$", r"\1")],
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
                   "üzerine", "nedeniyle", "sırasında", "boyunca"],
    "determiners": ["bu", "şu", "o", "aynı", "her", "bunun", "bununla"],
    # The review list: texts whose subject does not say who, or that are about
    # the article itself.
    "vague_subjects": ["İki ülke", "Her iki ülke", "Taraflar", "Her iki taraf", "Bu ülke",
                       "Bunlar", "Onlar", "Söz konusu", "Üçüncüsü", "İkincisi", "Diğeri",
                       "Bu milletvekilleri", "Bu devletler"],
    "subject_pronouns": ["O", "Onlar"],
    "demonstratives": ["Bu", "Şu", "O", "Söz konusu"],
    "time_adverbs": ["Şu an", "Şu anda"],
    "pro_drop": True,
    # The subject test (an entry gets the actor only when its clause has no subject of its
    # own): its last word must tell an act in the past ("geldi", "gönderilmiştir"); the noun
    # before a light verb is part of the predicate ("vefat etti", "tayin edildi", "kadı
    # oldu"); a lower-case word with a case ending, an infinitive or a converb, a
    # capitalised one with a case after its possessive ("Maarif Nazırlığına") is no subject.
    "event_verb": r"(?:m[ıiuü]şt[ıiuü]r|m[ıiuü]şt[ıiuü]|m[ıiuü]şl[ae]rd[ıiuü]r|m[ıiuü]ş|(?<![aeıioöuü]y)[dt][ıiuü]|"
                  r"[dt][ıiuü]l[ae]r)$",  # not "söz konusuydu" (a state)
    "light_verbs": r"^(?:et|ed|eyle|kıl|ol)(?:ti|tiler|miş|il|di|du|muş|dular)",
    "oblique": r"(?:[dt][ae]n?|n[dt][ae]n?|[ıiuü]n[ıiuü]|y[ıiuü]|y[ae]|[ıiuü]n[ae]|s[ıiuü]n[ae]|"
               r"[^aeıioöuü\W]l[ae]|yl[ae]|m[ae]k|m[ae]ks[ıi]z[ıi]n|[ae]r[ae]k|[ıiuü]p)$",
    "name_oblique": r"[ıiuü]n(?:[ae]|d[ae]n?|[ıiuü]n?)$",
    "possessed": r"(?:[^aeıioöuü\W][ıiuü]|s[ıiuü]|l[ae]r[ıi])$",
    # An entry that tells of no event ("Tarih 3 Mart 1924." → "Tarih."): reviewed, not printed.
    "no_event": r"(?:Tarih\w*|Bu|O|Şu)(?:\s+(?:idi|dir|oldu|olmuştur|olarak))?\.|"
                # a stretch of time and nothing that happened in it: "Bu dönem."
                r"(?:(?:Bu|O|Aynı|Söz konusu)\s+)?(?:dönem|süre|zaman|evre|aşama|devre)\w*\.|"
                r"[^\W\d_]+(?:m[ae]kt[ae]d[ıi]r|[ıiuü]l?m[ae]kt[ae]d[ıi]r|d[ıiuü]r)\.",
    "meta_words": ["bu çalışma", "çalışmada", "bu analiz", "bu makale", "makalede", "bu bölüm"],
    "stopwords": ["ve", "ile", "bir", "bu", "da", "de", "için", "olarak", "olan", "daha", "gibi",
                  "iki", "ülke", "arasında", "tarafından", "sonra", "kadar", "ise"],
    "participles": r"(?!)",
    "phrase_boundaries": [],
    "coordinators": ["ve", "ile"],  # what joins two names into a subject of both ("Rusya ile İran")
    "adjunct_prepositions": [],
    "auxiliaries": [],
    "past_tense": r"(?!)",
    "gerund": r"(?!)",
    "infinitive_marker": "",
    "irregular_past": [],
    "relative_pronouns": [],
    "passive": {},
}
