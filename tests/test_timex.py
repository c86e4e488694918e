"""The temporal expressions that are no calendar date (filters.timex), in TIMEX2's values."""
import pytest

from filters.timex import Narrative, temporal_expressions


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
    ("savaş üç yıl sürdü; birkaç gün sonra", [("üç yıl", "P3Y"), ("birkaç gün", "PXD")]),
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
    text.read("", [(0, 4, 1815)])
    assert [t.value for t in text.read("In 479 nothing; that summer")] == []
