"""Showing: the interactive graph page (pyvis, one offline HTML file) and the ontology
reference in Markdown.

:mod:`~kg.pages.page` builds the page from a projection, with its template and the
vis-network assets inlined from pyvis; :mod:`~kg.pages.groups` (colour groups from the
class hierarchy), :mod:`~kg.pages.layout` (the seeded layout) and
:mod:`~kg.pages.describe` (values written for readers) serve it;
:mod:`~kg.pages.reference` writes the ontology's reference.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__, submod_attrs={"page": ["NotebookPage", "PageOptions", "build_page", "write_page"]}
)
