"""Random cases on top of the data, so that no lookup table of answers can pass.

Seeded: the same seed gives the same requests, and the grader prints it.
The expected answers come from the independent model (``oracle``), not from core.
"""

from __future__ import annotations

import random
from urllib.parse import quote

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import with_head_twins
from conformance_tests.grader.oracle import expect

TEXTS = ["abc", "Hello", "café", "naïve", "日本語", "😀", "a b", "x-y_z", "ÅÄÖ", "Ωμέγα", "سلام"]


def _addend(rng: random.Random) -> str:
    forms = [
        lambda: str(rng.randint(-(10**6), 10**6)),
        lambda: f"{rng.uniform(-1000, 1000):.{rng.randint(1, 6)}f}",
        lambda: f"{rng.randint(1, 999)}e{rng.randint(-8, 8)}",
        lambda: f"{rng.choice(['', '-', '+'])}.{rng.randint(1, 99999)}",
    ]
    return rng.choice(forms)()


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(TEXTS) for _ in range(rng.randint(1, 3)))


def generated_cases(seed: int, count: int = 8) -> list[Case]:
    """``count`` sums by path, by query and echoes, each answered by the model."""
    rng = random.Random(seed)
    cases = []
    for i in range(1, count + 1):
        a, b = _addend(rng), _addend(rng)
        cases.append(expect("GET", f"/sum/{quote(a)}/{quote(b)}", f"generated-sum-path-{i}"))
        fields = [f"number1={quote(a, safe='')}", f"number2={quote(b, safe='')}"]
        if rng.random() < 0.5:
            fields.append(f"n{rng.randint(3, 9)}={rng.randint(0, 9)}")
        rng.shuffle(fields)
        query = "&".join(fields)
        cases.append(expect("GET", f"/sum?{query}", f"generated-sum-query-{i}"))
        text = quote(_text(rng), safe="")
        cases.append(expect("GET", f"/echo/{text}", f"generated-echo-{i}"))
    return cases


def every_case(seed: int, per_kind: int = 8, fuzz: int = 0, over_http: bool = False) -> list[Case]:
    """What one run sends: the data cases with their HEAD twins, then the generated ones.

    ``over_http`` leaves out the cases servers refuse before an app sees them;
    ``fuzz`` adds requests drawn by Hypothesis (which only that needs).
    """
    data = [case for case in CASES if not (over_http and case.in_process_only)]
    cases = with_head_twins(data) + generated_cases(seed, per_kind)
    if fuzz:
        from conformance_tests.grader.fuzz import fuzz_cases

        cases += fuzz_cases(fuzz, seed)
    return cases
