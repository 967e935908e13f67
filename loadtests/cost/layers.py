"""Where a request's work goes, layer by layer: Python bytecodes counted, not timed.

Every bytecode the interpreter runs for a request (``sys.settrace`` with opcode
events) is counted against the function that ran it, and each function is put
in a layer by a small table per framework: which of its modules (and, for a
one-file framework, which classes) route, build the request or the response,
hold headers and query arguments, or dispatch. Work done inside C (the json
encoder, dict operations) runs no bytecode and is not counted here; the
instruction counts include it.
"""

from __future__ import annotations

import gc
import sys
import sysconfig
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import App
from harness.calling import Calls
from loadtests.results.counted import Layers
from loadtests.sent.mix import sequence

Rule = tuple[str, str, str]
"""(the start of the module's path, the start of the function's qualified name, its layer)."""
ROUTING, REQUEST, RESPONSE, DATA = "routing", "request object", "response object", "data structures"
CONTEXTS, DISPATCH, OTHER = "contexts and dispatch", "dispatch", "the framework, other"
ASYNC = "async machinery (anyio, tasks)"
FALCON: list[Rule] = [
    ("falcon/routing/", "", ROUTING),
    ("<string>", "find", ROUTING),  # Falcon compiles its router into Python source
    ("falcon/request", "", REQUEST), ("falcon/stream", "", REQUEST),
    ("falcon/asgi/request", "", REQUEST), ("falcon/asgi/stream", "", REQUEST),
    ("falcon/response", "", RESPONSE), ("falcon/asgi/response", "", RESPONSE),
    ("falcon/util/structures", "", DATA), ("falcon/util/uri", "", DATA),
    ("falcon/app", "", CONTEXTS), ("falcon/asgi/app", "", CONTEXTS),
    ("falcon/middleware", "", CONTEXTS),
    ("falcon/", "", OTHER),
]  # fmt: skip
FRAMEWORK_LAYERS: dict[str, list[Rule]] = {
    "flask": [
        ("werkzeug/routing/", "", ROUTING), ("encodings/idna", "", ROUTING),
        ("werkzeug/datastructures/", "", DATA),
        ("werkzeug/sansio/request", "", REQUEST), ("werkzeug/wrappers/request", "", REQUEST),
        ("flask/wrappers", "Request", REQUEST), ("werkzeug/sansio/utils", "", REQUEST),
        ("werkzeug/wsgi", "get_", REQUEST), ("werkzeug/wsgi", "_get_", REQUEST),
        ("werkzeug/_internal", "_wsgi_decoding", REQUEST), ("urllib/parse", "", REQUEST),
        ("werkzeug/sansio/response", "", RESPONSE), ("werkzeug/wrappers/response", "", RESPONSE),
        ("flask/wrappers", "Response", RESPONSE), ("werkzeug/wsgi", "ClosingIterator", RESPONSE),
        ("flask/ctx", "", CONTEXTS), ("werkzeug/local", "", CONTEXTS),
        ("flask/globals", "", CONTEXTS),
        ("flask/app", "", CONTEXTS), ("flask/sansio/", "", CONTEXTS), ("blinker/", "", CONTEXTS),
        ("inspect", "_has_code_flag", CONTEXTS),
        ("werkzeug/", "", OTHER), ("flask/", "", OTHER),
    ],
    "bottle": [
        ("bottle.py", "Router", ROUTING),
        ("bottle.py", "BaseRequest", REQUEST), ("bottle.py", "LocalRequest", REQUEST),
        ("bottle.py", "touni", REQUEST), ("bottle.py", "_parse_qsl", REQUEST),
        ("urllib/parse", "", REQUEST),
        ("bottle.py", "BaseResponse", RESPONSE), ("bottle.py", "LocalResponse", RESPONSE),
        ("bottle.py", "HeaderProperty", RESPONSE), ("bottle.py", "HTTPResponse", RESPONSE),
        ("bottle.py", "MultiDict", DATA), ("bottle.py", "FormsDict", DATA),
        ("bottle.py", "HeaderDict", DATA), ("bottle.py", "WSGIHeaderDict", DATA),
        ("bottle.py", "DictProperty", DATA), ("bottle.py", "_hkey", DATA),
        ("bottle.py", "_hval", DATA),
        ("bottle.py", "Bottle", CONTEXTS), ("bottle.py", "Route", CONTEXTS),
        ("bottle.py", "_local_property", CONTEXTS), ("bottle.py", "JSONPlugin", CONTEXTS),
        ("bottle.py", "", OTHER),
    ],
    "falcon": FALCON,
    "falcon_asgi": FALCON,
    "fastapi": [
        ("starlette/routing", "", ROUTING), ("fastapi/routing", "APIRoute", ROUTING),
        ("re", "", ROUTING),
        ("fastapi/dependencies/", "", "dependency injection"),
        ("typing", "", "dependency injection"),
        ("fastapi/routing", "", "dependency injection"),
        ("starlette/requests", "", REQUEST), ("urllib/parse", "", REQUEST),
        ("starlette/responses", "", RESPONSE),
        ("starlette/datastructures", "", DATA),
        ("starlette/middleware/", "", CONTEXTS), ("starlette/_exception_handler", "", CONTEXTS),
        ("starlette/applications", "", CONTEXTS), ("fastapi/applications", "", CONTEXTS),
        ("anyio/", "", ASYNC), ("starlette/concurrency", "", ASYNC),
        ("starlette/", "", OTHER), ("fastapi/", "", OTHER), ("pydantic/", "", OTHER),
    ],
    "wsgi": [("urllib/parse", "", "query parsing (the standard library's)")],
    "asgi": [("urllib/parse", "", "query parsing (the standard library's)")],
}  # fmt: skip
"""Each framework's own layers; a framework with no row is counted as the framework, other."""
COMMON: list[Rule] = [
    ("impl_", "", "the adapter"),
    ("core/", "", "core (this project's logic)"),
    ("<string>", "__create_fn__", "core (this project's logic)"),  # core's frozen Reply's __init__
    ("json/", "", "json"),
    ("harness/", "", "the caller (a server's part, not served)"),
    ("asyncio/", "", "the event loop (a server's part)"),
]
"""Layers every adapter shares, looked up after its framework's."""


BASES = [Path(sysconfig.get_paths()[name]) for name in ("purelib", "platlib", "stdlib")]


def short(filename: str) -> str:
    """A module's path from where it was found: ``werkzeug/routing/map.py``, ``core/service.py``,
    ``json/encoder.py``."""
    path = Path(filename)
    for base in [*BASES, ROOT]:
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


def layer_of(path: str, qualname: str, rules: Sequence[Rule]) -> str:
    """The first rule that matches names the layer; unmatched code is the standard library's."""
    for start, prefix, layer in [*rules, *COMMON]:
        if path.startswith(start) and qualname.startswith(prefix):
            return layer
    return "other standard library"


def count_bytecodes(calls: Calls, requests: int) -> Counter[tuple[str, str]]:
    """Bytecodes run per (file, function) over ``requests`` requests, after one untraced turn:
    the counts of 2N requests less those of N, as the instruction counts are taken, so the
    driving loop's own start is not in them."""
    calls.run(len(calls.prepared))
    return _traced(calls, 2 * requests) - _traced(calls, requests)


def _traced(calls: Calls, requests: int) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        if event == "opcode":
            code = frame.f_code
            counts[(code.co_filename, code.co_qualname)] += 1
        return trace

    gc.collect()
    gc.disable()  # a collection could run another object's finalizer inside the count
    sys.settrace(trace)
    try:
        calls.run(requests)
    finally:
        sys.settrace(None)
        gc.enable()
    return counts


def layers(name: str, app: App, requests: int = 200, batch: int = 200, top: int = 8) -> Layers:
    """One adapter's layers over the load's mix."""
    with Calls(app, [("GET", each.path) for each in sequence(batch)]) as calls:
        counts = count_bytecodes(calls, requests)
    rules = FRAMEWORK_LAYERS.get(name, [])
    by_layer: Counter[str] = Counter()
    for (filename, qualname), seen in counts.items():
        by_layer[layer_of(short(filename), qualname, rules)] += seen
    busiest = [(f"{short(filename)}:{qualname}", seen / requests)
               for (filename, qualname), seen in counts.most_common(top)]  # fmt: skip
    ordered = {layer: seen / requests for layer, seen in by_layer.most_common()}
    return Layers(name, sum(counts.values()) / requests, ordered, busiest)


def measure(adapters: Sequence[Adapter], requests: int = 200) -> list[Layers]:
    return [layers(adapter.name, adapter.create_app(), requests) for adapter in adapters]
