"""Where the cost goes: instructions per request (valgrind), bytecodes per layer, memory.

Counts, not times: they repeat on a busy machine, where the benchmark's times refuse to.
"""
