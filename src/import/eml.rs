//! `warta new --from pesan.eml`: an e-mail saved whole (Gmail's "Download message",
//! Thunderbird's "Save As", Outlook on the web's "Download"), as units send their releases to
//! the office: the text of the message (its plain part, or its HTML part as text), its photos
//! as the release's, a Word attachment as the release itself when there is one, and the
//! subject and day of the message for what the text does not say. mail-parser reads the MIME
//! structure (multipart, base64, quoted-printable, every charset): the parser Stalwart's mail
//! server is built on, without dependencies of its own.

use super::docx::Picture;
use chrono::NaiveDate;
use mail_parser::{MessageParser, MimeHeaders};

/// The photos a release takes from an e-mail, as a browser shows them.
const PHOTO_KINDS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];
/// A picture narrower than this is an e-mail's own (a signature's logo, an icon), not a photo.
const MIN_PHOTO_WIDTH: usize = 300;

/// What an e-mail holds of a release.
#[derive(Debug, Clone, Default)]
pub struct Message {
    /// The message's text.
    pub text: String,
    /// A Word attachment's bytes and name: the release, when the e-mail brings one.
    pub docx: Option<(String, Vec<u8>)>,
    /// Its photos, named for the release's folder.
    pub pictures: Vec<Picture>,
    /// The subject ("Fwd: Rilis: Rapat" as written).
    pub subject: Option<String>,
    /// The day it was sent, in the sender's time.
    pub sent: Option<NaiveDate>,
    /// What was left out, and why.
    pub notes: Vec<String>,
}

/// Reads an e-mail saved as a file (`.eml`, RFC 5322 with its MIME parts).
pub fn read(bytes: &[u8]) -> Result<Message, String> {
    let parsed = MessageParser::default()
        .parse(bytes)
        .filter(|m| m.from().is_some() || m.subject().is_some() || m.date().is_some())
        .ok_or("it is not an e-mail warta can read (no sender, subject or date in its header)")?;
    let mut mail = &parsed;
    let mut notes = Vec::new();
    // Forwarded as an attachment (Outlook's "Forward as Attachment"): the release is the
    // message inside, unless a Word file beside it is.
    while !mail.attachments().any(is_docx) {
        let Some(inner) = mail.attachments().find_map(|p| p.message()) else { break };
        notes.push(format!(
            "the release is the message forwarded in the e-mail ({}); the text around it was \
             left out",
            inner.subject().map_or_else(
                || "without a subject".to_string(),
                |s| format!("\u{201c}{s}\u{201d}")
            )
        ));
        mail = inner;
    }
    let mut out = Message {
        notes,
        text: mail.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        subject: mail.subject().map(str::to_string),
        sent: mail.date().and_then(|d| {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }),
        ..Message::default()
    };
    let mut taken: Vec<String> = Vec::new();
    for part in mail.attachments() {
        let given = part.attachment_name().unwrap_or_default();
        // Only the name, never a folder: a name is the sender's to choose.
        let given = given.rsplit(['/', '\\']).next().unwrap_or_default().trim();
        let (kind, sub) = part
            .content_type()
            .map(|c| {
                (
                    c.ctype().to_ascii_lowercase(),
                    c.subtype().unwrap_or_default().to_ascii_lowercase(),
                )
            })
            .unwrap_or_default();
        let ext = given.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if part.is_message() {
            // A second forwarded message: the first is the release.
            out.notes.push(format!(
                "the forwarded message {} was left out: import it on its own if it is another \
                 release",
                part.message()
                    .and_then(|m| m.subject())
                    .map_or_else(String::new, |s| format!("\u{201c}{s}\u{201d}"))
            ));
            continue;
        }
        let contents = part.contents();
        let docx = is_docx(part);
        let shown = if given.is_empty() { unnamed(docx, &kind, &sub) } else { given.to_string() };
        if docx {
            if out.docx.is_none() {
                out.docx = Some((shown, contents.to_vec()));
            } else {
                out.notes.push(format!(
                    "the attachment {shown} was left out: the release is the first Word \
                     document of the e-mail; import {shown} on its own if it is another release"
                ));
            }
            continue;
        }
        let photo = PHOTO_KINDS.contains(&ext.as_str())
            || (kind == "image" && PHOTO_KINDS.contains(&sub.as_str()));
        if !photo {
            let how = if kind == "image" || matches!(ext.as_str(), "heic" | "heif") {
                "a picture browsers cannot show: save it as JPEG and put it in the release's \
                 folder"
            } else {
                "to publish it, put it in the release's folder, where it is listed as an \
                 attachment"
            };
            out.notes.push(format!("the attachment {shown} was not added: {how}"));
            continue;
        }
        match imagesize::blob_size(contents) {
            Ok(size) if size.width >= MIN_PHOTO_WIDTH => {}
            Ok(size) => {
                out.notes.push(format!(
                    "the picture {shown} ({} × {} pixels) was left out: too small for a photo, \
                     as an e-mail's logos and icons are",
                    size.width, size.height
                ));
                continue;
            }
            Err(_) => {
                out.notes.push(format!(
                    "the picture {shown} was left out: it is not a photo warta can read"
                ));
                continue;
            }
        }
        let ext = match ext.as_str() {
            e if PHOTO_KINDS.contains(&e) => {
                if e == "jpeg" {
                    "jpg".to_string()
                } else {
                    e.to_string()
                }
            }
            _ => {
                if sub == "jpeg" {
                    "jpg".to_string()
                } else {
                    sub.clone()
                }
            }
        };
        let name = file_name(given, &ext, &mut taken);
        out.pictures.push(Picture { name, bytes: contents.to_vec() });
    }
    Ok(out)
}

/// What a note calls an attachment its sender gave no name, by its type.
fn unnamed(docx: bool, kind: &str, sub: &str) -> String {
    let what = match (kind, sub) {
        _ if docx => "a Word document".to_string(),
        ("image", _) => "a picture".to_string(),
        (_, "pdf") => "a PDF".to_string(),
        ("", _) => "an attachment".to_string(),
        (kind, "") => format!("an attachment ({kind})"),
        (kind, sub) => format!("an attachment ({kind}/{sub})"),
    };
    format!("{what} without a name")
}

/// Whether an attachment is a Word document (.docx), by its name or its type.
fn is_docx(part: &mail_parser::MessagePart<'_>) -> bool {
    let named = part.attachment_name().is_some_and(|n| n.to_ascii_lowercase().ends_with(".docx"));
    let typed = part.content_type().is_some_and(|c| {
        c.subtype().is_some_and(|s| {
            s.eq_ignore_ascii_case("vnd.openxmlformats-officedocument.wordprocessingml.document")
        })
    });
    named || typed
}

/// A photo's name in the release's folder: the sender's, when it is a plain file name
/// (`IMG_20230515_WA0012.jpg`), else `foto-N.jpg`; never one already taken, whatever the case.
fn file_name(given: &str, ext: &str, taken: &mut Vec<String>) -> String {
    let stem = given.rsplit_once('.').map_or(given, |(s, _)| s);
    let plain = !stem.is_empty()
        && stem.chars().count() <= 80
        && !stem.starts_with(['.', '-', ' '])
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.' | '(' | ')'));
    let mut name =
        if plain { format!("{stem}.{ext}") } else { format!("foto-{}.{ext}", taken.len() + 1) };
    let base = name.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let (s, e) = base.rsplit_once('.').unwrap_or((&base, ext));
        name = format!("{s}-{n}.{e}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_senders_when_plain_and_never_taken_twice() {
        let mut taken = Vec::new();
        assert_eq!(
            file_name("IMG_20230515_WA0012.JPG", "jpg", &mut taken),
            "IMG_20230515_WA0012.jpg"
        );
        assert_eq!(
            file_name("img_20230515_wa0012.jpg", "jpg", &mut taken),
            "img_20230515_wa0012-2.jpg"
        );
        assert_eq!(file_name("Foto Kegiatan (1).png", "png", &mut taken), "Foto Kegiatan (1).png");
        assert_eq!(file_name("..", "jpg", &mut taken), "foto-4.jpg");
        assert_eq!(file_name("fóto.jpg", "jpg", &mut taken), "foto-5.jpg");
        assert_eq!(file_name("", "webp", &mut taken), "foto-6.webp");
    }

    #[test]
    fn an_attachment_without_a_name_is_called_by_its_type() {
        let mail = "From: Humas <humas@example.go.id>\r\nSubject: Rilis\r\n\
            Date: Mon, 15 May 2023 14:32:00 +0800\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
            --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDenpasar - Rapat.\r\n\
            --b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment\r\n\
            Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n\
            --b\r\nContent-Type: image/heic\r\nContent-Disposition: attachment\r\n\
            Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--b--\r\n";
        let message = read(mail.as_bytes()).unwrap();
        assert_eq!(message.notes.len(), 2, "{:?}", message.notes);
        assert!(message.notes[0].starts_with("the attachment a PDF without a name was not added"));
        assert!(message.notes[1].starts_with("the attachment a picture without a name was not"));
        assert_eq!(unnamed(true, "application", "octet-stream"), "a Word document without a name");
        assert_eq!(unnamed(false, "audio", "mpeg"), "an attachment (audio/mpeg) without a name");
    }

    #[test]
    fn what_is_not_an_e_mail_is_refused() {
        assert!(read(b"").is_err());
        assert!(read(b"Denpasar (Humas Bali) - Rapat.").is_err());
    }
}
