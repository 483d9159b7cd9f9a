#!/usr/bin/env bash
# A corpus of N releases for warta's benchmarks, ready to build: ../shared/bench/gen_corpus.py
# writes the releases, and this adds the three photos they show from `static/img/`
# (`foto-1.png` to `foto-3.png`, 8x8 PNGs drawn by the generator's own `tiny_png`), which the
# generator writes only with --images; without them warta stops at the broken links.
#
#   benches/corpus.sh 10000 /dev/shm/c10k       # generate DIR (it must not exist), then add the photos
#   benches/corpus.sh --photos DIR              # only add the photos, to a corpus made before
#
# Env: GEN (default: ../shared/bench/gen_corpus.py beside this repository).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
GEN=${GEN:-$here/../../shared/bench/gen_corpus.py}
if [[ ${1:-} == --photos ]]; then
  dir=${2:?usage: benches/corpus.sh --photos DIR}
else
  n=${1:?usage: benches/corpus.sh N DIR}
  dir=${2:?usage: benches/corpus.sh N DIR}
  [[ -e $dir ]] && { echo "$dir exists: pick a new folder, or use --photos $dir" >&2; exit 2; }
  python3 "$GEN" "$n" "$dir" >/dev/null
fi
[[ -f $dir/site.yaml ]] || { echo "$dir is not a warta corpus (no site.yaml)" >&2; exit 2; }
mkdir -p "$dir/static/img"
python3 - "$GEN" "$dir/static/img" <<'PY'
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("gen_corpus", sys.argv[1])
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
# The colours the generator gives a bundle's photos.
for k, rgb in enumerate([(200, 40, 40), (40, 160, 60), (30, 60, 200)], 1):
    with open(os.path.join(sys.argv[2], f"foto-{k}.png"), "wb") as f:
        f.write(gen.tiny_png(rgb))
PY
