#!/bin/bash
# How long `warta build` takes with its cache: medians of RUNS builds with nothing changed, then
# of RUNS builds each after editing one release's title (a "Y " put at the start of the title,
# then taken away, so the title never grows). A build that fails stops the script.
#
#   cargo build --release
#   benches/edit_build.sh target/release/warta /dev/shm/c10k 11
#
# SITE is edited in place: use a corpus from ../shared/bench/gen_corpus.py, in /dev/shm.
set -euo pipefail
BIN=$1; SITE=$2; RUNS=${3:-11}
FILE=$(find "$SITE/content" -name '*.md' -not -path '*/pages/*' | sort | sed -n 1p)
"$BIN" build --root "$SITE" >/dev/null 2>&1 || { echo "the build fails: fix the site first" >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " s (" a[1] "-" a[NR] ")"}'; }
timed() {
  /usr/bin/time -f %e -o /tmp/edit_build.time "$BIN" build --root "$SITE" >/dev/null 2>&1 \
    || { echo "a build failed" >&2; exit 1; }
  cat /tmp/edit_build.time
}
echo "nothing changed:  $(for _ in $(seq "$RUNS"); do timed; done | median)"
echo "one title edited: $(for _ in $(seq "$RUNS"); do
  if grep -q '^title: Y ' "$FILE"; then sed -i 's/^title: Y /title: /' "$FILE"; else sed -i 's/^title: /title: Y /' "$FILE"; fi
  timed
done | median)"
