//! The feeds, read back with a real feed parser (`feed-rs`): RSS 2.0, Atom 1.0 and JSON Feed 1.1
//! of the site, a unit and a tag, and the per-channel feeds for cross-posting services. The
//! fixtures are `tests/fixtures/feeds/full` (a sub-path site with `feed_limit: 2`, bundled JPEG
//! and PNG photos and a remote one) and `tests/fixtures/feeds/hostile` (markup in every field).

use crate::support::{build_fixture, Built, Site};
use feed_rs::model::{Entry, Feed, FeedType};
use serde_json::Value;
use std::fs;

const FULL: &str = "feeds/full";
const HOSTILE: &str = "feeds/hostile";
const BASE: &str = "https://example.go.id/humas/";
const ZAKAT: &str = "2023/06/zakat-asn/";
const WORKSHOP: &str = "2023/05/workshop-media-sosial/";
const RAPAT: &str = "2023/05/rapat-koordinasi/";
const BALI: &str = "Kantor Wilayah Kementerian Agama Provinsi Bali";
const BADUNG: &str = "Kantor Kementerian Agama Kabupaten Badung";
const CHANNELS: [&str; 8] =
    ["x", "bluesky", "mastodon", "threads", "telegram", "instagram", "facebook", "whatsapp"];
const HOSTILE_TITLE: &str = "Rilis <script>alert(1)</script> \"kutip\" & 'apos' ]]> akhir";
const HOSTILE_SUMMARY: &str = "Ringkasan <script>alert(2)</script> \"kutip\" & 'apos' ]]> akhir";

fn full() -> Built {
    build_fixture(FULL)
}

fn parse(bytes: &[u8], what: &str) -> Feed {
    feed_rs::parser::parse(bytes).unwrap_or_else(|e| panic!("{what} is not a valid feed: {e}"))
}

fn json(b: &Built, rel: &str) -> Value {
    serde_json::from_str(&b.read(rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

/// The guid of a release, as its `social.json` gives it.
fn guid_of(b: &Built, release: &str) -> String {
    json(b, &format!("{release}social.json"))["guid"].as_str().expect("a guid").to_string()
}

fn title(e: &Entry) -> &str {
    &e.title.as_ref().expect("an entry title").content
}

fn link(e: &Entry) -> &str {
    &e.links.first().expect("an entry link").href
}

fn summary(e: &Entry) -> &str {
    &e.summary.as_ref().expect("an entry summary").content
}

/// The text an HTML reader gets from `html`, as a cross-posting service turns an RSS
/// description into a post: html5ever's tokenizer (the WHATWG algorithm, character references
/// decoded as browsers do), the text of every character token, a line break for each `<br>`,
/// tags dropped.
fn html_text(html: &str) -> String {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;
    struct Text(RefCell<String>);
    impl TokenSink for Text {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                Token::CharacterTokens(t) => self.0.borrow_mut().push_str(&t),
                Token::NullCharacterToken => self.0.borrow_mut().push('\0'),
                Token::TagToken(tag) if tag.kind == TagKind::StartTag && &*tag.name == "br" => {
                    self.0.borrow_mut().push('\n')
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Text(RefCell::new(String::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

fn content(e: &Entry) -> &str {
    e.content.as_ref().and_then(|c| c.body.as_deref()).expect("an entry content")
}

fn categories(e: &Entry) -> Vec<&str> {
    e.categories.iter().map(|c| c.term.as_str()).collect()
}

fn authors(e: &Entry) -> Vec<&str> {
    e.authors.iter().filter_map(|p| p.name.as_deref()).collect()
}

fn links(f: &Feed) -> Vec<&str> {
    f.entries.iter().map(link).collect()
}

/// Every text between `<tag>` and `</tag>` in a document.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open).skip(1).map(|s| &s[..s.find(&close).expect("a closed element")]).collect()
}

// ---------------------------------------------------------------- RSS

#[test]
fn site_rss_items_have_guid_dates_absolute_links_and_plain_summaries() {
    let b = full();
    let xml = b.read("feed.xml");
    let feed = parse(xml.as_bytes(), "feed.xml");
    assert_eq!(feed.feed_type, FeedType::RSS2);
    assert_eq!(feed.title.as_ref().expect("a title").content, "Humas Kanwil Uji");
    assert_eq!(feed.language.as_deref(), Some("id"));
    assert!(feed.links.iter().any(|l| l.href == BASE), "{:?}", feed.links);
    assert!(xml.contains(&format!("<atom:link href=\"{BASE}feed.xml\" rel=\"self\"")));
    assert!(feed.generator.as_ref().expect("a generator").content.starts_with("warta "));
    // feed_limit: 2 in site.yaml, newest first.
    assert_eq!(links(&feed), [format!("{BASE}{ZAKAT}"), format!("{BASE}{WORKSHOP}")]);
    // lastBuildDate is the newest item's date, not the time of the build.
    assert_eq!(elements(&xml, "lastBuildDate"), ["Mon, 12 Jun 2023 08:30:00 +0800"]);
    // pubDate in RFC 822 with a numeric zone.
    assert_eq!(
        elements(&xml, "pubDate"),
        ["Mon, 12 Jun 2023 08:30:00 +0800", "Mon, 15 May 2023 09:00:00 +0800"]
    );
    let zakat = &feed.entries[0];
    assert_eq!(
        zakat.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2023-06-12T00:30:00+00:00")
    );
    // The guid is the ledger's id, not the URL.
    assert_eq!(zakat.id, guid_of(&b, ZAKAT));
    assert!(!zakat.id.starts_with("http"), "{}", zakat.id);
    assert!(xml.contains(&format!("<guid isPermaLink=\"false\">{}</guid>", zakat.id)));
    assert_eq!(title(zakat), "Pembayaran Zakat ASN Lewat Pemotongan Gaji");
    assert_eq!(
        summary(zakat),
        "ASN Kemenag Badung kini dapat menunaikan zakat profesi lewat pemotongan gaji."
    );
    for d in elements(&xml, "description") {
        assert!(!d.contains("&lt;"), "descriptions are plain text: {d}");
    }
}

#[test]
fn site_rss_content_is_full_html_with_absolute_urls() {
    let b = full();
    let xml = b.read("feed.xml");
    let feed = parse(xml.as_bytes(), "feed.xml");
    assert!(xml.contains("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""));
    assert!(!xml.contains("CDATA"));
    let workshop = content(&feed.entries[1]);
    assert!(workshop.contains("Kepala Kanwil membuka workshop"), "{workshop}");
    assert!(
        workshop.contains(&format!("src=\"{BASE}{WORKSHOP}foto-2-640.png\"")),
        "the photo in the body is absolute: {workshop}"
    );
    assert!(workshop.contains(&format!("href=\"{BASE}tag/kehumasan/\"")), "{workshop}");
    assert!(content(&feed.entries[0]).contains(&format!("href=\"{BASE}tentang/\"")));
    for e in &feed.entries {
        let html = content(e);
        assert!(!html.contains("=\"/"), "no site-relative URL is left: {html}");
    }
}

#[test]
fn site_rss_has_creators_categories_and_photo() {
    let b = full();
    let xml = b.read("feed.xml");
    let feed = parse(xml.as_bytes(), "feed.xml");
    let (zakat, workshop) = (&feed.entries[0], &feed.entries[1]);
    // One dc:creator per author, with the initials.
    assert_eq!(authors(workshop), ["sn", "ma"]);
    assert_eq!(authors(zakat), ["sn"]);
    assert!(xml.contains("<dc:creator>sn</dc:creator>\n<dc:creator>ma</dc:creator>"));
    // The unit's name, then the tags.
    assert_eq!(categories(workshop), [BALI, "media sosial", "kehumasan"]);
    assert_eq!(categories(zakat), [BADUNG, "zakat", "asn"]);
    // The picture of a shared link: the 1200×630 crop (here as large as the 640×480 photo
    // allows), as an enclosure of unknown length and as media:content with its pixels; never
    // the original photo.
    let url = format!("{BASE}{WORKSHOP}social-1200x630.jpg");
    assert!(
        xml.contains(&format!("<enclosure url=\"{url}\" length=\"0\" type=\"image/jpeg\"/>")),
        "{xml}"
    );
    assert!(!xml.contains("foto.jpg\""), "the original is in no feed");
    let media: Vec<_> = workshop.media.iter().flat_map(|m| &m.content).collect();
    assert!(!media.is_empty(), "the photo is in the item's media");
    for m in &media {
        assert_eq!(m.url.as_ref().map(|u| u.as_str()), Some(url.as_str()));
        assert_eq!(m.content_type.as_ref().map(|t| t.to_string()).as_deref(), Some("image/jpeg"));
    }
    assert!(media.iter().any(|m| (m.width, m.height) == (Some(640), Some(336))), "{media:?}");
    let described = workshop.media.iter().filter_map(|m| m.description.as_ref());
    assert!(described.map(|d| d.content.as_str()).any(|d| d.contains("aula kantor wilayah")));
    let media: Vec<_> = zakat.media.iter().flat_map(|m| &m.content).collect();
    assert!(media
        .iter()
        .any(|m| m.content_type.as_ref().map(|t| t.to_string()).as_deref() == Some("image/jpeg")
            && (m.width, m.height) == (Some(640), Some(336))));
}

// ---------------------------------------------------------------- unit and tag feeds

#[test]
fn unit_feeds_carry_the_unit_logo_and_a_remote_photo_without_enclosure() {
    let b = full();
    let xml = b.read("unit/kanwil-bali/feed.xml");
    let feed = parse(xml.as_bytes(), "unit feed");
    assert!(feed.title.as_ref().expect("a title").content.contains(BALI));
    assert_eq!(links(&feed), [format!("{BASE}{WORKSHOP}"), format!("{BASE}{RAPAT}")]);
    assert_eq!(
        feed.logo.as_ref().map(|l| l.uri.as_str()),
        Some(format!("{BASE}img/logo-bali.png").as_str())
    );
    // A remote photo's length is not known: an enclosure of length 0, as for made pictures.
    let rapat = &feed.entries[1];
    let remote = "https://cdn.example.org/foto/rapat-koordinasi.jpg";
    assert_eq!(xml.matches("<enclosure ").count(), 2, "{xml}");
    assert!(
        xml.contains(&format!("<enclosure url=\"{remote}\" length=\"0\" type=\"image/jpeg\"/>"))
    );
    let media: Vec<_> = rapat.media.iter().flat_map(|m| &m.content).collect();
    assert!(media.iter().any(|m| m.url.as_ref().map(|u| u.as_str()) == Some(remote)));
    assert!(media.iter().all(|m| m.size.is_none()));
    // The site feed has no logo: none configured.
    assert!(!b.read("feed.xml").contains("<image>"));

    let badung = parse(&b.bytes("unit/kemenag-badung/feed.xml"), "unit feed");
    assert_eq!(links(&badung), [format!("{BASE}{ZAKAT}")]);
}

/// What an entry says, whatever the format it was read from.
type Seen = (String, String, String, String, Option<String>, Vec<String>);

fn seen(e: &Entry) -> Seen {
    (
        e.id.clone(),
        link(e).to_string(),
        title(e).to_string(),
        summary(e).to_string(),
        e.published.map(|d| d.to_rfc3339()),
        categories(e).into_iter().map(str::to_string).collect(),
    )
}

#[test]
fn site_unit_and_tag_have_rss_atom_and_json_feeds_with_the_same_items() {
    let b = full();
    for (folder, expected) in [
        ("", vec![ZAKAT, WORKSHOP]),
        ("unit/kanwil-bali/", vec![WORKSHOP, RAPAT]),
        ("tag/kehumasan/", vec![WORKSHOP, RAPAT]),
        ("tag/zakat/", vec![ZAKAT]),
    ] {
        let urls: Vec<String> = expected.iter().map(|r| format!("{BASE}{r}")).collect();
        let guids: Vec<String> = expected.iter().map(|r| guid_of(&b, r)).collect();
        let mut formats: Vec<Vec<Seen>> = Vec::new();
        for (name, kind) in [
            ("feed.xml", FeedType::RSS2),
            ("atom.xml", FeedType::Atom),
            ("feed.json", FeedType::JSON),
        ] {
            let rel = format!("{folder}{name}");
            let feed = parse(&b.bytes(&rel), &rel);
            assert_eq!(feed.feed_type, kind, "{rel}");
            assert_eq!(links(&feed), urls, "{rel}");
            let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
            assert_eq!(ids, guids, "{rel}");
            for e in &feed.entries {
                assert!(!content(e).contains("=\"/"), "{rel}: absolute URLs in the content");
            }
            if let Some(e) = feed.entries.iter().find(|e| link(e).ends_with(WORKSHOP)) {
                assert!(content(e).contains(&format!("src=\"{BASE}{WORKSHOP}foto-2-640.png\"")));
            }
            formats.push(feed.entries.iter().map(seen).collect());
        }
        assert_eq!(formats[0], formats[1], "{folder}: RSS and Atom");
        assert_eq!(formats[0], formats[2], "{folder}: RSS and JSON Feed");
    }
}

#[test]
fn feed_limit_caps_every_feed() {
    let b = full();
    for rel in ["feed.xml", "atom.xml", "feed.json", "feeds/x.xml", "feeds/instagram.xml"] {
        assert_eq!(parse(&b.bytes(rel), rel).entries.len(), 2, "{rel}");
    }
    // Three releases, but two in every feed; listings are not capped.
    assert_eq!(b.summary.releases, 3);
    assert!(b.has(&format!("{RAPAT}index.html")));
}

// ---------------------------------------------------------------- Atom

#[test]
fn atom_feed_has_stable_ids_dates_authors_content_and_enclosures() {
    let b = full();
    let xml = b.read("atom.xml");
    let feed = parse(xml.as_bytes(), "atom.xml");
    assert_eq!(feed.feed_type, FeedType::Atom);
    assert_eq!(feed.id, format!("{BASE}atom.xml"));
    let rels: Vec<(Option<&str>, &str)> =
        feed.links.iter().map(|l| (l.rel.as_deref(), l.href.as_str())).collect();
    assert!(rels.contains(&(Some("self"), &format!("{BASE}atom.xml"))), "{rels:?}");
    assert!(rels.contains(&(Some("alternate"), BASE)), "{rels:?}");
    // The newest change: the zakat release's update, not the clock.
    assert_eq!(elements(&xml, "updated")[0], "2023-06-20T10:00:00+08:00");
    assert_eq!(authors_of_feed(&feed), ["Humas Kanwil Uji"]);
    assert!(feed.generator.is_some());

    let (zakat, workshop) = (&feed.entries[0], &feed.entries[1]);
    assert_eq!(zakat.id, guid_of(&b, ZAKAT));
    assert_eq!(workshop.id, guid_of(&b, WORKSHOP));
    assert_eq!(zakat.links[0].rel.as_deref(), Some("alternate"));
    assert_eq!(link(zakat), format!("{BASE}{ZAKAT}"));
    assert_eq!(
        zakat.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2023-06-12T00:30:00+00:00")
    );
    assert_eq!(zakat.updated.map(|d| d.to_rfc3339()).as_deref(), Some("2023-06-20T02:00:00+00:00"));
    // Without `updated`, updated is the publication date.
    assert_eq!(workshop.updated, workshop.published);
    assert_eq!(authors(workshop), ["Sri Nuraini", "I Made Artawan"]);
    assert_eq!(summary(workshop), "Pengelola kehumasan diajak memasifkan publikasi program kerja.");
    assert_eq!(
        workshop.summary.as_ref().map(|s| s.content_type.to_string()).as_deref(),
        Some("text/plain")
    );
    assert!(xml.contains("<content type=\"html\">"));
    assert!(content(workshop).contains(&format!("src=\"{BASE}{WORKSHOP}foto-2-640.png\"")));
    assert_eq!(categories(workshop), [BALI, "media sosial", "kehumasan"]);
    let enclosure = workshop
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("enclosure"))
        .expect("the photo as an enclosure link");
    assert_eq!(enclosure.href, format!("{BASE}{WORKSHOP}social-1200x630.jpg"));
    assert_eq!(enclosure.media_type.as_deref(), Some("image/jpeg"));
    assert_eq!(enclosure.length, None, "made after the feed: not known");
}

fn authors_of_feed(f: &Feed) -> Vec<&str> {
    f.authors.iter().filter_map(|p| p.name.as_deref()).collect()
}

#[test]
fn atom_ids_of_unit_and_tag_feeds_are_their_own_urls() {
    let b = full();
    for folder in ["unit/kanwil-bali/", "tag/kehumasan/"] {
        let feed = parse(&b.bytes(&format!("{folder}atom.xml")), folder);
        assert_eq!(feed.id, format!("{BASE}{folder}atom.xml"));
    }
}

// ---------------------------------------------------------------- JSON Feed

#[test]
fn json_feed_has_items_with_dates_authors_tags_and_attachments() {
    let b = full();
    let j = json(&b, "feed.json");
    assert_eq!(j["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(j["title"], "Humas Kanwil Uji");
    assert_eq!(j["home_page_url"], BASE);
    assert_eq!(j["feed_url"], format!("{BASE}feed.json"));
    assert_eq!(j["description"], "Siaran pers resmi Kanwil Uji & satuan kerjanya.");
    assert_eq!(j["language"], "id");
    let items = j["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    let w = &items[1];
    assert_eq!(w["id"], guid_of(&b, WORKSHOP));
    assert_eq!(w["url"], format!("{BASE}{WORKSHOP}"));
    assert_eq!(w["title"], "Workshop Media Sosial untuk Pengelola Kehumasan");
    assert_eq!(w["summary"], "Pengelola kehumasan diajak memasifkan publikasi program kerja.");
    let html = w["content_html"].as_str().expect("content_html");
    assert!(html.contains(&format!("src=\"{BASE}{WORKSHOP}foto-2-640.png\"")), "{html}");
    assert_eq!(w["image"], format!("{BASE}{WORKSHOP}social-1200x630.jpg"));
    assert_eq!(w["date_published"], "2023-05-15T09:00:00+08:00");
    assert_eq!(w["date_modified"], "2023-05-15T09:00:00+08:00");
    assert_eq!(items[0]["date_modified"], "2023-06-20T10:00:00+08:00");
    assert_eq!(
        w["authors"],
        serde_json::json!([{"name": "Sri Nuraini"}, {"name": "I Made Artawan"}])
    );
    assert_eq!(w["tags"], serde_json::json!([BALI, "media sosial", "kehumasan"]));
    let attachment = &w["attachments"][0];
    assert_eq!(attachment["url"], format!("{BASE}{WORKSHOP}social-1200x630.jpg"));
    assert_eq!(attachment["mime_type"], "image/jpeg");
    assert!(attachment.get("size_in_bytes").is_none(), "not known before it is made");
    assert_eq!(items[0]["attachments"][0]["mime_type"], "image/jpeg");
    // feed-rs reads it too, attachments as enclosure links.
    let feed = parse(&b.bytes("feed.json"), "feed.json");
    let l = feed.entries[1].links.iter().find(|l| l.href.ends_with("social-1200x630.jpg"));
    assert!(l.is_some(), "the attachment");
}

// ---------------------------------------------------------------- channel feeds

#[test]
fn channel_feeds_describe_each_item_with_the_channel_caption() {
    let b = full();
    let social =
        [json(&b, &format!("{ZAKAT}social.json")), json(&b, &format!("{WORKSHOP}social.json"))];
    for channel in CHANNELS {
        let rel = format!("feeds/{channel}.xml");
        let xml = b.read(&rel);
        let feed = parse(xml.as_bytes(), &rel);
        assert_eq!(feed.feed_type, FeedType::RSS2);
        let feed_title = &feed.title.as_ref().expect("a title").content;
        assert!(feed_title.starts_with("Humas Kanwil Uji — "), "{feed_title}");
        assert!(xml.contains(&format!("<atom:link href=\"{BASE}{rel}\" rel=\"self\"")));
        assert!(!xml.contains("<content:encoded>"), "{rel}: the caption only");
        assert_eq!(feed.entries.len(), 2, "{rel}");
        for (e, s) in feed.entries.iter().zip(&social) {
            let caption = &s["captions"][channel];
            assert_eq!(e.id, s["guid"], "{rel}");
            assert_eq!(
                html_text(summary(e)),
                caption["text"].as_str().expect("a caption"),
                "{rel}: the description is the caption, as HTML"
            );
            assert_eq!(link(e), caption["link"], "{rel}: the caption's link");
            assert!(link(e).contains(&format!("utm_source={channel}")), "{}", link(e));
            assert!(e.published.is_some());
            // The picture of a shared link; Instagram's in the shapes it posts.
            let sizes: Vec<_> = e
                .media
                .iter()
                .flat_map(|m| &m.content)
                .filter(|m| m.url.is_some())
                .map(|m| (m.width, m.height))
                .collect();
            let expected: &[(Option<u32>, Option<u32>)] = if channel == "instagram" {
                &[(Some(480), Some(480)), (Some(384), Some(480))]
            } else {
                &[(Some(640), Some(336))]
            };
            assert_eq!(sizes, expected, "{rel}: photo");
        }
    }
    let x = b.read("feeds/x.xml");
    assert!(x.contains("<title>Humas Kanwil Uji — X</title>"));
    assert!(b.read("feeds/whatsapp.xml").contains("<title>Humas Kanwil Uji — WhatsApp</title>"));
    assert!(x.contains("<guid isPermaLink=\"false\">"));
    assert_eq!(x.matches("<enclosure ").count(), 2);
}

/// A caption must reach the channel exactly as `social.json` has it: through the RSS feed read
/// by a feed parser and then as HTML (as the services built on feedparser do), and through the
/// JSON Feed as plain text. Markup, `&` (the UTM parameters have one), quotes, emoji and line
/// breaks included.
#[test]
fn every_channel_caption_arrives_byte_for_byte_through_rss_and_json_feed() {
    let site = Site::fixture(HOSTILE);
    site.write(
        "content/2023/07/baris.md",
        r#"---
title: "Doa & Syukur 🎉 <b>Tebal</b> \"kutip\" 'apos'"
date: 2023-07-02T09:00:00+08:00
author: sn
unit: kanwil-bali
tags: ['a & b', 'KUA']
social:
  telegram: "Baris satu 🎉 & <i>miring</i>\n\nBaris \"dua\"\n{link}"
  facebook: "Satu\nDua  &amp; tiga\n{link}"
---
Paragraf pertama 🙏 dengan & dan <b>tanda</b>.
"#,
    );
    let b = site.built();
    let mut releases = 0;
    for channel in CHANNELS {
        let rel = format!("feeds/{channel}.xml");
        let rss = parse(&b.bytes(&rel), &rel);
        let jrel = format!("feeds/{channel}.json");
        let jf = json(&b, &jrel);
        assert_eq!(jf["version"], "https://jsonfeed.org/version/1.1", "{jrel}");
        let items = jf["items"].as_array().expect("items");
        assert_eq!(items.len(), rss.entries.len(), "{jrel}");
        releases = items.len();
        for (e, item) in rss.entries.iter().zip(items) {
            let path =
                item["url"].as_str().expect("url").trim_start_matches("https://example.go.id/");
            let social = json(&b, &format!("{path}social.json"));
            let caption = social["captions"][channel]["text"].as_str().expect("a caption");
            assert_eq!(html_text(summary(e)), caption, "{rel}: read as HTML");
            assert_eq!(item["content_text"], caption, "{jrel}");
            assert_eq!(item["id"], social["guid"], "{jrel}");
            assert_eq!(e.id, social["guid"], "{rel}");
            let image = item["image"].as_str().expect("an image");
            if channel == "instagram" {
                // Instagram posts the square shape of the same picture.
                let square =
                    social["image"].as_str().expect("image").replace("1200x630", "1080x1080");
                assert_eq!(image, square, "{jrel}: the square picture");
            } else {
                assert_eq!(image, social["image"], "{jrel}: the picture of a shared link");
            }
        }
    }
    assert_eq!(releases, 2, "both releases in every channel feed");
    // The hand-written captions, whose line breaks and markup are the office's own.
    let telegram = json(&b, "feeds/telegram.json");
    let text = telegram["items"][0]["content_text"].as_str().expect("caption");
    assert!(text.starts_with("Baris satu 🎉 & <i>miring</i>\n\nBaris \"dua\"\nhttps://"), "{text}");
    let raw = b.read("feeds/telegram.xml");
    assert!(raw.contains("Baris satu 🎉 &amp;amp; &amp;lt;i&amp;gt;miring"), "{raw}");
    // Found by a tester after stop 67: Telegram's line breaks were `<br>`, a tag its Bot API
    // refuses (it takes b, i, u, s, a, code, pre, blockquote). They are line breaks, and its
    // HTML has no tag at all: the office's `<i>` and the title's `<b>` are escaped text.
    assert!(raw.contains("miring&amp;lt;/i&amp;gt;\n\nBaris &amp;quot;dua&amp;quot;\nhttps://"));
    let rss = parse(&b.bytes("feeds/telegram.xml"), "feeds/telegram.xml");
    for e in &rss.entries {
        assert!(!summary(e).contains('<'), "a tag in Telegram's HTML: {}", summary(e));
    }
    let raw = b.read("feeds/facebook.xml");
    assert!(raw.contains("Satu&lt;br&gt;Dua"), "other channels' line breaks are <br>: {raw}");
    let facebook = json(&b, "feeds/facebook.json");
    let text = facebook["items"][0]["content_text"].as_str().expect("caption");
    assert!(text.starts_with("Satu\nDua  &amp; tiga\n"), "an entity typed by hand stays: {text}");
}

// ---------------------------------------------------------------- permanence and escaping

#[test]
fn guid_survives_a_title_and_slug_change_and_the_old_url_redirects() {
    let site = Site::fixture(FULL);
    site.build().expect("the first build");
    let read = |rel: &str| fs::read(site.public().join(rel)).expect("an output file");
    let guid_of = |feed: &Feed| {
        let e = feed.entries.iter().find(|e| title(e).contains("Media Sosial")).expect("the item");
        (e.id.clone(), link(e).to_string())
    };
    let (guid, old_url) = guid_of(&parse(&read("feed.xml"), "feed.xml"));
    assert_eq!(old_url, format!("{BASE}{WORKSHOP}"));
    assert!(site.root().join("warta-ledger.tsv").is_file(), "the ledger is written");

    let md = format!("content/{WORKSHOP}index.md");
    let text = fs::read_to_string(site.root().join(&md)).expect("the release");
    let text = text.replace(
        "title: Workshop Media Sosial untuk Pengelola Kehumasan",
        "title: Pelatihan Media Sosial bagi Humas\nslug: pelatihan-media-sosial",
    );
    site.write(&md, &text);
    site.build().expect("the second build");

    for rel in ["feed.xml", "atom.xml", "feed.json"] {
        let (new_guid, new_url) = guid_of(&parse(&read(rel), rel));
        assert_eq!(new_guid, guid, "{rel}: the guid is permanent");
        assert_eq!(new_url, format!("{BASE}2023/05/pelatihan-media-sosial/"), "{rel}");
        assert_ne!(new_url, old_url);
    }
    let redirect = String::from_utf8(read(&format!("{WORKSHOP}index.html"))).expect("utf-8");
    assert!(
        redirect.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={BASE}2023/05/pelatihan-media-sosial/\">"
        )),
        "{redirect}"
    );
}

/// Found by helper-28, stop 48: a release deleted (a duplicate, say), then in a later build a
/// new release of the same day took its guid: cross-posting services, which had announced that
/// guid, never announced the new release, and the deleted release's address redirected to it.
/// The same happened to a release past its `expires:`. Each keeps its guid now.
#[test]
fn a_new_release_of_the_day_of_a_deleted_or_expired_one_gets_a_guid_of_its_own() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Humas\nbase_url: https://humas.example.go.id/\nunits:\n  kanwil-bali: {name: Kanwil, \
         short: Humas Bali, place: Denpasar}\nauthors:\n  sn: {name: Suryani}\n",
    );
    let release = |title: &str, date: &str, extra: &str| {
        format!(
            "---\ntitle: {title}\ndate: {date}\nauthor: sn\nunit: kanwil-bali\n{extra}---\n\n\
             Paragraf pertama {title} di Denpasar.\n"
        )
    };
    let build = || {
        let opts = warta::BuildOptions {
            allow_shrink: true,
            ..crate::support::options(site.root(), &site.public())
        };
        warta::build(&opts).expect("builds");
    };
    let feed = || fs::read_to_string(site.public().join("feed.xml")).expect("feed");
    let guid = |title: &str| {
        let feed = parse(feed().as_bytes(), "feed.xml");
        let e = feed.entries.iter().find(|e| title == self::title(e)).expect("in the feed");
        e.id.clone()
    };
    site.write("content/2023/11/rapat-a.md", &release("Rapat A", "2023-11-10", ""));
    site.write("content/2023/11/rapat-b.md", &release("Rapat B", "2023-11-12", ""));
    build();
    let (a, b) = (guid("Rapat A"), guid("Rapat B"));
    std::fs::remove_file(site.root().join("content/2023/11/rapat-a.md")).expect("deleted");
    build();
    site.write(
        "content/2023/11/peluncuran-aplikasi.md",
        &release("Peluncuran Aplikasi", "2023-11-10", ""),
    );
    build();
    assert_ne!(guid("Peluncuran Aplikasi"), a, "the deleted release's guid");
    let gone = fs::read_to_string(site.public().join("2023/11/rapat-a/index.html")).expect("page");
    assert!(!gone.contains("peluncuran-aplikasi"), "the deleted release's address: {gone}");
    // Rapat B expires; a release of its day written after it does not take its guid.
    site.write(
        "content/2023/11/rapat-b.md",
        &release("Rapat B", "2023-11-12", "expires: 2023-12-01\n"),
    );
    build();
    site.write("content/2023/11/sosialisasi.md", &release("Sosialisasi", "2023-11-12", ""));
    build();
    assert_ne!(guid("Sosialisasi"), b, "the expired release's guid");
    let ledger = fs::read_to_string(site.root().join("warta-ledger.tsv")).expect("ledger");
    assert_eq!(ledger.lines().filter(|l| l.starts_with(&b)).count(), 1, "{ledger}");
    assert!(ledger.lines().any(|l| l.starts_with(&a) && l.ends_with("\tremoved")), "{ledger}");
}

#[test]
fn hostile_titles_and_summaries_are_escaped_in_every_feed() {
    let b = build_fixture(HOSTILE);
    for rel in ["feed.xml", "atom.xml", "feed.json", "feeds/x.xml", "feeds/telegram.xml"] {
        let raw = b.read(rel);
        let feed = parse(raw.as_bytes(), rel);
        let e = feed.entries.first().unwrap_or_else(|| panic!("{rel} has the release"));
        assert_eq!(title(e), HOSTILE_TITLE, "{rel}");
        if !rel.starts_with("feeds/") {
            // An RSS description is HTML; Atom's summary says it is text, JSON Feed's is text.
            let text = if rel == "feed.xml" { html_text(summary(e)) } else { summary(e).into() };
            assert_eq!(text, HOSTILE_SUMMARY, "{rel}");
            // The body's raw HTML is sanitised by default (tests/it/hostile.rs has the policy).
            assert!(!content(e).contains("<script"), "{rel}: the body's script is removed");
            assert!(content(e).contains("di dalamnya"), "{rel}: the text around it stays");
            assert!(categories(e).contains(&"<script>tag</script>"), "{rel}");
        }
        if rel.ends_with(".xml") {
            assert!(!raw.contains("<script"), "{rel} has a raw <script>:\n{raw}");
            assert!(!raw.contains("]]>"), "{rel} has a raw ]]>");
        }
    }
    for rel in ["feed.xml", "atom.xml"] {
        let unit = parse(&b.bytes(&format!("unit/kanwil-bali/{rel}")), rel);
        assert!(unit.title.as_ref().expect("a title").content.contains("<Bali> & \"Sekitarnya\""));
    }
    let j = json(&b, "feed.json");
    assert_eq!(j["items"][0]["title"], HOSTILE_TITLE);
    assert_eq!(j["items"][0]["summary"], HOSTILE_SUMMARY);
    assert_eq!(j["items"][0]["authors"][0]["name"], "Sri <b>Nuraini</b>");
}

#[test]
fn feeds_are_the_same_on_every_build() {
    let (a, b) = (full(), full());
    for rel in ["feed.xml", "atom.xml", "feed.json", "unit/kanwil-bali/atom.xml", "feeds/x.xml"] {
        assert_eq!(a.read(rel), b.read(rel), "{rel}");
    }
}

/// Found by use, stop 59: two writers of one office, each on a computer of their own, each
/// publish a release and commit `warta-ledger.tsv` with it, as the README says; merging the two,
/// git stops at a conflict in the ledger, and every build then stopped at its `<<<<<<<` line,
/// saying to restore the file from version control, which drops one side's guids. The build now
/// keeps both sides, says so, and writes the ledger whole; each release keeps the guid its
/// writer's build gave it, so nothing is announced twice.
#[test]
fn a_ledger_merged_by_git_with_a_conflict_keeps_both_sides_guids() {
    let site = crate::support::example();
    let root = site.root().to_path_buf();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(["-c", "user.name=Humas", "-c", "user.email=humas@example.go.id"])
            .args(args)
            .current_dir(&root)
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
    };
    // Of one day, so that their ledger lines go between the same two lines: the conflict.
    let release = |title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2024-01-03T09:00:00\nauthor: sn\nunit: kanwil-bali\n---\n\n\
             Paragraf pertama {title} di Denpasar.\n"
        )
    };
    site.build().expect("the first build");
    // What `warta init` keeps out of git: the output and the build cache.
    site.write(".gitignore", "/public/\n.*.warta-cache/\n.*.warta-lock\n");
    git(&["init", "-q", "-b", "utama"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "awal"]);
    git(&["checkout", "-qb", "staf-b"]);
    site.write("content/2024/01/rapat-staf-b.md", &release("Rapat Staf B"));
    site.build().expect("B's build");
    let ledger = || fs::read_to_string(root.join("warta-ledger.tsv")).expect("the ledger");
    let guid_of_line = |text: &str, word: &str| {
        text.lines()
            .find(|l| l.contains(word))
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
    };
    let b = guid_of_line(&ledger(), "rapat-staf-b").expect("B's guid");
    git(&["add", "-A"]);
    git(&["commit", "-qm", "rilis B"]);
    git(&["checkout", "-q", "utama"]);
    site.write("content/2024/01/rapat-staf-a.md", &release("Rapat Staf A"));
    site.build().expect("A's build");
    let a = guid_of_line(&ledger(), "rapat-staf-a").expect("A's guid");
    git(&["add", "-A"]);
    git(&["commit", "-qm", "rilis A"]);
    let merge = git(&["merge", "staf-b"]);
    assert!(merge.contains("CONFLICT (content): Merge conflict in warta-ledger.tsv"), "{merge}");
    assert!(ledger().contains("<<<<<<<"), "git left a conflict");

    let summary = site.build().expect("the merged site builds");
    let warnings: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("warta-ledger.tsv: held 1 merge conflict of git")),
        "{warnings:#?}"
    );
    let text = ledger();
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "{text}");
    assert_eq!(guid_of_line(&text, "rapat-staf-a"), Some(a.clone()));
    assert_eq!(guid_of_line(&text, "rapat-staf-b"), Some(b.clone()));
    let feed =
        parse(fs::read(site.public().join("feed.xml")).expect("feed.xml").as_slice(), "feed.xml");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&a.as_str()) && ids.contains(&b.as_str()), "{ids:?}");
    // The next build has nothing to say of it.
    let again = site.build().expect("builds");
    assert!(!again.warnings.iter().any(|w| w.to_string().contains("merge conflict")));
}

/// Found by use, stop 59: a unit's key changed in `site.yaml`, its old key listed under
/// `aliases:` as the README says, made every release still written `unit: <old key>` an error
/// (1,056 of them in a generated site of 10,000), each to be edited by hand. A release of a
/// former key is now the unit's: the site builds as it did, every release at its address with
/// its guid, the unit's listing and feeds at its new key and, the same, at its old one.
#[test]
fn a_units_releases_written_with_its_former_key_are_the_units() {
    let before = full();
    let site = Site::fixture(FULL);
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let renamed = yaml.replace("  kanwil-bali:\n", "  kanwil:\n    aliases: [kanwil-bali]\n");
    assert_ne!(renamed, yaml, "the fixture's unit kanwil-bali");
    site.write("site.yaml", &renamed);
    let after = site.built();
    let ids = |b: &Built, rel: &str| {
        let f = parse(b.read(rel).as_bytes(), rel);
        let ids = f.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        (ids, links(&f).into_iter().map(String::from).collect::<Vec<_>>())
    };
    assert_eq!(ids(&after, "feed.xml"), ids(&before, "feed.xml"), "the same releases and guids");
    let unit = ids(&before, "unit/kanwil-bali/feed.xml");
    assert_eq!(unit.0.len(), 2, "the unit's two releases");
    assert_eq!(ids(&after, "unit/kanwil/feed.xml"), unit);
    assert_eq!(ids(&after, "unit/kanwil-bali/feed.xml"), unit, "at the former key too");
    let page = after.page("2023/05/rapat-koordinasi/");
    assert!(page.contains("href=\"/humas/unit/kanwil/\""), "the unit's page is linked: {page}");
}

/// A unit whose key changed lists its old key under `aliases:`, and its page at the old address
/// redirects; but a cross-posting service (IFTTT, Zapier, dlvr.it) or a feed reader subscribed
/// to the old feed does not follow a page that redirects. Until stop 54 the old feeds were
/// gone: the posts to that unit's accounts stopped the day its key changed, with no error
/// anywhere. Every feed of the unit is now at each former address too, the same bytes: the same
/// items with the same guids, so a service posts nothing twice.
#[test]
fn a_units_feeds_stay_at_its_former_addresses() {
    let site = Site::fixture(FULL);
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace(
        "    place: Denpasar\n",
        "    place: Denpasar\n    aliases: [kanwil, humas-bali]\n",
    );
    site.write("site.yaml", &yaml);
    let b = site.built();
    let files = b.files();
    let in_folder = |folder: &str| -> Vec<String> {
        files.keys().filter_map(|p| p.strip_prefix(folder)).map(String::from).collect()
    };
    let feeds: Vec<String> =
        in_folder("unit/kanwil-bali/").into_iter().filter(|p| !p.contains("index.html")).collect();
    assert_eq!(feeds.len(), 3 + 2 * CHANNELS.len(), "the unit's own feeds: {feeds:?}");
    for former in ["unit/kanwil/", "unit/humas-bali/"] {
        let mut expected = feeds.clone();
        expected.push("index.html".to_string());
        expected.sort();
        assert_eq!(in_folder(former), expected, "{former} holds the redirect and the feeds");
        for rel in &feeds {
            let (old, new) = (format!("{former}{rel}"), format!("unit/kanwil-bali/{rel}"));
            assert!(files[&old] == files[&new], "{old} is not the same as {new}");
        }
        for rel in ["feed.xml", "atom.xml", "feed.json", "feeds/facebook.xml", "feeds/x.json"] {
            let (old, new) = (format!("{former}{rel}"), format!("unit/kanwil-bali/{rel}"));
            let (old, new) = (parse(&files[&old], &old), parse(&files[&new], &new));
            let ids = |f: &Feed| f.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
            assert!(!old.entries.is_empty(), "{former}{rel} has the unit's releases");
            assert_eq!(ids(&old), ids(&new), "{former}{rel}: the same guids");
            assert_eq!(links(&old), links(&new), "{former}{rel}");
        }
        let page = b.read(&format!("{former}index.html"));
        assert!(page.contains(&format!("url={BASE}unit/kanwil-bali/")), "{page}");
    }
    // Every unit folder is a unit's, or one of its former addresses.
    let folders: std::collections::BTreeSet<&str> =
        files.keys().filter_map(|p| Some(p.strip_prefix("unit/")?.split_once('/')?.0)).collect();
    assert_eq!(Vec::from_iter(folders), ["humas-bali", "kanwil", "kanwil-bali", "kemenag-badung"]);
}
