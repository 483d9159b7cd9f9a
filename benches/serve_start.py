#!/usr/bin/env python3
"""How long `warta serve` takes to start: from starting it to its "Serving ... at" line, which it
prints once its first build is served. Median (min-max) over RUNS starts (default 5). Usage, from
the project's root:

    cargo build --release
    target/release/warta build --root /dev/shm/w10k      # the cache serve starts from
    python3 benches/serve_start.py target/release/warta /dev/shm/w10k 9

With BASE=OTHER_BINARY, the two binaries take turns, and both medians are printed. SITE is not
changed; use a corpus from ../shared/bench/gen_corpus.py, in /dev/shm."""
import os, statistics, subprocess, sys, time


def start(warta, site):
    t0 = time.monotonic()
    p = subprocess.Popen([warta, "serve", "--root", site, "--port", "0"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    elapsed = time.monotonic() - t0
    p.terminate()
    p.wait()
    if "Serving" not in line:
        sys.exit(f"{warta}: serve did not start: {line!r}")
    return elapsed


def summary(times):
    return f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f})"


warta, site = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
binaries = [warta] + ([os.environ["BASE"]] if os.environ.get("BASE") else [])
times = {b: [] for b in binaries}
for _ in range(runs):
    for b in binaries:
        times[b].append(start(b, site))
for b in binaries:
    print(f"{b}: serving after {summary(times[b])}, {runs} starts")
