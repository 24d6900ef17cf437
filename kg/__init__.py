"""kg: build, validate, query and visualise knowledge graphs of facts from news articles.

The library is the product; the ``kg`` command line is a thin layer over it.

Example:
    >>> import kg
    >>> kg.__version__
    '0.1.0'
"""

import lazy_loader

# The public API, imported on first use so that ``import kg`` (and so every
# ``kg`` command's start-up) loads nothing it does not need.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "data.dataset": ["KGDataset", "load_dataset"],
        "errors": ["InvalidDataError", "KGError", "UsageError"],
        "pipeline.build": ["BuildResult", "build"],
        "problems": ["Problem", "ValidationReport"],
        "validation": ["validate"],
    },
)

__version__ = "0.1.0"
__all__ = [*__all__, "__version__"]
