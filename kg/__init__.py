"""kg: build, validate, query and visualise knowledge graphs of facts from news articles.

The library is the product; the ``kg`` command line is a thin layer over it.

Example:
    >>> import kg
    >>> kg.__version__
    '0.1.0'
"""

from kg.data.dataset import KGDataset, load_dataset
from kg.errors import InvalidDataError, KGError, UsageError
from kg.pipeline.build import BuildResult, build
from kg.validation import Problem, ValidationReport, validate

__version__ = "0.1.0"

__all__ = [
    "BuildResult",
    "InvalidDataError",
    "KGDataset",
    "KGError",
    "Problem",
    "UsageError",
    "ValidationReport",
    "__version__",
    "build",
    "load_dataset",
    "validate",
]
