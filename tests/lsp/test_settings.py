"""Configs and phrasebooks: the nearest `.phraselint.yaml` above each
document (not the server's working directory), diagnostics for a config's
and a book's own errors, and a re-lint of open documents when one changes on
disk (a watched-file event, or a save)."""

from conftest import ACME_BOOK, diagnostics, open_doc, project, published, relint, rng, settle, spans
from lsprotocol import types

def on_disk(client, path, change):
    """The editor's watched-file event for `path`."""
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=change)])
    )


TEXT = "Frontier calls on GPT-5 through the hyperdrive gateway.\n"


async def page_under_acme(lsp, tmp_path):
    """A server, a project with the acme book, and TEXT open in it."""
    folder = project(tmp_path / "site")
    client = await lsp()
    uri = open_doc(client, folder / "page.md", TEXT, "markdown")
    assert spans(await diagnostics(client, uri)) == [("acme/hyperdrive", rng(0, 36, 54))]
    return client, folder, uri


async def test_each_document_gets_the_config_above_it(lsp, tmp_path):
    workspace = tmp_path / "workspace"
    acme = project(workspace / "acme")
    plain = workspace / "plain"
    (plain / "docs").mkdir(parents=True)
    # The server runs elsewhere, beside a config that bans "Frontier": a
    # server that read the config of its working directory would say so.
    elsewhere = project(
        tmp_path / "elsewhere",
        "phrasebook: cwd\nversion: 1.0.0\nschema: 1\nrules:\n"
        "  - id: frontier\n    banned: [frontier]\n    message: the working directory's config\n",
    )
    client = await lsp(cwd=elsewhere, folders=[acme, plain])

    # The config replaces the built-in books in its folder and below.
    (acme / "docs").mkdir()
    in_acme = open_doc(client, acme / "docs" / "page.md", TEXT, "markdown")
    assert spans(await diagnostics(client, in_acme)) == [("acme/hyperdrive", rng(0, 36, 54))]
    # No config above: the built-in books.
    in_plain = open_doc(client, plain / "docs" / "page.md", TEXT, "markdown")
    assert spans(await diagnostics(client, in_plain)) == [("partner-ai/calls-on", rng(0, 9, 17))]


async def test_include_exclude_overrides_and_text_extensions_apply(lsp, tmp_path):
    folder = project(tmp_path / "site")
    (folder / ".phraselint.yaml").write_text(
        "phrasebooks: [book.yaml]\n"
        "exclude: [drafts/**]\n"
        "text_extensions: [rst]\n"
        "overrides:\n"
        "  - paths: [blog/**]\n"
        "    severity: { acme/hyperdrive: error }\n"
    )
    client = await lsp()
    draft = open_doc(client, folder / "drafts" / "page.md", TEXT, "markdown")
    assert await diagnostics(client, draft) == []
    # By the config's text_extensions, whatever the editor calls it.
    rst = open_doc(client, folder / "guide.rst", TEXT, "restructuredtext")
    assert [(d.code, d.severity) for d in await diagnostics(client, rst)] == [
        ("acme/hyperdrive", types.DiagnosticSeverity.Warning)
    ]
    blog = open_doc(client, folder / "blog" / "post.md", TEXT, "markdown")
    assert [(d.code, d.severity) for d in await diagnostics(client, blog)] == [
        ("acme/hyperdrive", types.DiagnosticSeverity.Error)
    ]


async def test_a_broken_config_is_said_on_the_document(lsp, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / ".phraselint.yaml").write_text("phrasebooks: [missing.yaml]\n")
    client = await lsp()
    uri = open_doc(client, folder / "page.md", TEXT, "markdown")
    [said] = await diagnostics(client, uri)
    assert said.range == rng(0, 0, 0)
    assert said.severity == types.DiagnosticSeverity.Error
    assert said.message.startswith("phraselint cannot check this document: "), said.message
    assert "missing.yaml" in said.message


async def test_a_phrasebook_open_in_the_editor_gets_its_errors(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    broken = ACME_BOOK.replace("    severity: warning\n", "    serverity: warning\n")
    # `check` says: book.yaml:14:5: rules[1]: unknown field `serverity` ...
    assert broken.splitlines()[13] == "    serverity: warning"
    uri = open_doc(client, folder / "book.yaml", broken, "yaml")
    [error] = await diagnostics(client, uri)
    assert error.range.start == types.Position(line=13, character=4)
    assert error.severity == types.DiagnosticSeverity.Error
    assert error.source == "phraselint"
    assert error.message.startswith("rules[1]: unknown field `serverity`, expected one of"), error.message
    assert error.message.endswith("(did you mean `severity`?)"), error.message
    # Fixed in the editor, before it is saved: no error.
    assert await relint(client, uri, ACME_BOOK, 2) == []


async def test_a_config_open_in_the_editor_gets_its_errors(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp(encodings=["utf-8"])
    uri = open_doc(client, folder / ".phraselint.yaml", "phrasebooks: [book.yaml]\nexclud: [drafts]\n", "yaml")
    [error] = await diagnostics(client, uri)
    # `check` says: .phraselint.yaml:2:1: unknown field `exclud` ...
    assert error.range.start == types.Position(line=1, character=0)
    assert error.message.startswith("unknown field `exclud`"), error.message
    assert error.message.endswith("(did you mean `exclude`?)"), error.message
    # A book it names that is not there: at the name.
    [error] = await relint(client, uri, "# Café\nphrasebooks: [book.yaml, missing.yaml]\n", 2)
    assert error.range == rng(1, 25, 37)
    assert "missing.yaml" in error.message
    assert await relint(client, uri, "# Café\nphrasebooks: [book.yaml]\n", 3) == []


async def test_an_unknown_key_is_underlined_without_its_colon(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    config = open_doc(client, folder / ".phraselint.yaml", "phrasebooks: [book.yaml]\nexclud: [drafts]\n", "yaml")
    book = open_doc(client, folder / "book.yaml", ACME_BOOK.replace("    severity:", "    serverity:"), "yaml")
    # The range is the key the error names: `exclud`, `serverity`.
    assert [d.range for d in await diagnostics(client, config)] == [rng(1, 0, 6)]
    assert [d.range for d in await diagnostics(client, book)] == [rng(13, 4, 13)]


async def test_a_config_with_a_byte_order_mark_gets_its_errors_in_place(lsp, tmp_path):
    # The mark and a wide character before the error: its range is found in
    # the text as decoded, not three bytes off (which fell inside `日`).
    folder = project(tmp_path / "site")
    client = await lsp()
    text = "\ufeff# 日本\nphrasebooks: [book.yaml]\nexclud: [drafts]\n"
    uri = open_doc(client, folder / ".phraselint.yaml", text, "yaml")
    [error] = await diagnostics(client, uri)
    assert error.range == rng(2, 0, 6)
    assert error.message.startswith("unknown field `exclud`"), error.message


async def test_other_yaml_is_left_alone(lsp, tmp_path):
    client = await lsp()
    uri = open_doc(client, tmp_path / "ci.yaml", "steps: [{run: calls on GPT-5}]\nbad: [\n", "yaml")
    assert await diagnostics(client, uri) == []


async def test_a_book_changed_on_disk_relints_open_documents(lsp, tmp_path):
    client, folder, uri = await page_under_acme(lsp, tmp_path)
    # VS Code's capabilities allow dynamic registration: the server asked to
    # be told about changes to YAML files.
    assert [(r.id, r.method) for r in client.registrations] == [
        ("phraselint-settings", "workspace/didChangeWatchedFiles")
    ]
    globs = [w["globPattern"] for w in client.registrations[0].register_options["watchers"]]
    assert globs == ["**/.phraselint.yaml", "**/*.{yaml,yml}"]

    # A rule added on disk, then the editor's watched-file event.
    book = folder / "book.yaml"
    book.write_text(ACME_BOOK + "  - id: calls-on\n    banned: [calls on]\n    message: Say powered by.\n")
    mark = len(client.published)
    on_disk(client, book, types.FileChangeType.Changed)
    relinted = await published(client, uri, since=mark)
    assert relinted.version == 1
    assert spans(relinted.diagnostics) == [
        ("acme/calls-on", rng(0, 9, 17)),
        ("acme/hyperdrive", rng(0, 36, 54)),
    ]

    # An event for a file that is not YAML changes nothing.
    mark = len(client.published)
    on_disk(client, folder / "page.md", types.FileChangeType.Changed)
    await settle(client)
    assert client.published[mark:] == []


async def test_saving_a_book_relints_open_documents(lsp, tmp_path):
    client, folder, uri = await page_under_acme(lsp, tmp_path)

    # The book is edited in the editor and saved.
    book = folder / "book.yaml"
    book_uri = open_doc(client, book, ACME_BOOK, "yaml")
    assert await diagnostics(client, book_uri) == []
    edited = ACME_BOOK.replace("banned: [hyperdrive gateway]", "banned: [hyperdrive gateway, calls on]")
    assert await relint(client, book_uri, edited, 2) == []
    book.write_text(edited)
    mark = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=book_uri))
    )
    relinted = await published(client, uri, since=mark)
    assert spans(relinted.diagnostics) == [
        ("acme/hyperdrive", rng(0, 9, 17)),
        ("acme/hyperdrive", rng(0, 36, 54)),
    ]


async def test_a_config_changed_on_disk_relints_open_documents(lsp, tmp_path):
    client, folder, uri = await page_under_acme(lsp, tmp_path)
    # The project goes back to the built-in books.
    config = folder / ".phraselint.yaml"
    config.unlink()
    mark = len(client.published)
    on_disk(client, config, types.FileChangeType.Deleted)
    relinted = await published(client, uri, since=mark)
    assert spans(relinted.diagnostics) == [("partner-ai/calls-on", rng(0, 9, 17))]
