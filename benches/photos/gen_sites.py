#!/usr/bin/env python3
"""Write the three sites of the photo benchmark from one list of releases.

    gen_sites.py REPO PHOTOS OUT [--n N] [--seed S] [--hugo-layouts DIR] [--hugo-cache DIR]

REPO is warta's repository (the example site: site.yaml and content/); PHOTOS the folder
gen_photos.py filled (foto-000.jpg ...). Writes, after emptying them:

  OUT/warta/          site.yaml copied from REPO, and N page bundles content/2023/05/<slug>/
                      index.md + foto.jpg (the photo hard-linked, not copied); no themes/: the
                      theme is the one built into the warta binary, so that it always matches it
  OUT/warta-nophoto/  the same releases without the photo: no foto.jpg, no image: field
  OUT/hugo/           hugo.yaml, the layouts of --hugo-layouts and the same N bundles under
                      content/posts/2023/05/<slug>/, published at /2023/05/<slug>/ as warta does

The releases are made like the example site's: its units, places and authors (read from its
site.yaml), its tags, and paragraphs of its releases' own text, picked with a seeded generator,
so the same arguments give the same sites. Only the Python standard library is used.
"""
import argparse
import os
import random
import re
import shutil

EVENTS = [
    "Workshop Manajemen Media Sosial", "Rapat Koordinasi Kehumasan", "Pelatihan Penulisan Berita",
    "Sosialisasi Moderasi Beragama", "Manasik Haji", "Pembinaan ASN", "Bimbingan Teknis Kurikulum Madrasah",
    "Seleksi Kompetisi Sains Madrasah", "Dialog Kerukunan Umat Beragama", "Penyuluhan Zakat dan Wakaf",
    "Monitoring Layanan KUA", "Festival Seni Budaya Keagamaan", "Bimbingan Perkawinan Calon Pengantin",
    "Evaluasi Kinerja Triwulan", "Pelepasan Jemaah Haji", "Lomba Cerdas Cermat Agama",
    "Penandatanganan Pakta Integritas", "Pesantren Kilat Ramadan", "Gerakan Zakat ASN", "Dialog Lintas Agama",
]
SCENES = ["Peserta mengikuti sesi materi", "Suasana pembukaan kegiatan", "Foto bersama usai acara",
          "Narasumber menyampaikan materi", "Penyerahan piagam kepada peserta"]


def slugify(text):
    return "-".join(p for p in "".join(c if c.isalnum() else "-" for c in text.lower()).split("-") if p)


def site_yaml_keys(text):
    """Units (with their short name and place) and authors of site.yaml: the keys two spaces in."""
    units, authors, section, key = {}, [], None, None
    for line in text.splitlines():
        if re.match(r"^\S", line):
            section = line.split(":")[0]
        elif m := re.match(r"^  ([\w-]+):\s*$", line):
            key = m.group(1)
            if section == "units":
                units[key] = {"short": key, "place": "Denpasar"}
            elif section == "authors":
                authors.append(key)
        elif (m := re.match(r"^    (short|place):\s*(.+)$", line)) and section == "units":
            units[key][m.group(1)] = m.group(2).strip().strip('"')
    return units, authors


def example_releases(content):
    """Tags and body paragraphs of the example site's releases (pages, photos and links left out)."""
    tags, paragraphs = set(), []
    for folder, _, files in os.walk(content):
        if os.path.relpath(folder, content).startswith("pages"):
            continue
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            _, front, body = text.split("---\n", 2)
            for line in front.splitlines():
                if line.startswith("tags:"):
                    tags.update(t.strip() for t in line[5:].strip(" []").split(",") if t.strip())
            for block in body.split("\n\n"):
                block = block.strip()
                # Links and pictures point at the example site's own files: leave them out.
                if block and "](" not in block and not block.startswith("{{") and "<" not in block:
                    paragraphs.append(block)
    return sorted(tags), sorted(paragraphs)


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def link(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)  # the photos are only read: one copy in memory for the three sites
    except OSError:
        shutil.copyfile(src, dst)


def releases(n, seed, units, authors, tags, paragraphs):
    rng = random.Random(seed)
    seen = set()
    for i in range(n):
        unit = rng.choice(sorted(units))
        short, place = units[unit]["short"], units[unit]["place"]
        title = f"{rng.choice(EVENTS)} {short} 2023"
        slug, k = slugify(title), 2
        while slug in seen:
            slug, k = f"{slugify(title)}-{k}", k + 1
        seen.add(slug)
        body = rng.sample(paragraphs, min(len(paragraphs), rng.randint(6, 10)))
        yield {
            "i": i, "slug": slug, "title": title,
            "date": f"2023-05-{1 + i * 31 // n:02d}T{rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}:00+08:00",
            "author": rng.choice(authors), "unit": unit, "place": place,
            "tags": sorted(rng.sample(tags, rng.randint(2, 4))),
            "summary": f"{short} menggelar {title[:-5].lower()} di {place}, Mei 2023.",
            "alt": f"{rng.choice(SCENES)} {title.lower()}",
            "body": "\n\n".join(body),
        }


def front_matter(r, photo, hugo=False):
    lines = [f"title: {yaml_str(r['title'])}", f"date: {r['date']}", f"author: {r['author']}",
             f"unit: {r['unit']}", f"place: {yaml_str(r['place'])}",
             "tags: [" + ", ".join(r["tags"]) + "]", f"summary: {yaml_str(r['summary'])}"]
    if photo:
        lines += ["image: foto.jpg", f"image_alt: {yaml_str(r['alt'])}",
                  f"image_caption: {yaml_str(r['alt'] + ', Mei 2023.')}"]
    if hugo:
        # The URL warta gives it; and only the resized files published, not the original (whose
        # GPS block warta must not publish either).
        lines += [f"slug: {r['slug']}", "build:", "  publishResources: false"]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


HUGO_CONFIG = """baseURL: {base}
languageCode: id
title: Humas Kanwil Kementerian Agama Provinsi Bali
pagination:
  pagerSize: 10
taxonomies:
  tag: tags
  unit: unit
permalinks:
  posts: /:year/:month/:slug/
cacheDir: {cache}
imaging:
  quality: 80
  resampleFilter: {filter}
  anchor: Center
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo")
    ap.add_argument("photos")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--hugo-layouts", required=True)
    ap.add_argument("--hugo-cache", required=True, help="Hugo's cacheDir (an absolute path)")
    ap.add_argument("--hugo-filter", default="Lanczos", help="Hugo's imaging.resampleFilter")
    a = ap.parse_args()

    with open(os.path.join(a.repo, "site.yaml"), encoding="utf-8") as f:
        site_yaml = f.read()
    units, authors = site_yaml_keys(site_yaml)
    tags, paragraphs = example_releases(os.path.join(a.repo, "content"))
    if not units or not authors or not tags or not paragraphs:
        raise SystemExit(f"{a.repo}: no units, authors, tags or release text found in the example site")
    base = re.search(r"^base_url:\s*(\S+)", site_yaml, re.M).group(1)
    photos = sorted(p for p in os.listdir(a.photos) if p.endswith(".jpg"))
    if len(photos) < a.n:
        raise SystemExit(f"{a.photos}: {len(photos)} photos, {a.n} needed")

    dirs = {k: os.path.join(a.out, k) for k in ("warta", "warta-nophoto", "hugo")}
    for d in dirs.values():
        shutil.rmtree(d, ignore_errors=True)
    for k in ("warta", "warta-nophoto"):
        write(os.path.join(dirs[k], "site.yaml"), site_yaml)
    write(os.path.join(dirs["hugo"], "hugo.yaml"),
          HUGO_CONFIG.format(base=base, cache=os.path.abspath(a.hugo_cache), filter=a.hugo_filter))
    shutil.copytree(a.hugo_layouts, os.path.join(dirs["hugo"], "layouts"))

    for r in releases(a.n, a.seed, units, authors, tags, paragraphs):
        photo = os.path.join(a.photos, photos[r["i"]])
        end = f"\n\n({r['author']})\n"
        for k, top, with_photo in (("warta", "content", True), ("warta-nophoto", "content", False),
                                   ("hugo", "content/posts", True)):
            bundle = os.path.join(dirs[k], top, "2023", "05", r["slug"])
            # warta prints the writer's initials itself; Hugo's page gets them in the text.
            text = front_matter(r, with_photo, hugo=k == "hugo") + r["body"] + (end if k == "hugo" else "\n")
            write(os.path.join(bundle, "index.md"), text)
            if with_photo:
                link(photo, os.path.join(bundle, "foto.jpg"))
    print(f"{a.n} releases in {', '.join(dirs.values())}")


if __name__ == "__main__":
    main()
