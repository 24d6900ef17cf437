"""A griffe extension that reads kg's docstrings for the Python API page (mkdocstrings).

kg's docstrings are Google style with two habits of reStructuredText: roles such as
``:func:`kg.build``` (shown as code here) and ``Example:`` sections of doctests
(griffe's examples section is ``Examples:``, which renders them as code).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|mod|attr|meth|data|exc|obj|const):`~?([^`]+)`")
_EXAMPLE = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)


def rewrite(text: str) -> str:
    """Docstring text with roles as code and ``Example:`` as ``Examples:``.

    Example:
        >>> rewrite("See :func:`kg.build`.\\n\\nExample:\\n    >>> 1\\n    1")
        'See `kg.build`.\\n\\nExamples:\\n    >>> 1\\n    1'
    """
    return _EXAMPLE.sub(r"\1Examples:", _ROLE.sub(r"`\1`", text))


class KgDocstrings(griffe.Extension):
    """Rewrite each object's docstring once the object tree is built."""

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rewrite(obj.docstring.value)
