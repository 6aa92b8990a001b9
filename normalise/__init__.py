"""normalise: raw actions in, clean typed actions out. Never raises on odd input."""

from normalise.records import Action, ActionWarning, NormalisedPlan

__all__ = ["Action", "ActionWarning", "NormalisedPlan"]
