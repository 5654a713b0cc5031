#!/usr/bin/env bash
# PDF throughput: phraselint checking PDFs (whole process: read, extract,
# match, report) against pdftotext -raw (poppler, text extraction only) on
# the same generated files, in the same run. Prints MB of PDF a second and
# pages a second (median wall time of hyperfine's runs) and peak RSS.
#
#   benches/pdf.sh           # 4 PDFs of 200 pages from ../shared/corpus, 10 runs
#   benches/pdf.sh --quick   # 1 PDF of 40 pages, 2 runs
#
# The PDFs are written by a small PDF writer below (Helvetica in WinAnsi,
# FlateDecode content, 50 lines of corpus prose a page): no Python package
# needed. Installs pdftotext (poppler-utils) and hyperfine from Debian when
# missing. Builds phraselint in release mode where cargo puts it.
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
[ -d "$CORPUS/md" ] || die "no corpus at $CORPUS (md/); set CORPUS to the shared corpus"
need cargo || die "cargo not found on PATH"
need python3 || die "python3 not found on PATH (it writes the PDFs and the table)"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (Debian package time; it measures peak RSS)"
if ! need pdftotext || ! need hyperfine; then
  if need apt-get; then
    { apt-get update -qq && apt-get install -y -qq poppler-utils hyperfine; } >/dev/null 2>&1 ||
      echo "pdf.sh: apt-get install poppler-utils hyperfine failed" >&2
  fi
  need pdftotext || die "pdftotext not found on PATH and not installed (apt-get install poppler-utils)"
  need hyperfine || die "hyperfine not found on PATH and not installed (apt-get install hyperfine)"
fi

PL=$(release_binary) || exit 1

FILES=4 PAGES=200 RUNS=10
if [ "$QUICK" = "--quick" ]; then FILES=1 PAGES=40 RUNS=2; fi
mkdir -p "$WORK/pdf"
python3 - "$CORPUS/md" "$WORK/pdf" "$FILES" "$PAGES" <<'PY'
import pathlib, re, sys, textwrap, zlib
corpus, out, files, pages = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
LINES = 50

def prose():
    # Corpus Markdown as prose lines: markup characters dropped, wrapped at
    # 90 columns, in a fixed order; repeats when the corpus runs out.
    while True:
        for path in sorted(corpus.rglob("*.md")):
            text = path.read_text(errors="replace")
            text = re.sub(r"[#*`>|\[\]]", " ", text)
            for para in re.split(r"\n\s*\n", text):
                words = " ".join(para.split())
                if words:
                    yield from textwrap.wrap(words, 90)
                    yield ""

def pdf_string(line):
    raw = line.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

lines = prose()
for n in range(files):
    objects = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for _ in range(pages):
        content = [b"BT /F1 10 Tf 12 TL 50 760 Td"]
        for _ in range(LINES):
            content.append(pdf_string(next(lines)) + b" Tj T*")
        content.append(b"ET")
        data = zlib.compress(b"\n".join(content))
        objects.append(b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(len(objects) + 1)
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>"
                       % (2 * pages + 2, len(objects)))
    objects.append(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % pages)
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % len(objects))
    body, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    (out / f"corpus-{n}.pdf").write_bytes(body)
PY

BYTES=$(cat "$WORK"/pdf/*.pdf | wc -c)
TOTAL_PAGES=$((FILES * PAGES))
# Both read every file one after another on one core: phraselint with one
# thread, pdftotext once a file.
PL_CMD="$PL check -j1 --format compact --fail-on never $WORK/pdf"
POPPLER_CMD="for f in $WORK/pdf/*.pdf; do pdftotext -raw \"\$f\" /dev/null; done"
for cmd in "$PL_CMD" "$POPPLER_CMD"; do
  bash -c "$cmd" > /dev/null 2> "$WORK/err" || die "failed ($(tail -1 "$WORK/err")): $cmd"
done
hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/times.json" \
  -n phraselint "$PL_CMD" -n pdftotext "$POPPLER_CMD" > /dev/null 2> "$WORK/hyperfine" ||
  die "hyperfine failed: $(tail -1 "$WORK/hyperfine")"
rss() { { /usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1" || true; } 2>&1 | tail -1; }
PL_RSS=$(rss "$PL_CMD"); POPPLER_RSS=$(rss "$POPPLER_CMD")

echo "$(date -u +%Y-%m-%d), $(nproc) cores, $FILES PDFs, $TOTAL_PAGES pages, $((BYTES / 1000)) KB, one core each"
python3 - "$WORK/times.json" "$BYTES" "$TOTAL_PAGES" "$PL_RSS" "$POPPLER_RSS" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
size, pages, rss = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
print(f"{'tool':<12} {'median s':>9} {'MB/s':>7} {'pages/s':>8} {'peak RSS MB':>12}")
for r, peak in zip(results, rss):
    t = r["median"]
    print(f"{r['command']:<12} {t:>9.3f} {size / t / 1e6:>7.1f} {pages / t:>8.0f} {int(peak) / 1024:>12.1f}")
PY
