"""Matching settings as one validated, frozen dataclass (the pdfplumber `TableSettings` habit)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class MatchSettings:
    """How two quarters' actions are scored and paired.

    The pair score is a weighted mean on a 0..100 scale: the word-level similarity of the action
    texts plus 100 for each agreeing field (reference, theme/objective, team, success measure).
    Weights are normalised to sum to 1, so only their ratios matter.
    """

    text_weight: float = 0.75
    ref_weight: float = 0.05
    objective_weight: float = 0.10
    team_weight: float = 0.05
    measure_weight: float = 0.05
    #: pairs scoring below this are not matched: the old one is "removed", the new one "added"
    threshold: float = 45.0
    #: a match whose score beats the best competing pair by less than this is flagged for review
    review_margin: float = 5.0
    #: pair actions whose normalised text is identical and unique on both sides before scoring
    exact_prematch: bool = True
    #: rapidfuzz worker threads (-1: all cores)
    workers: int = -1

    def __post_init__(self) -> None:
        weights = self.weights()
        if any(w < 0 for w in weights.values()):
            raise ValueError(f"match weights must be >= 0, got {weights}")
        if self.text_weight <= 0:
            raise ValueError("text_weight must be > 0: the action text is the main evidence")
        if not 0 <= self.threshold <= 100:
            raise ValueError(f"threshold must be within 0..100, got {self.threshold}")
        if not 0 <= self.review_margin <= 100:
            raise ValueError(f"review_margin must be within 0..100, got {self.review_margin}")
        if self.workers == 0 or self.workers < -1:
            raise ValueError(f"workers must be -1 or a positive count, got {self.workers}")

    def weights(self) -> dict[str, float]:
        return {
            "text": self.text_weight,
            "ref": self.ref_weight,
            "objective": self.objective_weight,
            "team": self.team_weight,
            "measure": self.measure_weight,
        }

    def normalised_weights(self) -> dict[str, float]:
        """Weights scaled to sum to 1, so the pair score stays on 0..100."""
        w = self.weights()
        total = sum(w.values())
        return {k: v / total for k, v in w.items()}

    @classmethod
    def resolve(cls, value: MatchSettings | dict[str, Any] | None = None) -> MatchSettings:
        """Settings from None (defaults), a dict of overrides, or an instance."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            known = {f.name for f in fields(cls)}
            unknown = set(value) - known
            if unknown:
                raise ValueError(f"unknown match settings: {sorted(unknown)}")
            return replace(cls(), **value)
        raise TypeError(f"cannot make MatchSettings from {type(value).__name__}")
