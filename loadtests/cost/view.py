"""The cost view as one value: instructions (where valgrind is installed), layers, memory."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence

from harness.adapters import Adapter
from loadtests.cost import instructions
from loadtests.cost import layers
from loadtests.cost import memory
from loadtests.results.counted import CostView


def measure(
    adapters: Sequence[Adapter],
    progress: Callable[[str], None] = lambda message: None,
    counted: bool = True,
) -> CostView:
    """Every part; the instruction counts only with ``counted`` and valgrind installed."""
    view = CostView()
    names = [adapter.name for adapter in adapters]
    if not counted:
        view.note = "instruction counts skipped (--no-count)."
    elif not instructions.available():
        view.note = (
            "instruction counts skipped: valgrind is not installed (apt-get install valgrind)."
        )
    else:
        progress(f"instructions per request under valgrind: {len(names)} adapters × "
                 f"{len(instructions.SEEDS)} hash seeds, N and 2N requests each...")  # fmt: skip
        view.instructions = instructions.measure(names, progress=progress)
    progress("bytecodes per layer, and memory per request...")
    view.layers = layers.measure(adapters)
    view.memory = memory.measure(adapters)
    return view
