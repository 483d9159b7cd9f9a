//! A pasted release as blocks of styled text, between reading (text or .docx) and writing
//! Markdown. Recognising the dateline and the initials works on a block's plain text; writing
//! Markdown escapes every character the writer typed, so the page shows exactly what was typed.

/// One piece of a paragraph with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The target of the link this text is part of.
    pub link: Option<String>,
    /// A picture of the bundle (`text` is its alt text).
    pub picture: Option<String>,
    /// Markdown written on purpose (a `.md` file): written as it is, not escaped.
    pub raw: bool,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline { text: text.into(), ..Inline::default() }
    }

    fn same_style(&self, other: &Inline) -> bool {
        self.bold == other.bold
            && self.italic == other.italic
            && self.link == other.link
            && self.raw == other.raw
            && self.picture.is_none()
            && other.picture.is_none()
    }
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Vec<Inline>),
    /// A list item; `level` 0 is the outermost.
    Item {
        ordered: bool,
        level: usize,
        content: Vec<Inline>,
    },
    /// An item lettered as typed (`a.`, `b)`, `(c)`, `iv.`), which Markdown has no list of:
    /// written as typed, the items of a run one line each, so that the build reads them as the
    /// list they are (`<ol type="a">`), or as lines when the letters are not in order, just as
    /// it reads the same lines typed into a release.
    Lettered {
        marker: String,
        content: Vec<Inline>,
    },
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Vec<Inline>>>),
}

impl Block {
    /// The text a reader sees (pictures count as nothing), for recognising.
    pub fn plain(&self) -> String {
        match self {
            Block::Para(c)
            | Block::Item { content: c, .. }
            | Block::Lettered { content: c, .. } => plain(c),
            Block::Table(rows) => {
                rows.iter().flat_map(|r| r.iter().map(|c| plain(c))).collect::<Vec<_>>().join(" ")
            }
        }
    }

    /// Whether the block has anything to show.
    pub fn is_empty(&self) -> bool {
        match self {
            Block::Para(c)
            | Block::Item { content: c, .. }
            | Block::Lettered { content: c, .. } => is_blank(c),
            Block::Table(rows) => rows.iter().flatten().flatten().next().is_none(),
        }
    }
}

/// Whether a run of inlines shows nothing: no picture, no text but spaces.
pub fn is_blank(content: &[Inline]) -> bool {
    content.iter().all(|i| i.picture.is_none() && i.text.trim().is_empty())
}

pub fn plain(inlines: &[Inline]) -> String {
    inlines.iter().filter(|i| i.picture.is_none()).map(|i| i.text.as_str()).collect()
}

/// Removes the first `n` bytes of the plain text of `inlines` (a dateline), and the spaces after.
pub fn drop_prefix(inlines: &mut Vec<Inline>, mut n: usize) {
    for i in inlines.iter_mut().filter(|i| i.picture.is_none()) {
        let cut = n.min(i.text.len());
        let cut = (0..=cut).rev().find(|&c| i.text.is_char_boundary(c)).unwrap_or(0);
        i.text.drain(..cut);
        n -= cut;
        if n == 0 {
            break;
        }
    }
    inlines.retain(|i| i.picture.is_some() || !i.text.is_empty());
    if let Some(first) = inlines.iter_mut().find(|i| i.picture.is_none()) {
        first.text = first.text.trim_start().to_string();
    }
}

/// Keeps only the first `keep` bytes of the plain text of `inlines` (initials removed).
pub fn keep_prefix(inlines: &mut Vec<Inline>, mut keep: usize) {
    for i in inlines.iter_mut().filter(|i| i.picture.is_none()) {
        if keep >= i.text.len() {
            keep -= i.text.len();
        } else {
            let cut = (0..=keep).rev().find(|&c| i.text.is_char_boundary(c)).unwrap_or(0);
            i.text.truncate(cut);
            keep = 0;
        }
    }
    inlines.retain(|i| i.picture.is_some() || !i.text.is_empty());
    if let Some(last) = inlines.iter_mut().rev().find(|i| i.picture.is_none()) {
        last.text = last.text.trim_end().to_string();
    }
}

/// Whitespace tidied: runs of spaces and tabs become one space (other spaces, such as the
/// non-breaking space, are kept), across the pieces too; no space at either end.
pub fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    let mut after_space = true;
    for mut i in inlines {
        if i.picture.is_some() {
            out.push(i);
            continue;
        }
        let mut text = String::with_capacity(i.text.len());
        for c in i.text.chars() {
            let c = if matches!(c, '\t' | '\r' | '\n') { ' ' } else { c };
            if c == ' ' {
                if !after_space {
                    text.push(' ');
                }
                after_space = true;
            } else {
                text.push(c);
                after_space = false;
            }
        }
        i.text = text;
        if !i.text.is_empty() {
            out.push(i);
        }
    }
    if let Some(last) = out.iter_mut().rev().find(|i| i.picture.is_none()) {
        last.text = last.text.trim_end_matches(' ').to_string();
    }
    out.retain(|i| i.picture.is_some() || !i.text.is_empty());
    out
}

/// The body as Markdown: a blank line between blocks, list items of one list together.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut counters: Vec<(bool, usize)> = Vec::new();
    let mut prev: Option<&Block> = None;
    for block in blocks {
        let prev_item = matches!(prev, Some(Block::Item { .. }));
        // The items of one list, and the lettered lines of one run, one line each.
        let together = match (prev, block) {
            (Some(Block::Item { .. }), Block::Item { .. }) => true,
            // Not a run of another list after it (`a.`, `b.`, then `I)`): kept apart by a
            // blank line, as Word shows them. (The build also reads two runs of letters in
            // order as two lists, `a.`, `b.`, then `a.`, `b.`.)
            (Some(Block::Lettered { marker: a, .. }), Block::Lettered { marker: b, .. }) => {
                capitals(a) == capitals(b)
            }
            _ => false,
        };
        if !out.is_empty() {
            out.push_str(if together { "\n" } else { "\n\n" });
        }
        match block {
            Block::Para(content) => {
                counters.clear();
                out.push_str(&inlines_md(content, true, false));
            }
            Block::Item { ordered, level, content } => {
                if !prev_item {
                    counters.clear();
                }
                counters.truncate(level + 1);
                counters.resize(level + 1, (*ordered, 0));
                if counters[*level].0 != *ordered {
                    counters[*level] = (*ordered, 0);
                }
                counters[*level].1 += 1;
                out.push_str(&"    ".repeat(*level));
                if *ordered {
                    out.push_str(&format!("{}. ", counters[*level].1));
                } else {
                    out.push_str("- ");
                }
                out.push_str(&inlines_md(content, true, false));
            }
            Block::Lettered { marker, content } => {
                counters.clear();
                out.push_str(&escape(marker, true, false));
                out.push(' ');
                out.push_str(&inlines_md(content, false, false));
            }
            Block::Table(rows) => {
                counters.clear();
                out.push_str(&table_md(rows));
            }
        }
        prev = Some(block);
    }
    out.push('\n');
    out
}

/// Whether a lettered item's marker is in capitals (`A.`, `II)`): a run of small letters and
/// one of capitals are two lists, whose markers the build reads as one list only if they
/// are all one or the other (`a.` and `b)` are one list to it).
fn capitals(marker: &str) -> bool {
    marker.chars().find(char::is_ascii_alphabetic).is_some_and(|c| c.is_ascii_uppercase())
}

fn table_md(rows: &[Vec<Vec<Inline>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        out.push('|');
        for k in 0..width {
            let cell = row.get(k).map(|c| inlines_md(c, false, true)).unwrap_or_default();
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push('\n');
        if n == 0 {
            // A column of numbers is aligned right, as a spreadsheet shows it.
            out.push('|');
            for k in 0..width {
                let mut column = rows[1..].iter().filter_map(|r| r.get(k)).map(|c| plain(c));
                let mut column = column.by_ref().filter(|t| !t.trim().is_empty()).peekable();
                let numbers =
                    column.peek().is_some() && column.all(|t| crate::markdown::is_number(t.trim()));
                out.push_str(if numbers { " ---: |" } else { " --- |" });
            }
            out.push('\n');
        }
    }
    out.pop();
    out
}

/// One paragraph's pieces as Markdown. `line_start`: the text starts a line, where `#`, `>`,
/// `- ` and `1. ` would start a block. `in_table`: `|` would end a cell.
pub fn inlines_md(inlines: &[Inline], line_start: bool, in_table: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < inlines.len() {
        let first = &inlines[i];
        if let Some(file) = &first.picture {
            out.push_str(&format!("![{}]({})", escape(&first.text, false, in_table), url(file)));
            i += 1;
            continue;
        }
        // A run of pieces with the same link.
        let mut j = i + 1;
        while j < inlines.len() && inlines[j].picture.is_none() && inlines[j].link == first.link {
            j += 1;
        }
        let at_start = line_start && out.is_empty() && first.link.is_none();
        let inner = styled(&inlines[i..j], at_start, in_table);
        match &first.link {
            Some(target) => {
                let (lead, core, trail) = split_spaces(&inner);
                out.push_str(&format!("{lead}[{core}]({}){trail}", url(target)));
            }
            None => out.push_str(&inner),
        }
        i = j;
    }
    out
}

/// Pieces without pictures, each style run wrapped in `*`/`**`, spaces kept outside.
fn styled(inlines: &[Inline], line_start: bool, in_table: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < inlines.len() {
        let mut j = i + 1;
        while j < inlines.len() && inlines[i].same_style(&inlines[j]) {
            j += 1;
        }
        let text: String = inlines[i..j].iter().map(|x| x.text.as_str()).collect();
        let first = &inlines[i];
        let text = if first.raw {
            text
        } else {
            escape(&text, line_start && out.is_empty() && !first.bold && !first.italic, in_table)
        };
        let marks = match (first.bold, first.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let (lead, core, trail) = split_spaces(&text);
        if marks.is_empty() || core.is_empty() {
            out.push_str(&text);
        } else {
            out.push_str(&format!("{lead}{marks}{core}{marks}{trail}"));
        }
        i = j;
    }
    out
}

fn split_spaces(s: &str) -> (&str, &str, &str) {
    let core = s.trim_matches(' ');
    let lead = &s[..s.len() - s.trim_start_matches(' ').len()];
    let trail = &s[lead.len() + core.len()..];
    (lead, core, trail)
}

/// A link or picture target as Markdown writes it: in `<…>` when it has spaces or parentheses.
fn url(target: &str) -> String {
    let target = target.trim().replace(['<', '>'], "").replace(['\n', '\r'], "");
    if target.contains([' ', '(', ')']) {
        format!("<{target}>")
    } else {
        target
    }
}

/// Text as typed, escaped so Markdown shows every character: `\`, `` ` ``, `*`, `_`, `[`, `]`,
/// `<`, `~` everywhere, `&` before what would read as an entity, `|` in tables, and at the
/// start of a line what would start a heading, quote, list or rule.
pub fn escape(text: &str, line_start: bool, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (k, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => out.push('\\'),
            '|' if in_table => out.push('\\'),
            '&' if looks_like_entity(&text[k..]) => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    if line_start {
        out = escape_line_start(out);
    }
    out
}

fn looks_like_entity(s: &str) -> bool {
    let rest = &s[1..];
    let name_len = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').count();
    name_len > 0 && rest[name_len..].starts_with(';')
}

fn escape_line_start(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some('#' | '>' | '+' | '=') => format!("\\{s}"),
        Some('-') if matches!(chars.next(), None | Some(' ' | '-')) => format!("\\{s}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = s.chars().take_while(char::is_ascii_digit).count();
            let rest = &s[digits..];
            let marker = rest.starts_with('.') || rest.starts_with(')');
            if marker && matches!(rest[1..].chars().next(), None | Some(' ')) {
                format!("{}\\{}", &s[..digits], rest)
            } else {
                s
            }
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        let mut html = String::new();
        let opts = pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_FOOTNOTES
            | pulldown_cmark::Options::ENABLE_TASKLISTS;
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(md, opts));
        html
    }

    #[test]
    fn typed_characters_come_out_as_typed() {
        for typed in [
            "# bukan judul",
            "> bukan kutipan",
            "- bukan daftar",
            "+ bukan daftar",
            "---",
            "2023. Tahun yang baik",
            "1) satu",
            "5 * 3 = 15 dan a_b_c",
            "*penting* dan **tebal**",
            "<script>alert(1)</script>",
            "[tautan](http://x.id) dan [^1]",
            "~~coret~~ `kode` \\ garis",
            "&amp; dan &#169; dan A&B",
            "“kutip” – — \u{a0}spasi",
        ] {
            let html = render(&escape(typed, true, false));
            let expected = format!("<p>{}</p>\n", crate::markdown::escape_html(typed));
            assert_eq!(html, expected, "{typed:?}");
        }
    }

    #[test]
    fn styles_links_and_lists() {
        let blocks = vec![
            Block::Para(vec![
                Inline::plain("Kata "),
                Inline { text: "tebal ".into(), bold: true, ..Inline::default() },
                Inline { text: "miring".into(), italic: true, ..Inline::default() },
                Inline::plain(" dan "),
                Inline {
                    text: "tautan".into(),
                    link: Some("https://x.id/a b".into()),
                    ..Inline::default()
                },
            ]),
            Block::Item { ordered: true, level: 0, content: vec![Inline::plain("satu")] },
            Block::Item { ordered: true, level: 0, content: vec![Inline::plain("dua")] },
            Block::Item { ordered: false, level: 1, content: vec![Inline::plain("anak")] },
            Block::Table(vec![
                vec![vec![Inline::plain("A|B")], vec![Inline::plain("C")]],
                vec![vec![Inline::plain("1")]],
            ]),
        ];
        assert_eq!(
            markdown(&blocks),
            "Kata **tebal** *miring* dan [tautan](<https://x.id/a b>)\n\n1. satu\n2. dua\n    - anak\n\n\
             | A\\|B | C |\n| ---: | --- |\n| 1 |  |\n"
        );
    }

    #[test]
    fn tidy_collapses_runs_of_spaces_but_keeps_nbsp() {
        let t = tidy(vec![Inline::plain("  a  \t b "), Inline::plain(" c\u{a0} d  ")]);
        assert_eq!(plain(&t), "a b c\u{a0} d");
    }

    #[test]
    fn prefixes_and_suffixes_cut_across_pieces() {
        let mut v = vec![
            Inline { text: "DENPASAR (HUMAS".into(), bold: true, ..Inline::default() },
            Inline::plain(" BALI) – Isi"),
        ];
        drop_prefix(&mut v, "DENPASAR (HUMAS BALI) – ".len());
        assert_eq!(v, vec![Inline::plain("Isi")]);
        let mut v = vec![Inline::plain("akhir."), Inline::plain("(sn)")];
        keep_prefix(&mut v, "akhir.".len());
        assert_eq!(v, vec![Inline::plain("akhir.")]);
    }
}
