"""Hypercorn's limits that its command line does not take (``--config python:...``)."""

h11_max_incomplete_size = 65536  # as MAX_REQUEST_LINE: 4,000 emoji fit in /echo
include_server_header = True
