"""Building: load the sources, check them, and write the dataset safely.

:func:`~kg.pipeline.build.build` runs the pipeline; :mod:`~kg.pipeline.serialize`
writes N-Quads and merged Turtle deterministically; :mod:`~kg.pipeline.safewrite`
writes every output through a temporary file so that nothing is lost or half-written.
The checks themselves are in :mod:`kg.validation`.
"""
