//! What an e-mail wraps around a release sent or forwarded by it, as units send their releases
//! to the office that publishes them: the header a mail program prints above a forwarded
//! message ("---------- Forwarded message ---------", "Dari: …", "Subject: …"), the sender's
//! note to the office ("Yth. Admin Website, mohon dimuat berita berikut."), and under the
//! release the signature ("--", "Salam,", a name, a telephone number) and the line a phone adds
//! ("Dikirim dari iPhone saya"). None of it is the release's text: pasted with it, the page
//! printed it, the dateline came after the note (and the preview of every shared link was
//! "Yth. Admin Website"), and the writer's initials above the signature were printed twice.
//! Pure functions on lines.

use std::ops::Range;

/// The most lines above a release read as its e-mail's header and note.
const MAX_ABOVE: usize = 40;
/// The most lines (not counting blank ones) a signature under a release may have.
const MAX_SIGNATURE_LINES: usize = 12;
/// The longest line of a signature, in characters: names, positions, offices, numbers.
const MAX_SIGNATURE_CHARS: usize = 100;
/// The longest line of a sender's note read as a greeting or a request.
const MAX_NOTE_CHARS: usize = 240;
/// The most lines of a note of any words above a forward's header.
const MAX_NOTE_LINES: usize = 6;

/// The lines of a text that are its e-mail's, not the release's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapping {
    /// The lines above the release (`0..0` when there are none): a forward's header, the
    /// sender's note.
    pub above: Range<usize>,
    /// The lines under it, from the signature to the end (empty when there is none).
    pub below: Range<usize>,
    /// The header's subject ("Fwd: Rilis Workshop …" gives "Rilis Workshop …").
    pub subject: Option<String>,
    /// The header's date, as written ("Sen, 15 Mei 2023 pukul 14.32").
    pub sent: Option<String>,
    /// Whether the lines under the release are only who sent it and how to reach them, typed
    /// under its initials ([`contact_under_initials`]), with no sign-off of a mail.
    pub contact: bool,
}

/// What a field of a mail header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    From,
    Date,
    To,
    Subject,
}

/// The e-mail around a release in `lines` (a text's lines; blank ones are allowed anywhere).
/// Above the release: the lines of a header (a forward's marker, or two fields or more of a
/// header that has a sender or a subject) and of the sender's note (greetings, requests,
/// thanks). Without a header the note is taken only when the release under it starts with a
/// dateline, under its headline or not: it is then plainly not the release's text. Under the
/// release: what a phone adds ("Dikirim dari iPhone saya"), and a signature, from a signature's
/// dash (`--`) or a sign-off ("Salam,", "Hormat kami,") to the end, in short lines; a
/// sign-off is taken only when the e-mail shows (a header above, a telephone number or an
/// address in the signature, a phone's line) or the writer's initials end the text above it.
/// `offices` are those that may have sent it: a line naming one under the initials is who sent
/// it ([`contact_under_initials`]).
pub fn wrapping(lines: &[&str], offices: &[Office<'_>]) -> Wrapping {
    let mut out = Wrapping::default();
    let above = above(lines, &mut out);
    out.above = 0..above.end;
    (out.below, out.contact) = below(lines, above.end, above.mail, offices);
    out
}

/// How far the header and note above a release go, and whether a header showed it was mail.
struct Above {
    end: usize,
    mail: bool,
}

fn above(lines: &[&str], out: &mut Wrapping) -> Above {
    let none = Above { end: 0, mail: false };
    let mut end = 0;
    let mut mail = false;
    // A forward's header under a few short lines: those are the forwarder's note, whatever it
    // says ("Bu Sri, ini dari Badung. Tolong dinaikkan ya."); until stop 67 only a note of
    // known words was, and any other left the note, the header and its addresses on the page.
    let mut i = forwarded_under_a_note(lines).unwrap_or(0);
    while i < lines.len().min(MAX_ABOVE) {
        let line = bare(lines[i]);
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        if is_forward_marker(lines[i].trim()) {
            mail = true;
        } else if let Some(n) = header_run(&lines[i..], mail, out) {
            mail = true;
            i += n;
            end = i;
            continue;
        } else if !is_note(line) {
            break;
        }
        i += 1;
        end = i;
    }
    let Some(rest) = (end..lines.len()).find(|&k| !bare(lines[k]).is_empty()) else {
        return none;
    };
    if end == 0 {
        return none;
    }
    if !mail {
        // The release under the note starts with its dateline, or its headline then the
        // dateline.
        let next = (rest + 1..lines.len()).find(|&k| !bare(lines[k]).is_empty());
        let dateline = |k: usize| super::leading_dateline(bare(lines[k])).is_some();
        if !(dateline(rest) || next.is_some_and(dateline)) {
            out.subject = None;
            out.sent = None;
            return none;
        }
    }
    Above { end, mail }
}

/// The first line of a forward's header (its marker, or a run of header fields) when the lines
/// above it, if any, are a short note: at most [`MAX_NOTE_LINES`] lines, none longer than a
/// note's. `None` when there is no such header, or when it is the text's first line.
fn forwarded_under_a_note(lines: &[&str]) -> Option<usize> {
    let mut note = 0;
    for (k, line) in lines.iter().enumerate().take(MAX_ABOVE) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if is_forward_marker(line)
            || header_run(&lines[k..], false, &mut Wrapping::default()).is_some()
        {
            return (k > 0).then_some(k);
        }
        note += 1;
        if note > MAX_NOTE_LINES || line.chars().count() > MAX_NOTE_CHARS {
            return None;
        }
    }
    None
}

/// The signature's lines, from its first to the end (`len..len` when there is none), and
/// whether they are only a contact under the initials ([`contact_under_initials`]).
fn below(lines: &[&str], top: usize, mail: bool, offices: &[Office<'_>]) -> (Range<usize>, bool) {
    let none = (lines.len()..lines.len(), false);
    let mut start = None;
    let mut sent_from = None;
    let mut evidence = mail;
    let mut seen = 0;
    // The phone's lines at the very end, blank lines between.
    let mut tail_of_phone_lines = true;
    for k in (top..lines.len()).rev() {
        let line = bare(lines[k]);
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > MAX_SIGNATURE_LINES || line.chars().count() > MAX_SIGNATURE_CHARS {
            break;
        }
        if is_sent_from(line) {
            evidence = true;
            if tail_of_phone_lines {
                sent_from = Some(k);
            }
            continue;
        }
        tail_of_phone_lines = false;
        if super::is_credit(line) {
            // "Foto: …", "Editor: …": the release's own last lines; a signature is under them.
            break;
        }
        if is_contact(line) {
            evidence = true;
        }
        if is_signature_dash(line) {
            start = Some((k, true));
        } else if is_sign_off(line) {
            start = Some((k, false));
        }
    }
    let signature = start.filter(|&(k, dash)| {
        dash || evidence || {
            // The writer's initials end the text above the sign-off (credits aside): the
            // release ended there.
            let above = (top..k)
                .rev()
                .map(|j| bare(lines[j]))
                .find(|l| !l.is_empty() && !super::is_credit(l) && !is_signature_dash(l));
            above.is_some_and(|l| super::trailing_initials(l).is_some())
        }
    });
    match (signature, sent_from) {
        (Some((k, _)), _) | (None, Some(k)) => (k..lines.len(), false),
        (None, None) => {
            contact_under_initials(lines, top, offices).map_or(none, |k| (k..lines.len(), true))
        }
    }
}

/// The most lines of who sent a release and how to reach them, typed under its initials.
const MAX_CONTACT_LINES: usize = 4;

/// The first of the lines typed under the writer's initials, when they are who sent the
/// release and how to reach them, without a sign-off ("Humas Kanwil Kemenag Bali", "Telp.
/// (0361) 123456", an e-mail address; found by a tester: they kept the initials above them
/// from being read as the text's end, and the page printed the initials twice): up to
/// [`MAX_CONTACT_LINES`] short lines that end no sentence, one of them a telephone number or an
/// address ([`is_contact`]) or the name of the office that sent it ([`names_office`]). A
/// credit, hashtags or an end mark under the initials are the release's own closing lines, and
/// stay.
fn contact_under_initials(lines: &[&str], top: usize, offices: &[Office<'_>]) -> Option<usize> {
    let mut seen = 0;
    let mut contact = false;
    // The topmost of them, under the blank lines after the initials.
    let mut first = lines.len();
    for k in (top..lines.len()).rev() {
        let line = bare(lines[k]);
        if line.is_empty() {
            continue;
        }
        if super::trailing_initials(line).is_some() {
            return (seen > 0 && contact).then_some(first);
        }
        seen += 1;
        first = k;
        let closing = super::is_credit(line)
            || super::hashtag_line(line).is_some()
            || crate::markdown::is_end_mark(line);
        if seen > MAX_CONTACT_LINES
            || line.chars().count() > MAX_SIGNATURE_CHARS
            || closing
            || line.ends_with(['.', '!', '?', ':', ';'])
        {
            return None;
        }
        contact |= is_contact(line) || names_office(line, offices);
    }
    None
}

/// How many lines from the first are a mail header's fields, when they make one: two fields
/// or more, one of them the sender or the subject, under a forward's marker (`marked`) or
/// with what only mail prints, an address or the time it was sent ("14.32", "2:32 PM"). A
/// memo's or an invitation's head ("Kepada: …", "Dari: Panitia", "Perihal: …", "Tanggal: 15
/// Mei 2023") has neither, and is the text's. Records the subject and the date.
fn header_run(lines: &[&str], marked: bool, out: &mut Wrapping) -> Option<usize> {
    let fields: Vec<(Field, &str)> = lines.iter().map_while(|l| header_field(bare(l))).collect();
    let has = |f: Field| fields.iter().any(|&(g, _)| g == f);
    if fields.len() < 2 || !(has(Field::From) || has(Field::Subject)) {
        return None;
    }
    let address = fields.iter().any(|&(_, v)| v.contains('@'));
    let time = fields.iter().any(|&(f, v)| f == Field::Date && v.split_whitespace().any(is_time));
    if !(marked || address || time) {
        return None;
    }
    for &(field, value) in &fields {
        match field {
            Field::Subject => out.subject = Some(subject(value)).filter(|s| !s.is_empty()),
            Field::Date => out.sent = Some(value.to_string()).filter(|s| !s.is_empty()),
            _ => {}
        }
    }
    Some(fields.len())
}

/// A time of day as mail programs print it: "14.32", "14:32", "2:32" (then "PM"), "14:32:10".
fn is_time(word: &str) -> bool {
    let word = word.trim_end_matches([',', ';']);
    let parts: Vec<&str> = word.split([':', '.']).collect();
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    (2..=3).contains(&parts.len())
        && digits(parts[0], 1..=2)
        && parts[1..].iter().all(|p| digits(p, 2..=2))
        && (parts.len() == 2 || word.matches(':').count() == 2)
}

/// A field of a mail header as mail programs print it, in English or Indonesian ("From:",
/// "Dari:", "Subjek:"), with its value.
fn header_field(line: &str) -> Option<(Field, &str)> {
    let (name, value) = line.split_once(':')?;
    let field = match name.trim().to_lowercase().as_str() {
        "from" | "dari" | "pengirim" => Field::From,
        "date" | "sent" | "tanggal" | "dikirim" | "terkirim" | "waktu" => Field::Date,
        "to" | "kepada" | "ke" | "cc" | "bcc" | "reply-to" | "balas ke" => Field::To,
        "subject" | "subjek" | "perihal" => Field::Subject,
        _ => return None,
    };
    Some((field, value.trim()))
}

/// The subject without what mail programs put before it ("Fwd:", "RE:", "[EXT]"), and
/// without a label saying what it is ("Rilis:", "Siaran Pers -").
pub fn subject(value: &str) -> String {
    // The marks and labels are ASCII: compared in ASCII's small letters, whose every byte is
    // where the subject's is (a subject lowered whole, "Rilis: ẞẞ", is shorter than the
    // subject, and cutting the subject where the lowered one's label ended panicked, stop 72).
    let mut s = value.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let cut = ["fwd:", "fw:", "re:", "tr:", "wg:", "fwd :", "re :"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len())
            .or_else(|| s.starts_with('[').then(|| s.find(']').map(|e| e + 1)).flatten());
        match cut {
            Some(n) => s = s[n..].trim_start(),
            None => break,
        }
    }
    const LABELS: [&str; 7] =
        ["rilis berita", "siaran pers", "press release", "rilis", "berita", "release", "news"];
    let lower = s.to_ascii_lowercase();
    for label in LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest_trimmed = rest.trim_start();
            if let Some(after) = rest_trimmed.strip_prefix([':', '-', '–', '—']) {
                let at = s.len() - after.len();
                return s[at..].trim().to_string();
            }
        }
    }
    s.to_string()
}

/// The line a mail program prints above a forwarded or quoted message (`line` trimmed).
fn is_forward_marker(line: &str) -> bool {
    const MARKERS: [&str; 9] = [
        "forwarded message",
        "pesan terusan",
        "pesan yang diteruskan",
        "original message",
        "pesan asli",
        "pesan awal",
        "begin forwarded message",
        "awal pesan yang diteruskan",
        "forwarded by",
    ];
    let words = line.trim_matches(|c: char| matches!(c, '-' | '_' | ' ' | ':' | '='));
    let lower = words.to_lowercase();
    // Outlook's line of underscores above a message's header.
    (line.chars().count() >= 10 && line.chars().all(|c| c == '_'))
        || MARKERS.iter().any(|m| lower == *m || (lower.starts_with(m) && line.starts_with('-')))
}

/// A line of the sender's note to the office above the release: a greeting, a request to
/// publish, thanks.
fn is_note(line: &str) -> bool {
    const STARTS: [&str; 39] = [
        "yth",
        "kepada yth",
        "kpd yth",
        "kpd. yth",
        "dear",
        "dengan hormat",
        "assalamu",
        "asalamu",
        "assalaamu",
        "assalamualaikum",
        "asalamualaikum",
        "salam sejahtera",
        "salam hormat",
        "salam hangat",
        "salam sehat",
        "om swastyastu",
        "shalom",
        "namo buddhaya",
        "selamat pagi",
        "selamat siang",
        "selamat sore",
        "selamat malam",
        "halo",
        "hallo",
        "hai",
        "hi",
        "hello",
        "mohon",
        "dimohon",
        "izin",
        "ijin",
        "berikut kami",
        "berikut ini kami",
        "berikut rilis",
        "berikut berita",
        "bersama ini kami",
        "terima kasih",
        "terimakasih",
        "fyi",
    ];
    line.chars().count() <= MAX_NOTE_CHARS && starts_with_words(line, &STARTS)
}

/// A line that closes a message alone: "Salam,", "Hormat kami,", "Terima kasih.".
fn is_sign_off(line: &str) -> bool {
    const STARTS: [&str; 20] = [
        "salam",
        "hormat kami",
        "hormat saya",
        "wassalam",
        "wasalam",
        "wassalamu",
        "wasalamu",
        "wassalamualaikum",
        "wasalamualaikum",
        "terima kasih",
        "terimakasih",
        "matur suksma",
        "om shanti",
        "regards",
        "best regards",
        "kind regards",
        "warm regards",
        "best wishes",
        "thanks",
        "thank you",
    ];
    line.chars().count() <= 60 && starts_with_words(line, &STARTS)
}

/// The line a phone or a mail program adds under a message ("Dikirim dari iPhone saya",
/// "Sent from my Galaxy", "Get Outlook for Android").
fn is_sent_from(line: &str) -> bool {
    const STARTS: [&str; 8] = [
        "sent from",
        "dikirim dari",
        "dikirim melalui",
        "dikirim menggunakan",
        "get outlook for",
        "dapatkan outlook untuk",
        "diposting dari",
        "sent via",
    ];
    line.chars().count() <= 80 && starts_with_words(line, &STARTS)
}

/// A signature's dash, alone on its line (`-- `, as mail programs put it above a signature).
/// Not a dash of another length, which a release may end with as its end mark.
fn is_signature_dash(line: &str) -> bool {
    line == "--"
}

/// A line with a telephone number (nine digits or more) or an e-mail address: a signature's.
fn is_contact(line: &str) -> bool {
    let digits = line.chars().filter(char::is_ascii_digit).count();
    let number = line.chars().all(|c| c.is_alphanumeric() || " +-.()/:".contains(c));
    let address = line.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';'));
        w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    });
    (digits >= 9 && number) || address
}

/// The short name and the name of an office that may have sent a release ("Humas Bali",
/// "Kantor Wilayah Kementerian Agama Provinsi Bali"), as site.yaml has them.
pub type Office<'a> = (&'a str, &'a str);

/// Whether `line` names the office that sent the release: one of `offices`, by its short name,
/// its name or its name as offices shorten it ([`super::office_matches`]: "Humas Kanwil Kemenag
/// Bali"), or any office's press office ("Humas Kemenag Badung").
fn names_office(line: &str, offices: &[Office<'_>]) -> bool {
    let humas = line.split_whitespace().count() >= 2 && starts_with_words(line, &["humas"]);
    humas || offices.iter().any(|&(short, name)| super::office_matches(line, short, name))
}

/// Whether `line` starts with one of `starts` as whole words, whatever its case.
fn starts_with_words(line: &str, starts: &[&str]) -> bool {
    let lower = line.to_lowercase();
    starts.iter().any(|s| {
        lower.strip_prefix(s).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// A line without the marks Markdown or a chat puts around it (`**Yth.**`, `> Dari:`), nor
/// its spaces.
fn bare(line: &str) -> &str {
    line.trim().trim_start_matches(['>', '*', '_', ' ']).trim_end_matches(['*', '_', ' ']).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The e-mail around `lines`, sent by an office site.yaml does not have.
    fn wrapping(lines: &[&str]) -> Wrapping {
        super::wrapping(lines, &[])
    }

    #[test]
    fn lines_of_who_sent_it_under_the_initials_are_not_the_release_s() {
        let text = ["Isi.", "Penutup. (sn)", "Humas Kanwil Kemenag Bali", "Telp. (0361) 123456"];
        assert_eq!(wrapping(&text).below, 2..4);
        let text = ["Isi.", "Penutup. (sn)", "", "Humas Kanwil", "humas.bali@kemenag.go.id", ""];
        assert_eq!(wrapping(&text).below, 3..6);
        // No telephone or address: a line of the text's; credits and hashtags are the release's.
        for last in ["Humas Kanwil Kemenag Bali", "Foto: Humas", "#KemenagBali", "Acara selesai."] {
            let text = ["Isi.", "Penutup. (sn)", last, "Telp. (0361) 123456"];
            let below = wrapping(&text).below;
            assert!(
                below.is_empty() || last == "Humas Kanwil Kemenag Bali" && below.start == 2,
                "{last}: {below:?}"
            );
        }
        // The office's name alone (found by helper-36, stop 68: the initials were printed
        // twice): any office's press office, or the sender's name as site.yaml has it or as
        // offices shorten it.
        let text = ["Isi.", "Penutup. (sn)", "Humas Kanwil Kemenag Bali"];
        assert_eq!(wrapping(&text).below, 2..3);
        let kanwil = [("Humas Bali", "Kantor Wilayah Kementerian Agama Provinsi Bali")];
        for office in ["Kanwil Kemenag Bali", "Humas Bali", "KANWIL KEMENAG PROV. BALI"] {
            let text = ["Isi.", "Penutup. (sn)", "", office];
            assert_eq!(super::wrapping(&text, &kanwil).below, 3..4, "{office}");
            assert!(super::wrapping(&text, &kanwil).contact);
            let humas = office.starts_with("Humas ");
            assert_eq!(wrapping(&text).below.is_empty(), !humas, "{office}");
        }
        // Another office's name, "Humas" alone, or a sentence about the office, are the text's.
        for last in ["Kemenag Badung", "Humas", "Humas Kanwil Kemenag Bali menggelar rapat."] {
            let text = ["Isi.", "Penutup. (sn)", last];
            assert!(super::wrapping(&text, &kanwil).below.is_empty(), "{last}");
        }
        // Not under initials.
        let text = ["Isi.", "Penutup.", "Humas Kanwil", "Telp. (0361) 123456"];
        assert!(wrapping(&text).below.is_empty());
    }

    fn lines(text: &str) -> Vec<&str> {
        text.lines().collect()
    }

    const RELEASE: &str = "Denpasar (Humas Bali) – Membuka Workshop Manajemen Media Sosial, \
        Senin (15/5/2023) Kepala Kanwil mengajak pengelola kehumasan.\n\
        Workshop ini diikuti oleh 40 orang peserta dari seluruh Bali.(sn)";

    #[test]
    fn a_gmail_forward_with_a_note_and_a_signature_is_taken_off_the_release() {
        let text = format!(
            "---------- Forwarded message ---------\n\
             Dari: Tia Sastrina <tia.humas@gmail.com>\n\
             Date: Sen, 15 Mei 2023 pukul 14.32\n\
             Subject: Fwd: Rilis: Workshop Manajemen Media Sosial\n\
             To: <humas.kanwilbali@kemenag.go.id>\n\n\n\
             Yth. Admin Website,\n\
             Mohon dimuat berita berikut. Terima kasih.\n\n\
             Workshop Manajemen Media Sosial\n\n\
             {RELEASE}\n\n--\nSalam,\nTia Sastrina\nHP. 0812-3456-7890\n\nDikirim dari iPhone saya\n"
        );
        let lines = lines(&text);
        let w = wrapping(&lines);
        assert_eq!(lines[w.above.end - 1], "Mohon dimuat berita berikut. Terima kasih.");
        assert_eq!(bare(lines[w.above.end + 1]), "Workshop Manajemen Media Sosial");
        assert_eq!(lines[w.below.start], "--");
        assert_eq!(w.below.end, lines.len());
        assert_eq!(w.subject.as_deref(), Some("Workshop Manajemen Media Sosial"));
        assert_eq!(w.sent.as_deref(), Some("Sen, 15 Mei 2023 pukul 14.32"));
    }

    /// A forwarder's note in words of their own above the header (found by helper-33, stop
    /// 67): the note, the header and its addresses were the release's first paragraphs.
    #[test]
    fn a_note_of_any_words_above_a_forwards_header_is_the_forwarders() {
        for (note, header) in [
            (
                "Bu Sri, ini dari Badung. Tolong dinaikkan ya.",
                "---------- Forwarded message ---------\n\
                 From: Humas Kemenag Badung <humas.badung@gmail.com>\n\
                 Date: Kam, 6 Jul 2023 pukul 14.12\n\
                 Subject: Rilis: Penyuluh Agama Badung Ikuti Bimtek\n\
                 To: <humas.bali@kemenag.go.id>",
            ),
            (
                "Tolong dinaikkan ya.\nNuwun.",
                "-----Original Message-----\nFrom: Panitia HAB <panitia.hab@kemenag.go.id>\n\
                 Sent: Thursday, July 6, 2023 2:12 PM\nTo: Humas Kanwil\n\
                 Subject: Rilis: Penyuluh Agama Badung Ikuti Bimtek",
            ),
            (
                "fyi",
                "From: Panitia HAB <panitia.hab@kemenag.go.id>\n\
                 Sent: Thursday, July 6, 2023 2:12 PM\nSubject: Penyuluh Agama Badung Ikuti Bimtek",
            ),
        ] {
            let text =
                format!("{note}\n\n{header}\n\nPenyuluh Agama Badung Ikuti Bimtek\n{RELEASE}\n");
            let lines = lines(&text);
            let w = wrapping(&lines);
            assert_eq!(
                lines[w.above.end..].iter().find(|l| !l.trim().is_empty()),
                Some(&"Penyuluh Agama Badung Ikuti Bimtek"),
                "{text}"
            );
            assert_eq!(w.subject.as_deref(), Some("Penyuluh Agama Badung Ikuti Bimtek"));
        }
        // A text that starts with the release, however short its first lines, keeps them.
        let text = format!("Penyuluh Agama Badung Ikuti Bimtek\n\n{RELEASE}\n");
        assert_eq!(wrapping(&lines(&text)).above, 0..0);
        // Lines above a header that are not a short note: not taken.
        let long = "kata ".repeat(60);
        let text = format!(
            "{long}\n\n-----Original Message-----\nFrom: a <a@b.id>\nSubject: x\n\n{RELEASE}\n"
        );
        assert_eq!(wrapping(&lines(&text)).above, 0..0);
    }

    #[test]
    fn outlook_headers_in_indonesian_are_a_header() {
        let text = format!(
            "________________________________\n\
             Dari: Humas Kemenag Badung <humas.badung@kemenag.go.id>\n\
             Dikirim: Senin, 15 Mei 2023 14.32\n\
             Kepada: Humas Kanwil\n\
             Subjek: RE: [EXT] Berita kegiatan\n\n{RELEASE}\n"
        );
        let lines = lines(&text);
        let w = wrapping(&lines);
        assert_eq!(w.above, 0..5);
        assert_eq!(w.subject.as_deref(), Some("Berita kegiatan"));
        assert_eq!(w.below, lines.len()..lines.len());
    }

    #[test]
    fn a_note_without_a_header_goes_only_above_a_dateline() {
        let with = format!("Yth. Admin Website,\nMohon dimuat.\n\nJudul Berita\n{RELEASE}");
        assert_eq!(wrapping(&lines(&with)).above, 0..2);
        // An invitation's addressee above its text, not a release's dateline: it stays.
        let invitation = "Kepada Yth. Bapak/Ibu Kepala Madrasah\ndi Tempat\n\n\
                          Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi.";
        assert_eq!(wrapping(&lines(invitation)).above, 0..0);
        // Only a note: nothing under it is the release.
        assert_eq!(wrapping(&lines("Yth. Admin,\nMohon dimuat.")).above, 0..0);
    }

    #[test]
    fn a_memo_s_head_is_the_text_s() {
        let memo = format!(
            "Kepada: Kepala Madrasah se-Bali\nDari: Panitia Pelaksana\nPerihal: Undangan Rapat\n\
             Tanggal: 15 Mei 2023\n\n{RELEASE}"
        );
        assert_eq!(wrapping(&lines(&memo)).above, 0..0);
        // With the time it was sent, or an address, it is a mail's.
        let sent = memo.replace("15 Mei 2023", "Senin, 15 Mei 2023 14.32");
        assert_eq!(wrapping(&lines(&sent)).above, 0..4);
        let addressed = memo.replace("Panitia Pelaksana", "Panitia <panitia@kemenag.go.id>");
        assert_eq!(wrapping(&lines(&addressed)).above, 0..4);
        assert!(is_time("14.32") && is_time("2:32") && is_time("14:32:10,"));
        assert!(
            !is_time("15.05.2023") && !is_time("2023") && !is_time("1.5") && !is_time("14.32.10")
        );
    }

    #[test]
    fn a_form_is_not_a_header() {
        let form = format!("Tanggal: 15 Mei 2023\nTempat: Aula\n\n{RELEASE}");
        assert_eq!(wrapping(&lines(&form)).above, 0..0);
        let one = format!("Perihal: Workshop\n\n{RELEASE}");
        assert_eq!(wrapping(&lines(&one)).above, 0..0);
    }

    #[test]
    fn a_sign_off_goes_under_the_initials_or_with_a_number() {
        let after_initials = format!("{RELEASE}\n\nHormat kami,\nPanitia Pelaksana");
        let l = lines(&after_initials);
        assert_eq!(l[wrapping(&l).below.start], "Hormat kami,");
        // An invitation's own sign-off, no initials above it, no number: it stays.
        let letter = "Demikian undangan ini kami sampaikan.\n\nHormat kami,\nPanitia Pelaksana";
        let l = lines(letter);
        assert_eq!(wrapping(&l).below, l.len()..l.len());
        let with_number = "Demikian disampaikan.\n\nSalam,\nTia\nWA 0812 3456 7890";
        let l = lines(with_number);
        assert_eq!(l[wrapping(&l).below.start], "Salam,");
    }

    #[test]
    fn a_phones_line_goes_alone() {
        let text = format!("{RELEASE}\n\nDikirim dari iPhone saya");
        let l = lines(&text);
        assert_eq!(wrapping(&l).below, l.len() - 1..l.len());
        let text = format!("{RELEASE}\nSent from my Galaxy\nGet Outlook for Android");
        let l = lines(&text);
        assert_eq!(wrapping(&l).below, l.len() - 2..l.len());
    }

    #[test]
    fn the_release_s_own_last_lines_stay() {
        // Long lines, a quote ending the text, credits: not a signature.
        let text = format!("{RELEASE}\n\nFoto: Humas Bali\nEditor: Ra");
        let l = lines(&text);
        assert_eq!(wrapping(&l).below, l.len()..l.len());
        // Credits under a dash are the release's; a signature under them is not.
        let text = format!("{RELEASE}\n--\nFoto: Humas Bali\nEditor: Ra\n\nSalam,\nTia");
        let l = lines(&text);
        assert_eq!(l[wrapping(&l).below.start], "Salam,");
        let text = format!("{RELEASE}\n—\nHumas Bali");
        assert_eq!(wrapping(&lines(&text)).below.len(), 0);
        let speech = "“Terima kasih atas kerja keras semua pihak,” ujar Kakanwil menutup acara.";
        assert_eq!(wrapping(&[speech]).below, 1..1);
        assert!(!is_sign_off("Salamnya hangat"));
        assert!(is_sign_off("Salam hangat,"));
        assert!(is_sign_off("Wassalamu'alaikum Wr. Wb."));
        assert!(is_sign_off("Wassalamualaikum wr wb"));
        assert!(is_note("Assalamualaikum Wr. Wb."));
        assert!(is_note("Assalamu’alaikum, selamat pagi"));
    }

    #[test]
    fn subjects_lose_what_mail_programs_and_offices_put_before_them() {
        assert_eq!(subject("Fwd: FW: Re: Rapat Koordinasi"), "Rapat Koordinasi");
        assert_eq!(subject("[Humas] Rilis - Rapat Koordinasi"), "Rapat Koordinasi");
        assert_eq!(subject("Rilis Data Kemiskinan"), "Rilis Data Kemiskinan");
        assert_eq!(subject("Siaran Pers: Hari Santri"), "Hari Santri");
        // Letters whose small letter is shorter or longer in bytes than they are.
        assert_eq!(subject("Rilis: ẞẞ Kelas"), "ẞẞ Kelas");
        assert_eq!(
            subject("FWD: Siaran Pers - \u{212a}\u{212a}\u{212a} Hari"),
            "\u{212a}\u{212a}\u{212a} Hari"
        );
        assert_eq!(subject("Rilis: İzin Ȿ"), "İzin Ȿ");
    }

    #[test]
    fn contacts_are_numbers_and_addresses() {
        assert!(is_contact("HP. 0812-3456-7890"));
        assert!(is_contact("humas@kemenag.go.id"));
        assert!(is_contact("Telp. (0361) 227 281 / 0812 3456"));
        assert!(!is_contact("Tahun 2023 ada 40 peserta dari 9 kabupaten kota"));
        assert!(!is_contact("@kemenagbali"));
    }
}
