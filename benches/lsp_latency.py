"""Drives `phraselint lsp` over stdio: opens a document, changes it
CHANGES times, and times each change until its diagnostics arrive.

Usage: lsp_latency.py PHRASELINT DOCUMENT CHANGES
"""

import json
import resource
import statistics
import subprocess
import sys
import time


def main():
    binary, path, changes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    text = open(path, encoding="utf-8", errors="replace").read()
    server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send(message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive():
        length = None
        while True:
            line = server.stdout.readline()
            if not line:
                sys.exit("the server ended")
            if line in (b"\r\n", b"\n"):
                break
            name, value = line.decode().split(":", 1)
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(server.stdout.read(length))

    def diagnostics(version):
        while True:
            message = receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
                return params["diagnostics"]

    send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    receive()
    send({"method": "initialized", "params": {}})
    uri = "file:///bench/doc.md"
    start = time.perf_counter()
    send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    found = diagnostics(1)
    opened = (time.perf_counter() - start) * 1000
    times = []
    lines = text.split("\n")
    for version in range(2, changes + 2):
        # A writer's edit: a banned phrase typed into a line, or taken out.
        at = (version * 7919) % len(lines)
        edited = list(lines)
        if version % 2 == 0:
            edited[at] = edited[at] + " Frontier enables access to GPT models."
        body = "\n".join(edited)
        start = time.perf_counter()
        send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": body}]}})
        diagnostics(version)
        times.append((time.perf_counter() - start) * 1000)
    send({"id": 2, "method": "shutdown"})
    receive()
    send({"method": "exit"})
    server.wait(10)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"document: {len(text.encode()):,} bytes, {len(lines):,} lines, {len(found)} findings")
    print(f"open to diagnostics: {opened:.1f} ms")
    print(f"change to diagnostics over {len(times)} changes: min {times[0]:.1f} ms, "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    print(f"server peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
