"""Render the briefs of the bundled examples to the PNGs in docs/images (`make brief-images`).

For each example: the HTML brief's first two screens (Chromium, 1000 x 1400),
the PDF's first page and the page with the options table (pdftoppm, 70 dpi),
and the slides of the recommendation, the options and the robustness charts
(LibreOffice Impress to PDF, then pdftoppm, 60 dpi). The first example keeps
the unprefixed names the README shows; the others are prefixed with their
file name. Needs /usr/bin/chromium, pdftoppm (poppler-utils) and soffice
(libreoffice-impress); says which is missing instead of failing halfway.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
EXAMPLES = ["marketing-capability", "head-of-marketing-hire", "route-planning-software"]
DATE = "2026-12-04"
TOOLS = {"chromium": "chromium", "pdftoppm": "poppler-utils", "soffice": "libreoffice-impress"}
#: The slides worth a picture, by their title (the robustness slides come in order).
SLIDES = {
    "recommendation": "Recommendation",
    "options": "The options compared",
    "robustness": "How robust the recommendation is",
}


def main() -> int:
    """Render every example; exit 2 naming the missing tools."""
    missing = [pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        print(f"error: apt-get install {' '.join(missing)} first", file=sys.stderr)  # noqa: T201
        return 2
    from decisionroom.analysis import analyze
    from decisionroom.model import load
    from decisionroom.reports import render_all

    IMAGES.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(EXAMPLES):
        decision = load(ROOT / "examples" / f"{name}.yaml")
        data = analyze(decision, smaa=10_000, seed=0).to_dict()
        out = render_all(decision, data, ["html", "pdf", "pptx"], date=DATE)
        prefix = "brief-" if i == 0 else f"brief-{name}-"
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            html_screens(out["html"], work, prefix)
            pdf_pages(out["pdf"], work, prefix)
            slides(out["pptx"], work, prefix)
        print(f"{name}: {prefix}*.png")  # noqa: T201
    return 0


def html_screens(data: bytes, work: Path, prefix: str) -> None:
    """The first two 1000 x 1400 screens of the HTML brief."""
    from playwright.sync_api import sync_playwright

    page_file = work / "brief.html"
    page_file.write_bytes(data)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"], headless=True
        )
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.goto(page_file.as_uri())
        for n in (1, 2):
            clip = {"x": 0, "y": 1400 * (n - 1), "width": 1000, "height": 1400}
            page.screenshot(
                path=str(IMAGES / f"{prefix}html-page-{n}.png"), clip=clip, full_page=True
            )
        browser.close()


def pdf_pages(data: bytes, work: Path, prefix: str) -> None:
    """The PDF's first two pages and the page with the options table."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    options = next(i for i, t in enumerate(texts, 1) if "Rank Option" in t)
    source = work / "brief.pdf"
    source.write_bytes(data)
    for label, number in (("page-1", 1), ("page-2", 2), ("options", options)):
        png(source, number, 70, IMAGES / f"{prefix}pdf-{label}.png")


def slides(data: bytes, work: Path, prefix: str) -> None:
    """The recommendation, options and robustness slides, as LibreOffice draws them."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    titles = []
    for slide in deck.slides:
        frames = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        titles.append(frames[0] if frames else "")
    source = work / "brief.pptx"
    source.write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    robust = [i for i, t in enumerate(titles, 1) if t == SLIDES["robustness"]]
    wanted = {
        "recommendation": titles.index(SLIDES["recommendation"]) + 1,
        "options": titles.index(SLIDES["options"]) + 1,
        "robustness": robust[0],
        "simulation": robust[-1],
    }
    for label, number in wanted.items():
        png(work / "brief.pdf", number, 60, IMAGES / f"{prefix}slide-{label}.png")


def png(pdf: Path, page: int, dpi: int, target: Path) -> None:
    """One page of a PDF as a PNG file."""
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(stem)],
        check=True,
        timeout=120,
    )  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
