"""Hover: over a finding, its message, rule id, book and version, severity,
suggestions and link; anywhere else, nothing."""

import asyncio

import pytest
from conftest import TIMEOUT, diagnostics, open_doc, project, rng
from lsprotocol import types

ENABLES_ACCESS = (
    "**Don't say the product enables access to partner models.**\n"
    "\n"
    "`partner-ai/enables-access` (partner-ai 1.4.0, error)\n"
    "\n"
    'Instead: "integrates with", "powered by"\n'
    "\n"
    "[https://example.com/brand/partner-ai#access](https://example.com/brand/partner-ai#access)"
)


async def hover(client, uri, line, character):
    return await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        ),
        TIMEOUT,
    )


@pytest.mark.parametrize(
    "offered, start, end",
    # "🚀 Café Frontier enables access": the finding starts after 2 + 1 + 4 + 1
    # + 9 UTF-16 units, or 4 + 1 + 5 + 1 + 9 UTF-8 bytes.
    [(None, 17, 31), (["utf-8", "utf-16"], 20, 34)],
)
async def test_hover_over_a_finding(lsp, tmp_path, offered, start, end):
    client = await lsp(encodings=offered)
    text = "# Launch\n\n🚀 Café Frontier enables access to GPT-5 for every team.\n"
    uri = open_doc(client, tmp_path / "page.md", text, "markdown")
    await diagnostics(client, uri)
    for character in (start, start + 5, end - 1):
        found = await hover(client, uri, 2, character)
        assert found is not None, f"no hover at 2:{character}"
        assert found.contents == types.MarkupContent(kind=types.MarkupKind.Markdown, value=ENABLES_ACCESS)
        assert found.range == rng(2, start, end)


async def test_hover_elsewhere_is_null(lsp, tmp_path):
    client = await lsp()
    text = "# Launch\n\n🚀 Café Frontier enables access to GPT-5 for every team.\n"
    uri = open_doc(client, tmp_path / "page.md", text, "markdown")
    await diagnostics(client, uri)
    for line, character in [(0, 0), (0, 3), (1, 0), (2, 0), (2, 7), (2, 16), (2, 40)]:
        assert await hover(client, uri, line, character) is None, f"a hover at {line}:{character}"
    clean = open_doc(client, tmp_path / "clean.md", "Frontier is powered by GPT-5.\n", "markdown")
    await diagnostics(client, clean)
    assert await hover(client, clean, 0, 12) is None
    assert await hover(client, (tmp_path / "not-open.md").as_uri(), 0, 0) is None


async def test_hover_over_two_findings_shows_both(lsp, tmp_path):
    client = await lsp()
    # "directly accesses" is one rule's phrase; "accesses GPT-5" another's.
    text = "The app directly accesses GPT-5.\n"
    uri = open_doc(client, tmp_path / "note.txt", text, "plaintext")
    assert [d.code for d in await diagnostics(client, uri)] == [
        "partner-ai/directly-accesses",
        "partner-ai/accesses-partner",
    ]
    found = await hover(client, uri, 0, 20)
    parts = found.contents.value.split("\n\n---\n\n")
    assert [p.splitlines()[2] for p in parts] == [
        "`partner-ai/directly-accesses` (partner-ai 1.4.0, error)",
        "`partner-ai/accesses-partner` (partner-ai 1.4.0, error)",
    ]
    # The rule's `replace:` comes first among its suggestions.
    assert 'Instead: "integrates with", "powered by"' in parts[0]
    assert found.range == rng(0, 8, 25)


async def test_hover_names_a_projects_own_book(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    uri = open_doc(client, folder / "page.md", "Use the hyperdrive gateway.\n", "markdown")
    await diagnostics(client, uri)
    found = await hover(client, uri, 0, 10)
    assert found.contents.value == (
        "**The hyperdrive gateway is not announced yet.**\n\n`acme/hyperdrive` (acme 2.1.0, warning)"
    )
