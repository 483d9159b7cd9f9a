#!/usr/bin/env python3
"""How long from saving a release to seeing it in `warta serve`: edits the title of one release
of SITE at a time, and times the save -> the live-reload event, and save -> the page served with
the new title. Medians over EDITS edits (default 10). Usage, from the project's root:

    cargo build --release
    python3 benches/serve_latency.py target/release/warta /dev/shm/w10k 10

SITE is changed in place (titles): use a corpus from ../shared/bench/gen_corpus.py, whose pages
are at the paths of their files (content/2023/05/x.md is /2023/05/x/)."""
import os, socket, subprocess, sys, time, glob, statistics, re

warta, site = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 10
p = subprocess.Popen([warta, "serve", "--root", site, "--port", "0"], stdout=subprocess.PIPE, text=True,
                     # SERVE_LOG=FILE keeps the server's terminal output (with WARTA_TIMINGS=1, its phases)
                     stderr=open(os.environ["SERVE_LOG"], "w") if os.environ.get("SERVE_LOG") else subprocess.DEVNULL)
line = p.stdout.readline()
port = int(re.search(r":(\d+)/", line).group(1))
print(line.strip(), file=sys.stderr)

def get(path):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while True:
        b = s.recv(1 << 20)
        if not b: break
        data += b
    return data.decode("utf-8", "replace")

# wait for the first build
while "200 OK" not in get("/")[:100]:
    time.sleep(0.2)
ev = socket.create_connection(("127.0.0.1", port)); ev.sendall(b"GET /__warta/events HTTP/1.1\r\nHost: x\r\n\r\n")
ev.settimeout(30)
buf = b""
def wait_event(kind):
    global buf
    deadline = time.perf_counter() + 60  # keep-alive comments arrive meanwhile: not a timeout
    while f"event: {kind}".encode() not in buf:
        if time.perf_counter() > deadline:
            sys.exit(f"no '{kind}' event in 60 s; is the edit a change?")
        buf += ev.recv(65536)
    buf = buf[buf.index(f"event: {kind}".encode()) + 10:]
wait_event("hello")
files = sorted(glob.glob(os.path.join(site, "content/*/*/*.md")))
run = f"{time.time():.0f}"
to_event, to_page = [], []
for n in range(edits):
    f = files[(n * 7919) % len(files)]
    text = open(f, encoding="utf-8").read()
    # Unique to this run: a title the file already has would change nothing, and no reload
    # would come.
    title = f"Judul Uji Latensi {run} {n}"
    new = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    slug = os.path.splitext(os.path.relpath(f, os.path.join(site, "content")))[0]
    t0 = time.perf_counter()
    with open(f, "w", encoding="utf-8") as fh: fh.write(new)
    wait_event("reload")
    t1 = time.perf_counter()
    page = get("/" + slug + "/")
    t2 = time.perf_counter()
    assert title in page, (slug, page[:300])
    to_event.append((t1 - t0) * 1000); to_page.append((t2 - t0) * 1000)
    time.sleep(0.3)
p.terminate()
print(f"edits={edits} save->reload median {statistics.median(to_event):.0f} ms (min {min(to_event):.0f}, max {max(to_event):.0f}); save->page served median {statistics.median(to_page):.0f} ms")
