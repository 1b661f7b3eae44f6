"""The human report of `test-scenarios`: per case, per plan coverage, a summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from game.core.i18n import Translator
from game.terminal.testrun import CaseResult, Coverage
from game.terminal.testsuite import PlanReport

__all__ = ["print_report"]


def print_report(reports: Sequence[PlanReport], missing: Sequence[tuple[str, Path]],
                 t: Translator, out: IO[str]) -> bool:
    """Write the report; True when every case passed and every scenario has a plan."""
    def line(text: str = "") -> None:
        out.write(text + "\n")

    passed = failed = 0
    for report in reports:
        line(f"{report.scenario} ({report.plan})")
        if report.error:
            line(f"  {t('tests.fail')} {report.error}")
            failed += 1
            continue
        for result in report.results:
            passed += result.ok
            failed += not result.ok
            for text in _case_lines(result, t):
                line(text)
        for text in _coverage_lines(report, t):
            line(text)
    for scenario, plan in missing:
        line(f"{t('tests.fail')} " + t("tests.no_plan", scenario=scenario, path=plan))
    line(t("tests.summary", cases=passed + failed, passed=passed, failed=failed))
    return failed == 0 and not missing


def _case_lines(result: CaseResult, t: Translator) -> list[str]:
    verdict = t("tests.pass") if result.ok else t("tests.fail")
    lines = [f"  {verdict} {result.case.name}"]
    lines += [f"       - {failure}" for failure in result.failures]
    lines.append(f"       {t('tests.path')}: {' -> '.join(result.path) or '-'}")
    if result.ending is not None:
        traits = ", ".join(f"{k} {v:.0f}" for k, v in sorted(result.traits.items()))
        scores = t("tests.scores_line", ending=result.ending, outcome=result.outcome,
                   overall=f"{result.overall:.1f}",
                   verdict=t("tests.passed" if result.passed else "tests.not_passed"),
                   traits=traits or t("tests.no_traits"))
        lines.append(f"       {t('tests.scores')}: {scores}")
    return lines


def _coverage_lines(report: PlanReport, t: Translator) -> list[str]:
    total, missing = report.total, report.uncovered
    counts = ", ".join(
        f"{what} {len(getattr(total, what)) - len(getattr(missing, what))}"
        f"/{len(getattr(total, what))}" for what in ("nodes", "choices", "traits"))
    lines = [f"  {t('tests.coverage')}: {counts}"]
    if missing.empty:
        lines.append(f"    {t('tests.all_covered')}")
        return lines
    lines += _items(t("tests.uncovered_by_cases"), missing - report.dead)
    lines += _items(t("tests.never_exercised"), report.dead)
    return lines


def _items(title: str, coverage: Coverage) -> list[str]:
    if coverage.empty:
        return []
    lines = [f"    {title}:"]
    for what in ("nodes", "choices", "traits"):
        names = sorted(getattr(coverage, what))
        if names:
            lines.append(f"      {what}: {', '.join(names)}")
    return lines
