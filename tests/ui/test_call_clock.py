"""The call's clock counts whole seconds however the frames add up."""

from game.ui.widgets.channel_header import clock


def test_ten_tenths_of_a_second_are_one_second_on_the_clock():
    elapsed = 0.0
    for _ in range(10):
        elapsed += 0.1  # 0.9999999999999999 after ten frames
    assert elapsed < 1.0
    assert clock(elapsed) == "00:01"


def test_the_clock_shows_minutes_and_seconds_and_never_runs_ahead():
    assert clock(0.0) == "00:00"
    assert clock(0.999) == "00:00"
    assert clock(59.9999) == "00:59"
    assert clock(61.0) == "01:01"
    assert clock(-0.5) == "00:00"
