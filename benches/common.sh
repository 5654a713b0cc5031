# Sourced by the bench scripts (compare.sh, pdf.sh): strict mode, the
# repository root as the working directory, QUICK (the first argument), the
# corpus, a scratch folder WORK removed on exit, and helpers.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${1:-}
CORPUS=${CORPUS:-../shared/corpus}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1; }

# Builds phraselint in release mode where cargo puts it (CARGO_TARGET_DIR and
# .cargo/config are honoured) and prints the binary's path, as cargo names it.
release_binary() {
  local pl
  pl=$(cargo build --release --quiet --message-format=json-render-diagnostics | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "phraselint" and m.get("executable"):
        print(m["executable"])
') || die "cargo build --release failed"
  [ -n "$pl" ] && [ -x "$pl" ] || die "cargo build --release did not produce the phraselint binary (got '$pl')"
  echo "$pl"
}
