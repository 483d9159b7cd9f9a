//! Short links (`short_links: true`): captions carry `s/<code>/?<channel>`, whose page sends a
//! reader on to the release with the channel's UTM parameters and shows crawlers the release's
//! card. Checked against the same site built without them: the long link a short one redirects
//! to is exactly the caption's link of that build. (That Chromium follows the page's script,
//! and without JavaScript its refresh, was checked by hand.)

use crate::support::{attr_values, elements, sitemap_locs, Site};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;

const FULL: &str = "feeds/full";
const BASE: &str = "https://example.go.id/humas/";
const RELEASES: [&str; 3] =
    ["2023/05/workshop-media-sosial/", "2023/05/rapat-koordinasi/", "2023/06/zakat-asn/"];

fn with_short_links(on: bool) -> Site {
    let site = Site::fixture(FULL);
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}short_links: {on}\n"));
    site
}

fn read(site: &Site, rel: &str) -> String {
    fs::read_to_string(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Each channel's caption link of a release, from its `social.json`.
fn caption_links(site: &Site, release: &str) -> BTreeMap<String, String> {
    let json: Value =
        serde_json::from_str(&read(site, &format!("{release}social.json"))).expect("JSON");
    let captions = json["captions"].as_object().expect("captions");
    captions
        .iter()
        .map(|(k, c)| (k.clone(), c["link"].as_str().expect("a link").to_string()))
        .collect()
}

/// The URLs a short link's page sends each query to, from its script (`var to={...}`).
fn targets(html: &str) -> BTreeMap<String, String> {
    let json = html.split_once("<script>var to=").expect("the page's script").1;
    let mut stream =
        serde_json::Deserializer::from_str(json).into_iter::<BTreeMap<String, String>>();
    stream.next().expect("a map").expect("JSON")
}

/// The `content` of the page's `<meta>` whose `property` or `name` is `key`.
fn meta(html: &str, key: &str) -> Option<String> {
    elements(html, "meta").into_iter().find_map(|tag| {
        let tag = format!(" {tag}");
        let named = [attr_values(&tag, "property"), attr_values(&tag, "name")].concat();
        named.iter().any(|n| n == key).then(|| attr_values(&tag, "content").remove(0))
    })
}

#[test]
fn captions_carry_short_links_that_redirect_with_the_channels_utm_and_show_the_card() {
    let long = with_short_links(false);
    long.build().expect("the build without short links");
    let short = with_short_links(true);
    short.build().expect("the build with short links");
    let mut codes = Vec::new();
    for release in RELEASES {
        let (shorts, longs) = (caption_links(&short, release), caption_links(&long, release));
        assert_eq!(shorts.len(), 8, "every channel has its link");
        let page = read(&short, &format!("{release}index.html"));
        let mut code = None;
        let mut queries = Vec::new();
        for (channel, link) in &shorts {
            // https://example.go.id/humas/s/<code>/?<channel code>
            let rest = link.strip_prefix(&format!("{BASE}s/")).expect(link);
            let (c, query) = rest.split_once("/?").expect(link);
            assert!(c.len() == 5 && c.bytes().all(|b| b.is_ascii_alphanumeric()), "{link}");
            assert!(!c.contains(['i', 'l', 'o', 'u']), "{link}: no letter that reads as another");
            assert_eq!(*code.get_or_insert(c.to_string()), c, "one code per release");
            let redirect = read(&short, &format!("s/{c}/index.html"));
            // It sends the reader on to exactly the link the captions carried before.
            assert_eq!(targets(&redirect).get(query), Some(&longs[channel]), "{channel}");
            assert!(longs[channel].contains(&format!("utm_source={channel}")), "{channel}");
            queries.push(query.to_string());
            // Crawlers that read the short link's tags see the release's card and its URL.
            for key in ["og:url", "og:title", "og:description", "og:image", "twitter:card"] {
                assert_eq!(meta(&redirect, key), meta(&page, key), "{release} {channel} {key}");
            }
            assert_eq!(meta(&redirect, "og:url").expect("og:url"), format!("{BASE}{release}"));
            assert_eq!(meta(&redirect, "robots").as_deref(), Some("noindex"));
        }
        let code = code.expect("a code");
        let redirect = read(&short, &format!("s/{code}/index.html"));
        // One query per channel, and nothing else to go to.
        queries.sort();
        assert_eq!(targets(&redirect).into_keys().collect::<Vec<_>>(), queries);
        // Without JavaScript, or without a query, the page leads to the release itself.
        let refresh = elements(&redirect, "meta")
            .into_iter()
            .find(|t| t.contains("http-equiv=\"refresh\""))
            .map(|t| attr_values(&format!(" {t}"), "content").remove(0));
        assert_eq!(refresh, Some(format!("0; url={BASE}{release}")));
        assert!(redirect.contains(&format!("?to[k]:\"{BASE}{release}\");</script>")), "{redirect}");
        // One file per release, not one per channel.
        let files = fs::read_dir(short.public().join(format!("s/{code}"))).expect("its folder");
        assert_eq!(files.count(), 1);
        codes.push(code);
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), RELEASES.len(), "every release has its own code");
    // Short links are not pages of the site: the sitemap does not list them.
    let locs = sitemap_locs(&read(&short, "sitemap.xml"));
    assert!(locs.iter().all(|l| !l.contains("/s/")), "{locs:?}");
    assert!(!long.public().join("s").exists(), "no short links unless asked");
}

#[test]
fn a_code_survives_a_new_title_and_slug_and_the_caption_fits_with_it() {
    let site = with_short_links(true);
    site.build().expect("the first build");
    let release = RELEASES[0];
    let before = caption_links(&site, release)["bluesky"].clone();
    let md = format!("content/{release}index.md");
    let text = fs::read_to_string(site.root().join(&md)).expect("the release");
    site.write(
        &md,
        &text.replace(
            "title: Workshop Media Sosial untuk Pengelola Kehumasan",
            "title: Pelatihan Media Sosial bagi Humas\nslug: pelatihan-media-sosial",
        ),
    );
    site.build().expect("the second build");
    let after = caption_links(&site, "2023/05/pelatihan-media-sosial/")["bluesky"].clone();
    assert_eq!(after, before, "the code comes from the permanent guid");
    let (folder, query) = before.strip_prefix(BASE).expect("absolute").split_once('?').expect("?");
    let redirect = read(&site, &format!("{folder}index.html"));
    let target = format!("{BASE}2023/05/pelatihan-media-sosial/?utm_source=bluesky");
    assert!(targets(&redirect)[query].starts_with(&target), "{redirect}");
}

#[test]
fn a_hand_written_caption_is_measured_with_the_short_link() {
    // 250 characters: with the short link (about 40) it fits Bluesky's 300; with the long one
    // and its UTM parameters (about 115), it does not.
    let words = "Rapat koordinasi kehumasan se-Bali membahas publikasi bersama. ".repeat(4);
    let caption = &words[..250];
    let add = |site: &Site| {
        let md = "content/2023/05/rapat-koordinasi.md";
        let text = fs::read_to_string(site.root().join(md)).expect("the release");
        let text = text.replacen("---\n", &format!("---\nsocial:\n  bluesky: \"{caption}\"\n"), 1);
        site.write(md, &text);
    };
    let short = with_short_links(true);
    add(&short);
    short.build().expect("it fits with the short link");
    let json: Value =
        serde_json::from_str(&read(&short, "2023/05/rapat-koordinasi/social.json")).expect("JSON");
    let bluesky = &json["captions"]["bluesky"];
    assert!(bluesky["text"].as_str().expect("text").starts_with(caption.trim_end()));
    assert!(bluesky["length"].as_u64().expect("length") <= 300, "{bluesky}");
    let long = with_short_links(false);
    add(&long);
    let error = long.build_error();
    assert!(
        error.contains("field 'social.bluesky'") && error.contains("the limit is 300"),
        "{error}"
    );
}

/// A removed release's short link, shared before, leads to the page that says it was removed
/// (found by helper-42, stop 75: it was deleted with the release, and answered "not found").
#[test]
fn a_removed_releases_short_link_leads_to_the_page_that_says_so() {
    let site = with_short_links(true);
    site.build().expect("the first build");
    let release = RELEASES[1];
    let link = caption_links(&site, release)["bluesky"].clone();
    let (folder, _) = link.strip_prefix(BASE).expect("absolute").split_once('?').expect("?");
    fs::remove_file(site.root().join("content/2023/05/rapat-koordinasi.md")).expect("delete");
    site.build().expect("the build after the delete");
    assert!(read(&site, &format!("{release}index.html")).contains("telah dihapus"));
    let redirect = read(&site, &format!("{folder}index.html"));
    let page = format!("{BASE}{release}");
    assert!(redirect.contains(&format!("url={page}\"")), "{redirect}");
    assert!(redirect.contains(&format!("<link rel=\"canonical\" href=\"{page}\">")), "{redirect}");
    // What a clean build makes of the same site, file for file.
    let mut built = crate::support::tree(&site.public());
    let out = site.root().join("bersih");
    let mut options = crate::support::options(site.root(), &out);
    options.clean = true;
    warta::build(&options).expect("a clean build");
    let mut clean = crate::support::tree(&out);
    for files in [&mut built, &mut clean] {
        files.remove(".warta-output");
    }
    assert_eq!(built, clean);
}
