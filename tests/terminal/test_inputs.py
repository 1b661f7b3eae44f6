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
    reader, writer = pipe

    def answer_late():
        time.sleep(0.4)
        writer.write("1\n")
        writer.flush()

    threading.Thread(target=answer_late).start()
    assert reader.read_line(time.monotonic() + 0.1) is TIMED_OUT
    assert reader.read_line(time.monotonic() + 5) == "1"


def test_no_deadline_waits_for_the_line(pipe):
    reader, writer = pipe
    threading.Timer(0.2, lambda: (writer.write("4\n"), writer.flush())).start()
    assert reader.read_line(None) == "4"


def test_tick_is_called_each_second_while_waiting(pipe):
    reader, _writer = pipe
    ticks = []
    result = reader.read_line(time.monotonic() + 1.5, tick=lambda: ticks.append(1))
    assert result is TIMED_OUT
    assert len(ticks) == 1  # at 1 s; the deadline comes before the second tick
