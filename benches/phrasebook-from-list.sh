#!/usr/bin/env bash
# Writes a phrasebook with one rule per line of a phrase list (for benchmarks
# on ../shared/corpus/phrases.txt): phrasebook-from-list.sh LIST > book.yaml
set -euo pipefail
list=${1:?usage: phrasebook-from-list.sh PHRASES.txt}
printf 'phrasebook: bench\nversion: 1.0.0\nschema: 1\nrules:\n'
n=0
while IFS= read -r phrase || [ -n "$phrase" ]; do
  [ -z "${phrase// }" ] && continue
  n=$((n + 1))
  escaped=${phrase//\\/\\\\}
  escaped=${escaped//\"/\\\"}
  printf '  - id: p%d\n    banned: ["%s"]\n    message: "banned phrase"\n' "$n" "$escaped"
done < "$list"
