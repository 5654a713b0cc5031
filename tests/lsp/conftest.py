"""Shared set-up for the pytest-lsp suite of `phraselint lsp`.

tests/lsp_clients.rs runs this suite with PHRASELINT_BIN set to the binary
cargo built. Each test starts its own server (`phraselint lsp --stdio`) with
the client capabilities it needs, in a working directory of its choosing, and
the fixture shuts it down (`shutdown`, `exit`) and checks it exited with 0.
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import queue
import subprocess
import threading
from typing import Any

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

# How long a test waits for one answer from the server (a debug build).
TIMEOUT = 20.0


def binary() -> str:
    path = os.environ.get("PHRASELINT_BIN")
    if not path:
        raise pytest.UsageError(
            "PHRASELINT_BIN is not set: run this suite with `cargo test --test lsp_clients`"
        )
    return path


def pytest_configure(config):
    binary()


# --- A client that keeps every publishDiagnostics and registration ---------


def _on_publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _on_register(client: LanguageClient, params: types.RegistrationParams):
    client.registrations.extend(params.registrations)


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _on_publish
    features[types.CLIENT_REGISTER_CAPABILITY] = _on_register
    register_lsp_features(client, features)
    return client


def capabilities(encodings: list[str] | None = None) -> types.ClientCapabilities:
    """VS Code's capabilities (which offer no position encoding, so UTF-16,
    and let the server register file watchers), with `encodings` offered."""
    caps = client_capabilities("visual-studio-code")
    if encodings is not None:
        caps.general.position_encodings = encodings
    return caps


@pytest.fixture
async def lsp(tmp_path):
    """Starts servers: `await lsp(encodings=..., cwd=..., folders=...)`.

    Returns an initialized client with `init` (the initialize result),
    `published` (every PublishDiagnosticsParams) and `registrations`."""
    clients = []

    async def start(
        encodings: list[str] | None = None,
        cwd: pathlib.Path | None = None,
        folders: list[pathlib.Path] | None = None,
    ) -> LanguageClient:
        client = make_client()
        await client.start_io(binary(), "lsp", "--stdio", cwd=str(cwd or tmp_path))
        clients.append(client)
        folders = folders or [tmp_path]
        client.init = await asyncio.wait_for(
            client.initialize_session(
                types.InitializeParams(
                    capabilities=capabilities(encodings),
                    root_uri=folders[0].as_uri(),
                    workspace_folders=[
                        types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders
                    ],
                )
            ),
            TIMEOUT,
        )
        return client

    yield start

    for client in clients:
        if client.error is None and client._server.returncode is None:
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
            assert client._server.returncode == 0, "shutdown then exit must exit with 0"
        await client.stop()


# --- A project with its own config and phrasebook ----------------------------

ACME_BOOK = """\
phrasebook: acme
version: 2.1.0
schema: 1
rules:
  - id: enables-access
    banned: [enables access]
    message: Say that Frontier integrates with the partner.
    # `replace:` is offered first (and preferred) whatever the order here.
    suggest: [powered by, integrates with]
    replace: integrates with
    link: https://example.com/acme#access
  - id: hyperdrive
    banned: [hyperdrive gateway]
    severity: warning
    message: The hyperdrive gateway is not announced yet.
"""


def project(folder: pathlib.Path, book: str = ACME_BOOK) -> pathlib.Path:
    """`folder` with a `.phraselint.yaml` naming `book.yaml`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".phraselint.yaml").write_text("phrasebooks: [book.yaml]\n")
    (folder / "book.yaml").write_text(book)
    return folder


# --- Documents ---------------------------------------------------------------


def open_doc(client, path: pathlib.Path, text: str, language: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


def change_doc(client, uri: str, text: str, version: int):
    """A full-sync change: the whole new text."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def relint(client, uri: str, text: str, version: int) -> list[types.Diagnostic]:
    """Sends `text` as the document's new version; its diagnostics."""
    change_doc(client, uri, text, version)
    return await diagnostics(client, uri, version)


async def published(client, uri: str, since: int = 0, version: int | None = None):
    """The first publishDiagnostics for `uri` at or after index `since` of
    everything published (and of `version`, when given)."""

    def found():
        for p in client.published[since:]:
            if p.uri == uri and (version is None or p.version == version):
                return p
        return None

    async def wait():
        while (p := found()) is None:
            await asyncio.sleep(0.005)
        return p

    try:
        return await asyncio.wait_for(wait(), TIMEOUT)
    except TimeoutError:
        seen = [(p.uri, p.version, len(p.diagnostics)) for p in client.published]
        raise AssertionError(f"no diagnostics for {uri} (version {version}); got {seen}")


async def diagnostics(client, uri: str, version: int = 1) -> list[types.Diagnostic]:
    return list((await published(client, uri, version=version)).diagnostics)


async def settle(client):
    """Returns once the server has published everything the messages sent so
    far lead to: it handles messages in order and publishes after each batch,
    so the answer to a second request sent after the first one's answer
    comes after every such publish."""
    for _ in range(2):
        await asyncio.wait_for(
            client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri="file:///settle/none.md"),
                    position=types.Position(line=0, character=0),
                )
            ),
            TIMEOUT,
        )


def rng(line: int, start: int, end: int, end_line: int | None = None) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line if end_line is None else end_line, character=end),
    )


def spans(diags) -> list[tuple[str, types.Range]]:
    return [(d.code, d.range) for d in diags]


async def code_actions(client, uri: str, range_: types.Range, only=None, diags=()):
    """The actions the server offers (a list; `None` for null)."""
    actions = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=range_,
                context=types.CodeActionContext(diagnostics=list(diags), only=only),
            )
        ),
        TIMEOUT,
    )
    return None if actions is None else list(actions)


# --- Applying a workspace edit to a text, as an editor does ------------------


def offset(text: str, position: types.Position, encoding: str) -> int:
    """The index in `text` (a str) of an LSP position counted in `encoding`."""
    lines = text.split("\n")
    assert position.line <= len(lines), f"{position} past the end"
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units == position.character:
            return start + i
        assert units < position.character, f"{position} inside a character"
        units += len(ch.encode("utf-8")) if encoding == "utf-8" else len(ch.encode("utf-16-le")) // 2
    assert units == position.character, f"{position} past the end of its line"
    return start + len(line)


def apply_edits(text: str, edits, encoding: str) -> str:
    spans_ = sorted(
        ((offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans_:
        text = text[:start] + new + text[end:]
    return text


def text_edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    """The action's workspace edit (`changes` or `documentChanges`), which
    must touch the document `uri` only."""
    edit = action.edit
    if edit.document_changes is not None:
        assert edit.changes is None, edit
        assert [c.text_document.uri for c in edit.document_changes] == [uri], edit
        return list(edit.document_changes[0].edits)
    assert list(edit.changes) == [uri], f"the edit should touch {uri} only: {edit}"
    return list(edit.changes[uri])


def apply_action(text: str, action: types.CodeAction, uri: str, encoding: str) -> str:
    """`text` after the action's edit."""
    return apply_edits(text, text_edits(action, uri), encoding)


# --- A raw connection, for what a well-behaved client never sends ------------


class RawServer:
    """`phraselint lsp` on pipes, spoken to frame by frame."""

    def __init__(self, cwd: pathlib.Path):
        self.process = subprocess.Popen(
            [binary(), "lsp", "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.messages: queue.Queue[Any] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def write(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any = None):
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any = None) -> dict:
        """Sends a request and returns its response; what came before it is
        kept in `self.before`."""
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        self.before = []
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message
            self.before.append(message)

    def receive(self) -> dict:
        try:
            message = self.messages.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError("the server said nothing")
        assert message is not None, f"the server ended: {self.finish()}"
        return message

    def initialize(self, capabilities: dict | None = None) -> dict:
        response = self.request(
            "initialize", {"processId": None, "rootUri": None, "capabilities": capabilities or {}}
        )
        self.notify("initialized", {})
        return response

    def finish(self) -> tuple[int, str]:
        """Closes the server's input; its exit code and standard error."""
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        code = self.process.wait(TIMEOUT)
        return code, self.process.stderr.read().decode(errors="replace")


@pytest.fixture
def raw(tmp_path):
    servers = []

    def start() -> RawServer:
        server = RawServer(tmp_path)
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()
