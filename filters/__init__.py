"""Pandoc filters of the publication build, written with panflute.

Each module is one concern: a few pure functions over panflute elements and a
``main()`` so that pandoc can run it with ``-F``; the build runs the same
functions in one process (see ``press.pipeline``).
"""
