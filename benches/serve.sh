#!/usr/bin/env bash
# Requests per second and latency of `phraselint serve` checking a 5 KB
# Markdown document (the corpus's first Markdown files, cut at 4,900 bytes,
# and a sentence with findings)
# with the built-in phrasebooks, from concurrent keep-alive clients.
#
#   benches/serve.sh            # 8 clients, 4,000 requests
#   benches/serve.sh --quick    # 8 clients, 400 requests
source "$(dirname "$0")/common.sh"
PL=$(release_binary)
REQUESTS=4000
[ "$QUICK" = "--quick" ] && REQUESTS=400
find "$CORPUS/md" -name '*.md' | sort | sed -n 1,20p | xargs cat > "$WORK/corpus.md"
{ head -c 4900 "$WORK/corpus.md"; printf '\n\nOur assistant enables access to partner models, guaranteed.\n'; } > "$WORK/doc.md"
(cd "$WORK" && exec "$PL" serve --port 0 2> "$WORK/serve.log") &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$WORK/serve.log" 2>/dev/null && break
  sleep 0.1
done
ADDR=$(sed -n 's|^listening on http://||p' "$WORK/serve.log")
[ -n "$ADDR" ] || die "the server did not start: $(cat "$WORK/serve.log")"
python3 benches/serve_load.py "$ADDR" "$WORK/doc.md" 8 "$REQUESTS"
