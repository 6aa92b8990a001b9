"""normalise: raw actions in, clean typed actions out. Never raises on odd input."""

from normalise.records import Action, NormalisedPlan, ActionWarning

__all__ = ["Action", "NormalisedPlan", "ActionWarning"]
