//! The schema.org JSON-LD of the pages every build makes many of (a release's `NewsArticle`, a
//! listing's `CollectionPage`, the breadcrumbs of both) as typed values that borrow what they
//! print, serialised straight into their `<script>` text ([`super::script_json_of`]).
//!
//! They were `json!` trees: every key and value copied into a map of its own, then the nulls
//! and empty lists dropped, for 160,000 pages at 100,000 releases (5 % of a cold build's CPU).
//! What they print is what those trees printed, byte for byte:
//! - serde_json (without `preserve_order`) writes an object's keys sorted, so each struct
//!   declares its fields in that order (byte order: `@` before capitals before small letters);
//! - a null or an empty list was dropped, so each optional field and list skips itself then;
//! - an `@type` that comes first among the keys (no `@context` or `@id` before it) is serde's
//!   tag, written first, from the struct's name or its `rename`; the others are fields.
//!
//! A test checks both for every value built here: read back and written again as a
//! `serde_json::Value` with the old dropping, each comes out the same.

use serde::Serialize;

pub const CONTEXT: &str = "https://schema.org";

/// A release as a schema.org `NewsArticle`.
#[derive(Debug, Serialize)]
pub struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "articleSection")]
    pub article_section: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Person<'a>>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<&'a str>,
    pub description: &'a str,
    /// The title, cut to Google's limit for an article's `headline`
    /// ([`super::HEADLINE_CHARS`]).
    pub headline: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub image: Vec<ImageObject<'a>>,
    #[serde(rename = "inLanguage")]
    pub in_language: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub keywords: &'a [String],
    #[serde(rename = "mainEntityOfPage")]
    pub main_entity_of_page: WebPageRef<'a>,
    /// The whole title, when `headline` had to be cut; none when the headline is the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    pub publisher: Organization<'a>,
    #[serde(rename = "sourceOrganization")]
    pub source_organization: Organization<'a>,
    pub url: &'a str,
}

/// An author.
#[derive(Debug, Serialize)]
#[serde(tag = "@type")]
pub struct Person<'a> {
    pub name: &'a str,
}

/// The page an article is the main entity of.
#[derive(Debug, Serialize)]
pub struct WebPageRef<'a> {
    #[serde(rename = "@id")]
    pub id: &'a str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
}

/// The site as publisher (no `alternateName`, no `sameAs`) or a unit.
#[derive(Debug, Serialize)]
#[serde(tag = "@type")]
pub struct Organization<'a> {
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    pub alternate_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<ImageRef>,
    pub name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
    pub url: String,
}

/// A logo.
#[derive(Debug, Serialize)]
#[serde(tag = "@type", rename = "ImageObject")]
pub struct ImageRef {
    pub url: String,
}

/// One of a release's images.
#[derive(Debug, Serialize)]
#[serde(tag = "@type")]
pub struct ImageObject<'a> {
    pub caption: String,
    #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
    pub credit_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
}

/// A listing page as a schema.org `CollectionPage`.
#[derive(Debug, Serialize)]
pub struct CollectionPage<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@id")]
    pub id: &'a str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<About<'a>>,
    pub description: &'a str,
    #[serde(rename = "inLanguage")]
    pub in_language: &'a str,
    #[serde(rename = "isPartOf")]
    pub is_part_of: WebSiteRef<'a>,
    #[serde(rename = "mainEntity", skip_serializing_if = "Option::is_none")]
    pub main_entity: Option<ItemList<Link>>,
    pub name: &'a str,
    pub url: &'a str,
}

/// What a listing is about: its unit, or its tag.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum About<'a> {
    Unit(Organization<'a>),
    Tag(Thing<'a>),
}

/// A tag.
#[derive(Debug, Serialize)]
#[serde(tag = "@type")]
pub struct Thing<'a> {
    pub name: &'a str,
    pub url: String,
}

/// The site, referred to.
#[derive(Debug, Serialize)]
pub struct WebSiteRef<'a> {
    #[serde(rename = "@id")]
    pub id: String,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    pub url: &'a str,
}

/// A list of items (a listing's releases, a page's breadcrumbs).
#[derive(Debug, Serialize)]
#[serde(tag = "@type")]
pub struct ItemList<T> {
    #[serde(rename = "itemListElement", skip_serializing_if = "Vec::is_empty")]
    pub item_list_element: Vec<T>,
}

/// A release on a listing page.
#[derive(Debug, Serialize)]
#[serde(tag = "@type", rename = "ListItem")]
pub struct Link {
    pub position: usize,
    pub url: String,
}

/// A page's breadcrumbs as a schema.org `BreadcrumbList`.
#[derive(Debug, Serialize)]
pub struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "itemListElement", skip_serializing_if = "Vec::is_empty")]
    pub item_list_element: Vec<Crumb<'a>>,
}

/// One step of the breadcrumbs.
#[derive(Debug, Serialize)]
#[serde(tag = "@type", rename = "ListItem")]
pub struct Crumb<'a> {
    pub item: String,
    pub name: &'a str,
    pub position: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` printed as it is and printed as the `json!` tree it stands for (keys sorted,
    /// nulls and empty lists dropped) must give the same text.
    fn same_as_a_tree<T: Serialize>(value: &T) {
        let typed = crate::render::meta::script_json_of(value);
        let tree = serde_json::to_value(value).expect("a value");
        assert_eq!(typed, crate::render::meta::script_json(tree));
    }

    fn organization(full: bool) -> Organization<'static> {
        Organization {
            alternate_name: full.then_some("Humas <Bali>"),
            logo: full.then(|| ImageRef { url: "https://x.id/l.png".into() }),
            name: "Kanwil & Bali",
            same_as: if full { vec!["https://x.com/a".into()] } else { Vec::new() },
            url: "https://x.id/unit/a/".into(),
        }
    }

    #[test]
    fn every_value_prints_as_the_tree_it_replaced_with_and_without_its_optional_parts() {
        let tags = ["zakat".to_string(), "haji".to_string()];
        for full in [true, false] {
            let image = ImageObject {
                caption: "Foto \u{2028} kegiatan".into(),
                credit_text: full.then_some("Humas"),
                height: full.then_some(630),
                url: "https://x.id/a.jpg".into(),
                width: full.then_some(1200),
            };
            let article = NewsArticle {
                context: CONTEXT,
                kind: "NewsArticle",
                article_section: "Kanwil",
                author: if full { vec![Person { name: "A" }] } else { vec![] },
                date_modified: full.then_some("2023-05-15T10:00:00+08:00"),
                date_published: full.then_some("2023-05-15T09:00:00+08:00"),
                description: "Ringkasan </script>",
                headline: if full { "Judul…".into() } else { "Judul".into() },
                image: if full { vec![image] } else { Vec::new() },
                in_language: "id",
                keywords: if full { &tags } else { &[] },
                main_entity_of_page: WebPageRef { id: "https://x.id/a/", kind: "WebPage" },
                name: full.then_some("Judul & panjang"),
                publisher: organization(false),
                source_organization: organization(full),
                url: "https://x.id/a/",
            };
            same_as_a_tree(&article);
            let site = || WebSiteRef {
                id: "https://x.id/#website".into(),
                kind: "WebSite",
                name: "Humas",
                url: "https://x.id/",
            };
            let links = |n: usize| {
                let link = |i| Link { position: i, url: format!("https://x.id/{i}/") };
                ItemList { item_list_element: (1..=n).map(link).collect() }
            };
            let abouts = [
                Some(About::Unit(organization(full))),
                Some(About::Tag(Thing { name: "zakat", url: "https://x.id/tag/zakat/".into() })),
                None,
            ];
            for about in abouts {
                let page = CollectionPage {
                    context: CONTEXT,
                    id: "https://x.id/unit/a/",
                    kind: "CollectionPage",
                    about,
                    description: "d",
                    in_language: "id",
                    is_part_of: site(),
                    main_entity: full.then(|| links(3)),
                    name: "Kanwil",
                    url: "https://x.id/unit/a/",
                };
                same_as_a_tree(&page);
            }
            same_as_a_tree(&links(0));
            let trail = [("Beranda".to_string(), "https://x.id/".to_string())];
            let crumbs = BreadcrumbList {
                context: CONTEXT,
                kind: "BreadcrumbList",
                item_list_element: trail
                    .iter()
                    .filter(|_| full)
                    .enumerate()
                    .map(|(n, (name, item))| Crumb { item: item.clone(), name, position: n + 1 })
                    .collect(),
            };
            same_as_a_tree(&crumbs);
        }
    }
}
