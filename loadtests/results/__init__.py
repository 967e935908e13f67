"""The benchmark's figures: the plan of a run, what it measured (``model``) and what it
counted (``counted``). Every stage makes them and the report renders them; results.json
holds them all (``model.save``, ``model.load``).
"""
