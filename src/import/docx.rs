//! A Word file (.docx) as blocks and pictures: paragraphs, bold and italic, bulleted and
//! numbered lists, tables, links and pictures — what a press release uses — read with `zip`
//! and a streaming `quick-xml` pass (see Cargo.toml for why not docx-rs's reader). Every part
//! and picture is read with a size limit, and the XML walk keeps no recursion, so a hostile
//! file ends in an error, never a panic, a hang or a full memory.

use super::blocks::{is_blank, tidy, Block, Inline};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

/// The largest XML part read (the body of a long release is well under 1 MB).
const MAX_PART_BYTES: u64 = 32 << 20;
/// The largest picture taken from a document.
const MAX_PICTURE_BYTES: u64 = 25 << 20;
/// At most this many bytes of pictures in all.
const MAX_PICTURES_TOTAL: u64 = 200 << 20;
/// Picture kinds a browser shows.
const PICTURE_KINDS: [&str; 5] = ["jpg", "jpeg", "png", "gif", "webp"];

/// A picture of the document, to be a file of the release's bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Its file name in the bundle: `foto-1.jpg`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What was read from a .docx.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub pictures: Vec<Picture>,
    /// What was left out, in words for the writer.
    pub notes: Vec<String>,
}

/// A relationship of the document: a link or a picture.
#[derive(Debug, Clone)]
struct Rel {
    kind: String,
    target: String,
    external: bool,
}

/// Reads a .docx. The error says, for a PR officer, why the file cannot be read.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("it is not a Word document (.docx) warta can read ({e})"))?;
    let body = part(&mut zip, "word/document.xml", MAX_PART_BYTES)?
        .ok_or("it has no word/document.xml: it is not a Word document (.docx)")?;
    let rels = match part(&mut zip, "word/_rels/document.xml.rels", MAX_PART_BYTES)? {
        Some(x) => relationships(&utf8(x)?)?,
        None => HashMap::new(),
    };
    let lists = match part(&mut zip, "word/numbering.xml", MAX_PART_BYTES)? {
        Some(x) => numbering(&utf8(x)?)?,
        None => Numbering::default(),
    };
    let mut walk = Walk::new(&rels, &lists);
    walk.document(&utf8(body)?)?;
    let mut doc = Document { blocks: walk.blocks, notes: walk.notes, pictures: Vec::new() };
    let mut total = 0;
    for (rid, name) in walk.picture_names {
        let Some(rel) = rels.get(&rid) else { continue };
        let path = resolve("word", &rel.target);
        match part(&mut zip, &path, MAX_PICTURE_BYTES) {
            Ok(Some(bytes)) if total + bytes.len() as u64 <= MAX_PICTURES_TOTAL => {
                total += bytes.len() as u64;
                doc.pictures.push(Picture { name, bytes });
            }
            Ok(Some(_)) => doc.notes.push(format!(
                "the pictures add up to more than {} MB; {name} was left out: add it to the folder by hand",
                MAX_PICTURES_TOTAL >> 20
            )),
            Ok(None) => doc.notes.push(format!("picture {name} is missing from the document")),
            Err(e) => doc.notes.push(format!("picture {name} could not be read: {e}")),
        }
    }
    doc.pictures.sort_by_key(|p| natural(&p.name));
    Ok(doc)
}

fn natural(name: &str) -> (usize, String) {
    let n = name.trim_start_matches("foto-").split('.').next().and_then(|n| n.parse().ok());
    (n.unwrap_or(usize::MAX), name.to_string())
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|_| "its XML is not UTF-8, as Word writes it".to_string())
}

/// One part of the archive, at most `limit` bytes; `None` if it is not there.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be read ({e})")),
    };
    let mut out = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name} cannot be read ({e})"))?;
    if out.len() as u64 > limit {
        return Err(format!("{name} is larger than {} MB", limit >> 20));
    }
    Ok(Some(out))
}

/// `word` + `media/image1.png` → `word/media/image1.png`; `/word/x` → `word/x`; `..` climbs.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { base.split('/').collect() };
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn xml_error(e: impl std::fmt::Display) -> String {
    format!("its XML is damaged ({e})")
}

fn relationships(xml: &str) -> Result<HashMap<String, Rel>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let (Some(id), Some(kind), Some(target)) =
                    (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
                else {
                    continue;
                };
                let external = attr(&e, "TargetMode").is_some_and(|m| m == "External");
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                out.insert(id, Rel { kind, target, external });
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// How the levels of the document's lists are numbered (the others are bullets).
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → how it is numbered.
    levels: HashMap<(String, usize), Level>,
}

/// How one level of a list is numbered: `<w:numFmt>` (`decimal`, `bullet`, `lowerLetter`…),
/// `<w:lvlText>` (`%1.`, `(%2)`), `<w:start>`.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u64,
}

impl Default for Level {
    fn default() -> Level {
        Level { format: String::new(), text: String::new(), start: 1 }
    }
}

impl Numbering {
    fn level(&self, num: &str, level: usize) -> Option<&Level> {
        self.nums.get(num).and_then(|a| self.levels.get(&(a.clone(), level)))
    }

    fn ordered(&self, num: &str, level: usize) -> bool {
        self.level(num, level).is_some_and(|l| l.format != "bullet" && l.format != "none")
    }

    /// The marker of the `nth` item (from 0) of a level lettered or in Roman numbers, as Word
    /// shows it (`a.`, `b)`, `(iii)`); `None` for any other level, which Markdown has lists of.
    fn lettered(&self, num: &str, level: usize, nth: u64) -> Option<String> {
        let l = self.level(num, level)?;
        let n = l.start.saturating_add(nth);
        let label = match l.format.as_str() {
            "lowerLetter" => letters(n)?,
            "upperLetter" => letters(n)?.to_uppercase(),
            "lowerRoman" => roman(n)?,
            "upperRoman" => roman(n)?.to_uppercase(),
            _ => return None,
        };
        let own = format!("%{}", level + 1);
        let text = if l.text.contains(&own) { l.text.as_str() } else { "%0." };
        // Another level's number in it (`%1.%2`) is left out: a lettered item stands alone.
        let mut marker = text.replace(&own, &label);
        while let Some(at) = marker
            .find('%')
            .filter(|&at| marker[at + 1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            marker.replace_range(at..at + 2, "");
        }
        let marker = marker.replace("%0", &label);
        let marker = marker.trim_start_matches(['.', ')']).trim();
        (!marker.is_empty()).then(|| marker.to_string())
    }
}

/// Word's letters for `n` from 1: a … z, then aa, bb … (as Word numbers past z).
fn letters(n: u64) -> Option<String> {
    let n = usize::try_from(n).ok().filter(|&n| (1..=26 * 10).contains(&n))?;
    let letter = char::from(b'a' + u8::try_from((n - 1) % 26).ok()?);
    Some(std::iter::repeat_n(letter, (n - 1) / 26 + 1).collect())
}

/// `n` in small Roman numbers, from 1 to 3999.
fn roman(mut n: u64) -> Option<String> {
    if !(1..=3999).contains(&n) {
        return None;
    }
    let mut out = String::new();
    for (value, digits) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}

fn numbering(xml: &str) -> Result<Numbering, String> {
    let mut reader = Reader::from_str(xml);
    let mut n = Numbering::default();
    let (mut abstract_id, mut num_id, mut level) = (None, None, 0);
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                "lvl" => level = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                name @ ("numFmt" | "lvlText" | "start") => {
                    if let (Some(a), Some(v)) = (&abstract_id, attr(&e, "val")) {
                        let l = n.levels.entry((a.clone(), level)).or_default();
                        match name {
                            "numFmt" => l.format = v,
                            "lvlText" => l.text = v,
                            _ => l.start = v.parse().unwrap_or(1),
                        }
                    }
                }
                "num" => num_id = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, attr(&e, "val")) {
                        n.nums.insert(id.clone(), a);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = None,
                "num" => num_id = None,
                _ => {}
            },
            Event::Eof => return Ok(n),
            _ => {}
        }
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    /// The pieces, split where the writer pressed Shift+Enter (each part is a paragraph).
    parts: Vec<Vec<Inline>>,
    num: Option<String>,
    level: usize,
}

/// The walk over word/document.xml.
#[derive(Debug)]
struct Walk<'a> {
    rels: &'a HashMap<String, Rel>,
    lists: &'a Numbering,
    /// How many items each list (numId) has had so far at each level, for a lettered item's
    /// letter: an item counts at its level, and starts the levels below it anew.
    counted: HashMap<String, [u64; 9]>,
    blocks: Vec<Block>,
    notes: Vec<String>,
    /// Picture relationship id → file name in the bundle, in order of appearance.
    picture_names: BTreeMap<String, String>,
    para: Option<Para>,
    /// Inside `<w:r>`: its bold, italic, hidden.
    run: Option<(bool, bool, bool)>,
    in_run_props: bool,
    in_text: bool,
    link: Option<String>,
    /// The alt text of the drawing being read (`wp:docPr descr`).
    alt: String,
    /// Rows of the outermost table being read, and how deep in tables we are.
    table: Vec<Vec<Vec<Inline>>>,
    table_depth: usize,
    /// Depth inside an element whose content is skipped (deleted text, fallbacks, text boxes).
    skip: usize,
}

impl<'a> Walk<'a> {
    fn new(rels: &'a HashMap<String, Rel>, lists: &'a Numbering) -> Walk<'a> {
        Walk {
            rels,
            lists,
            counted: HashMap::new(),
            blocks: Vec::new(),
            notes: Vec::new(),
            picture_names: BTreeMap::new(),
            para: None,
            run: None,
            in_run_props: false,
            in_text: false,
            link: None,
            alt: String::new(),
            table: Vec::new(),
            table_depth: 0,
            skip: 0,
        }
    }

    fn document(&mut self, xml: &str) -> Result<(), String> {
        let mut reader = Reader::from_str(xml);
        let mut text_boxes = 0;
        loop {
            let event = reader.read_event().map_err(xml_error)?;
            if self.skip > 0 {
                match event {
                    Event::Start(_) => self.skip += 1,
                    Event::End(_) => self.skip -= 1,
                    Event::Eof => break,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => self.skip = 1,
                        "txbxContent" => {
                            text_boxes += 1;
                            self.skip = 1;
                        }
                        _ => self.open(&e),
                    }
                }
                Event::Empty(e) => {
                    self.open(&e);
                    self.close(e.local_name().as_ref());
                }
                Event::End(e) => self.close(e.local_name().as_ref()),
                Event::Text(t) if self.in_text => self.push_text(&t.xml10_content()),
                Event::CData(t) if self.in_text => self.push_text(&t.into_inner()),
                Event::GeneralRef(r) if self.in_text => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "amp" => Some('&'),
                            "apos" => Some('\''),
                            "quot" => Some('"'),
                            _ => None,
                        },
                    };
                    if let Some(c) = c {
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if text_boxes > 0 {
            self.notes.push(format!(
                "{text_boxes} text box{} of the document {} left out; copy {} into the file by hand",
                if text_boxes == 1 { "" } else { "es" },
                if text_boxes == 1 { "was" } else { "were" },
                if text_boxes == 1 { "its text" } else { "their text" },
            ));
        }
        Ok(())
    }

    fn open(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "p" => self.para = Some(Para { parts: vec![Vec::new()], ..Para::default() }),
            "numId" => {
                if let Some(p) = &mut self.para {
                    p.num = attr(e, "val").filter(|v| v != "0");
                }
            }
            "ilvl" => {
                if let Some(p) = &mut self.para {
                    p.level = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                }
            }
            "r" => self.run = Some((false, false, false)),
            "rPr" if self.run.is_some() => self.in_run_props = true,
            "b" | "i" | "vanish" if self.in_run_props => {
                let on =
                    !attr(e, "val").is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
                if let Some(run) = &mut self.run {
                    match e.local_name().as_ref() {
                        "b" => run.0 = on,
                        "i" => run.1 = on,
                        _ => run.2 = on,
                    }
                }
            }
            "t" if self.run.is_some() => self.in_text = true,
            "tab" if self.run.is_some() && !self.in_run_props => self.push_text(" "),
            "noBreakHyphen" if self.run.is_some() => self.push_text("\u{2011}"),
            "br" | "cr" if self.run.is_some() => {
                if attr(e, "type").is_some_and(|t| t == "page" || t == "column") {
                    self.push_text(" ");
                } else if let Some(p) = &mut self.para {
                    p.parts.push(Vec::new());
                }
            }
            "hyperlink" => {
                self.link = attr(e, "id")
                    .and_then(|id| self.rels.get(&id))
                    .filter(|r| r.kind == "hyperlink")
                    .map(|r| r.target.clone());
            }
            "docPr" => self.alt = attr(e, "descr").unwrap_or_default(),
            "blip" => {
                if let Some(id) = attr(e, "embed") {
                    self.picture(&id);
                }
            }
            "imagedata" => {
                if let Some(id) = attr(e, "id") {
                    self.picture(&id);
                }
            }
            "tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table.clear();
                }
            }
            "tr" if self.table_depth == 1 => self.table.push(Vec::new()),
            "tc" if self.table_depth == 1 => {
                if let Some(row) = self.table.last_mut() {
                    row.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" => self.end_paragraph(),
            "r" => self.run = None,
            "rPr" => self.in_run_props = false,
            "t" => self.in_text = false,
            "hyperlink" => self.link = None,
            "drawing" | "pict" => self.alt.clear(),
            "tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    let rows = std::mem::take(&mut self.table);
                    let block = Block::Table(rows);
                    if !block.is_empty() {
                        self.blocks.push(block);
                    }
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        let Some((bold, italic, hidden)) = self.run else { return };
        if hidden {
            return;
        }
        let link = self.link.clone();
        let Some(piece) = self.para.as_mut().and_then(|p| p.parts.last_mut()) else { return };
        match piece.last_mut() {
            Some(last)
                if last.picture.is_none()
                    && last.bold == bold
                    && last.italic == italic
                    && last.link == link =>
            {
                last.text.push_str(text)
            }
            _ => piece.push(Inline {
                text: text.to_string(),
                bold,
                italic,
                link,
                ..Inline::default()
            }),
        }
    }

    fn picture(&mut self, rid: &str) {
        let Some(rel) = self.rels.get(rid) else { return };
        if rel.external {
            self.notes.push(format!(
                "a picture linked from outside the document ({}) was left out",
                rel.target
            ));
            return;
        }
        let ext = rel.target.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
        if !PICTURE_KINDS.contains(&ext.as_str()) {
            self.notes.push(format!(
                "a picture saved as .{ext} (a kind browsers cannot show) was left out; save it as \
                 JPEG or PNG and add it to the folder"
            ));
            return;
        }
        let n = self.picture_names.len() + 1;
        let name = self
            .picture_names
            .entry(rid.to_string())
            .or_insert_with(|| format!("foto-{n}.{}", if ext == "jpeg" { "jpg" } else { &ext }))
            .clone();
        let alt = self.alt.clone();
        if let Some(piece) = self.para.as_mut().and_then(|p| p.parts.last_mut()) {
            piece.push(Inline { text: alt, picture: Some(name), ..Inline::default() });
        }
    }

    /// Counts an item of list `num` at `level` (the levels below it start again) and gives its
    /// marker when the level is lettered ([`Numbering::lettered`]).
    fn lettered(&mut self, num: &str, level: usize) -> Option<String> {
        let counts = self.counted.entry(num.to_string()).or_default();
        let nth = counts[level];
        counts[level] += 1;
        counts[level + 1..].fill(0);
        self.lists.lettered(num, level, nth)
    }

    fn end_paragraph(&mut self) {
        let Some(para) = self.para.take() else { return };
        for (k, part) in para.parts.into_iter().enumerate() {
            let content = tidy(part);
            let block = match (&para.num, k) {
                // An empty item is not written, nor counted: its letter would leave a gap, which
                // the build reads as letters out of order.
                (Some(num), 0) if !is_blank(&content) => {
                    match self.lettered(num, para.level) {
                        // `a.`, `b)`: written as typed, which the build reads as such a list.
                        Some(marker) => Block::Lettered { marker, content },
                        None => Block::Item {
                            ordered: self.lists.ordered(num, para.level),
                            level: para.level,
                            content,
                        },
                    }
                }
                _ => Block::Para(content),
            };
            if block.is_empty() {
                continue;
            }
            if self.table_depth > 0 {
                let content = match block {
                    Block::Para(c)
                    | Block::Item { content: c, .. }
                    | Block::Lettered { content: c, .. } => c,
                    Block::Table(_) => continue,
                };
                if let Some(cell) = self.table.last_mut().and_then(|r| r.last_mut()) {
                    if !cell.is_empty() {
                        cell.push(Inline::plain(" "));
                    }
                    cell.extend(content);
                }
            } else {
                self.blocks.push(block);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_paths_resolve_inside_the_archive() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word", "/word/media/x.jpeg"), "word/media/x.jpeg");
        assert_eq!(resolve("word", "../media/x.png"), "media/x.png");
        assert_eq!(resolve("word", "../../../x.png"), "x.png");
    }

    #[test]
    fn lettered_and_roman_levels_are_marked_as_word_shows_them() {
        assert_eq!(
            [1, 2, 26, 27, 28].map(letters),
            ["a", "b", "z", "aa", "bb"].map(|s| Some(s.into()))
        );
        assert_eq!(letters(0), None);
        assert_eq!(
            [1, 4, 9, 14, 1994].map(roman),
            ["i", "iv", "ix", "xiv", "mcmxciv"].map(|s| Some(s.into()))
        );
        let xml = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>
<w:lvl w:ilvl="2"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;
        let n = numbering(xml).expect("numbering");
        assert_eq!(n.lettered("5", 0, 0), None, "a number is Markdown's own list");
        assert_eq!(n.lettered("5", 1, 0).as_deref(), Some("c)"), "from its start, alone");
        assert_eq!(n.lettered("5", 2, 1).as_deref(), Some("(II)"));
        assert_eq!(n.lettered("6", 1, 0), None, "no such list");
    }

    #[test]
    fn what_is_not_a_docx_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"PK\x03\x04garbage", b"plain text", &[0xff; 64][..]] {
            assert!(read(bytes).is_err());
        }
    }
}
