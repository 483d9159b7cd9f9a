//! Text files as PR offices save them: UTF-8 mostly, but Notepad and older Word also write
//! Windows-1252 ("ANSI", the code page of Windows in Indonesian) and UTF-16 ("Unicode").
//! [`decode`] reads all three, says which it used so the writer can be told, and refuses bytes
//! that are no text, at the line of the first bad byte. Decoding is `encoding_rs`, Firefox's.
//!
//! The encoding is decided, in order, by a byte-order mark, by the NUL bytes that UTF-16 puts
//! beside every ASCII letter, by UTF-8 validity, and otherwise Windows-1252. A statistical
//! detector (chardetng) is not needed: it does not detect UTF-16, and for Latin text it can
//! only answer Windows-1252 or guess a code page no Indonesian Windows uses.

use encoding_rs::{Encoding as Codec, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How a file was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// With or without a byte-order mark.
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// A file's text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Without a byte-order mark.
    pub text: String,
    pub encoding: Encoding,
}

impl Decoded {
    /// What the writer should know when the file was not UTF-8.
    pub fn warning(&self) -> Option<String> {
        let name = match self.encoding {
            Encoding::Utf8 => return None,
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16 (\"Unicode\" in Notepad)",
            Encoding::Windows1252 => "Windows-1252 (\"ANSI\" in Notepad)",
        };
        Some(format!("was saved as {name}, not UTF-8; warta read it as such, but check its accented letters and quotes, and save it as UTF-8 to be sure ({SAVE_AS})"))
    }
}

/// How to save a file as UTF-8, in the editor most offices use.
const SAVE_AS: &str = "Notepad: File › Save As › Encoding: UTF-8";

/// Why bytes could not be read as text; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: usize,
    pub message: String,
}

/// Reads `bytes` as text in the encoding they were most likely saved in.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(kind) = document_kind(bytes) {
        return Err(DecodeError {
            line: 1,
            message: format!(
                "this is {kind} renamed, not a text file: make a release of it with `warta new \
                 --from` and the file under its own name (.docx), or copy its text into a \
                 release"
            ),
        });
    }
    if let Some((codec, bom)) = Codec::for_bom(bytes) {
        let rest = &bytes[bom..];
        return if codec == encoding_rs::UTF_8 { utf8(rest) } else { utf16(codec, rest) };
    }
    if let Some(codec) = utf16_without_bom(bytes) {
        return utf16(codec, bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_string(), Encoding::Utf8);
    }
    let mixed = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
    if mixed {
        return utf8(bytes); // reports the first byte that is not UTF-8
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    checked(text.into_owned(), Encoding::Windows1252)
}

/// What kind of document `bytes` are, told by how such files start, when they are one a
/// writer may rename `.md` (found by helper-34, stop 67: a `.docx` renamed `.md` was told "the
/// file mixes two encodings; type that character again").
fn document_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 4] = [
        (b"PK\x03\x04", "a Word, Excel or OpenDocument file (or another ZIP archive)"),
        (b"%PDF-", "a PDF"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Word or Excel file (.doc, .xls)"),
        (b"{\\rtf", "a Rich Text (.rtf) file"),
    ];
    KINDS.iter().find(|(start, _)| bytes.starts_with(start)).map(|(_, kind)| *kind)
}

fn utf8(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => checked(text.to_string(), Encoding::Utf8),
        Err(e) => {
            let at = e.valid_up_to();
            let byte = bytes.get(at).copied().unwrap_or_default();
            Err(DecodeError {
                line: line_at(&bytes[..at]),
                message: format!(
                    "the byte 0x{byte:02X} on this line is not UTF-8 while the rest of the file \
                     is: the file mixes two encodings; type that character again and save the \
                     file as UTF-8 ({SAVE_AS})"
                ),
            })
        }
    }
}

fn utf16(codec: &'static Codec, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let encoding = if codec == UTF_16BE { Encoding::Utf16Be } else { Encoding::Utf16Le };
    let (text, malformed) = codec.decode_without_bom_handling(bytes);
    if malformed {
        let at = text.find('\u{FFFD}').unwrap_or(text.len());
        return Err(DecodeError {
            line: line_at(&text.as_bytes()[..at]),
            message: format!(
                "the file was saved as UTF-16 but is broken on this line; save it as UTF-8 \
                 ({SAVE_AS})"
            ),
        });
    }
    checked(text.into_owned(), encoding)
}

/// UTF-16 without a byte-order mark, told by its NUL bytes: text that is mostly ASCII has one
/// beside every letter, on the odd bytes (little-endian) or the even ones (big-endian).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Codec> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let nul_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let nul_odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let most = |n: usize| n * 10 >= pairs * 6;
    let few = |n: usize| n * 10 < pairs;
    if most(nul_odd) && few(nul_even) {
        Some(UTF_16LE)
    } else if most(nul_even) && few(nul_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decoded text is refused if it has control characters no text file has: the bytes were no
/// text (a photo renamed `.md`, a Word document) or not in the encoding guessed.
fn checked(text: String, encoding: Encoding) -> Result<Decoded, DecodeError> {
    let Some(at) = first_control(&text, Controls::ExceptBreaks) else {
        return Ok(Decoded { text, encoding });
    };
    let c = text[at..].chars().next().unwrap_or_default();
    Err(DecodeError {
        line: line_at(&text.as_bytes()[..at]),
        message: format!(
            "this is not a text file, or not in an encoding warta knows (a control \
             character U+{:04X} on this line); save it as UTF-8 text ({SAVE_AS})",
            u32::from(c)
        ),
    })
}

/// Which control characters [`first_control`] looks for besides those no text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Controls {
    /// All but tab, line feed and carriage return.
    All,
    /// All but those, the form feed and the vertical tab (a page break and a line break pasted
    /// from Word or PowerPoint).
    ExceptBreaks,
}

/// The byte offset of the first control character (`char::is_control`: C0, DEL and C1) in
/// `text` other than a tab or a line break, and other than a form feed or a vertical tab when
/// `controls` says so.
/// Every release is scanned on every build, so this looks at bytes, not characters: in UTF-8 a
/// C0 control or DEL is one byte below 0x20 or 0x7F, a C1 control the pair 0xC2 0x80..=0x9F.
pub fn first_control(text: &str, controls: Controls) -> Option<usize> {
    let bytes = text.as_bytes();
    let allowed = |b: u8| {
        matches!(b, b'\t' | b'\n' | b'\r')
            || (matches!(b, 0x0B | 0x0C) && controls == Controls::ExceptBreaks)
    };
    // Text is mostly printable ASCII and letters: a quick test per byte, the details only for
    // the few bytes that can start a control character.
    bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 || b == 0x7F || b == 0xC2)
            && match b {
                0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
                _ => !allowed(b),
            }
    })
}

/// Whether `c` is an invisible character that reorders or hides the text around it: the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, with which
/// "gpj.exe" shows as "exe.jpg"), a byte-order mark inside the text, and the non-characters
/// U+FFFE and U+FFFF. Zero-width joiners stay: emoji and Indic scripts need them.
pub fn is_hidden_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without [`is_hidden_format`] characters, and the first one removed, if any.
pub fn strip_hidden_format(text: &str) -> (std::borrow::Cow<'_, str>, Option<char>) {
    match text.chars().find(|&c| is_hidden_format(c)) {
        None => (std::borrow::Cow::Borrowed(text), None),
        Some(first) => (text.chars().filter(|&c| !is_hidden_format(c)).collect(), Some(first)),
    }
}

/// The 1-based line at the end of `before`.
fn line_at(before: &[u8]) -> usize {
    before.iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_renamed_md_is_named_for_what_it_is() {
        for (bytes, kind) in [
            (&b"PK\x03\x04\x14\x00\x06\x00word/document.xml"[..], "a Word, Excel"),
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "a PDF"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "an old Word"),
            (b"{\\rtf1\\ansi Rapat}", "a Rich Text"),
        ] {
            let e = decode(bytes).expect_err("not text");
            assert!(e.message.starts_with(&format!("this is {kind}")), "{}", e.message);
            assert!(e.message.contains("warta new --from"), "{}", e.message);
        }
        // Text that starts with the same letters is text.
        assert!(decode(b"%PDFs are attached").is_ok());
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF];
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    #[test]
    fn hidden_format_characters_are_stripped_and_the_first_named() {
        let (text, first) = strip_hidden_format("Rapat \u{202E}gpj.exe\u{202C} \u{FEFF}KUA");
        assert_eq!((text.as_ref(), first), ("Rapat gpj.exe KUA", Some('\u{202E}')));
        let (text, first) = strip_hidden_format("👨\u{200D}👩 ok");
        assert!(matches!(text, std::borrow::Cow::Borrowed("👨\u{200D}👩 ok")) && first.is_none());
    }

    const TEXT: &str = "---\ntitle: “Café” Rapat\n---\n\nIsi.\n";

    #[test]
    fn utf8_is_read_as_it_is_without_a_warning() {
        let d = decode(TEXT.as_bytes()).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, Encoding::Utf8));
        assert_eq!(d.warning(), None);
    }

    #[test]
    fn utf8_bom_is_dropped_without_a_warning() {
        let bytes = [&[0xEF, 0xBB, 0xBF][..], TEXT.as_bytes()].concat();
        let d = decode(&bytes).expect("decodes");
        assert_eq!((d.text.as_str(), d.warning()), (TEXT, None));
    }

    #[test]
    fn windows_1252_curly_quotes_and_accents_are_read() {
        let bytes = b"---\ntitle: \x93Caf\xe9\x94 Rapat\n---\n\nIsi.\n";
        let d = decode(bytes).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, Encoding::Windows1252));
        assert!(d.warning().is_some_and(|w| w.contains("Windows-1252")));
    }

    #[test]
    fn utf16_with_and_without_bom_is_read() {
        for (bytes, encoding) in [
            (utf16le(TEXT, true), Encoding::Utf16Le),
            (utf16le(TEXT, false), Encoding::Utf16Le),
            (utf16be(TEXT), Encoding::Utf16Be),
            (utf16be(TEXT)[2..].to_vec(), Encoding::Utf16Be),
        ] {
            let d = decode(&bytes).expect("decodes");
            assert_eq!((d.text.as_str(), d.encoding), (TEXT, encoding));
            assert!(d.warning().is_some_and(|w| w.contains("UTF-16")));
        }
    }

    #[test]
    fn utf8_with_one_stray_byte_is_an_error_at_its_line() {
        let bytes = ["a: é\nb: x\n".as_bytes(), b"c: \x93x\n"].concat();
        let e = decode(&bytes).expect_err("mixed encodings");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("0x93") && e.message.contains("UTF-8"), "{}", e.message);
    }

    #[test]
    fn binary_garbage_is_an_error_at_the_first_bad_byte() {
        let e = decode(b"---\ntitle: x\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
            .expect_err("no text");
        // 0x89 is Windows-1252's "‰"; the first byte no text has is 0x1A, on line 4.
        assert_eq!(e.line, 4);
        assert!(e.message.contains("save it as UTF-8"), "{}", e.message);
        let e = decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).expect_err("lone surrogate");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn short_and_empty_files_do_not_panic() {
        for bytes in [&b""[..], b"\x00", b"\xff", b"\xfe\xff\x00", b"a\x00", b"\xef\xbb"] {
            let _ = decode(bytes);
        }
        assert_eq!(decode(b"").expect("empty is text").text, "");
    }

    proptest::proptest! {
        /// The byte scan finds what a scan of the characters finds.
        #[test]
        fn the_byte_scan_for_controls_agrees_with_char_is_control(
            text in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{a0}\\u{100}\\u{2028}]){0,40}"
        ) {
            for (controls, breaks) in [(Controls::All, ""), (Controls::ExceptBreaks, "\u{b}\u{c}")] {
                let expected = text.char_indices().find(|&(_, c)| {
                    c.is_control() && !matches!(c, '\t' | '\n' | '\r') && !breaks.contains(c)
                });
                proptest::prop_assert_eq!(first_control(&text, controls), expected.map(|(i, _)| i));
            }
        }
    }
}
