#!/usr/bin/env bash
# ../shared/bench/compare.sh (cold builds of the same corpus by warta and Hugo, in turns), with
# warta's corpus made ready first: the photos its releases show from `static/img/` are added
# (benches/corpus.sh), so that warta's build does not stop at them. Same arguments and
# environment as compare.sh; run it from this repository's root after `cargo build --release`:
#
#   benches/compare.sh 10000 5
#
# Env, besides compare.sh's (WARTA, HUGO, ZOLA, WORK): BENCH (default ../shared/bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BENCH=${BENCH:-$here/../../shared/bench}
N=${1:-10000}
if [[ -z ${WORK:-} ]]; then
  if [[ -d /dev/shm && -w /dev/shm ]]; then WORK=/dev/shm/warta-bench; else WORK=/tmp/warta-bench; fi
fi
export WORK
# compare.sh makes a corpus once per N and marks it done; made here first, the same way.
dir=$WORK/warta-$N
if [[ ! -f $dir/.done ]]; then
  rm -rf "$dir"
  mkdir -p "$WORK"
  GEN="$BENCH/gen_corpus.py" "$here/corpus.sh" "$N" "$dir"
  touch "$dir/.done"
else
  GEN="$BENCH/gen_corpus.py" "$here/corpus.sh" --photos "$dir"
fi
exec "$BENCH/compare.sh" "$@"
