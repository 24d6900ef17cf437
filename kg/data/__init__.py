"""Where data comes from and where it lives.

Sources are found (:mod:`~kg.data.sources`), parsed one file to one named graph
(:mod:`~kg.data.parsing`) into a :class:`~kg.data.dataset.KGDataset`, and
:func:`~kg.data.open.open_dataset` decides once where a command reads them from: the
current build (:mod:`~kg.data.current`), an on-disk store (:mod:`~kg.data.disk`),
rdflib's memory store (:mod:`~kg.data.memory`) or a remote endpoint
(:mod:`~kg.data.remote`). The vocabulary the data is written in — namespaces and label
predicates — lives here too, because every later stage reads it.
"""
