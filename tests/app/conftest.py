"""Fixtures the app tests share: a fresh fake loader and the hand-built comparison.

What the tests build with arguments of their own (FakeLoader(gated=…), demo_comparison({…}),
settle(pilot, app)) stays importable from tests.app.fakes: a fixture can only hand out one value.
"""

from __future__ import annotations

import pytest

from tests.app.fakes import FakeLoader, demo_comparison
from tui.model import Comparison


@pytest.fixture
def loader() -> FakeLoader:
    """The demo event's five sources, Kavkaz Post failing, nothing held at a gate."""
    return FakeLoader()


@pytest.fixture
def comparison() -> Comparison:
    """The hand-built comparison: four sources read, one failed, divergences d1–d8."""
    return demo_comparison()
