"""Diagnostics: exact ranges in the negotiated encoding, every field, and
how they follow the unsaved text (open, change, close)."""

import json
import re
import subprocess

import pytest
from conftest import binary, change_doc, diagnostics, open_doc, published, relint, rng, settle, spans
from lsprotocol import types
from lsprotocol.converters import get_converter

# An emoji (two UTF-16 units, four UTF-8 bytes) and an accent (one UTF-16
# unit, two UTF-8 bytes) before each finding.
PAGE = (
    "# Launch\n"
    "\n"
    "🚀 Frontier calls on GPT-5 to draft replies.\n"
    "\n"
    "Café Frontier enables access to GPT-5 for every team.\n"
)


@pytest.mark.parametrize(
    "offered, encoding, calls_on, enables_access",
    [
        # No encoding offered: UTF-16, as LSP 3.17 says.
        (None, "utf-16", (12, 20), (14, 28)),
        (["utf-16"], "utf-16", (12, 20), (14, 28)),
        (["utf-8", "utf-16"], "utf-8", (14, 22), (15, 29)),
        # UTF-8 is taken wherever the client lists it.
        (["utf-32", "utf-16", "utf-8"], "utf-8", (14, 22), (15, 29)),
    ],
)
async def test_ranges_in_the_negotiated_encoding(lsp, tmp_path, offered, encoding, calls_on, enables_access):
    client = await lsp(encodings=offered)
    assert client.init.capabilities.position_encoding == encoding
    uri = open_doc(client, tmp_path / "page.md", PAGE, "markdown")
    assert spans(await diagnostics(client, uri)) == [
        ("partner-ai/calls-on", rng(2, *calls_on)),
        ("partner-ai/enables-access", rng(4, *enables_access)),
    ]


async def test_every_field_of_a_diagnostic(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "page.md", PAGE, "markdown")
    found = await diagnostics(client, uri)
    as_json = [get_converter().unstructure(d, types.Diagnostic) for d in found]
    fingerprints = [d["data"].pop("fingerprint") for d in as_json]
    assert all(re.fullmatch(r"[0-9a-f]{32}", f) for f in fingerprints), fingerprints
    assert len(set(fingerprints)) == 2
    # The same fingerprints as `check` gives the file saved (relative to its
    # project root), so a baseline or a code-scanning alert names the same
    # finding.
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    run = subprocess.run(
        [binary(), "check", "--format", "json", "page.md"], cwd=tmp_path, capture_output=True, text=True
    )
    assert [f["fingerprint"] for f in json.loads(run.stdout)["findings"]] == fingerprints
    assert as_json == [
        {
            "range": {"start": {"line": 2, "character": 12}, "end": {"line": 2, "character": 20}},
            "severity": 1,
            "code": "partner-ai/calls-on",
            "codeDescription": {"href": "https://example.com/brand/partner-ai#calls-on"},
            "source": "phraselint",
            "message": "Don't say the product calls on partner models; say it is powered by them.",
            "data": {
                "suggestions": ["powered by"],
                "rule": "partner-ai/calls-on",
                "book": "partner-ai",
                "version": "1.4.0",
            },
        },
        {
            "range": {"start": {"line": 4, "character": 14}, "end": {"line": 4, "character": 28}},
            "severity": 1,
            "code": "partner-ai/enables-access",
            "codeDescription": {"href": "https://example.com/brand/partner-ai#access"},
            "source": "phraselint",
            "message": "Don't say the product enables access to partner models.",
            "data": {
                "suggestions": ["integrates with", "powered by"],
                "rule": "partner-ai/enables-access",
                "book": "partner-ai",
                "version": "1.4.0",
            },
        },
    ]


async def test_a_warning(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "note.txt", "Frontier is the best-in-class gateway.\n", "plaintext")
    found = await diagnostics(client, uri)
    assert [(d.code, d.severity, d.range) for d in found] == [
        ("claims/superlative", types.DiagnosticSeverity.Warning, rng(0, 16, 29)),
    ]
    assert found[0].data["suggestions"] == ["name the benchmark and its date"]
    assert found[0].code_description is None


async def test_a_change_gets_new_diagnostics_and_a_fixed_text_none(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "page.md", PAGE, "markdown")
    assert len(await diagnostics(client, uri, version=1)) == 2

    found = await relint(client, uri, "# Launch\n\nÉclair calls on GPT-5.\n", 2)
    assert spans(found) == [("partner-ai/calls-on", rng(2, 7, 15))]
    assert await relint(client, uri, "# Launch\n\nÉclair is powered by GPT-5.\n", 3) == []
    found = await relint(client, uri, "🚀🚀 Frontier calls on GPT-5.\n", 4)
    assert spans(found) == [("partner-ai/calls-on", rng(0, 14, 22))]


async def test_a_change_to_a_document_not_open_is_ignored(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "page.md", PAGE, "markdown")
    await diagnostics(client, uri)
    stranger = (tmp_path / "never-opened.md").as_uri()
    change_doc(client, stranger, "Frontier calls on GPT-5.\n", version=7)
    await settle(client)
    assert [p for p in client.published if p.uri == stranger] == []
    # The server keeps serving: the open document still follows its changes.
    found = await relint(client, uri, "Frontier calls on GPT-5.\n", 2)
    assert spans(found) == [("partner-ai/calls-on", rng(0, 9, 17))]


async def test_closing_a_document_clears_its_diagnostics(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "page.md", PAGE, "markdown")
    await diagnostics(client, uri)
    mark = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    cleared = await published(client, uri, since=mark)
    assert list(cleared.diagnostics) == [] and cleared.version is None


@pytest.mark.parametrize(
    "name, language, text, expected",
    [
        ("page.html", "html", "<p>Café <b>Frontier</b> calls on GPT-5.</p>\n", rng(0, 24, 32)),
        ("page.mdx", "mdx", "# Café\n\n<Note>Frontier calls on GPT-5.</Note>\n", rng(2, 15, 23)),
        # A file name without an extension: the editor's language id decides.
        ("NOTES", "markdown", "`calls on` is code; Frontier calls on GPT-5.\n", rng(0, 29, 37)),
    ],
)
async def test_html_mdx_and_by_language_id(lsp, tmp_path, name, language, text, expected):
    client = await lsp()
    uri = open_doc(client, tmp_path / name, text, language)
    assert spans(await diagnostics(client, uri)) == [("partner-ai/calls-on", expected)]


async def test_an_untitled_buffer(lsp):
    client = await lsp()
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text="`calls on` is code; Frontier calls on GPT-5.\n"
            )
        )
    )
    assert spans(await diagnostics(client, uri)) == [("partner-ai/calls-on", rng(0, 29, 37))]


async def test_source_code_is_not_linted(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "main.rs", "// Frontier calls on GPT-5\n", "rust")
    assert await diagnostics(client, uri) == []
