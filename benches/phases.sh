#!/bin/bash
# Where an edit's build spends its time, binary against binary: ROUNDS builds of each in turns,
# each after editing one release's title, with WARTA_TIMINGS; prints the median wall time of
# each top-level stage per binary. Give each binary its own copy of the corpus (BIN:SITE): an
# older warta may refuse a newer one's output.
#
#   benches/phases.sh 8 /tmp/warta-before:/dev/shm/c10k-old target/release/warta:/dev/shm/c10k
set -u
ROUNDS=$1; shift
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
for _ in $(seq "$ROUNDS"); do
  for pair in "$@"; do
    BIN=${pair%%:*}; SITE=${pair#*:}
    FILE=$(find "$SITE/content" -name '*.md' -not -path '*/pages/*' | sort | sed -n 1p)
    if grep -q '^title: Y ' "$FILE"; then sed -i 's/^title: Y /title: /' "$FILE"; else sed -i 's/^title: /title: Y /' "$FILE"; fi
    start=$(date +%s%N)
    WARTA_TIMINGS=1 "$BIN" build --root "$SITE" 2>&1 | grep -E '^timing: [^ ]' | sed "s|^timing: |$BIN\t|" >> "$OUT"
    end=$(date +%s%N)
    printf '%s\tTOTAL %s ms\n' "$BIN" "$(( (end - start) / 1000000 ))" >> "$OUT"
  done
done
python3 - "$OUT" <<'PY'
import collections, re, statistics, sys
stages, order = collections.defaultdict(lambda: collections.defaultdict(list)), []
for line in open(sys.argv[1]):
    m = re.match(r"(.+?)\t(.+?)\s+([\d.]+) ms", line)
    if not m:
        continue
    binary, stage, ms = m.groups()
    stages[stage][binary].append(float(ms))
    if stage not in order:
        order.append(stage)
binaries = sorted({b for s in stages.values() for b in s})
print("stage".ljust(20) + "".join(b[-18:].rjust(20) for b in binaries))
for stage in order:
    cells = [stages[stage].get(b) for b in binaries]
    print(stage.ljust(20) + "".join((f"{statistics.median(c):.1f}" if c else "-").rjust(20) for c in cells))
PY
