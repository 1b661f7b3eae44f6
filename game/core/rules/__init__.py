"""The rules engine: the condition language, the rules that score each event, and the
scoring model (``scoring``: merit, a decision's credit, the overall score, the pass rule,
and ``score_events``, which adds a session's events up)."""

from game.core.rules.conditions import CompiledCondition, ConditionError, compile_condition
from game.core.rules.scoring import (
    Credit,
    DecisionScore,
    MeritLine,
    PointLine,
    Scorecard,
    decision_credit,
    end_credit,
    overall_score,
    passes,
    polarities,
    score_events,
    total,
    value_evidence,
)
from game.core.rules.vocabulary import ALL_NAMES, FIXED_NAMES, FUNCTIONS, OPEN_NAMES

__all__ = [
    "ALL_NAMES", "FIXED_NAMES", "FUNCTIONS", "OPEN_NAMES", "CompiledCondition", "ConditionError",
    "Credit", "DecisionScore", "MeritLine", "PointLine", "Scorecard", "compile_condition",
    "decision_credit", "end_credit", "overall_score", "passes", "polarities", "score_events",
    "total", "value_evidence",
]
