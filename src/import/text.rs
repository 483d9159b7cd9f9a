//! Pasted text (`.txt`, `.md`, standard input) as blocks: every line is a paragraph, the way
//! Word and WhatsApp hand a release over; lines typed as list items ("- ", "• ", "1. ") stay a
//! list. In a `.md` file the writer's Markdown is kept as written instead of escaped.

use super::blocks::{tidy, Block, Inline};

/// The blocks of pasted text. `markdown`: the text is Markdown written on purpose.
pub fn blocks(text: &str, markdown: bool) -> Vec<Block> {
    let text =
        text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.split('\n') {
        let trimmed = line.trim();
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
    out
}

/// One non-empty line as a block.
fn line_block(line: &str, markdown: bool) -> Block {
    let piece = |text: &str| {
        let inline = Inline { text: text.to_string(), raw: markdown, ..Inline::default() };
        tidy(vec![inline])
    };
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
    fn markdown_files_keep_their_markup_and_fences() {
        let b = blocks("**Tebal** dan _miring_\n```\nkode  a\n\nb\n```\nSesudah\n", true);
        assert_eq!(markdown(&b), "**Tebal** dan _miring_\n\n```\nkode  a\n\nb\n```\n\nSesudah\n");
    }
}
