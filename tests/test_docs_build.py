"""The docs site builds with ``mkdocs build --strict``, offline, from the test extra.

The test extra installs what the build needs (mkdocs, Material, mkdocstrings), so
``pip install '.[test]' && pytest`` builds the site; without them this test fails and
says what to install, it does not skip. Any warning (a broken link, a page missing
from the nav, a docstring mkdocstrings cannot read) fails the build. Network access
is cut off: no proxy answers and, where ``unshare`` can, the build runs in a network
namespace of its own.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NEEDED = {"mkdocs": "mkdocs", "material": "mkdocs-material", "mkdocstrings": "mkdocstrings[python]"}
NEEDED["mkdocstrings_handlers.python"] = "mkdocstrings[python]"


def _offline_prefix() -> list[str]:
    """``unshare -rn`` when it works here (no network at all), else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    return [unshare, "-rn"] if probe.returncode == 0 else []


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = sorted(
        {pip for module, pip in NEEDED.items() if importlib.util.find_spec(module) is None}
    )
    assert not missing, (
        f"the docs build needs {', '.join(missing)}: pip install -e '.[test]' "
        "(the test extra includes the docs tools) or pip install -e '.[docs]'"
    )
    out = tmp_path_factory.mktemp("site")
    dead = "http://127.0.0.1:9"  # the discard port: nothing answers
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HTTP_PROXY": dead,
        "HTTPS_PROXY": dead,
        "http_proxy": dead,
        "https_proxy": dead,
        "NO_PROXY": "",
        "no_proxy": "",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    done = subprocess.run(
        _offline_prefix() + command,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return out


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_part_of_the_site_is_built(site):
    for path in (
        "tutorial/first-graph",
        "tutorial/new-article",
        "how-to/stores",
        "how-to/scale",
        "reference/cli",
        "reference/ontology",
        "reference/api",
        "explanation/architecture",
    ):
        assert "<h1" in page(site, path), path
    assert (site / "index.html").exists() and (site / "search" / "search_index.json").exists()


def test_the_reference_pages_carry_the_generated_text(site):
    cli = page(site, "reference/cli")
    assert 'id="kg-build"' in cli and "--build-dir" in cli and "kg: build, validate" in cli
    ontology = page(site, "reference/ontology")
    first_class = (REPO / "ontology" / "REFERENCE.md").read_text("utf-8").split("\n### ", 2)[1]
    assert first_class.split("\n", 1)[0] in ontology and "Ontology reference" in ontology
    api = page(site, "reference/api")
    # a docstring's own words, rendered by mkdocstrings from the source
    assert "kg.data.dataset.load_dataset" in api and "kg.analysis.stats.compute_stats" in api
    assert "Everything" in api and "kg stats" in api


def test_the_site_needs_no_network_to_be_read(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, html
        assert '<script src="http' not in text, html


def test_the_api_page_reads_rst_roles_and_example_sections():
    spec = importlib.util.spec_from_file_location("griffe_kg", REPO / "docs/_ext/griffe_kg.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (
        "Like :func:`kg.build` and :class:`~kg.data.open.DataSpec`.\n\n    Example:\n        >>> 1"
    )
    assert module.rewrite(text) == (
        "Like `kg.build` and `kg.data.open.DataSpec`.\n\n    Examples:\n        >>> 1"
    )
    assert module.rewrite("An Example: in a sentence") == "An Example: in a sentence"


def test_the_api_page_shows_doctests_as_code(site):
    api = page(site, "reference/api")
    assert ":func:" not in api and ":class:" not in api
    # KGDataset.loading's example, a doctest, is highlighted code, not a quoted paragraph
    assert "<blockquote>" not in api and "&gt;&gt;&gt;" in api
