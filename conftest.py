"""Hypothesis profiles for the whole suite: bounded and repeatable unless asked otherwise.

``HYPOTHESIS_PROFILE=long make test`` runs the long hunt (random seed, many more cases).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck
from hypothesis import settings

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
