//! Turns one photo into every size and format a site needs, decoding it once: the decode of a
//! 12-megapixel JPEG costs as much as several of its small variants, so every variant is cut
//! from the same pixels, upright, and written without a byte of the camera's metadata (GPS
//! positions of a minister's home must not leak through a press photo).

use std::borrow::Cow;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use fast_image_resize as fir;
use rayon::prelude::*;

use super::inspect::{inspect, Format, PhotoError};

/// How a variant's box is filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// Scale to exactly `width`×`height` (the caller keeps the aspect ratio; never upscale is the
    /// caller's job too).
    Resize,
    /// Cover `width`×`height` and crop, keeping the point `focus` (x, y in 0.0..=1.0 of the
    /// oriented photo, (0.5, 0.5) = centre) as close to the centre of the crop as the photo
    /// allows: a social card of a speaker keeps the face when the editor marks it.
    Crop {
        /// The point to keep, as fractions of the oriented photo's width and height.
        focus: (f32, f32),
    },
}

/// The output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Progressive JPEG, 4:2:0, optimised Huffman tables, JFIF header only.
    Jpeg {
        /// libjpeg-scale quality, clamped to 1..=100.
        quality: u8,
    },
    /// Lossy WebP (libwebp); `quality` 0..=100.
    Webp {
        /// libwebp quality, clamped to 0..=100.
        quality: u8,
    },
    /// Lossless PNG, for the rare graphic that must stay sharp.
    Png,
    /// A Windows icon holding the PNG (`favicon.ico`).
    Ico,
}

/// One output of [`produce`]. Sizes are of the *oriented* photo, as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Scale, or cover and crop.
    pub fit: Fit,
    /// Output format and quality.
    pub encoding: Encoding,
    /// An upper bound on the encoded size (a social image must stay under 1 MB): lower the
    /// quality step by step until it fits (JPEG/WebP), else return the smallest tried.
    pub max_bytes: Option<usize>,
}

/// Decodes `bytes` once and encodes every variant, in the order given.
///
/// Checks the photo with [`inspect`] first, so an oversized header, a non-image or a cut-short
/// file fails before any pixel buffer exists. Output is byte-identical for the same input on
/// the same machine whatever the thread (the SIMD paths of the resizer and encoders are chosen
/// per CPU, so another CPU generation may round differently). Variants are resized and encoded
/// in parallel on rayon's pool, which nests without oversubscribing when the caller is already
/// running photos in parallel.
pub fn produce(
    bytes: &[u8],
    max_pixels: u64,
    variants: &[Variant],
) -> Result<Vec<Vec<u8>>, PhotoError> {
    let info = inspect(bytes, max_pixels)?;
    variants.iter().try_for_each(|v| check_variant(v, max_pixels))?;
    if variants.is_empty() {
        return Ok(Vec::new());
    }
    let source = decode(bytes, info.format, max_pixels)?;
    let plans: Vec<Plan> =
        variants.iter().map(|v| Plan::new(v, &source, info.orientation)).collect();
    let resized = resize_all(&source, &plans)?;
    resized
        .par_iter()
        .zip(variants)
        .map(|(pixels, variant)| {
            let upright = orient(pixels, info.orientation);
            encode_within(&upright, variant.encoding, variant.max_bytes)
        })
        .collect()
}

/// Encodes pixels drawn elsewhere (a card: `rgb`, `width`×`height`, 3 bytes a pixel) as
/// `variant` says, within its byte budget; its size and fit are not used.
pub fn encode_rgb(
    rgb: Vec<u8>,
    width: u32,
    height: u32,
    variant: &Variant,
) -> Result<Vec<u8>, PhotoError> {
    if rgb.len() != width as usize * height as usize * 3 {
        return Err(PhotoError::Encode("the drawing has the wrong number of pixels".into()));
    }
    let pixels = Pixels { width, height, alpha: false, data: rgb };
    encode_within(&pixels, variant.encoding, variant.max_bytes)
}

/// Decoded pixels, 8 bits per channel, RGB or (only when some pixel is not opaque) RGBA.
#[derive(Debug, Clone)]
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

impl Pixels {
    fn channels(&self) -> usize {
        if self.alpha {
            4
        } else {
            3
        }
    }
}

const JPEG_MAX_SIDE: u32 = 65_535;
const WEBP_MAX_SIDE: u32 = 16_383;

/// A variant the encoders cannot write, or bigger than the photos a site may hold, is a
/// configuration mistake; refusing it up front also bounds the memory an output can take.
fn check_variant(variant: &Variant, max_pixels: u64) -> Result<(), PhotoError> {
    let (w, h) = (variant.width, variant.height);
    let limit = match variant.encoding {
        Encoding::Jpeg { .. } => Some(("JPEG", JPEG_MAX_SIDE)),
        Encoding::Webp { .. } => Some(("WebP", WEBP_MAX_SIDE)),
        Encoding::Png | Encoding::Ico => None,
    };
    if w == 0 || h == 0 {
        return Err(PhotoError::Encode(format!("a size of {w} × {h} pixels was asked for")));
    }
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(PhotoError::Encode(format!(
            "a size of {w} × {h} pixels was asked for, more than photos.max_megapixels allows"
        )));
    }
    match limit {
        Some((name, side)) if w > side || h > side => Err(PhotoError::Encode(format!(
            "{name} cannot be {w} × {h} pixels (at most {side} on a side)"
        ))),
        _ => Ok(()),
    }
}

/// The decoders' whole allocation budget per allowed pixel: the decoded image at up to 8 bytes
/// a pixel (16-bit RGBA PNG) plus as much again for their working buffers (zune-jpeg keeps
/// progressive coefficients). A header that lies about its size still cannot exhaust memory.
const ALLOC_BYTES_PER_PIXEL: u64 = 16;

fn decode(bytes: &[u8], format: Format, max_pixels: u64) -> Result<Pixels, PhotoError> {
    if format == Format::Jpeg && separate_subsampled_scans(bytes) {
        return Err(PhotoError::Corrupt(
            "it is a JPEG that stores each colour in a separate scan, which this version of warta \
             decodes wrongly; open it in a photo editor and save it again"
                .into(),
        ));
    }
    let format = match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(ALLOC_BYTES_PER_PIXEL));
    reader.limits(limits);
    // The decoders are third-party code fed hostile bytes; a panic in one must cost one photo,
    // not the whole build on a rayon worker.
    let decoded = catch_unwind(AssertUnwindSafe(|| reader.decode()))
        .map_err(|_| PhotoError::Corrupt("the decoder crashed on it".into()))?
        .map_err(decode_error)?;
    let (width, height) = (decoded.width(), decoded.height());
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(PhotoError::TooLarge { width, height, max_pixels });
    }
    Ok(match decoded {
        image::DynamicImage::ImageRgb8(rgb) => {
            Pixels { width, height, alpha: false, data: rgb.into_raw() }
        }
        other if other.color().has_alpha() => {
            let rgba = other.into_rgba8().into_raw();
            if rgba.chunks_exact(4).all(|px| px[3] == u8::MAX) {
                // Opaque RGBA (common in PNG screenshots): a third less to resize, and WebP
                // writes no alpha plane.
                let rgb = rgba.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect();
                Pixels { width, height, alpha: false, data: rgb }
            } else {
                Pixels { width, height, alpha: true, data: rgba }
            }
        }
        other => Pixels { width, height, alpha: false, data: other.into_rgb8().into_raw() },
    })
}

/// A sequential JPEG with subsampled colour whose first scan holds fewer components than the
/// frame: zune-jpeg 0.5.15 decodes these to garbage without an error (etemesi254/zune-image#422),
/// and a refused photo is better than a published green one. Only headers are read: every
/// segment before the first scan carries its length.
fn separate_subsampled_scans(bytes: &[u8]) -> bool {
    let mut pos = 2;
    let mut frame: Option<(u8, bool)> = None;
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(pos), bytes.get(pos + 1)) {
        let Some(len) =
            bytes.get(pos + 2..pos + 4).map(|b| usize::from(b[0]) << 8 | usize::from(b[1]))
        else {
            return false;
        };
        let Some(data) = bytes.get(pos + 4..pos + 2 + len) else { return false };
        match marker {
            // Huffman-coded sequential frames: baseline and extended.
            0xC0 | 0xC1 => {
                let components = data.get(5).copied().unwrap_or(0);
                let sampling: Vec<u8> =
                    data.get(6..).unwrap_or(&[]).chunks_exact(3).map(|c| c[1]).collect();
                frame = Some((components, sampling.windows(2).any(|w| w[0] != w[1])));
            }
            0xDA => {
                let scan = data.first().copied().unwrap_or(0);
                return matches!(frame, Some((n, true)) if scan < n);
            }
            _ => {}
        }
        pos += 2 + len;
    }
    false
}

fn decode_error(error: image::ImageError) -> PhotoError {
    use image::ImageError as E;
    let text = match error {
        E::Limits(_) => "decoding it needs more memory than its size allows".to_owned(),
        E::Unsupported(e) => format!("it uses a variant of its format that cannot be read ({e})"),
        E::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the file is cut short (was the upload or copy interrupted?)".to_owned()
        }
        other => other.to_string(),
    };
    PhotoError::Corrupt(text)
}

/// A region of the stored (not yet oriented) photo, as fractions of its width and height, so
/// that it can be cut from the full decode or from any smaller copy of it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Region {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

const WHOLE: Region = Region { x: 0.0, y: 0.0, w: 1.0, h: 1.0 };

/// What to resize for one variant, in stored orientation: the region and the output size. The
/// variant's sizes are of the oriented photo; resizing before rotating moves the fewest pixels.
#[derive(Debug, Clone, Copy)]
struct Plan {
    region: Region,
    width: u32,
    height: u32,
}

impl Plan {
    fn new(variant: &Variant, source: &Pixels, orientation: u8) -> Plan {
        let swap = orientation >= 5;
        let (width, height) =
            if swap { (variant.height, variant.width) } else { (variant.width, variant.height) };
        let Fit::Crop { focus } = variant.fit else { return Plan { region: WHOLE, width, height } };
        // Cover in oriented space, where the focus point and sizes are given.
        let (sw, sh) = (f64::from(source.width), f64::from(source.height));
        let (ow, oh) = if swap { (sh, sw) } else { (sw, sh) };
        let (tw, th) = (f64::from(variant.width), f64::from(variant.height));
        let (cw, ch) = if ow * th > oh * tw { (oh * tw / th, oh) } else { (ow, ow * th / tw) };
        let place = |focus: f32, crop: f64, whole: f64| {
            let focus = if focus.is_finite() { f64::from(focus).clamp(0.0, 1.0) } else { 0.5 };
            (focus * whole - crop / 2.0).clamp(0.0, whole - crop) / whole
        };
        let (x, y) = (place(focus.0, cw, ow), place(focus.1, ch, oh));
        let (w, h) = (cw / ow, ch / oh);
        // The same rectangle in stored space: EXIF orientation n maps stored to displayed, so
        // this is its inverse applied to the rectangle's corners.
        let region = match orientation {
            2 => Region { x: 1.0 - x - w, y, w, h },
            3 => Region { x: 1.0 - x - w, y: 1.0 - y - h, w, h },
            4 => Region { x, y: 1.0 - y - h, w, h },
            5 => Region { x: y, y: x, w: h, h: w },
            6 => Region { x: y, y: 1.0 - x - w, w: h, h: w },
            7 => Region { x: 1.0 - y - h, y: 1.0 - x - w, w: h, h: w },
            8 => Region { x: 1.0 - y - h, y: x, w: h, h: w },
            _ => Region { x, y, w, h },
        };
        Plan { region, width, height }
    }

    /// How many source pixels of `from` feed one output pixel along the tighter axis.
    fn shrink_from(&self, width: u32, height: u32) -> f64 {
        let sx = self.region.w * f64::from(width) / f64::from(self.width);
        let sy = self.region.h * f64::from(height) / f64::from(self.height);
        sx.min(sy)
    }
}

/// Resampling filter. CatmullRom (bicubic, support 2) rather than Lanczos3 (support 3): at the
/// 2–8× reductions of web variants the two are visually indistinguishable (Lanczos3's extra
/// lobe mostly adds ringing on text and edges), and the shorter kernel makes every
/// convolution pass about a third cheaper. Measured in examples/bench.rs.
const FILTER: fir::FilterType = fir::FilterType::CatmullRom;

/// A smaller variant is cut from an already resized whole-photo variant instead of the full
/// decode when that copy still has this many pixels per output pixel. Resampling twice is then
/// indistinguishable from once: on the bench photo, 960 px from the 1600 px copy (1.67×) is
/// 54 dB PSNR from the direct result, 480 px 56 dB, and even 1.1× stays above 51 dB; the work
/// falls with the square of the source's size (960 px: 12 ms direct, 4 ms derived). 1.5 keeps
/// a margin for real photos with more fine detail than the generated one.
const DERIVE_MIN_SHRINK: f64 = 1.5;

/// Resizes every plan, in parallel: first those that need the full decode, then those that can
/// be cut from one of the first round's whole-photo results (the smallest that is large
/// enough, so the choice depends only on the plans and the output stays deterministic).
fn resize_all(source: &Pixels, plans: &[Plan]) -> Result<Vec<Pixels>, PhotoError> {
    let mut order: Vec<usize> = (0..plans.len()).collect();
    let area = |p: &Plan| u64::from(p.width) * u64::from(p.height);
    order.sort_by_key(|&i| std::cmp::Reverse(area(&plans[i])));
    // For each plan: None = from the source, Some(j) = from plan j's output.
    let mut parent: Vec<Option<usize>> = vec![None; plans.len()];
    let mut direct_wholes: Vec<usize> = Vec::new();
    for &i in &order {
        let plan = &plans[i];
        let fits =
            |j: &&usize| plan.shrink_from(plans[**j].width, plans[**j].height) >= DERIVE_MIN_SHRINK;
        parent[i] = direct_wholes.iter().rev().find(fits).copied();
        if parent[i].is_none() && plan.region == WHOLE {
            direct_wholes.push(i);
        }
    }
    let mut out: Vec<Option<Pixels>> = vec![None; plans.len()];
    let first: Vec<(usize, Pixels)> = (0..plans.len())
        .into_par_iter()
        .filter(|&i| parent[i].is_none())
        .map(|i| resize(source, &plans[i]).map(|p| (i, p)))
        .collect::<Result<_, _>>()?;
    for (i, pixels) in first {
        out[i] = Some(pixels);
    }
    let second: Vec<(usize, Pixels)> = (0..plans.len())
        .into_par_iter()
        .filter_map(|i| Some((i, out[parent[i]?].as_ref()?)))
        .map(|(i, from)| resize(from, &plans[i]).map(|p| (i, p)))
        .collect::<Result<_, _>>()?;
    for (i, pixels) in second {
        out[i] = Some(pixels);
    }
    out.into_iter()
        .map(|p| p.ok_or_else(|| PhotoError::Encode("a variant was not resized".into())))
        .collect()
}

fn resize(from: &Pixels, plan: &Plan) -> Result<Pixels, PhotoError> {
    let failed = |e: &dyn std::fmt::Display| PhotoError::Encode(format!("resizing failed: {e}"));
    let (fw, fh) = (f64::from(from.width), f64::from(from.height));
    let width = (plan.region.w * fw).clamp(1.0, fw);
    let height = (plan.region.h * fh).clamp(1.0, fh);
    let left = (plan.region.x * fw).clamp(0.0, fw - width);
    let top = (plan.region.y * fh).clamp(0.0, fh - height);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(FILTER))
        .crop(left, top, width, height);
    let data = if from.alpha {
        resize_as::<fir::pixels::U8x4>(from, plan, &options)
    } else {
        resize_as::<fir::pixels::U8x3>(from, plan, &options)
    }
    .map_err(|e| failed(&e))?;
    Ok(Pixels { width: plan.width, height: plan.height, alpha: from.alpha, data })
}

/// [`resize`] with pixels of type `P`. The typed resizer, not `Resizer::resize`, which picks
/// the type at run time: that one makes warta's build compile the convolutions of all thirteen
/// pixel types (a fifth of warta's LLVM code, and of its compile time) for the two it uses.
fn resize_as<P: fir::PixelTrait>(
    from: &Pixels,
    plan: &Plan,
    options: &fir::ResizeOptions,
) -> Result<Vec<u8>, String> {
    let src = fir::images::TypedImageRef::<P>::from_buffer(from.width, from.height, &from.data)
        .map_err(|e| e.to_string())?;
    let mut data = vec![0; plan.width as usize * plan.height as usize * P::size()];
    let mut dst = fir::images::TypedImage::<P>::from_buffer(plan.width, plan.height, &mut data)
        .map_err(|e| e.to_string())?;
    fir::Resizer::new().resize_typed(&src, &mut dst, options).map_err(|e| e.to_string())?;
    Ok(data)
}

/// Applies EXIF orientation `n` (1..=8): rotates and mirrors so the result is upright.
fn orient(pixels: &Pixels, orientation: u8) -> Cow<'_, Pixels> {
    if !(2..=8).contains(&orientation) {
        return Cow::Borrowed(pixels);
    }
    let (w, h) = (pixels.width as usize, pixels.height as usize);
    let swap = orientation >= 5;
    let (ow, oh) = if swap { (h, w) } else { (w, h) };
    let c = pixels.channels();
    let mut data = vec![0; ow * oh * c];
    for (y, row) in data.chunks_exact_mut(ow * c).enumerate() {
        // Where displayed (x, y) is stored: start and step along a displayed row.
        let (start, step): ((usize, usize), (isize, isize)) = match orientation {
            2 => ((w - 1, y), (-1, 0)),
            3 => ((w - 1, h - 1 - y), (-1, 0)),
            4 => ((0, h - 1 - y), (1, 0)),
            5 => ((y, 0), (0, 1)),
            6 => ((y, h - 1), (0, -1)),
            7 => ((w - 1 - y, h - 1), (0, -1)),
            _ => ((w - 1 - y, 0), (0, 1)),
        };
        let stride = (step.0 + step.1 * w as isize) * c as isize;
        let mut at = ((start.1 * w + start.0) * c) as isize;
        for px in row.chunks_exact_mut(c) {
            if let Some(src) = usize::try_from(at).ok().and_then(|i| pixels.data.get(i..i + c)) {
                px.copy_from_slice(src);
            }
            at += stride;
        }
    }
    let (width, height) =
        if swap { (pixels.height, pixels.width) } else { (pixels.width, pixels.height) };
    Cow::Owned(Pixels { width, height, alpha: pixels.alpha, data })
}

/// Composites onto white: JPEG has no alpha, and transparent logos are drawn for light pages.
fn flatten(pixels: &Pixels) -> Cow<'_, Pixels> {
    if !pixels.alpha {
        return Cow::Borrowed(pixels);
    }
    let data = pixels
        .data
        .chunks_exact(4)
        .flat_map(|px| {
            let a = u32::from(px[3]);
            let mix = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [mix(px[0]), mix(px[1]), mix(px[2])]
        })
        .collect();
    Cow::Owned(Pixels { width: pixels.width, height: pixels.height, alpha: false, data })
}

/// Quality steps tried when an output is over its byte budget, and the floor below which a
/// photo is too damaged to publish (then the smallest result is returned).
const QUALITY_STEP: u8 = 5;
const QUALITY_FLOOR: u8 = 20;

fn encode_within(
    pixels: &Pixels,
    encoding: Encoding,
    max_bytes: Option<usize>,
) -> Result<Vec<u8>, PhotoError> {
    let mut smallest = encode(pixels, encoding)?;
    let Some(cap) = max_bytes else { return Ok(smallest) };
    let mut quality = match encoding {
        Encoding::Jpeg { quality } | Encoding::Webp { quality } => quality,
        Encoding::Png | Encoding::Ico => return Ok(smallest),
    };
    while smallest.len() > cap && quality > QUALITY_FLOOR {
        quality = quality.saturating_sub(QUALITY_STEP).max(QUALITY_FLOOR);
        let lower = match encoding {
            Encoding::Jpeg { .. } => Encoding::Jpeg { quality },
            _ => Encoding::Webp { quality },
        };
        let candidate = encode(pixels, lower)?;
        if candidate.len() < smallest.len() {
            smallest = candidate;
        }
    }
    Ok(smallest)
}

fn encode(pixels: &Pixels, encoding: Encoding) -> Result<Vec<u8>, PhotoError> {
    match encoding {
        Encoding::Jpeg { quality } => encode_jpeg(&flatten(pixels), quality),
        Encoding::Webp { quality } => encode_webp(pixels, quality),
        Encoding::Png => encode_png(pixels),
        Encoding::Ico => encode_ico(pixels),
    }
}

/// An icon file holding the PNG of the pixels, as every browser since 2007 reads it.
fn encode_ico(pixels: &Pixels) -> Result<Vec<u8>, PhotoError> {
    use image::codecs::ico::{IcoEncoder, IcoFrame};
    // An icon's PNG is RGBA, as Windows and image's own decoder require.
    let rgba = match pixels.alpha {
        true => pixels.data.clone(),
        false => pixels.data.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
    };
    let rgba = Pixels { width: pixels.width, height: pixels.height, alpha: true, data: rgba };
    let fail = |e: image::ImageError| PhotoError::Encode(format!("icon encoding failed: {e}"));
    let color = image::ExtendedColorType::Rgba8;
    let frame = IcoFrame::with_encoded(encode_png(&rgba)?, pixels.width, pixels.height, color)
        .map_err(fail)?;
    let mut out = Vec::new();
    IcoEncoder::new(&mut out).encode_images(&[frame]).map_err(fail)?;
    Ok(out)
}

/// Progressive with optimised Huffman tables, 4:2:0 with averaged chroma (as libjpeg; the
/// encoder only subsamples by default below quality 90, and then by picking one pixel).
///
/// Not baseline, although with optimised tables it is 11–13% smaller on the bench photo:
/// jpeg-encoder then writes one scan per colour component, which zune-jpeg 0.5.15 (the JPEG
/// decoder of `image`, warta's own) silently decodes to green stripes
/// (etemesi254/zune-image#422). Browsers would be fine, but warta and other Rust tools reading
/// the output back would not. Baseline with the standard tables is interleaved but about 12%
/// larger than this. Revisit once a fixed zune-jpeg is in Cargo.lock.
fn encode_jpeg(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let too_big = || PhotoError::Encode("JPEG cannot be wider or taller than 65,535 pixels".into());
    let width = u16::try_from(pixels.width).map_err(|_| too_big())?;
    let height = u16::try_from(pixels.height).map_err(|_| too_big())?;
    let mut out = Vec::with_capacity(pixels.data.len() / 8);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
    encoder.set_optimized_huffman_tables(true);
    encoder.set_progressive(true);
    encoder
        .encode(&pixels.data, width, height, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| PhotoError::Encode(format!("JPEG encoding failed: {e}")))?;
    Ok(out)
}

/// libwebp's effort (0 fastest .. 6 smallest). 2, not the default 4: at q80 it encodes the
/// 1600×1200 bench variant in 68 ms instead of 174 ms for 1.5% more bytes (65 → 66 KB), and
/// WebP encoding is most of the photo pipeline's time.
const WEBP_METHOD: i32 = 2;

/// libwebp lossy at `WEBP_METHOD`, single-threaded (so deterministic). The `Result` API,
/// not `Encoder::encode`, which unwraps libwebp's errors into a panic.
fn encode_webp(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = (pixels.width, pixels.height);
    let channels = pixels.channels();
    if pixels.data.len() < w as usize * h as usize * channels {
        return Err(PhotoError::Encode("WebP encoding got too few pixels".into()));
    }
    let encoder = if pixels.alpha {
        webp::Encoder::from_rgba(&pixels.data, w, h)
    } else {
        webp::Encoder::from_rgb(&pixels.data, w, h)
    };
    let failed =
        |e: &dyn std::fmt::Debug| PhotoError::Encode(format!("WebP encoding failed: {e:?}"));
    let mut config = webp::WebPConfig::new().map_err(|e| failed(&e))?;
    config.quality = f32::from(quality.min(100));
    config.method = WEBP_METHOD;
    let memory = encoder.encode_advanced(&config).map_err(|e| failed(&e))?;
    Ok(memory.to_vec())
}

/// image's PNG encoder writes IHDR, IDAT and IEND only, unless told to add a profile. Its
/// default compression is its fastest, which made a PNG published at its own size up to twice
/// the file uploaded (found in stop 66: 303 KB came out 612 KB). Its balanced level, with a
/// filter chosen per row, makes a Chromium screenshot of 73 KB (1280 × 900) 78 KB, where the
/// fastest made 126 KB; it takes about 16 ms where the fastest takes 2. A graphic is made once,
/// kept in the photo cache, and read by every visitor who sees it.
fn encode_png(pixels: &Pixels) -> Result<Vec<u8>, PhotoError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    use image::ImageEncoder;
    let mut out = Vec::new();
    let color =
        if pixels.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
    PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive)
        .write_image(&pixels.data, pixels.width, pixels.height, color)
        .map_err(|e| PhotoError::Encode(format!("PNG encoding failed: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::inspect::tests::{
        exif_app1, huge_png, iptc_app13, jpeg, noise, png_chunk, webp_with_metadata, xmp_app1,
    };
    use super::*;

    const LIMIT: u64 = 50_000_000;
    const RED: [u8; 3] = [230, 20, 20];
    const GREY: [u8; 3] = [120, 120, 120];
    const BLUE: [u8; 3] = [20, 20, 230];

    fn decoded(bytes: &[u8]) -> image::RgbaImage {
        image::load_from_memory(bytes).unwrap().into_rgba8()
    }

    fn variant(width: u32, height: u32, fit: Fit, encoding: Encoding) -> Variant {
        Variant { width, height, fit, encoding, max_bytes: None }
    }

    fn near(pixel: &image::Rgba<u8>, colour: [u8; 3]) -> bool {
        pixel.0.iter().zip(colour).all(|(&a, b)| a.abs_diff(b) < 40)
    }

    /// Stored 400×300 with a red 60×60 block at the stored top-left corner.
    fn marked(orientation: u16) -> Vec<u8> {
        let pixel = |x: u32, y: u32| if x < 60 && y < 60 { RED } else { GREY };
        let app1 = exif_app1(orientation, b"Rapat koordinasi", b"Humas");
        jpeg(400, 300, pixel, &[(1, app1)])
    }

    #[test]
    fn orientation_6_and_8_give_upright_outputs_of_the_oriented_size() {
        // Rotating 90° clockwise (6) takes the stored top-left corner to the top-right; 90°
        // counter-clockwise (8) to the bottom-left.
        for (orientation, corner) in [(6u16, (149, 0)), (8, (0, 199))] {
            let photo = marked(orientation);
            let info = inspect(&photo, LIMIT).unwrap();
            assert_eq!((info.width, info.height), (300, 400));
            let variants = [
                variant(150, 200, Fit::Resize, Encoding::Png),
                variant(150, 200, Fit::Resize, Encoding::Jpeg { quality: 90 }),
                variant(150, 200, Fit::Resize, Encoding::Webp { quality: 90 }),
            ];
            for output in produce(&photo, LIMIT, &variants).unwrap() {
                let image = decoded(&output);
                assert_eq!(image.dimensions(), (150, 200));
                let (x, y) = corner;
                assert!(
                    near(image.get_pixel(x, y), RED),
                    "{orientation}: {:?}",
                    image.get_pixel(x, y)
                );
                let (ox, oy) = (149 - x, 199 - y);
                assert!(near(image.get_pixel(ox, oy), GREY), "{orientation}: opposite corner");
            }
        }
    }

    #[test]
    fn every_orientation_lands_the_marker_where_a_viewer_sees_it() {
        // Displayed corner of the stored top-left corner, as (right?, bottom?).
        let expected = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0), (1, 0), (1, 1), (0, 1)];
        for (orientation, (right, bottom)) in (1..=8u16).zip(expected) {
            let photo = marked(orientation);
            let (w, h) = if orientation >= 5 { (30, 40) } else { (40, 30) };
            let corner = |w: u32, h: u32| (right * (w - 1), bottom * (h - 1));
            // A square crop removes a quarter of the long side: towards the marker it keeps
            // it in the same corner, away from it it cuts it off.
            let (fx, fy) = (right as f32, bottom as f32);
            let variants = [
                variant(w, h, Fit::Resize, Encoding::Png),
                variant(30, 30, Fit::Crop { focus: (fx, fy) }, Encoding::Png),
                variant(30, 30, Fit::Crop { focus: (1.0 - fx, 1.0 - fy) }, Encoding::Png),
            ];
            let out = produce(&photo, LIMIT, &variants).unwrap();
            let (whole, towards, away) = (decoded(&out[0]), decoded(&out[1]), decoded(&out[2]));
            assert_eq!(whole.dimensions(), (w, h));
            let (x, y) = corner(w, h);
            assert!(near(whole.get_pixel(x, y), RED), "orientation {orientation}");
            let (x, y) = corner(30, 30);
            assert!(near(towards.get_pixel(x, y), RED), "orientation {orientation}, towards");
            assert!(near(away.get_pixel(x, y), GREY), "orientation {orientation}, away");
        }
    }

    /// Every JPEG segment, scans included: only JFIF APP0 and what decoding needs.
    fn assert_clean_jpeg(bytes: &[u8]) {
        assert_eq!(&bytes[..2], b"\xff\xd8");
        let mut pos = 2;
        loop {
            assert_eq!(bytes[pos], 0xFF, "marker expected at {pos}");
            let marker = bytes[pos + 1];
            if marker == 0xD9 {
                assert_eq!(pos + 2, bytes.len(), "bytes after EOI");
                return;
            }
            let len = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
            match marker {
                0xE0 => assert_eq!(&bytes[pos + 4..pos + 9], b"JFIF\0"),
                0xDB | 0xC0..=0xC2 | 0xC4 | 0xDA | 0xDD => {}
                other => panic!("unexpected JPEG segment FF{other:02X}"),
            }
            pos += 2 + len;
            if marker == 0xDA {
                // Entropy-coded data: 0xFF only as FF00 stuffing or a restart marker.
                while bytes[pos] != 0xFF || matches!(bytes[pos + 1], 0x00 | 0xD0..=0xD7) {
                    pos += 1;
                }
            }
        }
    }

    fn assert_clean_webp(bytes: &[u8]) {
        assert_eq!((&bytes[..4], &bytes[8..12]), (&b"RIFF"[..], &b"WEBP"[..]));
        let mut pos = 12;
        while pos + 8 <= bytes.len() {
            let kind = &bytes[pos..pos + 4];
            let len = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize;
            assert!(matches!(kind, b"VP8 " | b"VP8L" | b"VP8X" | b"ALPH"), "WebP chunk {kind:?}");
            if kind == b"VP8X" {
                assert_eq!(bytes[pos + 8] & (0x20 | 0x08 | 0x04), 0, "VP8X declares metadata");
            }
            pos += 8 + len + (len & 1);
        }
        assert_eq!(pos, bytes.len());
    }

    fn assert_clean_png(bytes: &[u8]) {
        let mut pos = 8;
        while pos < bytes.len() {
            let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
            let kind = &bytes[pos + 4..pos + 8];
            assert!(
                matches!(kind, b"IHDR" | b"PLTE" | b"tRNS" | b"IDAT" | b"IEND"),
                "PNG chunk {kind:?}"
            );
            pos += 12 + len;
        }
    }

    fn assert_clean(bytes: &[u8]) {
        match inspect(bytes, LIMIT).unwrap().format {
            Format::Jpeg => assert_clean_jpeg(bytes),
            Format::Webp => assert_clean_webp(bytes),
            Format::Png => assert_clean_png(bytes),
        }
        for needle in [&b"Exif"[..], b"GPS", b"Humas", b"xmpmeta", b"8BIM", b"ICC_PROFILE"] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{needle:?} leaked");
        }
    }

    fn all_kinds() -> Vec<Variant> {
        let mut variants = Vec::new();
        for encoding in
            [Encoding::Jpeg { quality: 80 }, Encoding::Webp { quality: 80 }, Encoding::Png]
        {
            variants.push(variant(32, 24, Fit::Resize, encoding));
            variants.push(variant(20, 20, Fit::Crop { focus: (0.2, 0.8) }, encoding));
        }
        variants
    }

    #[test]
    fn gps_exif_xmp_iptc_icc_and_comments_never_reach_an_output() {
        let mut icc = b"ICC_PROFILE\0\x01\x01".to_vec();
        icc.extend([0; 128]);
        let app13 = iptc_app13(&[(2, 120, b"Rahasia"), (2, 110, b"Humas")]);
        let segments = [
            (1, exif_app1(1, b"Humas caption", b"Humas")),
            (1, xmp_app1("Humas")),
            (2, icc),
            (13, app13),
        ];
        let photo = jpeg(64, 48, |x, _| [x as u8 * 4, 90, 200], &segments);
        // A comment segment after SOI, where cameras and editors put theirs.
        let photo = [&photo[..2], b"\xff\xfe\x00\x0bHumas GPS", &photo[2..]].concat();

        let mut png = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut png),
            &[100; 64 * 48 * 4],
            64,
            48,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
        let text = png_chunk(b"tEXt", b"Comment\0Humas GPS");
        let exif = png_chunk(b"eXIf", &exif_app1(1, b"d", b"Humas")[6..]);
        let png = [&png[..33], &text, &exif, &png[33..]].concat();

        let simple = webp::Encoder::from_rgb(&[70; 64 * 48 * 3], 64, 48).encode(90.0).to_vec();
        let webp = webp_with_metadata(&simple, 64, 48, &exif_app1(1, b"d", b"Humas")[6..]);

        for input in [photo, png, webp] {
            assert!(inspect(&input, LIMIT).unwrap().credit.is_some());
            for output in produce(&input, LIMIT, &all_kinds()).unwrap() {
                assert_clean(&output);
            }
        }
    }

    /// A screenshot, text on a white page with a few coloured blocks, published as a PNG of its
    /// own size is about the size of the file uploaded, saved at a usual level of compression
    /// (here image's balanced one): at image's fastest it was a third larger, and real
    /// screenshots came out twice the size (stop 66).
    #[test]
    fn a_png_at_its_own_size_is_not_larger_than_the_one_uploaded() {
        let (w, h) = (640u32, 400u32);
        let page = |x: u32, y: u32| -> [u8; 3] {
            match (x, y) {
                (_, 0..48) => [10, 92, 54],
                (40..600, 80..380) if (y / 12).is_multiple_of(2) && (x * 7 + y * 3) % 11 < 6 => {
                    [20, 20, 20]
                }
                (420..600, 90..200) => [200, 220, 240],
                _ => [255, 255, 255],
            }
        };
        let rgb: Vec<u8> = (0..h).flat_map(|y| (0..w).flat_map(move |x| page(x, y))).collect();
        let mut uploaded = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new_with_quality(
                &mut uploaded,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            ),
            &rgb,
            w,
            h,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
        let out = produce(&uploaded, LIMIT, &[variant(w, h, Fit::Resize, Encoding::Png)]).unwrap();
        let published = out[0].len();
        assert!(
            published * 10 <= uploaded.len() * 11,
            "{published} bytes published for {} uploaded",
            uploaded.len()
        );
        let back = image::load_from_memory(&out[0]).unwrap().to_rgb8();
        assert_eq!(back.as_raw(), &rgb, "the pixels as uploaded");
    }

    /// A red band along the top 12 rows, a blue one along the bottom 12.
    fn big_photo(width: u32, height: u32) -> Vec<u8> {
        let band = |_, y| match y {
            0..12 => RED,
            _ if y >= height - 12 => BLUE,
            _ => GREY,
        };
        jpeg(width, height, band, &[])
    }

    /// Checks the crop's top and bottom rows for the bands of `big_photo`; `Some(true)` when
    /// the focus is at the top, `Some(false)` at the bottom, `None` for a full-height crop.
    fn assert_bands(output: &[u8], v: &Variant, top_kept: Option<bool>) {
        let image = decoded(output);
        assert_eq!(image.dimensions(), (v.width, v.height));
        let Some(top_kept) = top_kept else { return };
        let (top, bottom) =
            (image.get_pixel(v.width / 2, 0), image.get_pixel(v.width / 2, v.height - 1));
        let (want_top, want_bottom) = if top_kept { (RED, GREY) } else { (GREY, BLUE) };
        assert!(near(top, want_top), "{}×{}: top {top:?}", v.width, v.height);
        assert!(near(bottom, want_bottom), "{}×{}: bottom {bottom:?}", v.width, v.height);
    }

    #[test]
    fn crops_are_exact_and_focus_at_the_top_keeps_the_top_row() {
        // Full-size phone photos, as the brief's sizes are about them; each produce() of one
        // takes seconds in a debug build (the decoders' and encoders' generic code is compiled
        // into this crate, unoptimised), so one call per orientation.
        let sizes = [(1200, 630), (1080, 1080), (1080, 1350)];
        for (w, h) in [(4000, 3000), (3000, 4000)] {
            let photo = big_photo(w, h);
            let crop = |(tw, th)| {
                variant(tw, th, Fit::Crop { focus: (0.5, 0.0) }, Encoding::Jpeg { quality: 80 })
            };
            let variants: Vec<Variant> = sizes.into_iter().map(crop).collect();
            for (output, v) in produce(&photo, LIMIT, &variants).unwrap().iter().zip(&variants) {
                // 1080×1080 and 1080×1350 of a landscape photo keep its whole height.
                let whole_height =
                    u64::from(w) * u64::from(v.height) >= u64::from(h) * u64::from(v.width);
                assert_bands(output, v, (!whole_height).then_some(true));
            }
        }
        let photo = big_photo(800, 600);
        let bottom = variant(120, 63, Fit::Crop { focus: (0.5, 1.0) }, Encoding::Png);
        let centre = variant(120, 63, Fit::Crop { focus: (0.5, 0.5) }, Encoding::Png);
        let out = produce(&photo, LIMIT, &[bottom.clone(), centre.clone()]).unwrap();
        assert_bands(&out[0], &bottom, Some(false));
        let image = decoded(&out[1]);
        assert!(near(image.get_pixel(60, 0), GREY) && near(image.get_pixel(60, 62), GREY));
    }

    /// Incompressible noise: every byte budget bites.
    fn noisy(width: u32, height: u32) -> Vec<u8> {
        let mut next = noise(5);
        let pixels: Vec<[u8; 3]> = (0..width * height).map(|_| [next(), next(), next()]).collect();
        jpeg(width, height, |x, y| pixels[(y * width + x) as usize], &[])
    }

    #[test]
    fn max_bytes_lowers_quality_until_the_output_fits() {
        let photo = noisy(1200, 630);
        let cap = 1_000_000;
        for encoding in [Encoding::Jpeg { quality: 100 }, Encoding::Webp { quality: 100 }] {
            let free = variant(1200, 630, Fit::Resize, encoding);
            let capped = Variant { max_bytes: Some(cap), ..free.clone() };
            let out = produce(&photo, LIMIT, &[free, capped]).unwrap();
            assert!(out[0].len() > cap, "{encoding:?} uncapped is only {} bytes", out[0].len());
            assert!(out[1].len() <= cap, "{encoding:?}: {} bytes", out[1].len());
            assert_eq!(decoded(&out[1]).dimensions(), (1200, 630));
        }
    }

    #[test]
    fn a_cap_too_small_to_meet_returns_the_smallest_tried() {
        let photo = noisy(1200, 630);
        let tiny = Variant {
            max_bytes: Some(20_000),
            ..variant(1200, 630, Fit::Crop { focus: (0.5, 0.5) }, Encoding::Jpeg { quality: 85 })
        };
        let floor = variant(
            1200,
            630,
            Fit::Crop { focus: (0.5, 0.5) },
            Encoding::Jpeg { quality: QUALITY_FLOOR },
        );
        let out = produce(&photo, LIMIT, &[tiny, floor]).unwrap();
        assert!(out[0].len() > 20_000);
        assert_eq!(out[0], out[1]);
    }

    #[test]
    fn broken_inputs_are_refused_with_the_right_error() {
        let photo = big_photo(400, 300);
        let v = [variant(40, 30, Fit::Resize, Encoding::Jpeg { quality: 80 })];
        let cut = &photo[..photo.len() * 6 / 10];
        assert!(matches!(produce(cut, LIMIT, &v), Err(PhotoError::Corrupt(_))));
        let mut next = noise(3);
        let random: Vec<u8> = (0..10_000).map(|_| next()).collect();
        assert!(matches!(produce(&random, LIMIT, &v), Err(PhotoError::NotAnImage)));
        let start = std::time::Instant::now();
        assert!(matches!(produce(&huge_png(), LIMIT, &v), Err(PhotoError::TooLarge { .. })));
        assert!(start.elapsed() < std::time::Duration::from_millis(100));
        assert!(matches!(produce(&photo, 10_000, &v), Err(PhotoError::TooLarge { .. })));
        let zero = [variant(0, 30, Fit::Resize, Encoding::Png)];
        assert!(matches!(produce(&photo, LIMIT, &zero), Err(PhotoError::Encode(_))));
        let huge = [variant(1000, 1000, Fit::Resize, Encoding::Png)];
        assert!(matches!(produce(&photo, 200_000, &huge), Err(PhotoError::Encode(_))));
        let wide = [variant(20_000, 30, Fit::Resize, Encoding::Webp { quality: 80 })];
        assert!(matches!(produce(&photo, LIMIT, &wide), Err(PhotoError::Encode(_))));
    }

    #[test]
    fn a_jpeg_cut_just_before_its_end_is_refused_although_it_would_decode_grey() {
        let photo = big_photo(400, 300);
        let v = [variant(40, 30, Fit::Resize, Encoding::Png)];
        for keep in [photo.len() - 2, photo.len() / 2, 700] {
            assert!(
                matches!(produce(&photo[..keep], LIMIT, &v), Err(PhotoError::Corrupt(_))),
                "{keep}"
            );
        }
    }

    #[test]
    fn transparency_is_kept_for_png_and_webp_and_flattened_onto_white_for_jpeg() {
        let mut rgba = Vec::new();
        for y in 0..40u32 {
            for _ in 0..40u32 {
                rgba.extend(if y < 20 { [0, 0, 255, 0] } else { [0, 0, 255, 255] });
            }
        }
        let mut png = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut png),
            &rgba,
            40,
            40,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
        let variants = [
            variant(20, 20, Fit::Resize, Encoding::Jpeg { quality: 90 }),
            variant(20, 20, Fit::Resize, Encoding::Png),
            variant(20, 20, Fit::Resize, Encoding::Webp { quality: 90 }),
        ];
        let out = produce(&png, LIMIT, &variants).unwrap();
        let jpeg = decoded(&out[0]);
        assert!(near(jpeg.get_pixel(10, 2), [255, 255, 255]), "{:?}", jpeg.get_pixel(10, 2));
        assert!(near(jpeg.get_pixel(10, 17), [0, 0, 255]));
        for alpha in [&out[1], &out[2]] {
            let image = decoded(alpha);
            assert_eq!(image.get_pixel(10, 2).0[3], 0);
            assert_eq!(image.get_pixel(10, 17).0[3], 255);
        }
    }

    #[test]
    fn output_is_byte_identical_across_runs_and_thread_pools() {
        let photo = marked(6);
        let mut variants = all_kinds();
        variants.push(variant(150, 200, Fit::Resize, Encoding::Jpeg { quality: 80 }));
        variants.push(variant(75, 100, Fit::Resize, Encoding::Webp { quality: 80 }));
        let first = produce(&photo, LIMIT, &variants).unwrap();
        assert_eq!(first, produce(&photo, LIMIT, &variants).unwrap());
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert_eq!(first, pool.install(|| produce(&photo, LIMIT, &variants)).unwrap());
        }
    }

    #[test]
    fn smaller_variants_are_cut_from_a_larger_copy_only_when_it_is_large_enough() {
        let source = Pixels { width: 4000, height: 3000, alpha: false, data: Vec::new() };
        let whole = |w, h| Plan::new(&variant(w, h, Fit::Resize, Encoding::Png), &source, 1);
        let crop = |w, h| {
            Plan::new(&variant(w, h, Fit::Crop { focus: (0.5, 0.5) }, Encoding::Png), &source, 1)
        };
        let plans =
            [whole(480, 360), whole(1600, 1200), crop(1200, 630), whole(960, 720), crop(300, 300)];
        // 1600 from the source; 960 from 1600 (1.67×); 480 from 960 (2×), the smallest copy
        // large enough; the 1200×630 crop (1.33× of 1600) from the source; 300² from 960.
        let sources: Vec<Option<f64>> = plans
            .iter()
            .map(|p| {
                [&plans[1], &plans[3]]
                    .into_iter()
                    .filter(|from| p.shrink_from(from.width, from.height) >= DERIVE_MIN_SHRINK)
                    .map(|from| f64::from(from.width))
                    .reduce(f64::min)
            })
            .collect();
        assert_eq!(sources, [Some(960.0), None, None, Some(1600.0), Some(960.0)]);
    }

    #[test]
    fn a_jpeg_with_separate_subsampled_scans_is_refused_rather_than_decoded_green() {
        let rgb = [RED; 48 * 32].concat();
        let encode = |optimized: bool| {
            let mut out = Vec::new();
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, 80);
            encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
            // jpeg-encoder writes one scan per component when it optimises the tables.
            encoder.set_optimized_huffman_tables(optimized);
            encoder.encode(&rgb, 48, 32, jpeg_encoder::ColorType::Rgb).unwrap();
            out
        };
        let v = [variant(24, 16, Fit::Resize, Encoding::Png)];
        let error = produce(&encode(true), LIMIT, &v).unwrap_err();
        assert!(error.to_string().contains("stores each colour in a separate scan"), "{error}");
        let out = produce(&encode(false), LIMIT, &v).unwrap();
        assert!(near(decoded(&out[0]).get_pixel(12, 8), RED));
    }

    #[test]
    fn mutated_photos_never_panic() {
        let photo = big_photo(64, 48);
        let v = [variant(16, 12, Fit::Crop { focus: (0.3, 0.3) }, Encoding::Jpeg { quality: 70 })];
        let mut next = noise(11);
        for _ in 0..300 {
            let mut bytes = photo.clone();
            for _ in 0..1 + next() % 4 {
                let at = (usize::from(next()) << 8 | usize::from(next())) % bytes.len();
                bytes[at] = next();
            }
            let _ = produce(&bytes, LIMIT, &v);
        }
    }
}
