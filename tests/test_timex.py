"""The temporal expressions that are no calendar date (filters.timex), in TIMEX2's values."""
import pytest

from filters.timex import Narrative, temporal_expressions


def values(text, lang="en", year=None):
    return [(t.text, t.value) for t in temporal_expressions(text, lang, year)]


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


def test_a_season_alone_is_in_the_year_the_text_is_at():
    assert values("In the fall the army left; that winter it returned", year=1943) == [
        ("fall", "1943-FA"), ("winter", "1943-WI")]
    assert values("In the fall the army left") == []  # no year yet: not read
    assert values("o kış geri çekildi", "tr", 1941) == [("o kış", "1941-WI")]


def test_a_date_is_never_read_again_and_dates_give_the_year():
    expressions = temporal_expressions("In May 1940 and that summer", "en", 1939, [(3, 11, 1940)])
    assert [(t.text, t.value) for t in expressions] == [("summer", "1940-SU")]


def test_a_year_before_the_common_era_is_carried_from_paragraph_to_paragraph():
    text = Narrative("en")
    assert [t.value for t in text.read("In April 480 BC Xerxes crossed the Hellespont.")] == ["BC0480-04"]
    assert [t.value for t in text.read("In 479, the Greeks won; the winter was hard.")] == ["BC0479", "BC0479-WI"]
    # a count is no year: "in 300 ships"
    assert [t.value for t in text.read("They sailed in 300 ships.")] == []
    # a date of our era ends the era before it
    text.read("", [(0, 4, 1815)])
    assert [t.value for t in text.read("In 479 nothing; that summer")] == ["1815-SU"]
