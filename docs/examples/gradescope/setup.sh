#!/usr/bin/env bash
# Gradescope: zip this file, run_autograder and a copy of this repository's conformance_tests/
# folder, and upload the zip as the assignment's autograder (Ubuntu image). See docs/classroom.md.
set -euo pipefail
apt-get update
apt-get install -y python3 python3-pip python3-venv nodejs npm
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install /autograder/source/conformance_tests flask fastapi uvicorn
