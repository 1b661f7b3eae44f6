"""The README's quick start is what CI runs, and it works on a stock OS Python: the
commands make and use their own virtual environment (PEP 668 never applies)."""

from __future__ import annotations

import re

from pkgenv import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_blocks(language: str) -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(rf"```{language}\n(.*?)```", section, re.S)]


def test_ci_runs_exactly_the_readmes_test_command():
    last = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()[-1]
    assert quick_start_blocks("sh")[1] == last


def test_the_commands_make_and_use_a_venv_on_posix_and_in_powershell():
    play, test = quick_start_blocks("sh")
    for command, last in ((play, ".venv/bin/python main.py"),
                          (test, ".venv/bin/python -m pytest")):
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install ")
        assert command.endswith(last)
        assert " python " not in f" {command} "  # never the bare, maybe missing, `python`
    ps_play, ps_test = quick_start_blocks("powershell")
    assert ps_play.startswith("py -m venv .venv; .venv\\Scripts\\python -m pip install -e .;")
    assert ps_test.endswith(".venv\\Scripts\\python -m pytest")
