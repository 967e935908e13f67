"""The course's own steps (``course/``), each run as the course runs it and graded.

Each step is one change on the one before it, so each must score clearly higher;
step 5 reaches level 1, step 6 level 2 and step 7 level 3, in plain Flask.
"""

from __future__ import annotations

import sys

import pytest

from tests.test_grader import Graded
from tests.test_grader import grade_at
from tests.test_grader import learner_server

STEPS = {
    "step1_query_text": (0, 8.4),
    "step2_query_dict": (0, 14.8),
    "step3_path_errors": (0, 31.2),
    "step4_echo": (0, 39.9),
    "step5_the_rules": (1, 56.2),
    "step6_manners": (2, 83.0),
    "step7_exact": (3, 100.0),
}
"""Each step's level and score with --seed 7, as measured."""

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graded]:
    folder = tmp_path_factory.mktemp("steps")
    found = {}
    for name in STEPS:
        argv = (sys.executable, f"course/{name}.py", "{port}")  # as the course runs each step
        with learner_server(argv) as url:
            found[name] = grade_at(url, folder, name)
    return found


@pytest.mark.parametrize("name", STEPS)
def test_each_step_gets_its_grade(steps: dict[str, Graded], name: str) -> None:
    level, score = STEPS[name]
    assert steps[name].data["level_reached"] == level
    assert steps[name].data["score"] == pytest.approx(score, abs=2)


def test_each_step_climbs_clearly_above_the_one_before(steps: dict[str, Graded]) -> None:
    scores = [steps[name].data["score"] for name in STEPS]
    assert all(later >= earlier + 5 for earlier, later in zip(scores, scores[1:], strict=False))


def test_the_guide_shows_the_grade_a_running_step_gets(steps: dict[str, Graded]) -> None:
    """The guide grades each step in-process; a server must give it the same card."""
    from docgen.guide import COURSE
    from docgen.guide import scorecard_head

    for name, found in steps.items():
        score, grade, *routes = scorecard_head(COURSE / f"{name}.py")
        card = found.card.splitlines()
        assert card[0].split(" for ")[0] == score.split(" for ")[0] and card[1] == grade, name
        assert [line for line in card if line in routes] == routes, name
