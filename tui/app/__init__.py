"""The Textual app: presents a Comparison, does no analysis."""

from tui.app.app import ParallaxApp
from tui.app.loader import ComparisonLoader, EventChoice, PlannedSource, Progress

__all__ = ["ComparisonLoader", "EventChoice", "ParallaxApp", "PlannedSource", "Progress"]
