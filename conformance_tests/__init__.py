"""The conformance suite: one set of data cases, run against every adapter."""
