"""Answers are read line by line with a real deadline, from pipes as from terminals."""

import os
import threading
import time

import pytest

from game.terminal.inputs import TIMED_OUT, InputClosed, LineReader


@pytest.fixture
def pipe():
    read_fd, write_fd = os.pipe()
    reader = LineReader(os.fdopen(read_fd, "r"))
    writer = os.fdopen(write_fd, "w")
    yield reader, writer
    if not writer.closed:
        writer.close()


def test_scripted_answers_arrive_at_once_then_input_closes(pipe):
    reader, writer = pipe
    writer.write("2\n 1 \r\n3")  # CRLF and a last line with no newline
    writer.close()
    deadline = time.monotonic() + 5
    assert [reader.read_line(deadline) for _ in range(3)] == ["2", " 1 ", "3"]
    with pytest.raises(InputClosed):
        reader.read_line(deadline)


def test_a_silent_pipe_times_out_at_the_deadline(pipe):
    reader, _writer = pipe
    started = time.monotonic()
    assert reader.read_line(started + 0.3) is TIMED_OUT
    assert time.monotonic() - started >= 0.3


def test_an_answer_after_the_deadline_is_kept_for_the_next_question(pipe):
    # The answer is written only once the deadline has passed (no thread racing the
    # deadline, which a busy machine could lose): it must wait for the next question.
    reader, writer = pipe
    assert reader.read_line(time.monotonic() + 0.1) is TIMED_OUT
    writer.write("1\n")
    writer.flush()
    assert reader.read_line(time.monotonic() + 5) == "1"


def test_no_deadline_waits_for_the_line(pipe):
    reader, writer = pipe
    threading.Timer(0.2, lambda: (writer.write("4\n"), writer.flush())).start()
    assert reader.read_line(None) == "4"


class FakeClock:
    """Time that passes only when the reader waits: a busy machine cannot skew it."""

    def __init__(self) -> None:
        self.now = 100.0
        self.waits: list[float | None] = []

    def __call__(self) -> float:
        return self.now

    def wait(self, fd: int, remaining: float | None) -> bool:
        self.waits.append(remaining)
        self.now += remaining or 0.0
        return False  # nothing typed


def test_tick_is_called_each_second_while_waiting():
    read_fd, write_fd = os.pipe()
    clock = FakeClock()
    reader = LineReader(os.fdopen(read_fd, "r"), clock=clock, wait=clock.wait)
    ticks = []
    result = reader.read_line(clock.now + 2.5, tick=lambda: ticks.append(clock.now))
    os.close(write_fd)
    assert result is TIMED_OUT
    assert ticks == [101.0, 102.0]  # at 1 s and 2 s; the deadline comes before a third
    assert clock.waits == [1.0, 1.0, 0.5] and clock.now == 102.5
