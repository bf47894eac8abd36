"""The delivery report from word timings: pure, exact figures on hand-made timings."""

from __future__ import annotations

from hireloop.voice.delivery import (
    TimedWord,
    delivery_report,
    find_fillers,
    find_hedges,
    find_pauses,
    suggested_length,
)


def timed(
    text: str, *, start: float = 0.0, step: float = 0.4, gaps: dict[int, float] | None = None
) -> list[TimedWord]:
    """Words every ``step`` seconds; ``gaps`` adds silence before word i."""
    words, at = [], start
    for i, word in enumerate(text.split()):
        at += (gaps or {}).get(i, 0.0)
        words.append(TimedWord(text=word, start=at, end=at + step * 0.8))
        at += step
    return words


def figure(report, fid):
    return next(f for f in report.figures if f.id == fid)


def test_rate_in_the_comfortable_band_is_good_and_outside_it_is_flagged() -> None:
    # 140 words at 0.43 s each is ~140 words per minute.
    steady = delivery_report(timed(" ".join(["word"] * 140), step=60 / 140))
    assert 135 <= steady.words_per_minute <= 145
    assert figure(steady, "rate").status == "good"
    rushed = delivery_report(timed(" ".join(["word"] * 200), step=0.25))
    assert rushed.words_per_minute > 200
    assert figure(rushed, "rate").status == "watch"
    assert "120-160" in figure(rushed, "rate").good


def test_fillers_counted_with_phrases_and_like_only_when_set_off() -> None:
    words = timed(
        "So, um, I like this plan. It looks like a win, you know, and, like, basically we sort of ship."
    )
    found = [m.text for m in find_fillers(words)]
    assert found == ["um", "you know", "like", "basically", "sort of"]


def test_filler_clusters_name_where_they_bunch_up() -> None:
    text = "um uh um the plan is simple " + "and we ship it carefully " * 30 + "uh"
    report = delivery_report(timed(text))
    assert report.fillers == 4
    assert len(report.filler_clusters) == 1
    assert report.filler_clusters[0].at == 0.0
    assert report.filler_clusters[0].text == "3 fillers"


def test_long_pauses_over_three_seconds() -> None:
    words = timed("we start here then continue and finish", gaps={2: 3.5, 5: 2.0, 6: 6.0})
    pauses = find_pauses(words)
    assert [p.seconds for p in pauses] == [3.6, 6.1]  # the gap plus 0.08 s left of the word before
    assert pauses[0].text == "start"


def test_hedges() -> None:
    hedges = [
        m.text
        for m in find_hedges(timed("I think maybe we could, kind of, launch. I guess it probably works."))
    ]
    assert hedges == ["I think maybe", "kind of", "I guess", "probably"]


def test_opening_structure_is_heard_only_in_the_first_thirty_seconds() -> None:
    headline = delivery_report(timed("My recommendation is to ship in three phases and measure each one."))
    assert headline.structure_first and headline.structure_signpost == "my recommendation is"
    late = timed("We have a lot to cover " * 20 + "I'll break it into three parts")
    report = delivery_report(late)
    assert not report.structure_first
    assert figure(report, "opening").status == "watch"


def test_talk_time_against_the_rounds_suggested_length() -> None:
    assert suggested_length("ml_system_design") == (120, 180)
    assert suggested_length("ml_system_design", probe=True) == (30, 90)
    short = delivery_report(timed("a short answer"), suggested=(120, 180))
    assert figure(short, "talk_time").status == "watch"
    assert figure(short, "talk_time").good == "2:00-3:00 for this answer"
    fitting = delivery_report(timed(" ".join(["word"] * 350), step=0.43), suggested=(120, 180))
    assert figure(fitting, "talk_time").status == "good"


def test_report_round_trips_through_json_and_says_why() -> None:
    report = delivery_report(timed("um so my headline is we ship, uh, in two phases"))
    again = type(report).from_json(report.to_json())
    assert again == report
    assert all(f.good and f.why for f in report.figures)


def test_no_words_is_an_empty_report_not_a_crash() -> None:
    report = delivery_report([])
    assert report.words == 0 and report.words_per_minute == 0.0 and report.fillers_per_minute == 0.0
