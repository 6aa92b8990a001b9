"""compare: match two quarters' actions one-to-one and classify every change."""

from compare.records import CHANGE_KINDS, Change, Comparison, Match

__all__ = ["CHANGE_KINDS", "Change", "Comparison", "Match"]
