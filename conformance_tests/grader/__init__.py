"""The grader: any server at a URL checked against the contract's cases, level by level.

Needs only requests and PyYAML (``conformance_tests/requirements.txt``), so a learner
can check an implementation in any language without installing this project.
"""
