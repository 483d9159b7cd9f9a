//! Photos from a phone, as offices publish them: a 4:3 JPEG with the GPS position, the camera's
//! owner and an orientation in its EXIF block, an IPTC caption and credit; a PNG screenshot; a
//! broken file; a hostile PNG. Each test builds a small site and reads what was published.

use crate::support::*;
use std::collections::BTreeSet;

/// A photo-like JPEG `width`×`height`: gradients and a dark block in the top-left corner (so
/// that orientation can be checked), with `segments` (APP1, APP13…) after SOI.
fn jpeg(width: u32, height: u32, segments: &[Vec<u8>]) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        if x < width / 8 && y < height / 8 {
            image::Rgb([10, 10, 10])
        } else {
            image::Rgb([
                (x * 255 / width.max(1)) as u8,
                (y * 255 / height.max(1)) as u8,
                (((x + y) * 7) % 255) as u8,
            ])
        }
    });
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    encoder.encode_image(&img).expect("encodes");
    let mut with = out[..2].to_vec();
    for s in segments {
        with.extend(s);
    }
    with.extend(&out[2..]);
    with
}

/// A JPEG marker segment.
fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend(u16::try_from(payload.len() + 2).expect("fits").to_be_bytes());
    s.extend(payload);
    s
}

/// An EXIF APP1 with the orientation, the owner's name, a description and a GPS position.
fn exif(orientation: u16, artist: &str, description: &str) -> Vec<u8> {
    // Little-endian TIFF: IFD0 at 8 with 4 entries, then the GPS IFD, then the values.
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let ifd0_len = 2 + 4 * 12 + 4;
    let gps_at = 8 + ifd0_len;
    let gps_len = 2 + 2 * 12 + 4;
    let data_at = gps_at + gps_len;
    let artist_z = format!("{artist}\0");
    let desc_z = format!("{description}\0");
    let artist_at = data_at;
    let desc_at = artist_at + artist_z.len();
    let lat_at = desc_at + desc_z.len();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x010E, 2, desc_z.len() as u32, desc_at as u32);
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x013B, 2, artist_z.len() as u32, artist_at as u32);
    entry(&mut t, 0x8825, 4, 1, gps_at as u32);
    t.extend(0u32.to_le_bytes());
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"S\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, lat_at as u32);
    t.extend(0u32.to_le_bytes());
    t.extend(artist_z.as_bytes());
    t.extend(desc_z.as_bytes());
    for (n, d) in [(8u32, 1u32), (39, 1), (1234, 100)] {
        t.extend(n.to_le_bytes());
        t.extend(d.to_le_bytes());
    }
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(t);
    segment(0xE1, &payload)
}

/// An IPTC APP13 with a caption (2:120) and a credit (2:110), in UTF-8.
fn iptc(caption: &str, credit: &str) -> Vec<u8> {
    let mut iim = vec![0x1C, 1, 90, 0, 3, 0x1B, b'%', b'G'];
    for (dataset, text) in [(120u8, caption), (110, credit)] {
        iim.extend([0x1C, 2, dataset]);
        iim.extend(u16::try_from(text.len()).expect("short").to_be_bytes());
        iim.extend(text.as_bytes());
    }
    let mut payload = b"Photoshop 3.0\0".to_vec();
    payload.extend(b"8BIM");
    payload.extend(0x0404u16.to_be_bytes());
    payload.extend([0, 0]);
    payload.extend(u32::try_from(iim.len()).expect("short").to_be_bytes());
    payload.extend(&iim);
    if iim.len() % 2 == 1 {
        payload.push(0);
    }
    segment(0xED, &payload)
}

/// Whether a published JPEG carries any metadata segment (EXIF or XMP in APP1, ICC in APP2,
/// IPTC in APP13, a comment).
fn has_metadata(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA {
            return false;
        }
        if matches!(marker, 0xE1..=0xEF | 0xFE) {
            return true;
        }
        at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    }
    false
}

fn release(image: Option<&str>, extra: &str) -> String {
    let image = image.map(|i| format!("image: {i}\n")).unwrap_or_default();
    format!(
        "---\ntitle: Rapat Koordinasi Humas\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n\
         {image}{extra}---\nRapat koordinasi humas digelar hari ini di aula kantor.\n"
    )
}

fn photo_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Humas\nbase_url: https://humas.example.go.id/\nunits:\n  kanwil-bali: {name: Kanwil \
         Kemenag Provinsi Bali, short: Humas Bali, place: Denpasar}\nauthors:\n  sn: {name: Suryani}\n",
    );
    site
}

/// The site's output is byte for byte that of a clean build of the same input into another
/// folder.
fn assert_same_as_a_clean_build(site: &Site) {
    let clean = site.root().join("clean");
    warta::build(&warta::BuildOptions { clean: true, ..options(site.root(), &clean) })
        .expect("clean build");
    assert!(tree(&site.public()) == tree(&clean), "differs from a clean build");
}

fn put(site: &Site, rel: &str, bytes: &[u8]) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().expect("has a folder")).expect("folder");
    std::fs::write(path, bytes).expect("written");
}

const DIR: &str = "content/2023/05/rapat";
const PAGE: &str = "2023/05/rapat/";

#[test]
fn a_phone_photo_is_published_in_sizes_upright_and_without_its_metadata() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("IMG 20230515 WA0012.JPG"), ""));
    // Stored 1600×1200 on its side (orientation 6): it is shown 1200×1600.
    let photo = jpeg(
        1600,
        1200,
        &[
            exif(6, "Budi Santoso", "Rapat di aula"),
            iptc("Suasana rapat 📷 & diskusi", "Humas Bali"),
        ],
    );
    put(&site, &format!("{DIR}/IMG 20230515 WA0012.JPG"), &photo);
    let built = site.built();
    let files = built.files();
    // The original, with its GPS position, is not published.
    assert!(!files.keys().any(|k| k.ends_with(".JPG")), "{:?}", files.keys());
    for (w, h) in [(480, 640), (960, 1280), (1200, 1600)] {
        for ext in ["jpg", "webp"] {
            let path = format!("{PAGE}img-20230515-wa0012-{w}.{ext}");
            let bytes = built.bytes(&path);
            let img = image::load_from_memory(&bytes).expect("decodes");
            assert_eq!((img.width(), img.height()), (w, h), "{path}");
        }
    }
    for (name, size) in [
        ("social-1200x630.jpg", (1200, 630)),
        ("social-1080x1080.jpg", (1080, 1080)),
        ("social-1080x1350.jpg", (1080, 1350)),
    ] {
        let bytes = built.bytes(&format!("{PAGE}{name}"));
        assert!(bytes.len() < 1_000_000, "{name} is {} bytes", bytes.len());
        let img = image::load_from_memory(&bytes).expect("decodes");
        assert_eq!((img.width(), img.height()), size, "{name}");
    }
    // Upright: the dark corner of the stored photo is at the top right once turned.
    let upright =
        image::load_from_memory(&built.bytes(&format!("{PAGE}img-20230515-wa0012-480.jpg")))
            .expect("decodes")
            .to_rgb8();
    assert!(upright.get_pixel(470, 5).0.iter().all(|&c| c < 60), "top right is dark");
    assert!(upright.get_pixel(5, 5).0.iter().any(|&c| c > 60), "top left is not");
    // No published file carries metadata, and none holds the GPS position or the owner's name.
    for (path, bytes) in &files {
        if path.ends_with(".jpg") {
            assert!(!has_metadata(bytes), "{path} has a metadata segment");
        }
        if path.ends_with(".webp") {
            let chunks = ["EXIF", "XMP ", "ICCP"];
            assert!(!chunks.iter().any(|c| bytes.windows(4).any(|w| w == c.as_bytes())), "{path}");
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("Budi Santoso"), "{path} names the camera's owner");
    }
    // The page shows the photo responsively, with the caption and credit from its IPTC block.
    let page = built.page(PAGE);
    assert!(page.contains("<picture><source type=\"image/webp\""), "{page}");
    assert!(page.contains("img-20230515-wa0012-480.webp 480w"));
    assert!(page.contains("width=\"1200\" height=\"1600\""));
    assert!(page.contains("Suasana rapat 📷 &amp; diskusi"));
    assert!(page.contains("<span class=\"credit\">Humas Bali</span>"));
    assert!(page.contains(r#""creditText":"Humas Bali""#), "JSON-LD names the credit");
    // Shared links show the 1200×630 crop.
    assert!(page.contains(&format!(
        "<meta property=\"og:image\" content=\"https://humas.example.go.id/{PAGE}social-1200x630.jpg\">"
    )));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    // The feeds carry the crop, never the original; Instagram's carries the square and 4:5.
    let rss = built.read("feed.xml");
    assert!(rss.contains(&format!("{PAGE}social-1200x630.jpg\" length=\"0\" type=\"image/jpeg\"")));
    let instagram = built.read("feeds/instagram.xml");
    assert!(instagram.contains("social-1080x1080.jpg\" length=\"0\" type=\"image/jpeg\""));
    assert!(instagram.contains("social-1080x1350.jpg\" medium=\"image\""));
    assert!(!rss.contains(".JPG") && !instagram.contains(".JPG"));
}

/// The drawn cards in the photo cache (the only JPEGs of a site without photos), by name: a
/// card drawn again has a new name.
fn drawn_cards(site: &Site) -> BTreeSet<String> {
    let cache = site.root().join(".public.warta-cache/photos");
    tree(&cache).into_keys().filter(|k| k.ends_with(".jpg")).collect()
}

/// A drawn card is known by the strings its template can read. Until stop 50 it was known by
/// every string of the theme, so renaming "Bagikan" drew every release's cards again (about
/// 45 s at 10,000 releases) though no card shows it.
#[test]
fn a_string_no_card_shows_draws_no_card_again_and_one_it_shows_does() {
    let site = photo_site();
    site.write(&format!("{DIR}.md"), &release(None, ""));
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.build().expect("first build");
    let cards = || drawn_cards(&site);
    let drawn = cards();
    assert_eq!(drawn.len(), 3, "three sizes of the drawn card: {drawn:?}");

    site.write("site.yaml", &format!("{yaml}strings:\n  share: Sebarkan\n"));
    site.build().expect("build with a new string");
    let page = std::fs::read_to_string(site.public().join(PAGE).join("index.html")).expect("page");
    assert!(page.contains("Sebarkan"), "the page shows the new string");
    assert_eq!(cards(), drawn, "no card was drawn again");

    // The card's label is a string the card shows: every card is drawn again.
    site.write("site.yaml", &format!("{yaml}strings:\n  card_kind: Rilis Berita\n"));
    site.build().expect("build with a new label");
    let now = cards();
    assert_eq!(now.len(), 3);
    assert!(now.is_disjoint(&drawn), "drawn again with the new label: {now:?}");
}

/// A theme whose card template reads a string (`t.<name>`) gets its cards drawn again when the
/// string changes.
#[test]
fn a_string_a_themes_card_template_reads_draws_its_cards_again() {
    let site = photo_site();
    site.write(&format!("{DIR}.md"), &release(None, ""));
    let builtin = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/social-card.svg"),
    )
    .expect("the built-in card");
    // The site's own card, through an include, shows the `share` string in a comment.
    site.write("templates/partials/card-note.svg", "<!-- {{ t.share }} -->");
    let card = builtin.replacen("</svg>", "{% include \"partials/card-note.svg\" %}</svg>", 1);
    assert_ne!(card, builtin);
    site.write("templates/social-card.svg", &card);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.build().expect("first build");
    let drawn = drawn_cards(&site);
    assert_eq!(drawn.len(), 3, "{drawn:?}");
    site.write("site.yaml", &format!("{yaml}strings:\n  share: Sebarkan\n"));
    site.build().expect("build with a new string");
    let now = drawn_cards(&site);
    assert!(now.is_disjoint(&drawn), "drawn again with the new string: {now:?}");
}

#[test]
fn a_release_without_a_photo_gets_a_drawn_card() {
    let site = photo_site();
    site.write(&format!("{DIR}.md"), &release(None, ""));
    let built = site.built();
    let page = built.page(PAGE);
    assert!(page.contains(&format!("{PAGE}social-1200x630.jpg")), "{page}");
    assert!(page.contains("summary_large_image"));
    for (name, size) in [
        ("social-1200x630.jpg", (1200, 630)),
        ("social-1080x1080.jpg", (1080, 1080)),
        ("social-1080x1350.jpg", (1080, 1350)),
    ] {
        let bytes = built.bytes(&format!("{PAGE}{name}"));
        let img = image::load_from_memory(&bytes).expect("decodes").to_rgb8();
        assert_eq!(img.dimensions(), size, "{name}");
        // Drawn, not blank: the card has dark text on light ground and a coloured band.
        let mut shades: Vec<u8> = img.pixels().map(|p| p.0[1] / 32).collect();
        shades.sort_unstable();
        shades.dedup();
        assert!(shades.len() >= 4, "{name} is nearly one colour");
    }
}

#[test]
fn a_photo_too_small_for_a_large_preview_gets_a_small_card_and_a_warning() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("kecil.jpg"), ""));
    put(&site, &format!("{DIR}/kecil.jpg"), &jpeg(320, 240, &[]));
    let summary = site.build().expect("builds");
    let warning = summary.warnings.iter().find(|w| w.field.as_deref() == Some("image"));
    assert!(warning.is_some_and(|w| w.message.contains("320 × 240")), "{:?}", summary.warnings);
    let built = site.built();
    let page = built.page(PAGE);
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"), "{page}");
    assert!(page.contains(&format!("{PAGE}kecil-320.jpg")));
    assert!(!built.has(&format!("{PAGE}social-1200x630.jpg")));
}

/// Found by a tester with Facebook's Sharing Debugger: an 8 × 8 photo was the release's
/// `og:image` and its feeds' enclosure, under the 200 × 200 Facebook takes. Such a photo stays
/// on the page, and shared links and feeds get the card a release without a photo gets.
#[test]
fn a_photo_too_small_to_share_leaves_shared_links_the_drawn_card_with_a_warning() {
    let site = photo_site();
    let extra = "tags: [humas]\n";
    site.write(&format!("{DIR}/index.md"), &release(Some("titik.png"), extra));
    put(&site, &format!("{DIR}/titik.png"), &photo_png(8, 8));
    let summary = site.build().expect("builds");
    let warning = summary.warnings.iter().find(|w| w.field.as_deref() == Some("image"));
    let warning = warning.unwrap_or_else(|| panic!("no warning: {:?}", summary.warnings));
    assert!(warning.path.ends_with("rapat/index.md"), "{warning:?}");
    assert_eq!(warning.line, Some(6), "the line of image:");
    assert!(warning.message.contains("8 × 8") && warning.message.contains("200 × 200"));
    let read = |path: &str| std::fs::read_to_string(site.public().join(path)).expect(path);
    let page = read(&format!("{PAGE}index.html"));
    let card = format!("https://humas.example.go.id/{PAGE}social-1200x630.jpg");
    assert!(page.contains(&format!("<meta property=\"og:image\" content=\"{card}\">")), "{page}");
    assert!(page.contains(&format!("<meta name=\"twitter:image\" content=\"{card}\">")));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(site.public().join(PAGE).join("social-1200x630.jpg").exists());
    // The page still shows the photo.
    assert!(page.contains(&format!("{PAGE}titik-8.png")), "{page}");
    for feed in ["feed.xml", "unit/kanwil-bali/feed.xml"] {
        let rss = read(feed);
        assert!(rss.contains(&format!("<enclosure url=\"{card}\"")), "{feed}: {rss}");
        assert!(!rss.contains("titik-8.png\" length"), "{feed}: {rss}");
    }
    let json: serde_json::Value = serde_json::from_str(&read("feed.json")).expect("JSON Feed");
    assert_eq!(json["items"][0]["image"], card.as_str());
    // 200 × 200 is large enough: a small preview of the photo itself, as before.
    put(&site, &format!("{DIR}/titik.png"), &photo_png(200, 200));
    site.build().expect("builds");
    let page = read(&format!("{PAGE}index.html"));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"), "{page}");
    assert!(page.contains(&format!("{PAGE}titik-200.png\">")), "{page}");
    assert!(!site.public().join(PAGE).join("social-1200x630.jpg").exists());
    assert_same_as_a_clean_build(&site);
}

/// The `image` list of a page's JSON-LD, as the URLs it names.
fn json_ld_images(page: &str) -> Vec<String> {
    let start = "<script type=\"application/ld+json\">";
    let at = page.find(start).expect("a JSON-LD script") + start.len();
    let text = &page[at..at + page[at..].find("</script>").expect("closed")];
    let ld: serde_json::Value = serde_json::from_str(text).expect("JSON-LD");
    let urls = ld["image"].as_array().expect("an image list").iter();
    urls.map(|i| i["url"].as_str().expect("a URL").to_string()).collect()
}

/// Found by a tester after stop 68: a photo under 200 × 200 was no longer `og:image`, but it was
/// still the first of the JSON-LD's `image` list, beside the drawn card that stood in for it,
/// with its credit. It is left out there too, beside a release or in `static/`.
#[test]
fn a_photo_too_small_to_share_is_left_out_of_the_json_ld_images() {
    let site = photo_site();
    let credit = "image_credit: Foto Humas\n";
    site.write(&format!("{DIR}/index.md"), &release(Some("titik.png"), credit));
    put(&site, &format!("{DIR}/titik.png"), &photo_png(8, 8));
    site.write("content/2023/05/kecil.md", &release(Some("/img/kecil.png"), ""));
    put(&site, "static/img/kecil.png", &photo_png(150, 400));
    site.build().expect("builds");
    let read = |path: &str| std::fs::read_to_string(site.public().join(path)).expect(path);
    let card = |page: &str| format!("https://humas.example.go.id/{page}social-1200x630.jpg");
    let page = read(&format!("{PAGE}index.html"));
    assert_eq!(json_ld_images(&page), [card(PAGE)], "{page}");
    assert!(!page.contains("\"creditText\""), "the photo's credit went with it: {page}");
    let page = read("2023/05/kecil/index.html");
    assert_eq!(json_ld_images(&page), [card("2023/05/kecil/")], "{page}");
    assert!(page.contains("kecil-150.png"), "the page still shows it: {page}");
    // 200 × 200 is shared (a small preview), and is the JSON-LD's image with its credit.
    put(&site, &format!("{DIR}/titik.png"), &photo_png(200, 200));
    site.build().expect("builds");
    let page = read(&format!("{PAGE}index.html"));
    let photo = format!("https://humas.example.go.id/{PAGE}titik-200.png");
    assert_eq!(json_ld_images(&page), [photo], "{page}");
    assert!(page.contains("\"creditText\":\"Foto Humas\""), "{page}");
    assert_same_as_a_clean_build(&site);
}

/// Instagram posts nothing without an image in its shapes. A release whose photo is too small
/// to crop, or on another site, or a site whose `image:` stands in for every release without a
/// photo: until stop 46 the Instagram feed carried such a release with no image at all, and the
/// service's post failed. Its feed now draws the release's card in Instagram's shapes.
#[test]
fn an_instagram_feed_draws_a_card_for_a_photo_it_cannot_crop() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("kecil.jpg"), ""));
    put(&site, &format!("{DIR}/kecil.jpg"), &jpeg(500, 380, &[]));
    let remote =
        "image: https://kemenag.go.id/img/menag.jpg\nimage_width: 1200\nimage_height: 800\n";
    let other = release(None, remote).replace("Rapat Koordinasi Humas", "Kunjungan Menteri");
    site.write("content/2023/05/kunjungan.md", &other.replace("2023-05-15", "2023-05-16"));
    site.build().expect("builds");
    let read = |path: &str| std::fs::read_to_string(site.public().join(path)).expect(path);
    let feed = read("feeds/instagram.json");
    let json: serde_json::Value = serde_json::from_str(&feed).expect("JSON Feed");
    for (item, page) in
        json["items"].as_array().expect("items").iter().zip(["2023/05/kunjungan/", PAGE])
    {
        let image = item["image"].as_str().unwrap_or_else(|| panic!("no image: {item}"));
        assert_eq!(image, format!("https://humas.example.go.id/{page}social-1080x1080.jpg"));
        for (name, size) in
            [("social-1080x1080.jpg", (1080, 1080)), ("social-1080x1350.jpg", (1080, 1350))]
        {
            let bytes = std::fs::read(site.public().join(page).join(name)).expect(name);
            let img = image::load_from_memory(&bytes).expect("decodes");
            assert_eq!((img.width(), img.height()), size, "{page}{name}");
        }
    }
    let rss = read("feeds/instagram.xml");
    assert_eq!(rss.matches("<enclosure ").count(), 2, "{rss}");
    // The page of the small photo keeps its small preview; the Instagram cards are the feed's.
    let page = read(&format!("{PAGE}index.html"));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"), "{page}");
    assert!(!site.public().join(PAGE).join("social-1200x630.jpg").exists());
    assert_same_as_a_clean_build(&site);
}

#[test]
fn a_broken_photo_and_a_document_named_like_one_are_errors_naming_the_file() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("foto.jpg"), ""));
    let whole = jpeg(800, 600, &[]);
    put(&site, &format!("{DIR}/foto.jpg"), &whole[..whole.len() * 6 / 10]);
    put(&site, &format!("{DIR}/surat.png"), b"%PDF-1.4 this is a letter, not a photo");
    let error = site.build_error();
    assert!(error.contains(&format!("{DIR}/foto.jpg")), "{error}");
    assert!(error.contains(&format!("{DIR}/surat.png")), "{error}");
    assert!(error.contains("not a photo"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
}

/// An iPhone's HEIC photo (its default format) named in `image:`: until stop 46 it was
/// published as it was, with the place it was taken in its metadata, and the page's image was
/// broken in every browser but Safari. A scanner's TIFF likewise. Both are errors that say how
/// to save a JPEG, and nothing is published.
#[test]
fn an_iphone_heic_photo_or_a_scanned_tiff_is_an_error_saying_how_to_save_a_jpeg() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("IMG_1234.HEIC"), ""));
    // The head of a HEIC file: its `ftyp` box, brand `heic`.
    let mut heic = 24u32.to_be_bytes().to_vec();
    heic.extend(b"ftypheic\0\0\0\0mif1heic");
    heic.resize(4096, 0);
    put(&site, &format!("{DIR}/IMG_1234.HEIC"), &heic);
    put(&site, &format!("{DIR}/surat.tif"), b"II*\0");
    let error = site.build_error();
    assert!(
        error.contains(&format!("{DIR}/IMG_1234.HEIC: is an iPhone photo in HEIC format")),
        "{error}"
    );
    assert!(error.contains("save it as JPEG"), "{error}");
    assert!(error.contains(&format!("{DIR}/surat.tif: is a TIFF image")), "{error}");
    assert!(error.contains("2 errors found"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
}

/// An ISO base media box (MP4, MOV).
fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = u32::try_from(body.len() + 8).expect("small").to_be_bytes().to_vec();
    b.extend(kind);
    b.extend(body);
    b
}

/// A phone's video beside the release: until stop 46 it was published as it was, with the
/// place it was taken (Android's `©xyz`, an iPhone's ISO 6709 key). A video without a place
/// is published as it is.
#[test]
fn a_phone_video_that_holds_its_place_is_an_error_and_one_without_is_published() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(None, ""));
    let ftyp = boxed(b"ftyp", b"isom\0\0\0\0isommp41");
    let film = boxed(b"mdat", &[0x5a; 4000]);
    let place = boxed(b"udta", &boxed(b"\xa9xyz", b"\0\x12\x15\xc7-08.6705+115.2126/"));
    let android = [ftyp.clone(), film.clone(), boxed(b"moov", &place)].concat();
    let iphone = boxed(b"moov", &boxed(b"meta", b"mdta com.apple.quicktime.location.ISO6709"));
    put(&site, &format!("{DIR}/VID_20230515_093000.mp4"), &android);
    put(&site, &format!("{DIR}/IMG_0001.MOV"), &[iphone, film.clone()].concat());
    let error = site.build_error();
    for name in ["VID_20230515_093000.mp4", "IMG_0001.MOV"] {
        let said = format!("{DIR}/{name}: is a video that holds the place it was taken");
        assert!(error.contains(&said), "{error}");
    }
    assert!(error.contains("upload it to YouTube"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
    std::fs::remove_file(site.root().join(format!("{DIR}/VID_20230515_093000.mp4"))).expect("rm");
    std::fs::remove_file(site.root().join(format!("{DIR}/IMG_0001.MOV"))).expect("rm");
    let plain = [ftyp, film, boxed(b"moov", &boxed(b"mvhd", &[0; 100]))].concat();
    put(&site, &format!("{DIR}/video kegiatan.mp4"), &plain);
    site.build().expect("a video without a place builds");
    let published = std::fs::read(site.public().join(format!("{PAGE}video kegiatan.mp4")));
    assert_eq!(published.expect("published"), plain);
}

/// A phone's photo put in `static/img/` and named by a release's `image: /img/…` (as the README
/// allows) or by a page: until stop 47 it was published as it was, with the place it was taken,
/// the owner's name and the caption. It is published without them, upright, and its pixels'
/// bytes as they were; `warta serve` serves the same bytes.
#[test]
fn a_photo_in_static_is_published_without_what_the_phone_wrote_about_it() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("/img/kegiatan.jpg"), ""));
    let photo = jpeg(800, 600, &[exif(6, "Budi Santoso", "Rapat"), iptc("Rapat", "Humas")]);
    put(&site, "static/img/kegiatan.jpg", &photo);
    let plain = jpeg(40, 30, &[]);
    put(&site, "static/img/polos.jpg", &plain);
    site.build().expect("builds");
    let published = std::fs::read(site.public().join("img/kegiatan.jpg")).expect("published");
    let text = String::from_utf8_lossy(&published);
    assert!(!text.contains("Budi") && !text.contains("Humas"), "metadata left in");
    // One APP1 is left: EXIF with the orientation alone (12 bytes of entry, no GPS pointer).
    let exif_at = published.windows(6).position(|w| w == b"Exif\0\0").expect("orientation kept");
    assert_eq!(u16::from_be_bytes([published[exif_at - 2], published[exif_at - 1]]), 34);
    let shown = image::load_from_memory(&published).expect("still a JPEG");
    let source = image::load_from_memory(&photo).expect("a JPEG");
    assert_eq!(shown.to_rgb8().into_raw(), source.to_rgb8().into_raw(), "the same pixels");
    let turned = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&published));
    let turned = turned.expect("EXIF");
    let orientation = turned.get_field(exif::Tag::Orientation, exif::In::PRIMARY).expect("kept");
    assert_eq!(orientation.value.get_uint(0), Some(6));
    assert!(turned.fields().count() == 1, "nothing but the orientation");
    // A photo without metadata is published as it is.
    assert_eq!(std::fs::read(site.public().join("img/polos.jpg")).expect("published"), plain);
    assert_same_as_a_clean_build(&site);
}

/// A HEIC, a TIFF or a phone's video with its place in `static/` is an error, as beside a
/// release: until stop 47 they were published as they were.
/// A release's `image: /img/…` in `static/` was published in its own size until stop 48: a
/// phone's photo of several megabytes on the page and in its shared links (X and Telegram refuse
/// over 5 MB), with no crop for Instagram. It is now the release's photo as one beside it is:
/// web sizes (beside the photo, `img/…-480.webp`, since stop 55), upright and without
/// metadata, and the crops of shared links beside the release.
#[test]
fn a_static_photo_named_by_image_is_published_in_sizes_and_cropped_for_shared_links() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("/img/Kegiatan Rapat.jpg"), ""));
    let photo = jpeg(1600, 1200, &[exif(6, "Budi Santoso", "Rapat"), iptc("Rapat", "Humas")]);
    put(&site, "static/img/Kegiatan Rapat.jpg", &photo);
    site.build().expect("builds");
    assert_same_as_a_clean_build(&site);
    let built = site.built();
    let sizes = [(480, 640), (960, 1280), (1200, 1600)];
    for (w, h) in sizes {
        for ext in ["jpg", "webp"] {
            let path = format!("img/kegiatan-rapat-{w}.{ext}");
            let bytes = built.bytes(&path);
            assert!(!has_metadata(&bytes) && !String::from_utf8_lossy(&bytes).contains("Budi"));
            let img = image::load_from_memory(&bytes).expect("decodes");
            assert_eq!((img.width(), img.height()), (w, h), "{path}: upright");
        }
    }
    for (name, size) in
        [("social-1200x630.jpg", (1200, 630)), ("social-1080x1350.jpg", (1080, 1350))]
    {
        let img = image::load_from_memory(&built.bytes(&format!("{PAGE}{name}"))).expect("decodes");
        assert_eq!((img.width(), img.height()), size, "{name}");
    }
    let page = built.page(PAGE);
    assert!(page.contains("/img/kegiatan-rapat-480.webp 480w"), "{page}");
    assert!(!built.files().keys().any(|p| p.starts_with(&format!("{PAGE}img/"))), "no copy");
    assert!(page.contains("width=\"1200\" height=\"1600\""));
    assert!(page.contains(&format!(
        "<meta property=\"og:image\" content=\"https://humas.example.go.id/{PAGE}social-1200x630.jpg\">"
    )));
    // Nothing shows the original any more; it is still published at its address, stripped.
    assert!(!page.contains("Kegiatan%20Rapat.jpg"), "{page}");
    let rss = built.read("feed.xml");
    assert!(rss.contains(&format!("{PAGE}social-1200x630.jpg\" length=\"0\" type=\"image/jpeg\"")));
    assert!(built.read("feeds/instagram.xml").contains(&format!("{PAGE}social-1080x1080.jpg")));
    assert!(
        built.files().contains_key("img/Kegiatan Rapat.jpg"),
        "the original stays at its address"
    );
}

/// The parse of a release showing a `static/` photo is kept from one build to the next only
/// while the photo is the same: a photo replaced in `static/` (the release's file untouched)
/// changes its sizes, its page and its crops, as a clean build of the same files makes them;
/// a release naming a photo not yet in `static/` is an error until the photo is put there.
#[test]
fn a_static_photo_replaced_or_put_in_later_changes_the_release_that_shows_it() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("/img/foto.jpg"), ""));
    let errors = site.build_error();
    assert!(errors.contains("no file /img/foto.jpg in the site's static/ folder"), "{errors}");
    let page =
        || std::fs::read_to_string(site.public().join(PAGE).join("index.html")).expect("page");
    put(&site, "static/img/foto.jpg", &jpeg(1000, 750, &[]));
    site.build().expect("builds");
    assert!(page().contains("img/foto-960.webp 960w"));
    assert_same_as_a_clean_build(&site);
    std::thread::sleep(std::time::Duration::from_millis(20));
    put(&site, "static/img/foto.jpg", &jpeg(600, 900, &[iptc("Foto baru", "Humas Bali")]));
    site.build().expect("builds");
    let page = page();
    assert!(page.contains("width=\"600\" height=\"900\""), "{page}");
    assert!(page.contains("Foto baru") && !page.contains("img/foto-960.webp"), "{page}");
    assert!(!site.public().join("img/foto-960.jpg").exists(), "old size left");
    assert!(site.public().join("img/foto-600.jpg").exists(), "new size");
    assert_same_as_a_clean_build(&site);
}

/// The files of the output whose names start with `prefix` (a photo's sizes), by path.
fn files_named(site: &Site, prefix: &str) -> BTreeSet<String> {
    tree(&site.public())
        .into_keys()
        .filter(|p| p.rsplit('/').next().is_some_and(|name| name.starts_with(prefix)))
        .collect()
}

/// Found in stop 55: an office's standard photo in `static/` (its logo, the minister's portrait)
/// that many releases name by `image:` was published in every size in the folder of each
/// release that showed it: 24,812 copies of one photo's sizes in the benchmark's 100,000
/// releases, each uploaded again by a deploy. Its sizes are now made once, beside it in the
/// site; each release keeps its own crops for shared links, and the sizes go when no release
/// shows the photo any more.
#[test]
fn a_static_photo_shown_by_many_releases_is_published_in_sizes_once() {
    let site = photo_site();
    put(&site, "static/img/Logo Kantor.jpg", &jpeg(1000, 750, &[]));
    let shows = |slug: &str, image: bool| {
        let text = release(image.then_some("/img/Logo Kantor.jpg"), "");
        let title = format!("title: Rapat {slug}\n");
        site.write(
            &format!("content/2023/05/{slug}.md"),
            &text.replace("title: Rapat Koordinasi Humas\n", &title),
        );
    };
    for slug in ["satu", "dua", "tiga"] {
        shows(slug, slug != "tiga");
    }
    site.build().expect("builds");
    let sizes: BTreeSet<String> =
        ["480.jpg", "960.jpg", "1000.jpg", "480.webp", "960.webp", "1000.webp"]
            .iter()
            .map(|s| format!("img/logo-kantor-{s}"))
            .collect();
    assert_eq!(files_named(&site, "logo-kantor-"), sizes, "one set of sizes, beside the photo");
    for slug in ["satu", "dua"] {
        let dir = site.public().join(format!("2023/05/{slug}"));
        let page = std::fs::read_to_string(dir.join("index.html")).expect("page");
        assert!(page.contains("/img/logo-kantor-480.webp 480w"), "{page}");
        assert!(dir.join("social-1200x630.jpg").exists(), "{slug} keeps its own crop");
    }
    assert_same_as_a_clean_build(&site);
    // One release no longer shows it: the other still does.
    shows("satu", false);
    site.build().expect("builds");
    assert_eq!(files_named(&site, "logo-kantor-"), sizes);
    assert_same_as_a_clean_build(&site);
    // None does: its sizes go, the photo stays at its address.
    shows("dua", false);
    site.build().expect("builds");
    assert_eq!(files_named(&site, "logo-kantor-"), BTreeSet::new());
    assert!(site.public().join("img/Logo Kantor.jpg").exists());
    assert_same_as_a_clean_build(&site);
}

/// Found in stop 55: a photo of `static/` that a release's body shows (`![…](/img/…)`) was on
/// the page as it was put there, a phone's photo of several megabytes at full size, where one
/// beside the release, or named by `image:`, is shown in web sizes. It is now shown as a
/// `<picture>` of its sizes, made beside it once; replacing it in `static/` changes the pages
/// that show it, as a clean build makes them.
#[test]
fn a_static_photo_the_body_shows_is_shown_in_sizes() {
    let site = photo_site();
    put(&site, "static/img/suasana rapat.jpg", &jpeg(1600, 1200, &[exif(1, "Budi", "Rapat")]));
    let body = "\nSuasana rapat di aula.\n\n![Suasana rapat](/img/suasana%20rapat.jpg)\n";
    site.write(&format!("{DIR}/index.md"), &format!("{}{body}", release(None, "")));
    site.build().expect("builds");
    let page =
        || std::fs::read_to_string(site.public().join(PAGE).join("index.html")).expect("page");
    let shown = page();
    assert!(shown.contains("/img/suasana-rapat-480.webp 480w"), "{shown}");
    assert!(shown.contains("width=\"1600\" height=\"1200\" alt=\"Suasana rapat\""), "{shown}");
    assert!(!shown.contains("src=\"/img/suasana%20rapat.jpg\""), "not the original: {shown}");
    let sizes = files_named(&site, "suasana-rapat-");
    assert_eq!(sizes.len(), 6, "{sizes:?}");
    assert!(sizes.iter().all(|p| p.starts_with("img/")), "{sizes:?}");
    assert!(site.public().join("img/suasana rapat.jpg").exists(), "the original stays");
    assert_same_as_a_clean_build(&site);
    // Another photo under the name: the page shows its sizes, the old ones go.
    std::thread::sleep(std::time::Duration::from_millis(20));
    put(&site, "static/img/suasana rapat.jpg", &jpeg(800, 1000, &[]));
    site.build().expect("builds");
    let shown = page();
    assert!(shown.contains("width=\"800\" height=\"1000\""), "{shown}");
    assert!(!site.public().join("img/suasana-rapat-960.jpg").exists(), "old size left");
    assert_same_as_a_clean_build(&site);
}

/// A file of `static/` at the path of a size warta makes of a photo there is an error naming
/// both, as every two outputs at one path are: neither replaces the other. So are two photos
/// of `static/` whose sizes would take one name, which made sizes of their own in each
/// release's folder until stop 55.
#[test]
fn a_static_file_at_the_path_of_a_size_of_a_static_photo_is_an_error_naming_both() {
    let site = photo_site();
    put(&site, "static/img/foto.jpg", &jpeg(1000, 750, &[]));
    put(&site, "static/img/foto-480.jpg", &jpeg(480, 360, &[]));
    site.write(&format!("{DIR}/index.md"), &release(Some("/img/foto.jpg"), ""));
    let error = site.build_error();
    assert!(error.contains("static/img/foto-480.jpg"), "{error}");
    assert!(error.contains("a size of the photo static/img/foto.jpg"), "{error}");
    assert!(!site.public().exists(), "nothing written");
    // Two photos whose sizes take one name, each shown by a release: the fix is a new name.
    std::fs::remove_file(site.root().join("static/img/foto-480.jpg")).expect("removed");
    put(&site, "static/img/Foto.png", &crate::support::photo_png(700, 400));
    let other = release(Some("/img/Foto.png"), "").replace("Rapat Koordinasi", "Rapat Lanjutan");
    site.write("content/2023/05/lanjutan.md", &other);
    let error = site.build_error();
    assert!(
        error.contains(
            "a size of the photo static/img/foto.jpg would replace a size of the photo \
             static/img/Foto.png (/img/foto-480.webp); rename one of the two photos in static/"
        ),
        "{error}"
    );
}

/// A `static/` photo that cannot be published as the release's photo is an error at the
/// release's `image:` line naming the file; the same file shown by nothing is published as it
/// is, as before.
#[test]
fn a_broken_static_photo_named_by_image_is_an_error_at_the_image_line() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("/img/rusak.jpg"), ""));
    put(&site, "static/img/rusak.jpg", b"<html>not a photo</html>");
    let errors = site.build_error();
    assert!(
        errors.contains(&format!("{DIR}/index.md:6: field 'image': static/img/rusak.jpg ")),
        "{errors}"
    );
    site.write(&format!("{DIR}/index.md"), &release(None, ""));
    let built = site.build().expect("builds when no release shows it");
    // Published as it is, a file of the site's own, with a warning (found by helper-34, stop 67:
    // without a word, where README says such files are errors).
    let warned: Vec<String> = built.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warned.iter().any(|w| w.starts_with("static/img/rusak.jpg: ") && w.contains("broken")),
        "{warned:?}"
    );
}

/// Found by helper-27, stop 48: a body with any raw HTML (Word text pasted with its `<b>`)
/// goes through the cleaner, which dropped every photo's `<picture>`, WebP and `srcset`: phones
/// got the 960-pixel JPEG. The cleaner keeps them.
#[test]
fn a_body_with_raw_html_keeps_its_photos_sizes() {
    let site = photo_site();
    let md = "---\ntitle: Rapat Koordinasi Humas\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\
              Rapat koordinasi <b>humas</b> digelar hari ini.\n\n![Peserta rapat](besar.jpg)\n";
    site.write(&format!("{DIR}/index.md"), md);
    put(&site, &format!("{DIR}/besar.jpg"), &jpeg(2000, 1500, &[]));
    let page = site.built().page(PAGE);
    assert!(page.contains("<b>humas</b>"), "{page}");
    assert!(
        page.contains(
            "<picture><source type=\"image/webp\" srcset=\"/2023/05/rapat/besar-480.webp 480w"
        ),
        "{page}"
    );
    assert!(page.contains("srcset=\"/2023/05/rapat/besar-480.jpg 480w"), "{page}");
}

#[test]
fn a_heic_or_a_located_video_in_static_is_an_error() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(None, ""));
    let mut heic = 24u32.to_be_bytes().to_vec();
    heic.extend(b"ftypheic\0\0\0\0mif1heic");
    put(&site, "static/img/IMG_1234.HEIC", &heic);
    let place = boxed(b"udta", &boxed(b"\xa9xyz", b"\0\x12\x15\xc7-08.6705+115.2126/"));
    let video = [boxed(b"ftyp", b"isom\0\0\0\0isommp41"), boxed(b"moov", &place)].concat();
    put(&site, "static/video/profil.mp4", &video);
    let error = site.build_error();
    assert!(error.contains("static/img/IMG_1234.HEIC: is an iPhone photo in HEIC"), "{error}");
    assert!(error.contains("static/video/profil.mp4: is a video that holds the place"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
}

/// A photo whose name is a sentence (236 characters): until stop 46 the build published
/// `ffff…-1600.jpg`, 246 bytes, and `warta deploy` could never send it (its temporary name is
/// over the 255 every file system takes), however often it was run. It is an error at the
/// photo, once.
#[test]
fn a_name_too_long_to_publish_is_an_error_at_its_file() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(None, ""));
    let long = format!("{}.jpg", "f".repeat(236));
    put(&site, &format!("{DIR}/{long}"), &jpeg(1700, 900, &[]));
    let error = site.build_error();
    assert_eq!(error.matches(&format!("{DIR}/{long}: its published name")).count(), 1, "{error}");
    assert!(error.contains("bytes long") && error.contains("fewer than 100 characters"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
    std::fs::rename(
        site.root().join(format!("{DIR}/{long}")),
        site.root().join(format!("{DIR}/{}.jpg", "f".repeat(90))),
    )
    .expect("renamed");
    site.build().expect("a name of 90 characters builds");
}

/// A release whose file is named by a sentence is published in a folder of that name: a name
/// of 252 bytes was published while only the files' names were checked (found by helper-34,
/// stop 67). It is an error at the release's file, once for all the files in the folder.
#[test]
fn a_folder_name_too_long_to_publish_is_an_error_at_its_file() {
    let site = photo_site();
    let long = format!("content/2023/05/{}.md", "rapat-".repeat(40));
    site.write(&long, &release(None, ""));
    let error = site.build_error();
    assert_eq!(error.matches(&format!("{long}: its published name")).count(), 1, "{error}");
    assert!(error.contains("239 bytes long"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
}

#[test]
fn a_png_declaring_ten_billion_pixels_is_refused_before_it_is_decoded() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("bom.png"), ""));
    // A valid PNG header declaring 100,000 × 100,000 pixels, and almost no data.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    // A little image data (an empty zlib stream): a decoder would start on it.
    let idat = b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01";
    png.extend(8u32.to_be_bytes());
    png.extend(idat);
    png.extend(crc32(idat).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    put(&site, &format!("{DIR}/bom.png"), &png);
    let started = std::time::Instant::now();
    let error = site.build_error();
    assert!(error.contains("bom.png"), "{error}");
    assert!(error.contains("100000 × 100000") || error.contains("100,000"), "{error}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "refused at once");
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn photos_the_body_does_not_show_form_a_gallery_with_their_captions() {
    let site = photo_site();
    let extra = "gallery:\n  - file: b.jpg\n    caption: Peserta berdiskusi\n";
    let body_photo = "\n![Narasumber](c.jpg)\n";
    site.write(
        &format!("{DIR}/index.md"),
        &format!("{}{body_photo}", release(Some("a.jpg"), extra)),
    );
    for name in ["a.jpg", "b.jpg", "c.jpg", "d.jpg"] {
        put(&site, &format!("{DIR}/{name}"), &jpeg(1000, 750, &[]));
    }
    let built = site.built();
    let page = built.page(PAGE);
    let gallery = &page[page.find("class=\"gallery\"").expect("a gallery")..];
    let gallery = &gallery[..gallery.find("</section>").expect("closed")];
    // b (listed first in gallery:) then d; a is the release's photo and c is in the body.
    let b = gallery.find("b-480.jpg").expect("b in the gallery");
    let d = gallery.find("d-480.jpg").expect("d in the gallery");
    assert!(b < d);
    assert!(!gallery.contains("a-480.jpg") && !gallery.contains("c-480.jpg"), "{gallery}");
    assert!(gallery.contains("Peserta berdiskusi"));
    assert!(gallery.contains(&format!("href=\"/{PAGE}b-1000.jpg\"")), "opens the large size");
    // The body's photo is a picture too; the sitemap lists every photo.
    assert!(page.contains("c-480.webp 480w"));
    let sitemap = built.read("sitemap.xml");
    for name in ["a", "b", "c", "d"] {
        assert!(sitemap.contains(&format!("{PAGE}{name}-1000.jpg</image:loc>")), "{sitemap}");
    }
}

#[test]
fn a_second_build_decodes_no_photo_and_a_replaced_photo_is_made_again() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("foto.jpg"), ""));
    put(&site, &format!("{DIR}/foto.jpg"), &jpeg(1000, 750, &[]));
    site.build().expect("first build");
    let cache = site.root().join(".public.warta-cache/photos");
    let mut cached = tree(&cache);
    assert!(cached.remove("stamps").is_some(), "the photos' stamps are kept with them");
    assert_eq!(
        cached.len(),
        6 + 3 + 4,
        "three web sizes in two formats, three crops, and the site's four icons"
    );
    // Nothing changed: no file is made, the cache is as it was.
    let stamp = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let before: Vec<_> = cached.keys().map(|k| stamp(&cache.join(k))).collect();
    std::fs::remove_dir_all(site.public()).expect("removed");
    std::fs::remove_file(site.root().join(".public.warta-cache/stamps")).ok();
    site.build().expect("second build");
    let after: Vec<_> = cached.keys().map(|k| stamp(&cache.join(k))).collect();
    assert_eq!(before, after, "no cached file was written again");
    assert_eq!(tree(&cache).len(), cached.len() + 1);
    // A replaced photo is made again, and the old one's files leave the cache.
    std::thread::sleep(std::time::Duration::from_millis(20));
    put(&site, &format!("{DIR}/foto.jpg"), &jpeg(1000, 750, &[iptc("Baru", "Humas")]));
    site.build().expect("third build");
    let mut now = tree(&cache);
    now.remove("stamps");
    assert_eq!(now.len(), cached.len());
    let kept = now.keys().filter(|k| cached.contains_key(*k)).count();
    assert_eq!(kept, 4, "the site's icons stay; every file of the photo is new, the old pruned");
}

/// A made file in the cache damaged (emptied, cut short, zeroed, as a power cut while it was
/// written can leave it): `--clean` makes it again rather than publish it, and the cache is as
/// the first build left it. Until stop 74 it published the damaged file.
#[test]
fn a_clean_build_makes_a_damaged_cached_file_again() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("foto.jpg"), ""));
    put(&site, &format!("{DIR}/foto.jpg"), &jpeg(1000, 750, &[]));
    site.build().expect("first build");
    let published = tree(&site.public());
    let cache = site.root().join(".public.warta-cache/photos");
    let cached = tree(&cache);
    let clean = warta::BuildOptions { clean: true, ..options(site.root(), &site.public()) };

    // Cut short where it is published, which is the cached file itself (a hard link): the
    // build refuses to replace what it did not write, and `--force` moves that `public/`
    // aside and makes the file again.
    let photo = site.public().join(PAGE).join("foto-480.jpg");
    let bytes = std::fs::read(&photo).expect("published");
    std::fs::write(&photo, &bytes[..bytes.len() / 2]).expect("cut short");
    assert!(tree(&cache) != cached, "the cached file is the published one");
    let refused = warta::build(&clean).expect_err("public/ holds a file warta did not write");
    assert!(refused.to_string().contains("foto-480.jpg"), "{refused}");
    warta::build(&warta::BuildOptions { force: true, ..clean.clone() }).expect("forced build");
    assert!(tree(&site.public()) == published, "a damaged file was published");
    assert!(tree(&cache) == cached, "the cache holds the file whole again");

    // Damaged in the cache alone, each file its own way.
    let made: Vec<&String> = cached.keys().filter(|k| *k != "stamps").collect();
    assert!(made.iter().any(|k| k.ends_with(".webp")) && made.iter().any(|k| k.ends_with(".png")));
    for (n, name) in made.iter().enumerate() {
        let bytes = &cached[*name];
        let damaged = match n % 3 {
            0 => Vec::new(),
            1 => bytes[..bytes.len() / 2].to_vec(),
            _ => vec![0; bytes.len()],
        };
        // A file of its own, not the one `public/` holds.
        std::fs::remove_file(cache.join(name)).expect("removed");
        std::fs::write(cache.join(name), damaged).expect("damaged");
    }
    warta::build(&clean).expect("clean build");
    assert!(tree(&site.public()) == published, "a damaged file was published");
    assert!(tree(&cache) == cached, "the cache holds each file whole again");
}

/// A build that ignores the build cache (`--clean`, or the first build into a new output) still
/// knows the photos that did not change: their stamps live with the photo cache. Without them,
/// such a build reads and hashes every photo again (388 MB for 100 phone photos).
#[test]
fn a_clean_build_reads_no_unchanged_photo_and_sees_every_changed_one() {
    use warta::write::photos::Store;
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("foto.jpg"), ""));
    let photo = site.root().join(DIR).join("foto.jpg");
    put(&site, &format!("{DIR}/foto.jpg"), &jpeg(800, 600, &[iptc("Rapat pagi", "Humas")]));
    // Past the two seconds a file's times may lag behind its changes: the build trusts it.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    site.build().expect("first build");
    let store = Store::new(&site.root().join(".public.warta-cache"));
    let mut stamps = store.stamps();
    let stamp = stamps.get_mut(&photo).expect("the photo has a stamp");
    let info = stamp.info.as_mut().expect("a readable photo");
    assert_eq!(info.caption.as_deref(), Some("Rapat pagi"));
    let file = site.root().join(".public.warta-cache/photos/stamps");
    let saved = std::fs::metadata(&file).and_then(|m| m.modified()).expect("saved");

    // A build that changes nothing leaves the stamps as they are.
    site.build().expect("second build");
    let again = std::fs::metadata(&file).and_then(|m| m.modified()).expect("kept");
    assert_eq!(saved, again, "the stamps were not written again");

    // Proof that a clean build takes the unchanged photo from its stamp: a stamp that says
    // something else of it (only a test would write one) is what the page shows.
    info.caption = Some("Dari stempel".to_string());
    store.save_stamps(&stamps);
    let clean = warta::BuildOptions { clean: true, ..options(site.root(), &site.public()) };
    warta::build(&clean).expect("clean build");
    let page = |site: &Site| std::fs::read_to_string(site.public().join(PAGE).join("index.html"));
    assert!(page(&site).expect("page").contains("Dari stempel"), "the photo was read again");

    // A changed photo is read, whatever its stamp says.
    put(&site, &format!("{DIR}/foto.jpg"), &jpeg(800, 600, &[iptc("Rapat siang", "Humas")]));
    warta::build(&clean).expect("clean build after the change");
    let page = page(&site).expect("page");
    assert!(page.contains("Rapat siang") && !page.contains("Dari stempel"), "{page}");
}

/// The Instagram feed posts only the newest `feed_limit` releases, so only their drawn cards
/// get the square and portrait shapes; a site of thousands of releases without photos would
/// otherwise draw three cards for each on its first build.
#[test]
fn instagram_shapes_of_drawn_cards_exist_only_while_the_instagram_feed_carries_the_release() {
    let site = photo_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}feed_limit: 1\n"));
    let card = |title: &str, date: &str| {
        release(None, "").replace("Rapat Koordinasi Humas", title).replace("2023-05-15", date)
    };
    site.write("content/2023/05/lama.md", &card("Rilis Lama", "2023-05-10"));
    site.write("content/2023/05/baru.md", &card("Rilis Baru", "2023-05-12"));
    site.build().expect("first build");
    let has = |path: &str| site.public().join(path).is_file();
    let shapes = ["social-1080x1080.jpg", "social-1080x1350.jpg"];
    for dir in ["2023/05/lama/", "2023/05/baru/"] {
        assert!(has(&format!("{dir}social-1200x630.jpg")), "every release has its card");
    }
    for shape in shapes {
        assert!(has(&format!("2023/05/baru/{shape}")), "the newest has {shape}");
        assert!(!has(&format!("2023/05/lama/{shape}")), "an older one has no {shape}");
    }
    let instagram = std::fs::read_to_string(site.public().join("feeds/instagram.xml"));
    assert!(instagram.expect("feed").contains("2023/05/baru/social-1080x1080.jpg"));
    // The page of the older release names only the card that exists.
    let page = std::fs::read_to_string(site.public().join("2023/05/lama/index.html"));
    let page = page.expect("page");
    assert!(page.contains("2023/05/lama/social-1200x630.jpg"));
    assert!(!page.contains("social-1080x"), "JSON-LD names a card that is not published");

    // A newer release takes the feed's place: its shapes are drawn, the old ones removed, and
    // the output is that of a clean build.
    site.write("content/2023/05/terbaru.md", &card("Rilis Terbaru", "2023-05-14"));
    site.build().expect("incremental build");
    for shape in shapes {
        assert!(has(&format!("2023/05/terbaru/{shape}")));
        assert!(!has(&format!("2023/05/baru/{shape}")), "left the feed: {shape} removed");
    }
    assert_same_as_a_clean_build(&site);
}

#[test]
fn an_external_photo_without_its_size_is_a_warning() {
    let site = photo_site();
    site.write(&format!("{DIR}.md"), &release(Some("https://cdn.example.org/foto.jpg"), ""));
    let summary = site.build().expect("builds");
    assert!(
        summary.warnings.iter().any(|w| w.message.contains("image_width and image_height")),
        "{:?}",
        summary.warnings
    );
    let site = photo_site();
    let sized = "image_width: 1600\nimage_height: 900\n";
    site.write(&format!("{DIR}.md"), &release(Some("https://cdn.example.org/foto.jpg"), sized));
    let summary = site.build().expect("builds");
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let page = site.built().page(PAGE);
    assert!(page.contains("<meta property=\"og:image:width\" content=\"1600\">"), "{page}");
}

/// A photo on another site at an address without an extension (a CDN's `?id=`) went into no
/// feed's enclosure, without a word: cross-posting services then posted the release without its
/// photo. It is a warning at the `image:` line.
#[test]
fn an_external_photo_at_an_address_without_an_extension_is_a_warning() {
    let site = photo_site();
    let sized = "image_width: 1600\nimage_height: 900\n";
    let url = "https://cdn.example.org/foto?id=3";
    site.write(&format!("{DIR}.md"), &release(Some(url), sized));
    let summary = site.build().expect("builds");
    let warning = summary.warnings.iter().find(|w| w.field.as_deref() == Some("image"));
    let warning = warning.unwrap_or_else(|| panic!("{:?}", summary.warnings));
    assert!(warning.message.contains(&format!("{url:?} does not end in a photo's extension")));
    assert!(warning.message.contains("post the release without it"), "{}", warning.message);
    assert!(warning.line.is_some(), "at the image: line");
    let feed = std::fs::read_to_string(site.public().join("feed.xml")).expect("feed");
    assert!(!feed.contains("<enclosure "), "{feed}");
}

#[test]
fn the_crop_keeps_the_focus_in_view() {
    let site = photo_site();
    site.write(&format!("{DIR}/index.md"), &release(Some("foto.jpg"), "image_focus: top left\n"));
    // 1000 wide, 2000 high: the 1200×630 crop (scaled to 1000×525) keeps the dark top-left block.
    put(&site, &format!("{DIR}/foto.jpg"), &jpeg(1000, 2000, &[]));
    let built = site.built();
    let crop = image::load_from_memory(&built.bytes(&format!("{PAGE}social-1200x630.jpg")))
        .expect("decodes")
        .to_rgb8();
    assert_eq!(crop.dimensions(), (1000, 525));
    assert!(crop.get_pixel(10, 10).0.iter().all(|&c| c < 60), "the top-left block is in view");
}

/// The drawn card shows the unit's logo: replacing the logo file draws the card again, as a
/// clean build would (the card's job once did not know it read the logo, and kept the old card).
#[test]
fn a_replaced_unit_logo_draws_the_card_again() {
    let site = photo_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace("place: Denpasar}", "place: Denpasar, logo: /img/logo.png}");
    site.write("site.yaml", &yaml);
    site.write(&format!("{DIR}.md"), &release(None, ""));
    let logo = |rgb: [u8; 3]| {
        let img = image::RgbImage::from_pixel(64, 64, image::Rgb(rgb));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).expect("encodes");
        out.into_inner()
    };
    put(&site, "static/img/logo.png", &logo([200, 30, 30]));
    site.build().expect("first build");
    let card = site.public().join(PAGE).join("social-1200x630.jpg");
    let red = std::fs::read(&card).expect("the card");
    put(&site, "static/img/logo.png", &logo([30, 30, 200]));
    site.build().expect("build after the logo changed");
    assert_ne!(std::fs::read(&card).expect("the card"), red, "the card shows the new logo");
    assert_same_as_a_clean_build(&site);
}

/// A `social-card.svg` of the site's (or its theme's) draws the cards: `warta init` copies the
/// theme, and the README says to restyle the card like any template, but an `.svg` template was
/// once not read, and the built-in card was drawn whatever the file said. An edit of it draws
/// the card again, as a clean build would; the card's other inputs (its title) too.
#[test]
fn the_themes_own_card_template_draws_the_card_and_an_edit_draws_it_again() {
    let site = photo_site();
    site.write(&format!("{DIR}.md"), &release(None, ""));
    site.build().expect("first build");
    let card = site.public().join(PAGE).join("social-1200x630.jpg");
    let builtin = std::fs::read(&card).expect("the built-in card");
    let plain = |fill: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{{{{ card.width }}}}\" \
             height=\"{{{{ card.height }}}}\"><rect width=\"100%\" height=\"100%\" \
             fill=\"{fill}\"/></svg>"
        )
    };
    let colour = |bytes: &[u8]| {
        let img = image::load_from_memory(bytes).expect("decodes").to_rgb8();
        img.get_pixel(600, 315).0
    };
    for (fill, rgb) in [("#0000ff", [0, 0, 255]), ("#ff0000", [255, 0, 0])] {
        site.write("templates/social-card.svg", &plain(fill));
        site.build().expect("build with the theme's card");
        let drawn = std::fs::read(&card).expect("the card");
        assert_ne!(drawn, builtin);
        let got = colour(&drawn);
        assert!(got.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) < 16), "{fill}: {got:?}");
        assert_same_as_a_clean_build(&site);
    }
    // A new title draws the card again from the same template: this one shows the title.
    site.write(
        "templates/social-card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{{ card.width }}\" \
         height=\"{{ card.height }}\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         {% set w = card.title | length %}<rect width=\"{{ w * 20 }}\" height=\"630\" fill=\"#000\"/></svg>",
    );
    site.build().expect("build");
    let short = std::fs::read(&card).expect("the card");
    let text = std::fs::read_to_string(site.root().join(format!("{DIR}.md"))).expect("read");
    site.write(
        &format!("{DIR}.md"),
        &text.replacen("title: ", "title: Judul yang jauh lebih panjang ", 1),
    );
    site.build().expect("build after the title changed");
    assert_ne!(std::fs::read(&card).expect("the card"), short, "a longer title, a wider bar");
    assert_same_as_a_clean_build(&site);
}

/// Each unit has channel feeds of its own; a release that only a unit's Instagram feed carries
/// (the site's is full of newer releases) gets its square and portrait cards from that feed,
/// and every card has one owner: the build is that of a clean build, whatever the order.
#[test]
fn a_units_instagram_feed_draws_the_cards_of_releases_only_it_carries() {
    let site = photo_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let badung = "  kemenag-badung: {name: Kemenag Badung, short: Kemenag Badung, place: \
                  Mangupura, social: {x: \"@kemenagbadung\"}}\n";
    let yaml = yaml.replace("authors:", &format!("{badung}authors:"));
    site.write("site.yaml", &format!("{yaml}feed_limit: 1\nsocial: {{x: \"@kemenagbali\"}}\n"));
    let card = |title: &str, date: &str, unit: &str| {
        (release(None, "").replace("Rapat Koordinasi Humas", title))
            .replace("2023-05-15", date)
            .replace("unit: kanwil-bali", &format!("unit: {unit}"))
    };
    site.write("content/2023/05/lama.md", &card("Rilis Badung", "2023-05-10", "kemenag-badung"));
    site.write("content/2023/05/baru.md", &card("Rilis Kanwil", "2023-05-12", "kanwil-bali"));
    site.build().expect("build");
    let read = |path: &str| std::fs::read_to_string(site.public().join(path)).expect(path);
    for dir in ["2023/05/lama/", "2023/05/baru/"] {
        for shape in ["social-1080x1080.jpg", "social-1080x1350.jpg"] {
            assert!(site.public().join(dir).join(shape).is_file(), "{dir}{shape}");
        }
    }
    let unit = read("unit/kemenag-badung/feeds/instagram.xml");
    assert!(unit.contains("2023/05/lama/social-1080x1080.jpg"), "{unit}");
    assert!(unit.contains("<title>Kemenag Badung — Instagram</title>"), "{unit}");
    assert!(!read("feeds/instagram.xml").contains("2023/05/lama/"), "the site's feed is full");
    let json: serde_json::Value =
        serde_json::from_str(&read("unit/kemenag-badung/feeds/x.json")).expect("JSON Feed");
    let text = json["items"][0]["content_text"].as_str().expect("a caption");
    // The unit's own account posts its feed: it does not credit itself (until stop 46 it did,
    // "via @kemenagbadung" from @kemenagbadung). The site's account, posting the same release,
    // does: the caption on the page says so.
    assert!(text.starts_with("Rilis Badung") && !text.contains("via @"), "{text}");
    let kanwil = read("unit/kanwil-bali/feeds/x.xml");
    assert!(kanwil.contains("Rilis Kanwil") && !kanwil.contains("via @"), "{kanwil}");
    let page = read("2023/05/lama/index.html");
    assert!(page.contains("via=kemenagbadung"), "X's share button names the unit");
    assert!(page.contains("via @kemenagbadung"), "the caption to post names the unit");
    assert_same_as_a_clean_build(&site);
}

/// A right-to-left override in a title ("gpj.exe" shown as "exe.jpg") is removed everywhere
/// the title goes, not only from captions.
#[test]
fn a_titles_bidi_override_is_removed_from_pages_feeds_and_captions() {
    let site = photo_site();
    let title = "Rapat \u{202E}gpj.exe\u{202C} Humas";
    site.write(
        "content/2023/05/rapat.md",
        &release(None, "").replace("Rapat Koordinasi Humas", title),
    );
    site.build().expect("build");
    for path in
        ["2023/05/rapat/index.html", "feed.xml", "feeds/x.json", "2023/05/rapat/social.json"]
    {
        let text = std::fs::read_to_string(site.public().join(path)).expect(path);
        assert!(text.contains("Rapat gpj.exe Humas"), "{path}");
        assert!(!text.contains('\u{202E}') && !text.contains("\\u202e"), "{path}");
    }
}

#[test]
fn a_gallery_naming_a_photo_the_release_does_not_have_says_where_it_should_be() {
    let site = photo_site();
    let extra = "gallery:\n  - file: tidak-ada.jpg\n";
    site.write(&format!("{DIR}/index.md"), &release(None, extra));
    put(&site, &format!("{DIR}/b.jpg"), &jpeg(1000, 750, &[]));
    let error = site.build_error();
    assert!(
        error.starts_with(&format!(
            "{DIR}/index.md:6: field 'gallery': no photo \"tidak-ada.jpg\" in {DIR}/; photos there: b.jpg"
        )),
        "{error}"
    );
    // A release in a file of its own has no photos: the message says where it and they go.
    std::fs::remove_dir_all(site.root().join(DIR)).expect("removed");
    site.write("content/2023/05/rapat.md", &release(None, extra));
    let error = site.build_error();
    assert!(
        error.starts_with(
            "content/2023/05/rapat.md:6: field 'gallery': \"tidak-ada.jpg\" is not one of the \
             release's files: a release's photos and files go in a folder of its own; move \
             content/2023/05/rapat.md to content/2023/05/rapat/index.md and put tidak-ada.jpg \
             beside it"
        ),
        "{error}"
    );
}

/// A photo named by where it is on the writer's computer (Explorer's "Copy as path", a Mac's
/// `/Users/…`), in other capitals, or without the extension Windows hides, is an error that
/// says the one name to write, in the front matter, the gallery and the body alike; and once it
/// is written, the release builds.
#[test]
fn a_photo_named_as_the_writers_computer_shows_it_gets_the_name_to_write() {
    let site = photo_site();
    put(&site, &format!("{DIR}/IMG_2023.jpg"), &jpeg(1200, 800, &[]));
    put(&site, &format!("{DIR}/jadwal.pdf"), b"%PDF-1.4");
    let cases = [
        (
            r"C:\Users\Humas\Pictures\IMG_2023.jpg",
            "\"C:\\Users\\Humas\\Pictures\\IMG_2023.jpg\" is where the file is on the writer's \
             computer, which no reader of the site can open; IMG_2023.jpg is in \
             content/2023/05/rapat/: write only its name, IMG_2023.jpg",
        ),
        (
            "/Users/humas/Desktop/IMG_2023.jpg",
            "\"/Users/humas/Desktop/IMG_2023.jpg\" is where the file is on the writer's computer",
        ),
        ("IMG_2023.JPG", "but there is IMG_2023.jpg: write its name as it is, capitals too"),
        ("IMG_2023", "but there is IMG_2023.jpg: write its name with its extension"),
    ];
    for (written, said) in cases {
        site.write(&format!("{DIR}/index.md"), &release(Some(written), ""));
        let error = site.build_error();
        assert!(error.starts_with(&format!("{DIR}/index.md:6: field 'image': ")), "{error}");
        assert!(error.contains(said), "{written}: {error}");
    }
    // A photo on the computer that is not beside the release yet: copy it there.
    site.write(&format!("{DIR}/index.md"), &release(Some(r"D:\Foto\Rapat Pagi.jpg"), ""));
    let error = site.build_error();
    assert!(
        error.contains(
            "\"D:\\Foto\\Rapat Pagi.jpg\" is where the file is on the writer's computer, which no \
             reader of the site can open: copy Rapat Pagi.jpg into content/2023/05/rapat/, beside \
             index.md, and write only its name, Rapat Pagi.jpg"
        ),
        "{error}"
    );
    // The gallery, and a link in the body, the same.
    let extra = "gallery:\n  - file: img_2023.jpg\n";
    site.write(&format!("{DIR}/index.md"), &release(None, extra));
    let error = site.build_error();
    assert!(error.contains("field 'gallery': no file \"img_2023.jpg\""), "{error}");
    assert!(error.contains("but there is IMG_2023.jpg"), "{error}");
    site.write(
        &format!("{DIR}/index.md"),
        &release(None, "").replace("di aula kantor.", "di aula kantor. [Jadwal](Jadwal.PDF)"),
    );
    let error = site.build_error();
    assert!(error.contains("but there is jadwal.pdf: write its name as it is"), "{error}");
    // Written as it is, the release builds.
    site.write(&format!("{DIR}/index.md"), &release(Some("IMG_2023.jpg"), ""));
    site.build().expect("the name as it is");
    assert!(site.public().join(format!("{PAGE}img-2023-480.jpg")).exists());
}

/// A release in a file of its own, whose photo is named by where it is on the writer's
/// computer, is told to become a folder with the photo in it under its name alone.
#[test]
fn a_one_file_releases_photo_on_the_computer_is_told_where_it_goes() {
    let site = photo_site();
    site.write("content/2023/05/rapat.md", &release(Some(r"C:\Users\Humas\IMG_2023.jpg"), ""));
    let error = site.build_error();
    assert!(
        error.starts_with(
            "content/2023/05/rapat.md:6: field 'image': \"C:\\Users\\Humas\\IMG_2023.jpg\" is \
             where the file is on the writer's computer, which no reader of the site can open: a \
             release's photos and files go in a folder of its own; move content/2023/05/rapat.md \
             to content/2023/05/rapat/index.md and put IMG_2023.jpg beside it, and write only its \
             name, IMG_2023.jpg"
        ),
        "{error}"
    );
}

/// Found using the product, stop 60: `image:` given as the link Google Drive's "Share" gives
/// was published as it was, an `<img>` and an `og:image` of a page, shown broken, with only a
/// warning about its extension. A share link of a photo service is now an error saying to
/// download the photo; a photo's own address on another site is still taken.
#[test]
fn a_photo_given_as_a_share_link_of_drive_or_instagram_is_an_error() {
    let site = photo_site();
    let link = "https://drive.google.com/file/d/1AbCdEfGhIjK/view?usp=sharing";
    site.write(&format!("{DIR}.md"), &release(Some(link), ""));
    let error = site.build_error();
    assert!(
        error.starts_with(&format!(
            "{DIR}.md:6: field 'image': \"{link}\" is a page of Google Drive that shows the \
             photo, not the photo: the page would show it broken"
        )),
        "{error}"
    );
    // Shown in the body, the same.
    let body = release(None, "").replace(
        "di aula kantor.",
        "di aula kantor.\n\n![Suasana](https://www.instagram.com/p/Cabc123/)",
    );
    site.write(&format!("{DIR}.md"), &body);
    let error = site.build_error();
    assert!(
        error.contains(
            "the image \"https://www.instagram.com/p/Cabc123/\" is a page of Instagram that shows \
             the photo, not the photo"
        ),
        "{error}"
    );
    let photo = "https://i.ibb.co/abc/foto.jpg";
    site.write(
        &format!("{DIR}.md"),
        &release(Some(photo), "image_width: 1200\nimage_height: 800\n"),
    );
    site.build().expect("a photo's own address");
}
