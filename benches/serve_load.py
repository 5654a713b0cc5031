"""Load on `phraselint serve`: CLIENTS threads, each with one keep-alive
connection, post the same document to /api/v1/check REQUESTS times in all;
prints requests per second and the latency median, p99 and max (each
request timed in its client, from sending to the whole answer read).

    python3 benches/serve_load.py HOST:PORT DOCUMENT CLIENTS REQUESTS
"""

import http.client
import json
import sys
import threading
import time

address, document, clients, requests = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port = address.rsplit(":", 1)
with open(document, encoding="utf-8") as f:
    body = json.dumps({"filename": "doc.md", "text": f.read()}).encode()
times = []
lock = threading.Lock()
first = None


def client(n):
    global first
    conn = http.client.HTTPConnection(host, int(port))
    mine = []
    for _ in range(n):
        start = time.perf_counter()
        conn.request("POST", "/api/v1/check", body, {"Content-Type": "application/json"})
        answer = conn.getresponse()
        data = answer.read()
        mine.append(time.perf_counter() - start)
        if answer.status != 200:
            sys.exit(f"status {answer.status}: {data[:200]!r}")
        with lock:
            if first is None:
                first = data
            elif data != first:
                sys.exit("two answers to the same document differ")
    with lock:
        times.extend(mine)


threads = [threading.Thread(target=client, args=(requests // clients,)) for _ in range(clients)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
times.sort()
ms = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
findings = json.loads(first)["summary"]["findings"]
print(f"{len(times)} requests, {clients} clients, {len(body)} bytes each ({findings} findings): "
      f"{len(times) / wall:.0f} req/s; latency median {ms(0.5):.1f} ms, p99 {ms(0.99):.1f} ms, "
      f"max {times[-1] * 1000:.1f} ms")
