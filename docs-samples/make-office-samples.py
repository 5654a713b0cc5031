#!/usr/bin/env python3
"""Regenerates the Office samples in docs-samples/ (a Word datasheet, a
PowerPoint sales deck and an Excel price sheet), with violations in body
text, a table, a phrase split across formatting runs, speaker notes, a
picture's alt text, a chart's series name and a spreadsheet cell.

    python3 -m venv /tmp/ooxml && /tmp/ooxml/bin/pip install python-docx python-pptx openpyxl
    /tmp/ooxml/bin/python docs-samples/make-office-samples.py
"""
import io
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

HERE = Path(__file__).resolve().parent


def datasheet(path: Path) -> None:
    doc = Document()
    doc.core_properties.title = "Frontier datasheet"
    doc.add_heading("Frontier AI Gateway — datasheet", level=1)
    doc.add_paragraph(
        "Frontier is a managed gateway for teams that build on large language models. "
        "It is powered by OpenAI models and integrates with your identity provider."
    )
    # A banned phrase split across formatting runs: "enables" in bold.
    p = doc.add_paragraph("With one contract, Frontier ")
    p.add_run("enables").bold = True
    p.add_run(" access to GPT-5 for every business unit.")
    doc.add_heading("At a glance", level=2)
    table = doc.add_table(rows=3, cols=2)
    cells = [
        ("Availability", "99.9% uptime SLA in every region"),
        ("Security", "Military-grade encryption at rest and in transit"),
        ("Models", "GPT-4o and GPT-5, integrated with your data catalog"),
    ]
    for row, (k, v) in zip(table.rows, cells):
        row.cells[0].text = k
        row.cells[1].text = v
    doc.add_paragraph(
        "Usage limits are published per plan; see the price list for current figures."
    )
    run = doc.add_paragraph().add_run("OpenAI is a trademark of OpenAI OpCo, LLC.")
    run.font.size = Pt(8)
    doc.save(path)


def deck(path: Path) -> None:
    prs = Presentation()
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "Frontier for regulated industries"
    title.placeholders[1].text = "Powered by OpenAI models, operated in your cloud account"
    title.notes_slide.notes_text_frame.text = "Welcome the customer; keep the intro under two minutes."

    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Why Frontier"
    body = slide.placeholders[1].text_frame
    body.text = "One gateway that integrates with GPT-5 and your SSO"
    para = body.add_paragraph()
    para.text = "Risk-free migration from your current assistant"
    slide.notes_slide.notes_text_frame.text = (
        "If they ask about licensing: Frontier calls on GPT-5 under our enterprise agreement."
    )

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Plans"
    rows = [("Plan", "Requests"), ("Team", "10,000 a minute"), ("Enterprise", "Unlimited requests")]
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(8), Inches(2)).table
    for r, (a, b) in enumerate(rows):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    box = slide.shapes.add_textbox(Inches(1), Inches(4.5), Inches(8), Inches(1)).text_frame
    p = box.paragraphs[0]
    # Split runs again: "direct" and " access to" in different formatting.
    p.add_run().text = "Every plan includes "
    r = p.add_run()
    r.text = "direct"
    r.font.italic = True
    p.add_run().text = " access to GPT-4o."

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Architecture and throughput"
    picture = slide.shapes.add_picture(io.BytesIO(png()), Inches(0.5), Inches(2), Inches(4), Inches(3))
    # Alt text, as PowerPoint's "Edit Alt Text" writes it.
    picture._element.nvPicPr.cNvPr.set(
        "descr", "Architecture: Frontier enables access to GPT-5 through one gateway"
    )
    data = CategoryChartData()
    data.categories = ["Team", "Business", "Enterprise"]
    data.add_series("Unlimited burst", (2, 5, 20))
    data.add_series("Sustained", (1, 3, 10))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(2), Inches(4.5), Inches(3), data
    ).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Requests per second (thousands), by plan"
    prs.save(path)


def png() -> bytes:
    """A 1x1 grey PNG, so the sample needs no image file."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def price_sheet(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Pricing"
    sheet["A1"] = "Frontier price sheet (list prices, USD)"
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(["Plan", "Included", "Price per month"])
    sheet.append(["Team", "10 seats, 10,000 requests a minute", 490])
    sheet.append(["Business", "50 seats, SSO, audit log", 1900])
    sheet.append(["Enterprise", "Custom seats, private networking", "Contact sales"])
    sheet.append(["Support", "Unlimited priority support for every seat", 0])
    sheet.append(["Notes", "Prices exclude tax. OpenAI is a trademark of OpenAI OpCo, LLC.", None])

    cards = book.create_sheet("Battlecard")
    cards.append(["Objection", "Answer"])
    cards.append(["Which models?", "Powered by OpenAI models; integrates with your identity provider."])
    cards.append(["Is it secure?", "Encryption at rest and in transit; SOC 2 Type II report on request."])
    cards.append(["Why not build it?", "One contract, one gateway, one audit trail."])
    book.save(path)


if __name__ == "__main__":
    datasheet(HERE / "datasheet.docx")
    deck(HERE / "sales-deck.pptx")
    price_sheet(HERE / "price-sheet.xlsx")
    print("wrote docs-samples/datasheet.docx, sales-deck.pptx and price-sheet.xlsx")
