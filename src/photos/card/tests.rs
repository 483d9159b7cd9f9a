//! Tests of the drawn card: wrapping, drawing, refusals.
use super::*;

const FAMILY: &str = "Inter";

fn fonts() -> Fonts {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/fonts/");
    Fonts::new(
        ["Inter-Regular.otf", "Inter-Bold.otf"]
            .map(|f| std::fs::read(format!("{dir}{f}")).expect("the theme's font files")),
    )
}

fn width_of(fonts: &Fonts, text: &str, weight: u16, size: f32) -> f32 {
    with_measure(fonts, FAMILY, weight, size, |m| m.str(text))
}

fn no_resource(_: &str) -> Option<Arc<Vec<u8>>> {
    None
}

/// The RGB of pixel (x, y) of a `width`-wide picture.
fn pixel(rgb: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
    let i = ((y * width + x) * 3) as usize;
    [rgb[i], rgb[i + 1], rgb[i + 2]]
}

fn png(color: tiny_skia::Color) -> Vec<u8> {
    let mut logo = tiny_skia::Pixmap::new(16, 16).unwrap();
    logo.fill(color);
    logo.encode_png().unwrap()
}

#[test]
fn fonts_are_loaded_from_the_theme_only() {
    let fonts = fonts();
    assert!(!fonts.is_empty());
    assert_eq!(fonts.default_family, "Inter");
    assert!(Fonts::new([b"not a font".to_vec()]).is_empty());
    assert!(Fonts::new(Vec::new()).is_empty());
}

/// An emoji, which the theme's fonts do not have, is left out of the card's lines, with the
/// space before it: drawn, it was the box of a missing glyph. Letters the fonts have stay,
/// accented ones too.
#[test]
fn an_emoji_the_fonts_lack_is_left_out_of_the_lines() {
    let fonts = fonts();
    let title = "MAN 1 Denpasar Juara Umum Lomba Kaligrafi 🏆";
    let lines = wrap(&fonts, title, FAMILY, 700, 64.0, 1040.0, 4);
    assert_eq!(lines.join(" "), "MAN 1 Denpasar Juara Umum Lomba Kaligrafi");
    let lines = wrap(&fonts, "🎉🎉 Café “Bali” – Rp 1.000 👍🏽 ✅", FAMILY, 700, 64.0, 1040.0, 4);
    assert_eq!(lines.join(" "), "Café “Bali” – Rp 1.000");
    // Without any font nothing can be known of a face, and nothing is left out.
    let none = Fonts::new(Vec::new());
    assert_eq!(wrap(&none, title, FAMILY, 700, 64.0, 1040.0, 4).join(" "), title);
}

#[test]
fn a_short_title_stays_on_one_line() {
    let title = "Kanwil Kemenag Bali Gelar Rapat";
    let lines = wrap(&fonts(), title, FAMILY, 700, 64.0, 1040.0, 4);
    assert_eq!(lines, [title]);
}

#[test]
fn a_long_indonesian_title_wraps_at_words_within_the_width() {
    let fonts = fonts();
    let title = "Pemerintah Provinsi Bali Menyelenggarakan Sosialisasi Pertanggungjawaban \
                 Keuangan Desa bagi Perangkat Desa se-Kabupaten Karangasem Tahun Anggaran 2023";
    assert_eq!(title.chars().count(), 150);
    let lines = wrap(&fonts, title, FAMILY, 700, 48.0, 1040.0, 4);
    assert!(lines.len() > 1 && lines.len() <= 4, "{lines:?}");
    assert_eq!(lines.join(" "), title, "nothing lost, no word cut");
    for line in &lines {
        assert!(width_of(&fonts, line, 700, 48.0) <= 1040.0, "{line:?} is too wide");
    }
    // Greedy: the first word of each next line would not have fitted on the line before.
    for pair in lines.windows(2) {
        let next = pair[1].split(' ').next().unwrap();
        let joined = format!("{} {next}", pair[0]);
        assert!(width_of(&fonts, &joined, 700, 48.0) > 1040.0, "{joined:?} would fit");
    }
}

#[test]
fn an_overflowing_title_ends_with_an_ellipsis_that_fits() {
    let fonts = fonts();
    let title = "Rapat Koordinasi Penanggulangan Bencana Hidrometeorologi Musim Penghujan \
                 Dihadiri Bupati, Kapolres, Dandim, Kepala Pelaksana BPBD, Camat, dan Lurah \
                 se-Kabupaten Buleleng di Aula Kantor Bupati";
    let lines = wrap(&fonts, title, FAMILY, 700, 64.0, 1040.0, 2);
    assert_eq!(lines.len(), 2);
    let last = &lines[1];
    assert!(last.ends_with('…'), "{last:?}");
    assert!(!last.ends_with(" …") && !last.ends_with(",…"), "{last:?}");
    assert!(width_of(&fonts, last, 700, 64.0) <= 1040.0);
    assert!(title.starts_with(&format!("{} {}", lines[0], last.trim_end_matches('…'))));
}

#[test]
fn a_single_very_long_word_is_cut_only_because_it_must() {
    let fonts = fonts();
    let word = "Kemenag-Kemendikbudristek-Kemenkes-Kemendagri-KemenPANRB-Kemenkeu-Bappenas";
    let lines = wrap(&fonts, word, FAMILY, 700, 64.0, 1040.0, 4);
    assert!(lines.len() > 1, "{lines:?}");
    assert_eq!(lines.concat(), word);
    assert!(lines[0].ends_with('-'), "cut after a hyphen: {lines:?}");
    for line in &lines {
        assert!(width_of(&fonts, line, 700, 64.0) <= 1040.0, "{line:?} is too wide");
    }
    // Without a hyphen it is cut where the line is full, and overflow still gets the mark.
    let word = "Pertanggungjawabannya".repeat(8);
    let lines = wrap(&fonts, &word, FAMILY, 700, 64.0, 600.0, 2);
    assert_eq!(lines.len(), 2);
    assert!(lines[1].ends_with('…'));
    assert!(word.starts_with(&lines[0]));
    // Words around a long word stay whole.
    let lines = wrap(&fonts, &format!("Di {word} Bali"), FAMILY, 700, 64.0, 600.0, 20);
    assert_eq!(lines.first().map(String::as_str), Some("Di"));
    assert!(lines.last().is_some_and(|l| l.ends_with("nya Bali")), "{lines:?}");
}

#[test]
fn empty_text_gives_no_lines() {
    let fonts = fonts();
    assert!(wrap(&fonts, "", FAMILY, 700, 64.0, 1040.0, 4).is_empty());
    assert!(wrap(&fonts, " \n\t ", FAMILY, 700, 64.0, 1040.0, 4).is_empty());
    assert!(wrap(&fonts, "Siaran Pers", FAMILY, 700, 64.0, 1040.0, 0).is_empty());
}

#[test]
fn white_space_collapses_and_no_break_spaces_hold() {
    let fonts = fonts();
    let lines = wrap(&fonts, "  Kanwil\n\nKemenag \t Bali ", FAMILY, 400, 30.0, 1000.0, 3);
    assert_eq!(lines, ["Kanwil Kemenag Bali"]);
    let lines = wrap(&fonts, "Bantuan Rp\u{a0}1.000.000", FAMILY, 400, 30.0, 200.0, 3);
    assert_eq!(lines.last().map(String::as_str), Some("Rp\u{a0}1.000.000"));
}

#[test]
fn wrap_never_panics_on_odd_measures() {
    let fonts = fonts();
    let text = "Kanwil Kemenag Bali";
    assert_eq!(wrap(&fonts, text, FAMILY, 700, f32::NAN, 100.0, 3), [text]);
    assert_eq!(wrap(&fonts, text, FAMILY, 700, 64.0, -1.0, 3), [text]);
    // Narrower than one letter: one letter a line, and the mark on the last.
    let lines = wrap(&fonts, text, FAMILY, 700, 64.0, 1.0, 3);
    assert_eq!(lines.len(), 3);
    // A family the theme lacks is measured with the theme's font, as it is drawn.
    assert_eq!(
        wrap(&fonts, text, "Comic Sans MS, cursive", 700, 64.0, 300.0, 9),
        wrap(&fonts, text, FAMILY, 700, 64.0, 300.0, 9)
    );
    // No font at all: an estimate, still within the bounds.
    let lines = wrap(&Fonts::new(Vec::new()), text, FAMILY, 700, 64.0, 400.0, 9);
    assert!(lines.len() > 1);
}

#[test]
fn bold_is_measured_wider_than_regular() {
    let fonts = fonts();
    let text = "Rapat Koordinasi";
    assert!(width_of(&fonts, text, 700, 64.0) > width_of(&fonts, text, 400, 64.0));
}

#[test]
fn text_is_drawn_where_it_is_placed() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">
        <text x="10" y="80" font-family="Inter" font-weight="700" font-size="80"
              fill="#000000">HHHH</text></svg>"##;
    let rgb = rasterize(svg, &fonts(), 400, 100, &no_resource).unwrap();
    assert_eq!(rgb.len(), 400 * 100 * 3);
    let dark = |x0: u32, x1: u32| {
        (x0..x1)
            .flat_map(|x| (20..80).map(move |y| (x, y)))
            .any(|(x, y)| pixel(&rgb, 400, x, y).iter().all(|&c| c < 60))
    };
    assert!(dark(10, 60), "the first H is drawn");
    assert!(!dark(360, 400), "nothing right of the text");
    assert_eq!(pixel(&rgb, 400, 399, 0), [255, 255, 255], "transparent is white");
}

#[test]
fn a_png_logo_comes_through_resource() {
    let logo = Arc::new(png(tiny_skia::Color::from_rgba8(200, 0, 0, 255)));
    let resource = |href: &str| (href == "/img/logo.png").then(|| logo.clone());
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
        <image x="0" y="0" width="100" height="100" href="/img/logo.png"/>
        <image x="100" y="0" width="100" height="100" href="/img/unknown.png"/></svg>"#;
    let rgb = rasterize(svg, &fonts(), 200, 100, &resource).unwrap();
    assert_eq!(pixel(&rgb, 200, 50, 50), [200, 0, 0]);
    assert_eq!(pixel(&rgb, 200, 150, 50), [255, 255, 255], "an unknown href is dropped");
}

#[test]
fn a_huge_image_is_refused_before_it_is_decoded() {
    // A PNG header that claims 100000×100000 pixels (no need for the pixels themselves).
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let bomb = Arc::new(bomb);
    let resource = |_: &str| Some(bomb.clone());
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
        <image width="10" height="10" href="/img/logo.png"/></svg>"#;
    let err = rasterize(svg, &fonts(), 10, 10, &resource).unwrap_err();
    assert!(err.contains("/img/logo.png") && err.contains("100000×100000"), "{err}");
}

#[test]
fn an_svg_logo_and_a_data_uri_are_drawn() {
    let logo = Arc::new(
        br##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
             <rect width="10" height="10" fill="#0000ff"/></svg>"##
            .to_vec(),
    );
    let resource = |href: &str| (href == "/logo.svg").then(|| logo.clone());
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"
        xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">
        <image xlink:href="/logo.svg" width="100" height="100"/>
        <image x="100" width="100" height="100" href="data:image/svg+xml;utf8,%3Csvg
         xmlns='http://www.w3.org/2000/svg' width='4' height='4'%3E%3Crect width='4'
         height='4' fill='%2300ff00'/%3E%3C/svg%3E"/></svg>"#;
    let rgb = rasterize(svg, &fonts(), 200, 100, &resource).unwrap();
    assert_eq!(pixel(&rgb, 200, 50, 50), [0, 0, 255]);
    assert_eq!(pixel(&rgb, 200, 150, 50), [0, 255, 0]);
    // An SVG logo as Illustrator saves it, with a DOCTYPE, is drawn.
    let illustrator = Arc::new(
        br##"<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
             "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
             <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
             <rect width="10" height="10" fill="#0000ff"/></svg>"##
            .to_vec(),
    );
    let resource = |href: &str| (href == "/logo.svg").then(|| illustrator.clone());
    let rgb = rasterize(svg, &fonts(), 200, 100, &resource).unwrap();
    assert_eq!(pixel(&rgb, 200, 50, 50), [0, 0, 255]);
    // A logo nested deep enough to overflow the parser's stack is refused before parsing.
    let deep = Arc::new(
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">{}{}</svg>"#,
            "<g>".repeat(50_000),
            "</g>".repeat(50_000)
        )
        .into_bytes(),
    );
    let resource = |_: &str| Some(deep.clone());
    let e = rasterize(svg, &fonts(), 200, 100, &resource).unwrap_err();
    assert!(e.contains("the image /logo.svg is an SVG nested more than"), "{e}");
}

#[test]
fn no_file_is_read_by_the_renderer() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
        <image width="100" height="100" href="/etc/hostname"/>
        <image width="100" height="100" href="file:///etc/hostname"/></svg>"#;
    let asked = std::sync::Mutex::new(Vec::new());
    let resource = |href: &str| {
        asked.lock().unwrap().push(href.to_string());
        None
    };
    let rgb = rasterize(svg, &fonts(), 100, 100, &resource).unwrap();
    assert!(rgb.iter().all(|&c| c == 255));
    assert_eq!(*asked.lock().unwrap(), ["/etc/hostname", "file:///etc/hostname"]);
}

#[test]
fn malformed_svg_is_an_error_that_says_where() {
    let fonts = fonts();
    let err = rasterize(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<text>a</txet>\n</svg>",
        &fonts,
        10,
        10,
        &no_resource,
    )
    .unwrap_err();
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("txet"), "{err}");
    let err = rasterize("", &fonts, 10, 10, &no_resource).unwrap_err();
    assert!(err.contains("not well-formed"), "{err}");
    let err = rasterize("<html/>", &fonts, 10, 10, &no_resource).unwrap_err();
    assert!(!err.is_empty());
    let err = rasterize(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>"#,
        &fonts,
        10,
        10,
        &no_resource,
    )
    .unwrap_err();
    assert!(err.contains("size"), "{err}");
    let ok = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
    assert!(rasterize(ok, &fonts, 0, 10, &no_resource).is_err());
    assert!(rasterize(ok, &fonts, 10, 100_000, &no_resource).is_err());
}

#[test]
fn hostile_svg_gives_an_error_or_a_picture_never_a_panic() {
    let fonts = fonts();
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE svg [
        <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
        <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
        ]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
        <text>&e;</text></svg>"#;
    let err = rasterize(laughs, &fonts, 10, 10, &no_resource).unwrap_err();
    assert!(err.contains("entities"), "{err}");
    let svg = |body: &str| {
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{body}</svg>"#)
    };
    let cases = [
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1e30" height="1e30"></svg>"#.into(),
        svg(r#"<rect width="1e30" height="1e30"/>"#),
        svg("<use href='#u' id='u'/>"),
        svg(r#"<filter id="f" x="-1e9" y="-1e9" width="2e9" height="2e9">
            <feGaussianBlur stdDeviation="1e9"/></filter>
            <rect width="10" height="10" filter="url(#f)"/>"#),
        svg(r#"<image href="data:image/png;base64,iVBORw0KGgo="/>"#),
        svg(r#"<text font-size="1e30">x</text>"#),
        svg(&format!("{}{}", "<g>".repeat(20_000), "</g>".repeat(20_000))),
    ];
    let err = rasterize(cases.last().unwrap(), &fonts, 10, 10, &no_resource).unwrap_err();
    assert!(err.contains("levels deep"), "{err}");
    for case in &cases {
        let _ = rasterize(case, &fonts, 10, 10, &no_resource);
    }
    // resvg 0.45 panics on this filter region (tiny-skia's to_int_rect): caught, an error.
    let err = rasterize(&cases[3], &fonts, 10, 10, &no_resource).unwrap_err();
    assert!(err.contains("renderer failed"), "{err}");
    let many: String = (0..MAX_IMAGES + 1).map(|i| format!("<image href=\"/{i}.png\"/>")).collect();
    assert!(rasterize(&svg(&many), &fonts, 10, 10, &no_resource).is_err());
    let huge = format!("<svg>{}</svg>", " ".repeat(MAX_SVG_BYTES));
    assert!(rasterize(&huge, &fonts, 10, 10, &no_resource).is_err());
}

#[test]
fn nesting_is_counted_on_the_text_as_the_parser_would() {
    assert_eq!(nesting_depth("<svg><g><rect/></g><g><g/></g></svg>"), 2);
    assert_eq!(nesting_depth("<svg><!-- <g><g><g> --><![CDATA[<g><g>]]><?pi <g>?></svg>"), 1);
    assert_eq!(nesting_depth(r#"<svg a="/>" b='>'><g c="x/"></g></svg>"#), 2);
    assert_eq!(nesting_depth(r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>"#), 0);
    assert_eq!(nesting_depth("</a></a><g><g>"), 2);
    assert_eq!(nesting_depth("<g"), 1);
    // A doctype without entities is fine for the whole pipeline.
    let svg = r#"<?xml version="1.0"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
          "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
    assert!(rasterize(svg, &fonts(), 10, 10, &no_resource).is_ok());
}

#[test]
fn the_same_svg_gives_the_same_pixels() {
    let fonts = fonts();
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">
        <rect x="5.5" y="5.5" width="100" height="50" rx="8" fill="#0a5c36" opacity="0.6"/>
        <text x="10" y="70" font-family="Inter" font-size="40">Bali &amp; Nusa</text></svg>"##;
    let first = rasterize(svg, &fonts, 300, 100, &no_resource).unwrap();
    let again = rasterize(svg, &super::tests::fonts(), 300, 100, &no_resource).unwrap();
    assert_eq!(first, again);
    // Half-transparent green over white, flattened.
    let [r, g, b] = pixel(&first, 300, 50, 30);
    assert!(r > 90 && r < 110 && g > 140 && b > 100, "{r} {g} {b}");
}

#[test]
fn a_smaller_svg_is_scaled_to_the_picture() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="63">
        <rect width="60" height="63" fill="#000"/></svg>"##;
    let rgb = rasterize(svg, &fonts(), 1200, 630, &no_resource).unwrap();
    assert_eq!(pixel(&rgb, 1200, 590, 600), [0, 0, 0]);
    assert_eq!(pixel(&rgb, 1200, 610, 600), [255, 255, 255]);
}

#[test]
fn the_filter_wraps_in_a_template() {
    let mut tera = tera::Tera::default();
    register(&mut tera, Arc::new(fonts()));
    tera.add_raw_template(
        "t.svg",
        "{% for l in title | wrap_lines(size=64, width=500, max_lines=4, family=\"Inter\", \
         weight=700) %}[{{ l | escape_xml }}]{% endfor %}",
    )
    .unwrap();
    let mut context = tera::Context::new();
    context.insert("title", "Bali & <Nusa> \"Tenggara\" Barat");
    let out = tera.render("t.svg", &context).unwrap();
    assert!(out.starts_with("[Bali &amp; &lt;Nusa&gt;]"), "{out}");
    context.insert("title", &tera::Value::Null);
    assert_eq!(tera.render("t.svg", &context).unwrap(), "");

    let missing = "{{ 'a' | wrap_lines(width=10) }}";
    tera.add_raw_template("m.svg", missing).unwrap();
    let err = tera.render("m.svg", &context).unwrap_err();
    let chain = std::iter::successors(Some(&err as &dyn std::error::Error), |e| e.source())
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ");
    assert!(chain.contains("`size` is required"), "{chain}");
}

/// The theme's card renders for every kind of title, with a logo and without.
#[test]
fn the_default_theme_card_renders() {
    let fonts = Arc::new(fonts());
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/social-card.svg"
    ))
    .unwrap();
    // As warta compiles it (`render::theme`): .svg autoescaped with its escaper.
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.set_escape_fn(crate::markdown::escape_html);
    register(&mut tera, fonts.clone());
    tera.add_raw_template("social-card.svg", &template).unwrap();
    let logo = Arc::new(png(tiny_skia::Color::from_rgba8(200, 0, 0, 255)));
    for (title, logo_path) in [
        ("Rapat Koordinasi", "/img/logo.png"),
        ("Kanwil & <Kemenag> \"Bali\" 'Raya'", ""),
        (&"Sosialisasi Pertanggungjawaban Keuangan Desa ".repeat(6), ""),
        ("", ""),
    ] {
        let mut context = tera::Context::new();
        context.insert("card", &serde_card(title, logo_path));
        let svg = tera.render("social-card.svg", &context).unwrap();
        let resource = |href: &str| (href == "/img/logo.png").then(|| logo.clone());
        let rgb = rasterize(&svg, &fonts, 1200, 630, &resource).unwrap();
        assert_eq!(rgb.len(), 1200 * 630 * 3);
        if !logo_path.is_empty() {
            assert_eq!(pixel(&rgb, 1200, 130, 104), [200, 0, 0], "the logo is drawn");
        }
    }
}

fn serde_card(title: &str, logo: &str) -> tera::Value {
    let mut colors = tera::Map::new();
    for key in ["primary", "background", "text"] {
        colors.insert(key.into(), "".into());
    }
    let mut card = tera::Map::new();
    for (key, value) in [
        ("title", title),
        ("date", "Senin, 15 Mei 2023"),
        ("unit", "Kanwil Kemenag Provinsi Bali"),
        ("logo", logo),
        ("site", "Humas Kemenag Bali"),
        ("host", "humas.example.go.id"),
        ("kind", "Siaran Pers"),
    ] {
        card.insert(key.into(), value.into());
    }
    card.insert("colors".into(), tera::Value::Object(colors));
    tera::Value::Object(card)
}

#[test]
fn flattening_puts_premultiplied_pixels_over_white() {
    let rgba = [10, 20, 30, 255, 0, 0, 0, 0, 100, 50, 0, 128];
    assert_eq!(super::flatten(&rgba), [10, 20, 30, 255, 255, 255, 227, 177, 127]);
}
