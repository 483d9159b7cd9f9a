//! Pasted text (`.txt`, `.md`, standard input) as blocks: every line is a paragraph, the way
//! Word and WhatsApp hand a release over; lines typed as list items ("- ", "• ", "1. ") stay a
//! list. In a `.md` file the writer's Markdown is kept as written instead of escaped.

use super::blocks::{tidy, Block, Inline};

/// The blocks of pasted text. `markdown`: the text is Markdown written on purpose.
pub fn blocks(text: &str, markdown: bool) -> Vec<Block> {
    // A line or page break pasted from Word or PowerPoint (a vertical tab, a form feed) ends a
    // line as a line's end does.
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace(['\r', '\u{b}', '\u{c}'], "\n");
    // Spaces no one sees, as a page renders them ([`crate::markdown::pasted::without_invisible_spaces`]).
    let text = crate::markdown::pasted::without_invisible_spaces(&text).unwrap_or(text);
    let mut out = Vec::new();
    let mut in_fence = false;
    // Lines of cells separated by tabs, as a spreadsheet's cells are pasted: a table when two
    // or more follow each other (see `markdown::pasted::tab_tables`, which reads them so in a
    // body written by hand). A tab before a line's text only is a paragraph's indent, as Word's
    // writers type it; before a row's cells, it stands for empty ones.
    // An item of Word's list pasted with spaces where its tab goes (`·  Strategi`, `a. Surat
    // tugas`) is such a line too, read as the build reads it ([`crate::markdown::spaced_item`]).
    let mut tabbed: Vec<&str> = Vec::new();
    let flush = |tabbed: &mut Vec<&str>, out: &mut Vec<Block>| {
        let texts: Vec<String> = tabbed.iter().map(|l| row_text(l)).collect();
        let rows: Vec<Vec<&str>> = texts.iter().map(|l| crate::markdown::tab_cells(l)).collect();
        use crate::markdown::{Marker, TabBlock};
        match crate::markdown::tab_block(&rows) {
            // Items copied from Word's list: a marker, a tab, a text.
            Some(TabBlock::List(kind)) => out.extend(rows.iter().map(|r| match kind {
                Marker::Bullet | Marker::Number(_) => Block::Item {
                    ordered: kind != Marker::Bullet,
                    level: 0,
                    content: piece(r[1], markdown),
                },
                // Lettered as typed, one line each: the build makes them the list they are
                // (found by helper-38, stop 69: each was a paragraph of its own, and the page
                // showed lines that kept their letters where the same lines typed into a
                // release made a list).
                Marker::Letter => {
                    Block::Lettered { marker: r[0].to_string(), content: piece(r[1], markdown) }
                }
            })),
            Some(TabBlock::Table) => {
                let row = |r: &Vec<&str>| r.iter().map(|c| piece(c, markdown)).collect();
                out.push(Block::Table(rows.iter().map(row).collect()));
            }
            None => out.extend(tabbed.iter().map(|l| line_block(l.trim(), markdown))),
        }
        tabbed.clear();
    };
    let lines = unwrapped(&text, markdown);
    // A bullet with no text beside a list's item: an empty item, left out, so that the list
    // stays one ([`crate::markdown::lone_bullet`]; a body typed with one reads it so too).
    let item = |l: &String| {
        let l = l.trim();
        is_row(l) || matches!(line_block(l, markdown), Block::Item { .. })
    };
    let text = |l: &&String| !l.trim().is_empty();
    let empty_item = |k: usize| {
        crate::markdown::lone_bullet(&lines[k])
            && (lines[..k].iter().rfind(text).is_some_and(item)
                || lines[k + 1..].iter().find(text).is_some_and(item))
    };
    for (k, line) in lines.iter().map(String::as_str).enumerate() {
        let trimmed = line.trim();
        if !in_fence && empty_item(k) {
            continue;
        }
        if !in_fence && is_row(trimmed) {
            tabbed.push(line);
            continue;
        }
        flush(&mut tabbed, &mut out);
        let fence = markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        if in_fence || fence {
            // A fenced block of a .md file is kept line for line, as one piece of raw Markdown.
            let line = line.trim_end();
            match out.last_mut() {
                Some(Block::Para(c)) if in_fence => {
                    if let Some(last) = c.last_mut() {
                        last.text.push('\n');
                        last.text.push_str(line);
                    }
                }
                _ => out.push(Block::Para(vec![Inline {
                    text: line.to_string(),
                    raw: true,
                    ..Inline::default()
                }])),
            }
            in_fence = if in_fence { !fence } else { fence };
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        out.push(line_block(trimmed, markdown));
    }
    flush(&mut tabbed, &mut out);
    out
}

/// The text's lines, those hard-wrapped at a width (text copied from a PDF or an e-mail) joined
/// into their paragraphs' ([`crate::markdown::wrapped_breaks`]). A list item or a separator
/// starts a line of its own; lines with tabs, and a `.md` file's fenced code, are as typed.
fn unwrapped(text: &str, markdown: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        let ends = crate::markdown::wrapped_breaks(run);
        // Text, not a list's item or a separator (a raw `***`).
        let text: Vec<bool> = run
            .iter()
            .map(|l| {
                let block = line_block(l.trim(), markdown);
                matches!(block, Block::Para(c) if !c.iter().all(|i| i.raw))
                    && !crate::markdown::lone_bullet(l)
            })
            .collect();
        for (k, line) in run.iter().enumerate() {
            let joined =
                k > 0 && ends.as_ref().is_some_and(|e| !e[k - 1]) && text[k - 1] && text[k];
            match out.last_mut().filter(|_| joined) {
                Some(last) => {
                    use crate::markdown::HyphenJoin;
                    match crate::markdown::hyphen_join(last, line) {
                        // A word the page hyphenated at the line's end is one word again.
                        Some(HyphenJoin::Word) => {
                            last.truncate(last.trim_end().len() - 1);
                        }
                        Some(HyphenJoin::Hyphenated) => last.truncate(last.trim_end().len()),
                        None => last.push(' '),
                    }
                    last.push_str(line.trim());
                }
                None => out.push(line.to_string()),
            }
        }
        run.clear();
    };
    let mut in_fence = false;
    // A line with a tab is a row; one with spaces after a list's marker only beside another
    // (two make a list): a lone one is text, and may be a wrapped line of a paragraph ("A.
    // Yani No. 5, Denpasar." under "… di Jalan").
    let lines: Vec<&str> = text.split('\n').collect();
    let spaced: Vec<bool> =
        lines.iter().map(|l| crate::markdown::spaced_item(l.trim()).is_some()).collect();
    let listed = |k: usize| {
        spaced[k] && (k > 0 && spaced[k - 1] || spaced.get(k + 1).copied().unwrap_or(false))
    };
    for (k, line) in lines.iter().copied().enumerate() {
        let trimmed = line.trim();
        let fence = markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        if trimmed.is_empty() || trimmed.contains('\t') || listed(k) || fence || in_fence {
            flush(&mut run, &mut out);
            out.push(line.to_string());
            in_fence = if in_fence { !fence } else { fence };
        } else {
            run.push(line);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether a line is a row of cells or of a list copied from Word: it has a tab, or it is an
/// item with spaces where the tab goes ([`crate::markdown::spaced_item`]).
fn is_row(line: &str) -> bool {
    line.contains('\t') || crate::markdown::spaced_item(line).is_some()
}

/// A row's line with a tab after its marker when spaces stood there.
fn row_text(line: &str) -> String {
    if line.contains('\t') {
        return line.to_string();
    }
    crate::markdown::spaced_item(line).unwrap_or_else(|| line.to_string())
}

/// A piece of a line: a `.md` file's Markdown kept as written, else text with WhatsApp's
/// emphasis read.
fn piece(text: &str, markdown: bool) -> Vec<Inline> {
    if markdown {
        tidy(vec![Inline { text: text.to_string(), raw: true, ..Inline::default() }])
    } else {
        tidy(emphasis(text))
    }
}

/// One non-empty line as a block.
fn line_block(line: &str, markdown: bool) -> Block {
    let piece = |text: &str| piece(text, markdown);
    // A line of dashes or equals signs typed between parts of the text: a separator, which
    // Markdown writes `***` (a `---` under a line of text would make that line a heading).
    let separator = |c: char| line.chars().filter(|c| !c.is_whitespace()).all(|x| x == c);
    if line.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && ['-', '=', '_', '*', '~', '–', '—'].into_iter().any(separator)
    {
        return Block::Para(vec![Inline {
            text: "***".to_string(),
            raw: true,
            ..Inline::default()
        }]);
    }
    if let Some(rest) = ["- ", "• ", "* "]
        .iter()
        .filter(|m| markdown || **m != "* ")
        .find_map(|m| line.strip_prefix(m))
    {
        return Block::Item { ordered: false, level: 0, content: piece(rest.trim_start()) };
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Block::Item { ordered: true, level: 0, content: piece(rest.trim_start()) };
        }
    }
    Block::Para(piece(line))
}

/// A line of pasted text with WhatsApp's emphasis read, `*tebal*` bold and `_miring_` italic,
/// as a release forwarded through a WhatsApp group arrives. A marker counts where WhatsApp
/// counts it: one opens at the start or after a space or punctuation, before a non-space; it
/// closes after a non-space, at the end or before a space or punctuation. `5*3*2`,
/// `nama_depan_belakang`, `**dua**` and a lone `*` stay as typed.
fn emphasis(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let (mut plain_from, mut at) = (0, 0);
    while let Some(c) = line[at..].chars().next() {
        let style = match c {
            '*' => |i: &mut Inline| i.bold = true,
            '_' => |i: &mut Inline| i.italic = true,
            _ => {
                at += c.len_utf8();
                continue;
            }
        };
        let Some(end) = closing(line, at, c) else {
            at += 1;
            continue;
        };
        if plain_from < at {
            out.push(Inline::plain(&line[plain_from..at]));
        }
        for mut inline in emphasis(&line[at + 1..end]) {
            style(&mut inline);
            out.push(inline);
        }
        (plain_from, at) = (end + 1, end + 1);
    }
    if plain_from < line.len() {
        out.push(Inline::plain(&line[plain_from..]));
    }
    out
}

/// Where the run of emphasis that the `marker` at byte `at` of `line` opens is closed, if that
/// marker opens one ([`emphasis`]).
fn closing(line: &str, at: usize, marker: char) -> Option<usize> {
    let before = line[..at].chars().next_back();
    let after = line[at + 1..].chars().next()?;
    if before.is_some_and(|b| b.is_alphanumeric() || b == marker)
        || after.is_whitespace()
        || after == marker
    {
        return None;
    }
    line[at + 1..].match_indices(marker).map(|(k, _)| at + 1 + k).find(|&end| {
        let inside = line[..end].chars().next_back().filter(|_| end > at + 1);
        let next = line[end + 1..].chars().next();
        inside.is_some_and(|i| !i.is_whitespace())
            && next.is_none_or(|n| !n.is_alphanumeric() && n != marker)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::markdown;

    #[test]
    fn every_line_a_paragraph_whatever_the_line_ends() {
        let b = blocks("\u{feff}Satu  dua \r\nTiga\r\n\r\n  Empat\rLima\n", false);
        assert_eq!(markdown(&b), "Satu dua\n\nTiga\n\nEmpat\n\nLima\n");
    }

    #[test]
    fn list_lines_stay_lists() {
        let b =
            blocks("Acara:\n- satu\n• dua\n1. pertama\n2) kedua\n2023. bukan\n* bintang\n", false);
        assert_eq!(
            markdown(&b),
            "Acara:\n\n- satu\n- dua\n1. pertama\n2. kedua\n\n2023\\. bukan\n\n\\* bintang\n"
        );
    }

    #[test]
    fn whatsapp_emphasis_is_read_where_whatsapp_reads_it() {
        for (line, md) in [
            ("*Kakanwil Buka Rakor*", "**Kakanwil Buka Rakor**"),
            ("Rapat _daring_ dan *luring*, kemarin.", "Rapat *daring* dan **luring**, kemarin."),
            ("(*Humas*) – isi", "(**Humas**) – isi"),
            ("*_tebal miring_*", "***tebal miring***"),
            // Not emphasis: a product, names with underscores, doubled or lone markers, a
            // marker before or after a space.
            ("5*3*2 = 30", "5\\*3\\*2 = 30"),
            (
                "surel nama_depan_belakang@kemenag.go.id",
                "surel nama\\_depan\\_belakang@kemenag.go.id",
            ),
            ("**dua**", "\\*\\*dua\\*\\*"),
            ("harga * 2", "harga \\* 2"),
            ("* bukan*", "\\* bukan\\*"),
            ("*bukan *", "\\*bukan \\*"),
            ("*", "\\*"),
            ("*🕋*", "**🕋**"),
        ] {
            assert_eq!(markdown(&blocks(line, false)), format!("{md}\n"), "{line}");
        }
        // The plain text, which the headline and the dateline are read from, has no markers.
        assert_eq!(
            blocks("*BADUNG (Humas Badung)* - Isi", false)[0].plain(),
            "BADUNG (Humas Badung) - Isi"
        );
    }

    proptest::proptest! {
        /// Reading emphasis only takes markers away: the text is the line's, in order, less
        /// the `*` and `_` of the runs it read; and a line without markers is one piece.
        #[test]
        fn emphasis_only_takes_markers_away(line in "[a-z\u{e9}\u{1F54B} *_.,()\n]{0,32}") {
            let pieces = emphasis(&line);
            let kept: String = pieces.iter().map(|i| i.text.as_str()).collect();
            let markers = |t: &str| t.chars().filter(|c| !matches!(c, '*' | '_')).collect::<String>();
            proptest::prop_assert_eq!(markers(&kept), markers(&line));
            proptest::prop_assert!(kept.len() <= line.len());
            if !line.contains(['*', '_']) {
                proptest::prop_assert!(pieces.iter().all(|i| !i.bold && !i.italic));
                proptest::prop_assert_eq!(kept, line);
            }
        }
    }

    #[test]
    fn markdown_files_keep_their_markup_and_fences() {
        let b = blocks("**Tebal** dan _miring_\n```\nkode  a\n\nb\n```\nSesudah\n", true);
        assert_eq!(markdown(&b), "**Tebal** dan _miring_\n\n```\nkode  a\n\nb\n```\n\nSesudah\n");
    }
}
