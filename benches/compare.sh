#!/usr/bin/env bash
# Whole-process comparison on ../shared/corpus: phraselint with a phrasebook
# made of corpus/phrases.txt, ripgrep (raw search, the reference), and
# textlint + textlint-rule-prh (the peer) on a subset. Prints a table: median
# wall time, MB/s, peak RSS, findings, and each time's ratio to ripgrep.
#
#   benches/compare.sh           # full corpus, 10 runs each
#   benches/compare.sh --quick   # a small subset, one run each (CI)
#
# Installs what it needs: hyperfine and ripgrep from Debian, textlint from npm
# (into target/bench-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${1:-}
CORPUS=${CORPUS:-../shared/corpus}
TOOLS=target/bench-tools
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need rg; then
  apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine ripgrep >/dev/null
fi
mkdir -p "$TOOLS"
if [ ! -x "$TOOLS/node_modules/.bin/textlint" ]; then
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" textlint@14 textlint-rule-prh@6 >/dev/null 2>&1
fi
cargo build --release --quiet
PL=$PWD/target/release/phraselint

# The corpus (a subset in quick mode, copied to a scratch folder).
MD="$CORPUS/md"
RUNS=10
if [ "$QUICK" = "--quick" ]; then
  RUNS=1
  mkdir -p "$WORK/md"
  find "$CORPUS/md" -name '*.md' | sort | sed -n "1,400p" | while read -r f; do
    cp "$f" "$WORK/md/$(echo "$f" | md5sum | cut -c1-12).md"
  done
  MD="$WORK/md"
fi
PHRASES="$CORPUS/phrases.txt"
benches/phrasebook-from-list.sh "$PHRASES" > "$WORK/book.yaml"
# 10,000 phrases: the corpus's own plus synthetic ones that never match.
{ cat "$PHRASES"; python3 -c "
import random; r = random.Random(7); s = ['ka','lo','mi','ne','ru','ta','vo','shi','pe','dra','qu','zen']
for _ in range(10000 - sum(1 for _ in open('$PHRASES'))): print(' '.join(''.join(r.choice(s) for _ in range(3)) for _ in range(2)))
"; } > "$WORK/phrases10k.txt"
benches/phrasebook-from-list.sh "$WORK/phrases10k.txt" > "$WORK/book10k.yaml"

# textlint + prh on a subset (it is slow): the first files of the corpus.
mkdir -p "$WORK/small"
find "$MD" -name '*.md' | sort | sed -n "1,$([ "$QUICK" = "--quick" ] && echo 40 || echo 600)p" | while read -r f; do
  cp "$f" "$WORK/small/$(echo "$f" | md5sum | cut -c1-12).md"
done
python3 - "$PHRASES" > "$WORK/prh.yml" <<'PY'
import sys
# Escape for a JavaScript regex with the `u` flag (which refuses `\ `).
special = set("\\^$.|?*+()[]{}/")
print("version: 1\nrules:")
for line in open(sys.argv[1]):
    p = line.strip()
    if p:
        escaped = "".join("\\" + c if c in special else c for c in p)
        print(f"  - expected: BANNED\n    pattern: /\\b{escaped}\\b/i")
PY
# prh skips links, block quotes and emphasis unless told; phraselint reads
# them all, so the two must read the same text to compare.
printf '{"rules": {"prh": {"rulePaths": ["%s"], "checkLink": true, "checkBlockQuote": true, "checkEmphasis": true, "checkHeader": true}}}\n' "$WORK/prh.yml" > "$WORK/.textlintrc.json"
echo "# one small file" > "$WORK/one.md"; echo "Frontier calls on GPT." >> "$WORK/one.md"

bytes() { find "$1" -type f -name '*.md' -print0 | xargs -0 cat | wc -c; }
MD_BYTES=$(bytes "$MD"); SMALL_BYTES=$(bytes "$WORK/small")

run() { # name, bytes, command[, runs]
  hyperfine --style none --warmup 1 --runs "${4:-$RUNS}" --ignore-failure --export-json "$WORK/$1.json" "$3" >/dev/null 2>&1
  # Tools exit non-zero on findings; that is not a failure here.
  local rss; rss=$( { /usr/bin/time -f '%M' bash -c "$3 >/dev/null 2>&1" || true; } 2>&1 | tail -1 )
  [[ $rss =~ ^[0-9]+$ ]] || rss=0
  local found; found=$( (bash -c "$3" 2>/dev/null || true) | wc -l)
  echo "$1 $2 $rss $found" >> "$WORK/rows"
}
run "phraselint-md" "$MD_BYTES" "$PL check --phrasebook $WORK/book.yaml --format compact --fail-on never $MD"
run "phraselint-md-j1" "$MD_BYTES" "$PL check -j1 --phrasebook $WORK/book.yaml --format compact --fail-on never $MD"
run "phraselint-md-10k" "$MD_BYTES" "$PL check --phrasebook $WORK/book10k.yaml --format compact --fail-on never $MD"
run "rg-i-F" "$MD_BYTES" "rg -i -F -f $PHRASES --no-heading -n $MD"
run "rg-i-F-w" "$MD_BYTES" "rg -i -F -w --no-unicode -f $PHRASES --no-heading -n $MD"
run "phraselint-small" "$SMALL_BYTES" "$PL check --phrasebook $WORK/book.yaml --format compact --fail-on never $WORK/small"
run "textlint-prh-small" "$SMALL_BYTES" "cd $WORK && $PWD/$TOOLS/node_modules/.bin/textlint --format compact small | grep ': line '" "$(( RUNS < 3 ? RUNS : 3 ))"
run "one-file-built-in" "40" "$PL check $WORK/one.md" "$(( RUNS * 5 ))"

echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(du -sh "$MD" | cut -f1) of Markdown in $(find "$MD" -name '*.md' | wc -l) files; textlint subset $((SMALL_BYTES / 1000)) KB"
python3 - "$WORK" <<'PY'
import json, sys, os
work = sys.argv[1]
rows = [l.split() for l in open(os.path.join(work, "rows"))]
median = {r[0]: json.load(open(os.path.join(work, r[0] + ".json")))["results"][0]["median"] for r in rows}
print(f"{'what':22} {'median s':>9} {'MB/s':>8} {'peak RSS MB':>12} {'lines out':>10} {'÷ rg -i -F':>11}")
for name, size, rss, found in rows:
    t = median[name]
    ratio = t / median["rg-i-F"]
    print(f"{name:22} {t:9.3f} {int(size)/1e6/t:8.1f} {int(rss)/1024:12.1f} {found:>10} {ratio:11.2f}")
if "textlint-prh-small" in median:
    print(f"\nphraselint is {median['textlint-prh-small']/median['phraselint-small']:.0f}x faster than textlint + prh on the same files")
print(f"10,000 phrases cost {median['phraselint-md-10k']/median['phraselint-md']:.2f}x the time of the corpus's 356; one thread takes {median['phraselint-md-j1']/median['phraselint-md']:.2f}x the time of two")
PY
