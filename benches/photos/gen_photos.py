#!/usr/bin/env python3
"""Generate deterministic, photo-like phone pictures for the photo benchmark.

    gen_photos.py N OUT_DIR [--seed S] [--width W] [--height H] [--quality Q] [--jobs J]

Writes OUT_DIR/foto-000.jpg ... foto-(N-1).jpg: W x H JPEG (4000 x 3000, quality 90, 4:2:0
by default, as a 12-megapixel phone camera writes them), each different: a sky and ground
gradient, blurred shapes with their own shading, cloud- and foliage-like noise at several
scales and sensor grain, which is what makes a real photo weigh 3-6 MB at this quality (a flat or
smoothly shaded picture would compress to a few hundred KB and make decoding look cheap).

Every photo carries camera EXIF (make, model, date taken). Photos with i % 4 == 1 are stored
sideways with Orientation 6 (a portrait shot: the camera wrote a landscape pixel grid and asks
the viewer to turn it 90 degrees clockwise), and photos with i % 3 != 0 carry a GPS block (a
spot in Bali): the site generator must apply the first and must not publish the second.

Photo i depends only on the seed, i and the size: the same arguments give the same files (with
the same numpy and Pillow), and a larger N keeps the photos already made, as the benchmark's
cache does: only missing files are written. Needs numpy and Pillow.
"""
import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from PIL.ExifTags import IFD
from PIL.TiffImagePlugin import IFDRational

# EXIF tag numbers (Pillow's ExifTags.Base / GPS), spelt out so the file reads on its own.
MAKE, MODEL, ORIENTATION, SOFTWARE, DATETIME = 0x010F, 0x0110, 0x0112, 0x0131, 0x0132
DATETIME_ORIGINAL, LENS_MODEL = 0x9003, 0xA434
GPS_VERSION, GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON, GPS_ALT_REF, GPS_ALT = 0, 1, 2, 3, 4, 5, 6
GPS_DATE = 29

CAMERAS = [("samsung", "Galaxy A54 5G"), ("Xiaomi", "Redmi Note 12"), ("OPPO", "CPH2505"),
           ("vivo", "V2250"), ("Apple", "iPhone 13")]


def value_noise(rng, shape_small, size):
    """Smooth random field in [-1, 1]: a small random grid scaled up with a bicubic filter."""
    small = rng.uniform(0, 255, shape_small).astype(np.uint8)
    big = Image.fromarray(small, "L").resize(size, Image.BICUBIC)
    return np.asarray(big, dtype=np.float32) / 127.5 - 1.0


def photo(i, seed, width, height):
    rng = np.random.default_rng([seed, i])
    w, h = width, height
    f32 = np.float32
    y = np.linspace(0.0, 1.0, h, dtype=f32)[:, None]
    x = np.linspace(0.0, 1.0, w, dtype=f32)[None, :]

    # Sky above a tilted horizon, ground below: two vertical gradients, lit from one side.
    # Everything is float32 and done a channel at a time, in place, to keep it quick.
    horizon = f32(rng.uniform(0.3, 0.7)) + f32(rng.uniform(-0.08, 0.08)) * (x - f32(0.5))
    in_sky = y < horizon
    t = np.where(in_sky, y / horizon, (y - horizon) / (f32(1) - horizon))
    np.clip(t, 0, 1, out=t)
    light = f32(1) + f32(rng.uniform(-0.25, 0.25)) * (x - f32(0.5)) + f32(rng.uniform(-0.1, 0.1)) * (y - f32(0.5))
    sky_top, sky_low = rng.uniform([20, 60, 120], [120, 150, 230]), rng.uniform([150, 170, 190], [240, 235, 250])
    far, near = rng.uniform([60, 80, 40], [170, 160, 120]), rng.uniform([30, 30, 20], [120, 110, 80])
    # Clouds in the sky, fields and foliage on the ground: noise at coarse and middle scales.
    clouds = value_noise(rng, (6, 8), (w, h)) * f32(0.6) + value_noise(rng, (24, 32), (w, h)) * f32(0.4)
    np.clip(clouds, 0, 1, out=clouds)
    clouds *= f32(rng.uniform(30, 70))
    foliage = value_noise(rng, (h // 16, w // 16), (w, h)) + value_noise(rng, (h // 4, w // 4), (w, h))
    foliage *= f32(rng.uniform(7, 13))
    texture = np.where(in_sky, clouds, foliage)
    del clouds, foliage

    # People, banners, tables, trees: shapes with their own colour and shading, soft-edged.
    layer = Image.new("RGB", (w, h))
    mask = Image.new("L", (w, h))
    dl, dm = ImageDraw.Draw(layer), ImageDraw.Draw(mask)
    big = int(rng.integers(10, 31))
    for k in range(big + int(rng.integers(40, 121))):
        cx, cy = rng.uniform(0, w), rng.uniform(0.2 * h, h)
        rx, ry = (rng.uniform(60, 700), rng.uniform(60, 900)) if k < big else (rng.uniform(15, 90), rng.uniform(15, 120))
        box = [cx - rx, cy - ry, cx + rx, cy + ry]
        colour = tuple(int(c) for c in rng.integers(10, 246, 3))
        kind = rng.integers(0, 3)
        if kind == 0:
            dl.ellipse(box, fill=colour), dm.ellipse(box, fill=255)
        elif kind == 1:
            dl.rectangle(box, fill=colour), dm.rectangle(box, fill=255)
        else:
            pts = [(cx + rx * np.cos(a), cy + ry * np.sin(a))
                   for a in np.sort(rng.uniform(0, 2 * np.pi, int(rng.integers(3, 8))))]
            dl.polygon(pts, fill=colour), dm.polygon(pts, fill=255)
    alpha = np.asarray(mask.filter(ImageFilter.GaussianBlur(3)), dtype=f32)
    alpha /= f32(255)
    shade = value_noise(rng, (12, 16), (w, h))
    shade *= f32(0.25)
    shade += f32(1)
    shade *= alpha
    alpha -= f32(1)  # now -(1 - alpha)
    layer = np.asarray(layer)

    # Sensor grain: luminance noise plus a little chroma noise, as a phone's small sensor gives.
    grain = rng.standard_normal((h, w), dtype=f32)
    grain *= f32(rng.uniform(6.0, 9.0))
    out = np.empty((h, w, 3), np.uint8)
    tint = (f32(0.8), f32(1.0), f32(0.6))
    for c in range(3):
        ch = np.where(in_sky, f32(sky_top[c]) + f32(sky_low[c] - sky_top[c]) * t,
                      f32(far[c]) + f32(near[c] - far[c]) * t)
        ch *= light
        ch += np.where(in_sky, texture, texture * tint[c])
        ch *= alpha
        ch *= f32(-1)
        ch += layer[..., c] * shade
        ch += grain
        ch += rng.standard_normal((h, w), dtype=f32) * f32(2.0)
        np.clip(ch, 0, 255, out=ch)
        out[..., c] = ch
    return Image.fromarray(out, "RGB")


def exif_for(i, rng_seed):
    rng = np.random.default_rng([rng_seed, i, 1])
    make, model = CAMERAS[i % len(CAMERAS)]
    taken = f"2023:05:{1 + i % 28:02d} {8 + i % 10:02d}:{i * 7 % 60:02d}:{i * 13 % 60:02d}"
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[SOFTWARE], exif[DATETIME] = make, model, f"{model} firmware", taken
    exif[ORIENTATION] = 6 if i % 4 == 1 else 1
    sub = exif.get_ifd(IFD.Exif)
    sub[DATETIME_ORIGINAL], sub[LENS_MODEL] = taken, f"{model} back camera 4.7mm f/1.8"
    if i % 3 != 0:
        gps = exif.get_ifd(IFD.GPSInfo)
        lat, lon = rng.uniform(8.1, 8.8), rng.uniform(114.5, 115.7)  # Bali: 8 S, 115 E

        def dms(v):
            d, m = int(v), int(v * 60) % 60
            return (IFDRational(d, 1), IFDRational(m, 1), IFDRational(round((v * 3600) % 60 * 100), 100))
        gps[GPS_VERSION], gps[GPS_DATE] = b"\x02\x02\x00\x00", taken[:10]
        gps[GPS_LAT_REF], gps[GPS_LAT] = "S", dms(lat)
        gps[GPS_LON_REF], gps[GPS_LON] = "E", dms(lon)
        gps[GPS_ALT_REF], gps[GPS_ALT] = b"\x00", IFDRational(int(rng.integers(2, 900)), 1)
    return exif


def write_one(args):
    i, out, seed, width, height, quality = args
    path = os.path.join(out, f"foto-{i:03d}.jpg")
    img = photo(i, seed, width, height)
    tmp = path + ".tmp"
    img.save(tmp, "JPEG", quality=quality, subsampling="4:2:0", exif=exif_for(i, seed).tobytes())
    os.replace(tmp, path)
    return path, os.path.getsize(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--width", type=int, default=4000)
    ap.add_argument("--height", type=int, default=3000)
    ap.add_argument("--quality", type=int, default=90)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    work = [(i, a.out, a.seed, a.width, a.height, a.quality) for i in range(a.n)
            if not os.path.exists(os.path.join(a.out, f"foto-{i:03d}.jpg"))]
    total, done = 0, 0
    with ProcessPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        for path, size in pool.map(write_one, work):
            done += 1
            total += size
            print(f"\r  {done}/{len(work)} photos ({total / done / 1e6:.1f} MB average)", end="", file=sys.stderr)
    if work:
        print(file=sys.stderr)


if __name__ == "__main__":
    main()
