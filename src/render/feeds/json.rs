//! JSON Feed 1.1 (`feed.json`, <https://jsonfeed.org/version/1.1>), serialized with serde from
//! the structs below, so every string is escaped by the JSON writer and never concatenated.

use super::{FeedItem, FeedMeta, Photo};
use serde::Serialize;

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Debug, Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: [JsonAuthor<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    icon: Option<&'a str>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    authors: Vec<JsonAuthor<'a>>,
    tags: &'a [&'a str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
}

#[derive(Debug, Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_in_bytes: Option<u64>,
}

/// The JSON Feed of a feed whose own URL is `self_url`.
pub(super) fn write(meta: &FeedMeta<'_>, self_url: &str, items: &[FeedItem<'_>]) -> String {
    let feed = JsonFeed {
        version: VERSION,
        title: &meta.title,
        home_page_url: &meta.home,
        feed_url: self_url,
        description: meta.description,
        language: meta.language,
        authors: [JsonAuthor { name: meta.publisher }],
        icon: meta.logo.as_deref(),
        items: items.iter().map(item).collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_string_pretty(&feed).unwrap_or_default();
    json.push('\n');
    json
}

fn item<'a>(item: &'a FeedItem<'a>) -> JsonItem<'a> {
    JsonItem {
        id: item.guid,
        url: &item.link,
        title: item.title,
        content_html: item.content.as_deref(),
        summary: &item.description,
        image: item.photo.as_ref().map(|p| p.url.as_str()),
        date_published: item.published.iso(),
        date_modified: item.updated.iso(),
        authors: item.authors.iter().map(|a| JsonAuthor { name: a.name }).collect(),
        tags: &item.categories,
        attachments: item.photo.iter().chain(&item.alternates).filter_map(attachment).collect(),
    }
}

/// The JSON Feed of a social channel, whose own URL is `self_url`: each item's caption as
/// `content_text`, exactly as the channel should post it (JSON carries text as text: nothing to
/// un-escape), the canonical URL as `url`, the picture as `image` (and its other shapes as
/// attachments).
pub(super) fn write_channel(meta: &FeedMeta<'_>, self_url: &str, items: &[FeedItem<'_>]) -> String {
    let feed = ChannelFeed {
        version: VERSION,
        title: &meta.title,
        home_page_url: &meta.home,
        feed_url: self_url,
        description: meta.description,
        language: meta.language,
        authors: [JsonAuthor { name: meta.publisher }],
        items: items
            .iter()
            .map(|item| ChannelItem {
                id: item.guid,
                url: &item.url,
                title: item.title,
                content_text: &item.description,
                image: item.photo.as_ref().map(|p| p.url.as_str()),
                date_published: item.published.iso(),
                date_modified: item.updated.iso(),
                tags: &item.categories,
                attachments: item
                    .photo
                    .iter()
                    .chain(&item.alternates)
                    .filter_map(attachment)
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&feed).unwrap_or_default();
    json.push('\n');
    json
}

#[derive(Debug, Serialize)]
struct ChannelFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: [JsonAuthor<'a>; 1],
    items: Vec<ChannelItem<'a>>,
}

#[derive(Debug, Serialize)]
struct ChannelItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    /// The caption, with its link.
    content_text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    tags: &'a [&'a str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
}

/// The photo as an attachment; JSON Feed requires its type, so one of unknown type is left out
/// (it is still the item's `image`).
fn attachment(p: &Photo) -> Option<Attachment<'_>> {
    Some(Attachment {
        url: &p.url,
        mime_type: p.mime?,
        title: Some(p.alt.as_str()).filter(|a| !a.is_empty()),
        size_in_bytes: p.length,
    })
}
