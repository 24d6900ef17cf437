"""Answering: SPARQL on the dataset, the catalogue of saved queries, result formats.

:mod:`~kg.query.request` takes a query the way people give it (inline, a file,
stdin or a saved name), :mod:`~kg.query.sparql` runs it read-only with errors people
can act on, :mod:`~kg.query.catalogue` reads the ``.rq`` files in ``queries/``, and
:mod:`~kg.query.results` formats the answer.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__, submod_attrs={"request": ["answer", "rows"]}
)
