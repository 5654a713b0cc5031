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
# (into bench-tools in cargo's target directory). Builds phraselint in release
# mode where cargo puts it (CARGO_TARGET_DIR and .cargo/config are honoured:
# cargo names the binary it built). A tool or binary still missing after that
# stops the script with one line naming it, before anything is timed.
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
[ -f "$CORPUS/phrases.txt" ] && [ -d "$CORPUS/md" ] ||
  die "no corpus at $CORPUS (phrases.txt and md/); set CORPUS to the shared corpus"
need cargo || die "cargo not found on PATH"
need python3 || die "python3 not found on PATH (it writes the phrase lists and the table)"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (Debian package time; it measures peak RSS)"
if ! need hyperfine || ! need rg; then
  if need apt-get; then
    { apt-get update -qq && apt-get install -y -qq hyperfine ripgrep; } >/dev/null 2>&1 ||
      echo "compare.sh: apt-get install hyperfine ripgrep failed" >&2
  fi
  need hyperfine || die "hyperfine not found on PATH and not installed (apt-get install hyperfine)"
  need rg || die "rg (ripgrep) not found on PATH and not installed (apt-get install ripgrep)"
fi

# phraselint, built where cargo builds it; cargo names the executable.
PL=$(release_binary) || exit 1
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

TOOLS=$TARGET_DIR/bench-tools
TEXTLINT=$TOOLS/node_modules/.bin/textlint
if [ ! -x "$TEXTLINT" ]; then
  need npm || die "textlint not installed and npm not found on PATH to install it"
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" textlint@14 textlint-rule-prh@6 >/dev/null 2>&1 ||
    die "npm install textlint@14 textlint-rule-prh@6 into $TOOLS failed"
fi
[ -x "$TEXTLINT" ] || die "textlint not found at $TEXTLINT"
need node || die "node not found on PATH (textlint runs on it)"

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
# The same books with word forms on (`inflect: true`) and, in the corpus's
# book, a gap (`...`) after the first word of every tenth phrase of two words
# or more: what phrase variants cost against the literal book.
python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
def variants(src, dst, gaps):
    n = 0
    out = []
    for line in open(f"{work}/{src}"):
        if line.startswith("schema:"):
            line += "defaults:\n  inflect: true\n"
        m = re.match(r'(    banned: \[")([^ "]+) (.*)("\]\n)$', line)
        if gaps and m:
            n += 1
            if n % 10 == 0:
                line = f"{m[1]}{m[2]} ... {m[3]}{m[4]}"
        out.append(line)
    open(f"{work}/{dst}", "w").write("".join(out))
variants("book.yaml", "book-variants.yaml", True)
variants("book10k.yaml", "book10k-inflect.yaml", False)
PY

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
  # Once first: tools exit 1 on findings, which is not a failure here, but a
  # command that cannot run (126, 127) or dies on a signal is.
  local rc=0; bash -o pipefail -c "$3" > "$WORK/$1.out" 2> "$WORK/$1.err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    die "$1 exited $rc ($(tail -1 "$WORK/$1.err")): $3"
  fi
  local found; found=$(wc -l < "$WORK/$1.out")
  hyperfine --style none --warmup 1 --runs "${4:-$RUNS}" --ignore-failure --export-json "$WORK/$1.json" "$3" \
    > /dev/null 2> "$WORK/$1.hyperfine" || die "hyperfine failed on $1: $(tail -1 "$WORK/$1.hyperfine")"
  local rss; rss=$( { /usr/bin/time -f '%M' bash -c "$3 >/dev/null 2>&1" || true; } 2>&1 | tail -1 )
  [[ $rss =~ ^[0-9]+$ ]] || rss=0
  echo "$1 $2 $rss $found" >> "$WORK/rows"
}
run "phraselint-md" "$MD_BYTES" "$PL check --phrasebook $WORK/book.yaml --format compact --fail-on never $MD"
run "phraselint-md-j1" "$MD_BYTES" "$PL check -j1 --phrasebook $WORK/book.yaml --format compact --fail-on never $MD"
run "phraselint-md-10k" "$MD_BYTES" "$PL check --phrasebook $WORK/book10k.yaml --format compact --fail-on never $MD"
run "phraselint-md-variants" "$MD_BYTES" "$PL check --phrasebook $WORK/book-variants.yaml --format compact --fail-on never $MD"
run "rg-i-F" "$MD_BYTES" "rg -i -F -f $PHRASES --no-heading -n $MD"
run "rg-i-F-w" "$MD_BYTES" "rg -i -F -w --no-unicode -f $PHRASES --no-heading -n $MD"
run "phraselint-small" "$SMALL_BYTES" "$PL check --phrasebook $WORK/book.yaml --format compact --fail-on never $WORK/small"
run "textlint-prh-small" "$SMALL_BYTES" "cd $WORK && $TEXTLINT --format compact small | grep ': line '" "$(( RUNS < 3 ? RUNS : 3 ))"
run "one-file-built-in" "40" "$PL check $WORK/one.md" "$(( RUNS * 5 ))"
run "one-file-10k-inflect" "40" "$PL check --phrasebook $WORK/book10k-inflect.yaml --fail-on never $WORK/one.md" "$(( RUNS * 5 ))"

echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(du -sh "$MD" | cut -f1) of Markdown in $(find "$MD" -name '*.md' | wc -l) files; textlint subset $((SMALL_BYTES / 1000)) KB"
python3 - "$WORK" <<'PY'
import json, sys, os
work = sys.argv[1]
rows = [l.split() for l in open(os.path.join(work, "rows"))]
median = {}
for name, *_ in rows:
    try:
        t = json.load(open(os.path.join(work, name + ".json")))["results"][0]["median"]
    except (OSError, ValueError, KeyError, IndexError) as e:
        sys.exit(f"compare.sh: hyperfine gave no result for {name} ({e!r})")
    if not t or t <= 0:
        sys.exit(f"compare.sh: hyperfine measured {t} s for {name}: the command did not run (see {name} above)")
    median[name] = t
print(f"{'what':22} {'median s':>9} {'MB/s':>8} {'peak RSS MB':>12} {'lines out':>10} {'÷ rg -i -F':>11}")
for name, size, rss, found in rows:
    t = median[name]
    ratio = t / median["rg-i-F"]
    print(f"{name:22} {t:9.3f} {int(size)/1e6/t:8.1f} {int(rss)/1024:12.1f} {found:>10} {ratio:11.2f}")
if "textlint-prh-small" in median:
    print(f"\nphraselint is {median['textlint-prh-small']/median['phraselint-small']:.0f}x faster than textlint + prh on the same files")
print(f"10,000 phrases cost {median['phraselint-md-10k']/median['phraselint-md']:.2f}x the time of the corpus's 356; one thread takes {median['phraselint-md-j1']/median['phraselint-md']:.2f}x the time of two")
print(f"word forms and gaps (inflect: true, `...` in a tenth of the phrases) cost {median['phraselint-md-variants']/median['phraselint-md']:.2f}x the time of the literal book; the 10,000-phrase book with inflect: true loads and checks one small file in {median['one-file-10k-inflect']*1000:.0f} ms")
PY
