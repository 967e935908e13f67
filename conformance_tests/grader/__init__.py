"""The grader: any server at a URL checked against the contract's cases, level by level.

Needs only requests and PyYAML, so a learner can check an implementation in any language
without installing this project: ``pip install ./conformance_tests`` (its own pyproject.toml)
puts the command ``check-sum-echo`` on the PATH.
"""
