//! The QR code of a release's verification link, as SVG: one path of dark modules on a white
//! square with the quiet zone the standard asks (four modules), for the drawn social card and
//! the printed page. Drawn from the modules `qrcode` computes, not its own renderer, so the
//! markup is one small element that embeds as it is in HTML and in the card's SVG.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of white around the code.
const QUIET: usize = 4;

/// An `<svg>` of `size` pixels square with the QR code of `text` (error correction M, which
/// survives a crease or a smudge on paper); empty if the text is too long for a QR code.
pub fn svg(text: &str, size: u32) -> String {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::with_capacity(width * width * 4);
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let side = width + 2 * QUIET;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" width=\"{size}\" height=\"{size}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" role=\"img\" \
         aria-label=\"QR\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{d}\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_one_path_of_modules_in_a_quiet_zone() {
        let s = svg("https://humas.example.go.id/cek/?k=HUM-7Q4M-2CXH", 120);
        assert!(s.starts_with("<svg ") && s.ends_with("</svg>"), "{s}");
        assert!(s.contains("width=\"120\""));
        // Version 3 (29 modules) for a link of this length, plus the quiet zone.
        let side: usize = s
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|v| v.split(' ').next())
            .and_then(|v| v.parse().ok())
            .expect("a viewBox");
        assert!(side >= 21 + 8, "{side}");
        // The three finder patterns: the top-left module of each is dark.
        assert!(s.contains("M4 4h1v1h-1z"), "{s}");
        assert_eq!(s, svg("https://humas.example.go.id/cek/?k=HUM-7Q4M-2CXH", 120), "stable");
    }
}
