"""Screenshots of the graph pages shown in the README, as a new reader sees them.

Run on demand:  python benchmarks/screenshots.py [OUT_FOLDER]   (default: docs/screenshots)

Writes the seed graph's pages (default, ``--around "Pham Minh Chinh"``,
``--article 001``, ``--top 30``) with ``kg viz`` and photographs each in
headless Chromium at 1400x900, after the page has fitted its view.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.commands import main as kg  # noqa: E402
from tests.browser.conftest import ARGS  # noqa: E402  (one set of Chromium flags)

PAGES = {
    "default": [],
    "around-pham-minh-chinh": ["--around", "Pham Minh Chinh"],
    "article-001": ["--article", "001"],
    "top-30": ["--top", "30"],
}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    runner = CliRunner()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for name, args in PAGES.items():
            page_file = folder / f"{name}.html"
            result = runner.invoke(
                kg,
                [
                    "viz",
                    "-o",
                    str(page_file),
                    "--ontology",
                    str(ROOT / "ontology"),
                    "--triples",
                    str(ROOT / "triples"),
                    *args,
                ],
            )
            if result.exit_code != 0:
                sys.exit(f"kg viz {' '.join(args)} failed: {result.output}")
            context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_function("window.kgReady === true", timeout=60000)
            page.screenshot(path=str(out / f"{name}.png"))
            context.close()
            print(f"wrote {out / f'{name}.png'}")
        browser.close()


if __name__ == "__main__":
    main()
