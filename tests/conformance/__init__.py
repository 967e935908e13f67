"""This project's own suites over its adapters: every case, in-process and live."""
