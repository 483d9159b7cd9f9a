#!/bin/bash
# Two (or more) warta binaries in turns on one corpus, so that the machine's hour weighs on each
# alike: per round and binary, two builds (a binary's first build after another's reads the
# cache anew), then EDITS builds each after editing one release's title, then COLDS builds with
# public/ removed (the cache kept). One line per timed build: binary, kind, seconds, user,
# system, peak KB. The median per binary and kind at the end.
#
#   benches/ab.sh /dev/shm/c10k 6 4 0 /tmp/warta-before target/release/warta
#
# SITE is edited in place: use a corpus from benches/corpus.sh, in /dev/shm.
set -u
SITE=$1; ROUNDS=$2; EDITS=$3; COLDS=$4; shift 4
FILE=$(find "$SITE/content" -name '*.md' -not -path '*/pages/*' | sort | sed -n 1p)
TIME=$(mktemp)
OUT=$(mktemp)
trap 'rm -f "$TIME" "$OUT"' EXIT
t() { /usr/bin/time -f "%e %U %S %M" -o "$TIME" "$1" build --root "$SITE" >/dev/null 2>&1 || echo FAIL; cat "$TIME"; }
for _ in $(seq "$ROUNDS"); do
  for BIN in "$@"; do
    "$BIN" build --root "$SITE" >/dev/null 2>&1
    "$BIN" build --root "$SITE" >/dev/null 2>&1
    for _ in $(seq "$EDITS"); do
      if grep -q '^title: Y ' "$FILE"; then sed -i 's/^title: Y /title: /' "$FILE"; else sed -i 's/^title: /title: Y /' "$FILE"; fi
      echo "$BIN edit $(t "$BIN")" | tee -a "$OUT"
    done
    for _ in $(seq "$COLDS"); do
      rm -rf "$SITE/public"
      echo "$BIN cold $(t "$BIN")" | tee -a "$OUT"
    done
  done
done
python3 - "$OUT" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) >= 3 and p[2] != "FAIL":
        runs[(p[0], p[1])].append(float(p[2]))
for (binary, kind), s in sorted(runs.items()):
    print(f"{binary} {kind}: {statistics.median(s):.2f} s ({min(s):.2f}-{max(s):.2f}), {len(s)} builds")
PY
