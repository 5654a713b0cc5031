#!/usr/bin/env bash
# How long `phraselint lsp` takes from a change to a large Markdown document
# to its new diagnostics: the time an editor waits after a keystroke.
#
#   benches/lsp.sh            # a 1 MB document, 30 changes
#   benches/lsp.sh --quick    # 5 changes
#
# The document is built from the corpus's Markdown files (about 1 MB), with
# the built-in phrasebooks; each change edits one line (a phrase added or
# removed, as a writer would) and sends the whole text (full sync). Times
# are measured in the client: from writing didChange to reading the
# matching publishDiagnostics. Prints min, median, p95 and max in
# milliseconds, and the server's peak RSS.
source "$(dirname "$0")/common.sh"
PL=$(release_binary)
CHANGES=30
[ "$QUICK" = "--quick" ] && CHANGES=5
find "$CORPUS/md" -name '*.md' | sort | sed -n 1,400p | xargs cat > "$WORK/corpus.md"
head -c 1000000 "$WORK/corpus.md" > "$WORK/doc.md"
python3 benches/lsp_latency.py "$PL" "$WORK/doc.md" "$CHANGES"
