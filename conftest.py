"""Hypothesis profiles for the whole suite: bounded and repeatable unless asked otherwise.

``HYPOTHESIS_PROFILE=long make test`` runs the long hunt (random seed, many more cases).
"""

from __future__ import annotations

import os

pytest_plugins = ["devtools.fixtures"]
"""This project's adapters as fixtures (--adapter, --live-server), for every test folder."""

try:
    from hypothesis import HealthCheck
    from hypothesis import Phase
    from hypothesis import settings
except ImportError:  # the light checker (conformance_tests/requirements.txt) has no Hypothesis
    pass
else:
    settings.register_profile(
        "ci",
        max_examples=200,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
        # The explain phase prints a failing example's arguments without their values.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )
    settings.register_profile(
        "long",
        max_examples=20_000,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
