"""The documentation generators: the guide, the servers page and the worked example, cut from
the code and the results as they are (``python -m docgen.guide``, ``python -m docgen.pages``).
"""
