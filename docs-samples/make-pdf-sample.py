#!/usr/bin/env python3
"""Regenerates docs-samples/brochure.pdf, a three-page product brochure laid
out line by line as a designer's tool would: page 1 in Helvetica
(WinAnsi, with curly quotes and dashes), pages 2 and 3 in an embedded
TrueType subset (readable only through its ToUnicode map). Planted: a
banned phrase wrapped across a line break, one hyphenated at a line end,
and a few claims; the allowed look-alikes stay clean.

    python3 -m venv /tmp/pdfvenv && /tmp/pdfvenv/bin/pip install reportlab
    /tmp/pdfvenv/bin/python docs-samples/make-pdf-sample.py

It also writes tests/fixtures/brochure.pdftotext.txt with `pdftotext -raw`
(poppler-utils), which tests/pdf.rs compares phraselint's reading with.
"""
import shutil
import subprocess
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WIDTH, HEIGHT = A4
LEFT = 64
SIZE = 11
LEADING = SIZE * 1.3


# Each page: its fonts, heading and paragraphs, lines broken as the layout
# broke them. Page 1 is in the standard Helvetica (WinAnsi); pages 2 and 3
# in Vera, embedded as a TrueType subset with a ToUnicode map.
PAGES = [
    ("Helvetica", "Helvetica-Bold", "Frontier AI Gateway", [
        ["Frontier is a managed gateway for teams that build on large language",
         "models. It is powered by OpenAI models and integrates with the identity",
         "provider, ticketing and knowledge-base tools your people already use."],
        # Wrapped across a line break.
        ["With one contract and one bill, Frontier enables",
         "access to GPT-5 for every business unit \u2014 with your own policies,",
         "audit log and data residency."],
        ["\u201cWe moved 40,000 support tickets a month onto Frontier in a",
         "quarter,\u201d says Priya Raman, head of support at Contoso."],
    ]),
    ("Vera", "Vera-Bold", "Security and operations", [
        # An allowed look-alike.
        ["Role-based policies decide who may call which model; our gateway",
         "enables access control for LLM apps down to a single prompt template."],
        # Hyphenated at a line end.
        ["Deployed in your existing Northwind Cloud tenancy, one contract enab-",
         "les access to GPT-4o and GPT-5 in every region you already use."],
        ["Frontier runs active-active across three zones: zero downtime during",
         "upgrades, and a 99.9% uptime SLA in writing."],
    ]),
    ("Vera", "Vera-Bold", "Plans and pilots", [
        ["Start with a 30-day pilot for up to 25 people. The pilot is risk-free:",
         "if it does not fit, we switch it off and delete the workspace."],
        ["Team: single sign-on, shared prompt library, weekly usage reports.",
         "Enterprise: unlimited seats, private networking and a named engineer."],
    ]),
]


def brochure(path: Path) -> None:
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("Vera", str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(fonts / "VeraBd.ttf")))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Frontier AI Gateway \u2014 brochure")
    c.setAuthor("Northwind Cloud marketing")
    for font, bold, title, paragraphs in PAGES:
        c.setFont(bold, 18)
        c.drawString(LEFT, HEIGHT - 90, title)
        y = HEIGHT - 124
        for lines in paragraphs:
            text = c.beginText(LEFT, y)
            text.setFont(font, SIZE, leading=LEADING)
            text.textLines(lines)
            c.drawText(text)
            # A blank line between paragraphs.
            y -= LEADING * (len(lines) + 1)
        c.showPage()
    c.save()


def main() -> None:
    pdf = HERE / "brochure.pdf"
    brochure(pdf)
    if shutil.which("pdftotext"):
        out = ROOT / "tests" / "fixtures" / "brochure.pdftotext.txt"
        subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), str(out)], check=True)


if __name__ == "__main__":
    main()
