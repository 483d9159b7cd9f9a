//! What a saved release page shows its reader, where warta's release pages show it: the
//! headline (the page's first `<h1>`), the date under it (the first `<time>` after it) and the
//! text (the `<div class="content">` after it, the writer's initials left out). A page's
//! signed text (`#warta-teks`) is hidden from its reader; [`super::verify`] compares these with
//! it, so that a page whose visible words were changed, with its hidden copy left as it was,
//! is not called the office's.
//!
//! The page is parsed as a browser parses it (html5ever, the parser of the HTML standard, which
//! the sanitiser's ammonia is built on, into `markup5ever_rcdom`'s tree): a headline in a comment, a paragraph a browser closes
//! early, a script's text are what they are to the reader. Elements marked `hidden`, or styled
//! `display: none` or `visibility: hidden` on themselves, are not shown; a page's style sheets
//! are not read, so what they hide is not known here.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// What [`read`] found on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The headline's text.
    pub title: String,
    /// The date shown under the headline, if the page shows one.
    pub date: Option<ShownDate>,
    /// The release's text as the page shows it, without the initials' paragraph.
    pub body: String,
}

/// A `<time>` element: its `datetime` attribute and the text a reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownDate {
    pub datetime: String,
    pub text: String,
}

/// Elements whose content a browser does not show as text.
const UNSHOWN: [&str; 6] = ["head", "script", "style", "template", "noscript", "textarea"];

/// The headline, date and text of a release page; `None` when it has no `<h1>` followed by a
/// `<div class="content">`, as warta's release pages have.
pub fn read(html: &str) -> Option<Shown> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut title = None;
    let mut date = None;
    // Document order, without recursion: a page nested ten thousand deep is no stack overflow.
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if !shown(&node) {
            continue;
        }
        match (&title, name(&node).as_deref()) {
            (None, Some("h1")) => {
                title = Some(text(&node));
                continue;
            }
            (Some(_), Some("time")) if date.is_none() => {
                // Without `datetime`, a `<time>`'s value is its text (the HTML standard).
                let text = text(&node);
                let datetime = attr(&node, "datetime").unwrap_or_else(|| text.clone());
                date = Some(ShownDate { datetime, text });
                continue;
            }
            (Some(_), Some("div")) if has_class(&node, "content") => {
                return Some(Shown { title: title?, date, body: text(&node) });
            }
            _ => {}
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    None
}

/// An element's local name.
fn name(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

/// The value of an element's attribute `name`.
fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.local.as_ref() == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// Whether an element's `class` names `class`.
fn has_class(node: &Handle, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
}

/// Whether a node is shown: not a comment, nor an element of [`UNSHOWN`] or one hidden by its
/// own attributes.
fn shown(node: &Handle) -> bool {
    match &node.data {
        NodeData::Comment { .. } | NodeData::ProcessingInstruction { .. } => false,
        NodeData::Element { name, .. } => {
            let style = attr(node, "style").unwrap_or_default().to_ascii_lowercase();
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            !UNSHOWN.contains(&name.local.as_ref())
                && attr(node, "hidden").is_none()
                && !style.contains("display:none")
                && !style.contains("visibility:hidden")
        }
        _ => true,
    }
}

/// The text a node shows, its words joined by one space; a space between the content of
/// elements that are not inline, as the search index and the signed text read a body
/// ([`crate::render::search::plain`]). The writer's initials (`<p class="initials">`), which
/// the theme adds after the text, are left out.
fn text(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![Some(node.clone())];
    while let Some(next) = stack.pop() {
        let Some(node) = next else {
            out.push(' '); // the end of an element that is not inline
            continue;
        };
        if !shown(&node) {
            continue;
        }
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. } => {
                if name.local.as_ref() == "p" && has_class(&node, "initials") {
                    out.push(' ');
                    continue;
                }
                let inline = crate::render::search::INLINE
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(name.local.as_ref()));
                if !inline {
                    out.push(' ');
                    stack.push(None);
                }
                stack.extend(node.children.borrow().iter().rev().cloned().map(Some));
            }
            _ => stack.extend(node.children.borrow().iter().rev().cloned().map(Some)),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Rapat</title></head><body>\
        <header><p class=\"site\">Humas</p></header><article><header><h1>Rapat &amp; \
        <em>Evaluasi</em></h1><p class=\"meta\"><time datetime=\"2023-05-15\">Senin, 15 Mei \
        2023</time></p></header><div class=\"lead-photo\"><img src=\"a.jpg\" alt=\"\"></div>\
        <div class=\"content big\"><p>Denpasar – rapat <b>selesai</b>.</p><div class=\"video\">\
        <div>Tonton</div></div><p class=\"initials\">(sn)</p><div class=\"credits\">Foto: A\
        </div></div><aside>Bagikan</aside></article></body></html>";

    #[test]
    fn a_release_page_shows_its_headline_date_and_text() {
        let s = read(PAGE).expect("a release page");
        assert_eq!(s.title, "Rapat & Evaluasi");
        let date = s.date.expect("a date");
        assert_eq!(
            (date.datetime.as_str(), date.text.as_str()),
            ("2023-05-15", "Senin, 15 Mei 2023")
        );
        assert_eq!(s.body, "Denpasar – rapat selesai. Tonton Foto: A");
    }

    /// What a browser does not show is not what the page shows: a headline or text in a
    /// comment, a script or a hidden element, with the one the reader sees elsewhere.
    #[test]
    fn comments_scripts_and_hidden_elements_are_not_shown() {
        let hidden = PAGE
            .replace(
                "<article>",
                "<!-- <h1>Lama</h1> --><script>var h = '<h1>x</h1>';</script><article>",
            )
            .replace("<p>Denpasar", "<p hidden>Dihapus <p>x</p></p><input hidden><p>Denpasar")
            .replace("Senin, 15", "<span hidden>Selasa,</span> Senin, 15");
        let s = read(&hidden).expect("a release page");
        assert_eq!(s.title, "Rapat & Evaluasi");
        assert_eq!(s.date.expect("a date").text, "Senin, 15 Mei 2023");
        // A paragraph opened in a hidden one closes it, as a browser reads it: "x" is shown.
        assert_eq!(s.body, "x Denpasar – rapat selesai. Tonton Foto: A");
        let styled = PAGE.replace("<p>Denpasar", "<p style=\"DISPLAY: none\">y</p><p>Denpasar");
        assert_eq!(read(&styled).expect("a page").body, "Denpasar – rapat selesai. Tonton Foto: A");
        let forged = PAGE.replace("<div class=\"content big\">", "<div class=\"content\" hidden>");
        assert_eq!(read(&forged), None, "a hidden text is no text");
    }

    /// A `<time>` without `datetime` is still the date the page shows: its value is its text,
    /// which [`super::super::verify`] then finds is not the signed date. It was read as a page
    /// laid out otherwise, a verdict that named no part.
    #[test]
    fn a_time_without_datetime_is_its_text() {
        let bare = PAGE.replace("<time datetime=\"2023-05-15\">", "<time>");
        let s = read(&bare).expect("a release page");
        let date = s.date.expect("a date");
        assert_eq!(
            (date.datetime.as_str(), date.text.as_str()),
            ("Senin, 15 Mei 2023", "Senin, 15 Mei 2023")
        );
        assert_eq!(s.body, "Denpasar – rapat selesai. Tonton Foto: A");
    }

    #[test]
    fn a_page_laid_out_otherwise_shows_nothing_to_compare() {
        assert_eq!(read("<html><body><p>Rapat</p></body></html>"), None);
        assert_eq!(read(&PAGE.replace("<h1>", "<h2>").replace("</h1>", "</h2>")), None);
        assert_eq!(read(&PAGE.replace("content big", "isi")), None);
        // Unclosed and hostile markup: no panic, and nothing past the text's end.
        for html in [
            "<h1>a",
            "<h1>a</h1><div class=content>b",
            "<",
            "<h1 hidden",
            "<!--",
            "<h1>é</h1><div class=\"content\"><p>é",
        ] {
            let _ = read(html);
        }
        let unclosed = read("<h1>a</h1><div class=content><p>b</div><div>c</div>").expect("read");
        assert_eq!(unclosed.body, "b");
    }
}
