"""The protocol's edges: unknown requests, malformed frames, requests
before `initialize` and after `shutdown`, and the exit codes LSP 3.17 asks
for. The frames no real client sends go through a raw connection."""

import asyncio

import pytest
from conftest import TIMEOUT, diagnostics, open_doc, rng, spans
from pygls.exceptions import JsonRpcMethodNotFound

HOVER_NOWHERE = {"textDocument": {"uri": "file:///nowhere/none.md"}, "position": {"line": 0, "character": 0}}


async def test_an_unknown_request_is_method_not_found(lsp, tmp_path):
    client = await lsp()
    with pytest.raises(JsonRpcMethodNotFound) as raised:
        await asyncio.wait_for(client.protocol.send_request_async("phraselint/unknown", {"x": 1}), TIMEOUT)
    assert raised.value.code == -32601
    assert "phraselint/unknown" in raised.value.message
    # And the server goes on.
    uri = open_doc(client, tmp_path / "page.md", "Frontier calls on GPT-5.\n", "markdown")
    assert spans(await diagnostics(client, uri)) == [("partner-ai/calls-on", rng(0, 9, 17))]


def test_an_unknown_request_and_bad_params_on_the_wire(raw):
    server = raw()
    assert server.initialize()["result"]["capabilities"]["positionEncoding"] == "utf-16"
    response = server.request("workspace/executeCommand", {"command": "x"})
    assert response["error"]["code"] == -32601
    response = server.request("textDocument/hover", {"textDocument": 7})
    assert response["error"]["code"] == -32602
    # A notification the server does not know is ignored.
    server.notify("$/setTrace", {"value": "off"})
    server.notify("workspace/didChangeConfiguration", {"settings": {}})
    assert server.request("textDocument/hover", HOVER_NOWHERE) == {"jsonrpc": "2.0", "id": 4, "result": None}
    assert server.before == []


def _logged(messages):
    return [m["params"] for m in messages if m.get("method") == "window/logMessage"]


@pytest.mark.parametrize(
    "frame, why",
    [
        (b"Content-Length: 8\r\n\r\n{\"jsonrp", "not a JSON-RPC message"),
        (b"Content-Length: 7\r\n\r\n[1,2,3]", "not a JSON-RPC message"),
        (b"Content-Length: 2\r\n\r\n{}", "not a JSON-RPC message"),
        (b"Content-Length: twelve\r\n\r\n", "bad Content-Length"),
        (b"this is not a header\r\n\r\n", "not a header line"),
        (b"Content-Type: application/json\r\n\r\n", "without Content-Length"),
    ],
    ids=["cut-json", "json-array", "empty-object", "bad-length", "no-header", "no-length"],
)
def test_a_malformed_frame_is_logged_and_skipped(raw, tmp_path, frame, why):
    server = raw()
    server.initialize()
    server.write(frame)
    response = server.request("textDocument/hover", HOVER_NOWHERE)
    assert response["result"] is None
    [log] = _logged(server.before)
    assert log["type"] == 1
    assert log["message"].startswith("phraselint: skipped a malformed message: "), log
    assert why in log["message"], log
    # Documents still get their diagnostics.
    uri = (tmp_path / "page.md").as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "Frontier calls on GPT-5.\n"}},
    )
    published = server.receive()
    assert published["method"] == "textDocument/publishDiagnostics"
    assert [d["range"] for d in published["params"]["diagnostics"]] == [
        {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 17}}
    ]
    server.request("shutdown")
    server.notify("exit")
    assert server.finish()[0] == 0


def test_a_notification_with_invalid_params_is_logged(raw):
    server = raw()
    server.initialize()
    server.notify("textDocument/didOpen", {"textDocument": "nope"})
    response = server.request("textDocument/hover", HOVER_NOWHERE)
    assert response["result"] is None
    [log] = _logged(server.before)
    assert log["type"] == 1
    assert log["message"].startswith("phraselint: textDocument/didOpen ignored: invalid params"), log


def test_a_request_before_initialize_is_refused(raw, tmp_path):
    server = raw()
    response = server.request("textDocument/hover", HOVER_NOWHERE)
    assert response["error"]["code"] == -32002
    # A notification before initialize is dropped: no diagnostics for it.
    uri = (tmp_path / "early.md").as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "Frontier calls on GPT-5.\n"}},
    )
    assert server.initialize()["result"]["serverInfo"]["name"] == "phraselint"
    assert server.request("textDocument/hover", {**HOVER_NOWHERE, "textDocument": {"uri": uri}})["result"] is None
    assert server.before == []
    # A second initialize is refused.
    response = server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert response["error"]["code"] == -32600


def test_shutdown_then_exit_exits_0(raw):
    server = raw()
    server.initialize()
    assert server.request("shutdown") == {"jsonrpc": "2.0", "id": 2, "result": None}
    # After shutdown, a request is an error (LSP 3.17: InvalidRequest).
    assert server.request("textDocument/hover", HOVER_NOWHERE)["error"]["code"] == -32600
    server.notify("exit")
    assert server.process.wait(TIMEOUT) == 0


def test_exit_without_shutdown_exits_1(raw):
    server = raw()
    server.initialize()
    server.notify("exit")
    assert server.process.wait(TIMEOUT) == 1


def test_the_end_of_input_without_shutdown_exits_1(raw):
    server = raw()
    server.initialize()
    code, stderr = server.finish()
    assert code == 1, stderr


def test_exit_before_initialize_exits_1(raw):
    server = raw()
    server.notify("exit")
    assert server.process.wait(TIMEOUT) == 1
