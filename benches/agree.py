#!/usr/bin/env python3
"""Counts must agree: phraselint's findings against ripgrep's whole-word
matches for the same phrases, on a plain-text copy of the corpus.

    python3 benches/agree.py [CORPUS]      # default ../shared/corpus

Copies every Markdown file of CORPUS/md to a scratch folder as .txt (read as
plain text: no markup is parsed), makes a phrasebook with one rule per line
of CORPUS/phrases.txt, and runs

    phraselint check --phrasebook book.yaml --format json TXT
    rg -i -F -w -o -b -f phrases.txt TXT

Every finding of one tool that the other lacks (same file, same start byte)
is put in a class that explains it; a difference in no class is printed in
full. Needs a release build (cargo build --release) and rg.
"""
import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus")
phrases_path = os.path.join(corpus, "phrases.txt")
work = tempfile.mkdtemp()
txt = os.path.join(work, "txt")
os.mkdir(txt)
for dirpath, _, names in os.walk(os.path.join(corpus, "md")):
    for name in names:
        if name.endswith(".md"):
            src = os.path.join(dirpath, name)
            digest = hashlib.md5(src.encode()).hexdigest()[:12]
            shutil.copyfile(src, os.path.join(txt, digest + ".txt"))
book = os.path.join(work, "book.yaml")
with open(book, "w") as out:
    subprocess.run([os.path.join(root, "benches", "phrasebook-from-list.sh"), phrases_path],
                   stdout=out, check=True)

pl = subprocess.run([os.path.join(root, "target", "release", "phraselint"), "check",
                     "--phrasebook", book, "--format", "json", "--fail-on", "never", txt],
                    capture_output=True, text=True, check=True)
mine = {}
for f in json.loads(pl.stdout)["findings"]:
    mine[(os.path.basename(f["path"]), f["start"]["offset"])] = (f["end"]["offset"], f["rule"])

rg = subprocess.run(["rg", "-i", "-F", "-w", "-o", "-b", "--no-heading", "--with-filename",
                     "-f", phrases_path, txt], capture_output=True)
theirs = {}
for line in rg.stdout.split(b"\n"):
    if not line:
        continue
    path, offset, match = line.split(b":", 2)
    start = int(offset)
    theirs[(os.path.basename(path.decode()), start)] = start + len(match)

texts = {}
def text(name):
    if name not in texts:
        with open(os.path.join(txt, name), "rb") as f:
            texts[name] = f.read()
    return texts[name]

def in_url(data, start):
    """Whether the byte at `start` is inside a URL (phraselint hides them)."""
    left = max(data.rfind(b" ", 0, start), data.rfind(b"\n", 0, start), data.rfind(b"(", 0, start),
               data.rfind(b"<", 0, start), data.rfind(b"[", 0, start), data.rfind(b'"', 0, start))
    token = data[left + 1:start + 1]
    return b"://" in token or token.lower().startswith(b"www.") or b"/" in token

by_file = collections.defaultdict(list)
for (name, start), end in theirs.items():
    by_file[name].append((start, end))

classes = collections.Counter()
unexplained = []
for (name, start), (end, rule) in mine.items():
    if (name, start) in theirs:
        continue
    data = text(name)
    span = data[start:end]
    if b"\n" in span or b"\r" in span:
        classes["phraselint only: the phrase runs across a line break (rg reads lines)"] += 1
    elif any(s < end and start < e for s, e in by_file[name]):
        classes["phraselint only: overlaps another phrase's match (rg -o reports one per place)"] += 1
    elif re.search(rb"\s\s|[^\x00-\x7f]", span):
        classes["phraselint only: runs of spaces, no-break spaces or typography folded"] += 1
    else:
        unexplained.append(("phraselint only", name, start, span))

for (name, start), end in theirs.items():
    if (name, start) in mine:
        continue
    data = text(name)
    before = data[start - 1:start].decode("latin-1") if start else ""
    after = data[end:end + 1].decode("latin-1")
    if in_url(data, start):
        classes["rg only: inside a URL or path (phraselint hides URLs)"] += 1
    elif any(s <= start and end <= e for (n, s), (e, _) in ((k, v) for k, v in mine.items() if k[0] == name)):
        classes["rg only: inside a longer phraselint match at another start"] += 1
    else:
        unexplained.append(("rg only", name, start, data[max(0, start - 20):end + 20]))

agree = sum(1 for k in mine if k in theirs)
print(f"phraselint findings: {len(mine)}; rg whole-word matches: {len(theirs)}; same file and start: {agree}")
for what, n in sorted(classes.items()):
    print(f"  {n:6}  {what}")
print(f"  {len(unexplained):6}  unexplained")
for who, name, start, context in unexplained[:40]:
    print(f"    {who}: {name}@{start}: {context!r}")
shutil.rmtree(work)
sys.exit(1 if unexplained else 0)
