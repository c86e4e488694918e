"""The build pipeline: read the manuscript once, run the filters, write the editions.

``press.pipeline.build`` is the whole data flow, top to bottom; ``build.py`` is
only its command line.
"""
