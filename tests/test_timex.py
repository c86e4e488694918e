"""The temporal expressions that are no calendar date (filters.timex), in TIMEX2's values."""
import pytest

from filters.timex import Narrative, day_part, temporal_expressions


def values(text, lang="en"):
    return [(t.text, t.value) for t in temporal_expressions(text, lang)]


@pytest.mark.parametrize("text, expected", [
    ("the war lasted three years", [("three years", "P3Y")]),
    ("a 46-day siege and an eight-hour battle", [("46-day", "P46D"), ("eight-hour", "PT8H")]),
    ("for seventy-nine years, a year-long blockade", [("seventy-nine years", "P79Y"), ("year-long", "P1Y")]),
    ("over the next few months and a few days", [("the next few months", "PXM"), ("a few days", "PXD")]),
    ("in the 1920s and the 19th century", [("the 1920s", "192"), ("the 19th century", "18")]),
    ("It is now a museum; the former capital", [("now", "PRESENT_REF"), ("former", "PAST_REF")]),
    # a relative date, no duration: the date reader's ("the following year")
    ("the following year the army left", []),
    # the fall of a city is no season
    ("after the fall of Saigon and its fall", []),
])
def test_english_expressions(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a count without a number, before "sonra": a time after the text's, not a length
    ("savaş üç yıl sürdü; birkaç gün sonra", [("üç yıl", "P3Y"), ("birkaç gün sonra", "FUTURE_REF")]),
    ("MÖ 5. yüzyılda", [("MÖ 5. yüzyılda", "BC04")]),
    ("19. yüzyılda ve 1990’lı yıllarda", [("19. yüzyılda", "18"), ("1990’lı yıllarda", "199")]),
    ("Bina günümüzde müzedir", [("günümüzde", "PRESENT_REF")]),
    ("MÖ 480 yılında", [("MÖ 480", "BC0480")]),
    # "yazı" alone is "writing", no summer
    ("Bu yazıda ele alınan", []),
])
def test_turkish_expressions(text, expected):
    assert values(text, "tr") == expected


def test_a_date_is_never_read_again():
    assert [t.text for t in temporal_expressions("For three years, until 1943", "en", [(4, 15)])] == []


def test_a_year_before_the_common_era_is_carried_from_paragraph_to_paragraph():
    text = Narrative("en")
    assert [t.value for t in text.read("In April 480 BC Xerxes crossed the Hellespont.")] == ["BC0480-04"]
    assert [t.value for t in text.read("In 479, the Greeks won; in the winter, they rested.")] == [
        "BC0479", "BC0479-WI"]
    # a count is no year: "in 300 ships"
    assert [t.value for t in text.read("They sailed in 300 ships.")] == []
    # a date of our era ends the era before it: a season alone is then a date (filters.dates)
    text.read("", [(0, 4, 1815, "1815")])
    assert [t.value for t in text.read("In 479 nothing; that summer")] == []


@pytest.mark.parametrize("text, expected", [
    # a duration counted from the text's time is a time: vague, a reference; in years, a year
    ("A few days later the city fell; several weeks earlier it had held.",
     [("A few days later", "FUTURE_REF"), ("several weeks earlier", "PAST_REF")]),
    # a decade or a century before the common era
    ("In the 470s BC, and in the 4th century BC.", [("the 470s BC", "BC047"), ("the 4th century BC", "BC03")]),
    # a range of years before the common era: its first year too
    ("Second invasion of Greece (480–479 BC)", [("480", "BC0480"), ("479 BC", "BC0479")]),
])
def test_english_expressions_counted_from_the_text(text, expected):
    assert [(t.text, t.value) for t in temporal_expressions(text, "en")] == expected


def test_a_text_is_at_the_year_and_day_it_told_last():
    text = Narrative("en")
    text.read("", [(0, 4, 1973, "1973-01-27")])
    # a year counted back from the text's; a time and a part of its day
    assert [(t.text, t.value) for t in text.read("Two years ago, at 3:00 a.m., and that afternoon")] == [
        ("Two years ago", "1971"), ("3:00 a.m.", "1973-01-27T03:00"), ("that afternoon", "1973-01-27TAF")]
    # before the common era: later is a smaller year; a year that starts a period is not where it is
    text = Narrative("en")
    text.read("The first campaign, in 492 BC, held Thrace, Persian since 513 BC.")
    assert [t.value for t in text.read("The following year, in September, they sailed.")] == [
        "BC0491", "BC0491-09"]


@pytest.mark.parametrize("text, start, end, value, lang, expected", [
    ("early in the morning of 29 April 1975", 24, 37, "1975-04-29", "en", (0, 37, "1975-04-29TMO")),
    ("the night of 13 February", 13, 24, "1904-02-13/1904-02-14", "en", (0, 24, "1904-02-13TNI")),
    ("9/10 Eylül 1922 gecesi", 0, 15, "1922-09-09/1922-09-10", "tr", (0, 22, "1922-09-09TNI")),
    # a year or a month has no part of a day
    ("the night of May 1958", 13, 21, "1958-05", "en", (13, 21, "1958-05")),
])
def test_a_day_in_a_part_of_the_day(text, start, end, value, lang, expected):
    assert day_part(text, start, end, value, lang) == expected
