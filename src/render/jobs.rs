//! The rendering of one entry of the plan ([`render_job`]): the environment every job shares
//! (the base context, the footer and the cards rendered once) and the page renderers. What is
//! output, and from which part of the model, is `plan.rs`'s.

use super::meta::{self, MetaView};
use super::plan::{feed_items, Job, Listing, Plan};
use super::view::*;
use super::views::Views;
use super::{error_chain, feeds, paths, search, sitemap, Body, Output, Theme};
use crate::channels::Channel;
use crate::error::ContentError;
use crate::incremental::Lazy;
use crate::markdown::{escape_html, reading_minutes};
use crate::model::Site;
use crate::photos;
use crate::social;
use std::path::PathBuf;
use std::sync::OnceLock;
use tera::Context;

/// The footer template, rendered once per build.
const FOOTER: &str = "partials/footer.html";
/// The card of a release in listings, rendered once per release.
const CARD: &str = "partials/card.html";

/// Everything a job needs to render, shared by all jobs.
#[derive(Debug)]
pub struct Env<'a> {
    pub site: &'a Site,
    pub views: &'a Views,
    pub theme: &'a Theme,
    pub plan: &'a Plan,
    /// The contexts pages are rendered with: `site`, `t` and `footer`, inserted once.
    pages: Contexts,
    /// The site footer, rendered once.
    pub footer: String,
    /// Each release's card (`partials/card.html`) at heading level 2 and 3, rendered when a
    /// page first shows it: an incremental build renders only the cards of the pages it renders.
    cards: Vec<OnceLock<Result<[Box<str>; 2], ContentError>>>,
    /// Whether the theme has a card template.
    has_cards: bool,
    /// The contexts cards are rendered with: `t`, inserted once (a theme has some 150 strings,
    /// and ten thousand releases as many cards).
    card_contexts: Contexts,
    /// What the index and the manifest keep: an earlier build's before they are rendered
    /// (which update it), this build's after.
    pub kept: std::sync::Mutex<Kept>,
    /// The releases' QR codes: an earlier build's, and those drawn now.
    codes: Codes,
}

/// The QR codes of the releases' verification links ([`crate::trust::qr::Book`]): the book an
/// earlier build kept, decoded when a release page first needs it, and the codes drawn now,
/// for the releases the book has none for.
#[derive(Debug, Default)]
struct Codes {
    /// The book as handed in, until it is decoded into `book`.
    kept: std::sync::Mutex<Option<Lazy<crate::trust::qr::Book>>>,
    book: OnceLock<crate::trust::qr::Book>,
    /// The codes drawn now.
    made: std::sync::Mutex<Made>,
}

/// Codes drawn by a build, by release id, with the fingerprint of the link each encodes.
type Made = std::collections::HashMap<String, (crate::fingerprint::Fp, crate::trust::qr::Code)>;

impl Codes {
    /// The `<svg>` of the code of release `guid`'s link `link`, `size` pixels square: known
    /// ([`Codes::known`]), or drawn and kept for the book.
    fn svg(&self, guid: &str, link: &str, size: u32) -> String {
        if let Some(code) = self.known(guid, link) {
            return code.svg(size);
        }
        let Some(code) = crate::trust::qr::Code::of(link) else {
            return String::new();
        };
        let svg = code.svg(size);
        let at = crate::fingerprint::Fp::of_bytes(link.as_bytes());
        self.made().insert(guid.to_string(), (at, code));
        svg
    }

    /// The code of release `guid`'s link `link`, if the book has it or this build drew it:
    /// a drawn card shows the code its release page drew.
    fn known(&self, guid: &str, link: &str) -> Option<crate::trust::qr::Code> {
        let at = crate::fingerprint::Fp::of_bytes(link.as_bytes());
        let book = self.book.get_or_init(|| {
            let kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
            kept.and_then(Lazy::value).unwrap_or_default()
        });
        if let Some(code) = book.get(guid, at) {
            return Some(code.clone());
        }
        self.made().get(guid).filter(|(was, _)| *was == at).map(|(_, code)| code.clone())
    }

    fn made(&self) -> std::sync::MutexGuard<'_, Made> {
        self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The book for the next build: as handed in if no page needed it; else with the codes
    /// drawn now, and without those of releases `site` no longer has.
    fn finish(self, site: &Site) -> Option<Lazy<crate::trust::qr::Book>> {
        let made = self.made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(mut book) = self.book.into_inner() else {
            return self.kept.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        };
        if !made.is_empty() {
            for (guid, (link, code)) in made {
                book.insert(guid, link, code);
            }
            let live: std::collections::HashSet<&str> =
                site.releases.iter().map(|r| r.guid.as_str()).collect();
            book.retain(|guid| live.contains(guid));
        }
        Some(Lazy::Value(book))
    }
}

/// What rendering keeps for the next build, to update instead of making anew: `warta serve`
/// hands each build the last one's. Each part is taken by the job that updates it; a build
/// that fails keeps none.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// What the search index keeps ([`super::search::Kept`]); as read from the build cache,
    /// decoded only if the index is rendered.
    pub search: Option<Lazy<super::search::Kept>>,
    /// The parses the build cache held, by key: what the releases' terms of a search index
    /// read from it are restored from ([`super::search::Kept::restore`]). Empty in `warta
    /// serve`, whose index never leaves memory.
    pub parses:
        std::collections::HashMap<crate::fingerprint::Fp, std::sync::Arc<crate::model::Parsed>>,
    /// The manifest's lines ([`crate::trust::Lines`]), decoded only if the manifest is rendered.
    pub manifest: Option<Lazy<crate::trust::Lines>>,
    /// The table of outputs ([`super::table`]) of the build that kept these, which had no
    /// collision: a build with the same table has none either, without looking again.
    pub table: Vec<super::paths::OutputPath>,
    /// The fingerprint of the table of outputs of the last build ([`super::paths::checked`]),
    /// which had no collision: `warta build` keeps this in its cache, not the table, and a
    /// build whose table has it has none either, without looking again (at 100,000 releases,
    /// 60-120 ms of a build after an edit).
    pub checked: Option<crate::fingerprint::Fp>,
    /// Set for the next build when its site is the one of the build that kept these with only
    /// the releases at these indices put in place of theirs ([`crate::reparse`]), and its
    /// theme is the same: its table is then `table` with a few jobs' rows made again
    /// ([`super::patch`]).
    pub replaced: Option<Vec<usize>>,
    /// The releases' QR codes ([`crate::trust::qr::Book`]), decoded only if a release page is
    /// rendered.
    pub qr: Option<Lazy<crate::trust::qr::Book>>,
}

/// What the search index kept, to update: decoded (and its terms restored from `parses`) if it
/// was read from the build cache. `None` if there is none, or it does not read: the index is
/// then made anew.
fn kept_search(
    kept: Option<Lazy<super::search::Kept>>,
    parses: &std::collections::HashMap<
        crate::fingerprint::Fp,
        std::sync::Arc<crate::model::Parsed>,
    >,
) -> Option<super::search::Kept> {
    match kept? {
        Lazy::Value(kept) => Some(kept),
        read => read.value()?.restore(parses),
    }
}

impl<'a> Env<'a> {
    /// [`Env::kept`], locked (a job that panicked while holding it left nothing half done).
    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Prepares the context every page starts from. The site-wide footer
    /// (`partials/footer.html`, which sees only `site` and `t`) is rendered here once, as Hugo's
    /// `partialCached` would, and reaches every page as the string `footer`.
    pub fn new(
        site: &'a Site,
        views: &'a Views,
        theme: &'a Theme,
        plan: &'a Plan,
    ) -> Result<Env<'a>, ContentError> {
        let mut base = Context::new();
        base.insert("site", &views.site);
        base.insert("t", &theme.strings);
        let footer = match theme.tera.get_template(FOOTER) {
            Ok(_) => theme.tera.render(FOOTER, &base).map_err(|e| {
                let chain = error_chain(&e);
                let (file, line) = theme.locate(FOOTER, &chain);
                ContentError::new(file, chain).at_line(line)
            })?,
            Err(_) => String::new(),
        };
        base.insert("footer", &footer);
        let cards = site.releases.iter().map(|_| OnceLock::new()).collect();
        let has_cards = theme.tera.get_template(CARD).is_ok();
        let mut card_base = Context::new();
        card_base.insert("t", &theme.strings);
        let (pages, card_contexts) = (Contexts::new(base), Contexts::new(card_base));
        let kept = std::sync::Mutex::default();
        Ok(Env {
            site,
            views,
            theme,
            plan,
            pages,
            footer,
            cards,
            has_cards,
            card_contexts,
            kept,
            codes: Codes::default(),
        })
    }

    /// Hands the jobs what an earlier build kept, to update ([`Kept`]).
    pub fn keep(&mut self, mut kept: Kept) {
        self.codes = Codes { kept: kept.qr.take().into(), ..Codes::default() };
        self.kept = kept.into();
    }

    /// What the jobs kept for the next build: the search index's, the manifest's and the QR
    /// codes' parts of [`Kept`].
    pub fn into_kept(self) -> Kept {
        let site = self.site;
        let mut kept = self.kept.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.qr = self.codes.finish(site);
        kept
    }

    /// The card of release `i` at heading level 2 (`0`) or 3 (`1`).
    fn card(&self, i: usize, level: usize) -> Result<&str, ContentError> {
        if !self.has_cards {
            return Ok("");
        }
        let summary = || self.views.summary(self.site, i);
        let card = || self.card_contexts.with(|cx| card(self.theme, cx, summary()));
        match self.cards[i].get_or_init(card) {
            Ok(cards) => Ok(&cards[level]),
            Err(e) => Err(e.clone()),
        }
    }

    /// A UI string of the theme (empty if the theme lacks it).
    fn string(&self, key: &str) -> String {
        self.theme.strings.get(key).cloned().unwrap_or_default()
    }

    /// A breadcrumb trail: the home page (the theme's `home`), then `steps` (name and site
    /// path), the page itself last.
    fn trail<const N: usize>(&self, steps: [(String, &str); N]) -> Vec<(String, String)> {
        let home = (self.string("home"), String::new());
        std::iter::once(home).chain(steps.map(|(name, path)| (name, path.to_string()))).collect()
    }

    fn render(
        &self,
        template: &str,
        path: &str,
        source: Option<&PathBuf>,
        meta: MetaView,
        fill: impl FnOnce(&mut Scratch<'_>),
    ) -> Result<Output, ContentError> {
        let html = self.pages.with(|cx| {
            cx.insert("canonical", &meta.canonical);
            cx.insert("meta", &meta);
            fill(cx);
            self.theme.tera.render(template, cx.context())
        });
        let html = html.map_err(|e| {
            let page = source.map_or_else(|| format!("/{path}"), |s| s.display().to_string());
            let chain = error_chain(&e);
            let (file, line) = self.theme.locate(template, &chain);
            ContentError::new(file, format!("while rendering {page}: {chain}")).at_line(line)
        })?;
        Ok(page(path, html.into_bytes()))
    }
}

/// Tera contexts that share what every render of a kind sees (`site` and `t`, say), lent to one
/// render at a time: cloning that part for every page, and dropping it after, was a twentieth of
/// a cold build. A context comes back with what the render added taken out again.
#[derive(Debug)]
struct Contexts {
    base: Context,
    free: std::sync::Mutex<Vec<Context>>,
}

impl Contexts {
    fn new(base: Context) -> Contexts {
        Contexts { base, free: std::sync::Mutex::default() }
    }

    /// Runs `f` with a context holding `base` and what `f` inserts, then takes those out.
    fn with<R>(&self, f: impl FnOnce(&mut Scratch<'_>) -> R) -> R {
        let lock = || self.free.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let cx = lock().pop().unwrap_or_else(|| self.base.clone());
        let mut scratch = Scratch { cx, added: Vec::new(), base: &self.base };
        let result = f(&mut scratch);
        let Scratch { mut cx, added, .. } = scratch;
        for key in added {
            cx.remove(key);
        }
        lock().push(cx);
        result
    }
}

/// A lent context ([`Contexts::with`]): a key inserted is one the render adds to the shared
/// ones, never one of those.
struct Scratch<'a> {
    cx: Context,
    added: Vec<&'static str>,
    base: &'a Context,
}

impl Scratch<'_> {
    fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        debug_assert!(!self.base.contains_key(key), "{key} would replace the shared value");
        if !self.added.contains(&key) {
            self.added.push(key);
        }
        self.cx.insert(key, value);
    }

    fn context(&self) -> &Context {
        &self.cx
    }
}

/// A release's card, rendered once per heading level from `partials/card.html` with `item`,
/// `level` and `t` (in `cx`), like Hugo's `partialCached`: a card appears on up to a dozen
/// pages.
///
/// Kept as boxed text: Tera renders into a buffer of 2,000 bytes at least, a card is about 700,
/// and a site of 100,000 releases keeps 200,000 cards until its pages are rendered.
fn card(
    theme: &Theme,
    cx: &mut Scratch<'_>,
    item: &SummaryView,
) -> Result<[Box<str>; 2], ContentError> {
    cx.insert("item", item);
    let mut card = |level: u8| {
        cx.insert("level", &level);
        match theme.tera.render(CARD, cx.context()) {
            Ok(card) => Ok(card.into_boxed_str()),
            Err(e) => {
                let chain = error_chain(&e);
                let (file, line) = theme.locate(CARD, &chain);
                let message = format!("while rendering the card of {}: {chain}", item.url);
                Err(ContentError::new(file, message).at_line(line))
            }
        }
    };
    Ok([card(2)?, card(3)?])
}

fn page(dir: &str, bytes: Vec<u8>) -> Output {
    Output { path: format!("{dir}index.html"), body: Body::Bytes(bytes) }
}

fn file(path: &str, text: String) -> Output {
    Output { path: path.to_string(), body: Body::Bytes(text.into_bytes()) }
}

/// Renders one job into its output files.
pub fn render_job(env: &Env<'_>, job: Job) -> Result<Vec<Output>, ContentError> {
    let (site, views) = (env.site, env.views);
    Ok(match job {
        Job::Release(i) => release(env, i)?,
        Job::Page(i) => {
            let p = &site.pages[i];
            let view = PageView {
                title: p.title.clone(),
                url: site.config.link(&p.path),
                permalink: site.config.absolute(&p.path),
                content: &p.html,
            };
            let mut meta = meta::other(site, &p.path, &p.title)
                .with_breadcrumbs(&site.config, env.trail([(p.title.clone(), &p.path)]));
            meta.highlighted_code = crate::markdown::has_highlighted_code(&p.html);
            vec![env.render("page.html", &p.path, Some(&p.source), meta, |cx| {
                cx.insert("page", &view)
            })?]
        }
        Job::Listing(l, n) => vec![listing(env, &env.plan.listings[l], n)?],
        Job::Feed(l) => {
            let listing = &env.plan.listings[l];
            let (read_more, ralat) = (env.string("read_more"), env.string("corrections"));
            let mut out = feeds::listing_feeds(site, views, listing, &read_more, &ralat);
            out.extend(at_former_folders(site, listing, &out));
            out
        }
        Job::ChannelFeed(channel, l) => {
            let words = social::Words::from_strings(&env.theme.strings);
            let listing = &env.plan.listings[l];
            let feeds = feeds::channel_feeds(site, views, listing, channel, words);
            let copies = at_former_folders(site, listing, &feeds);
            let mut out = Vec::from(feeds);
            if channel == Channel::Instagram {
                for (i, shapes) in instagram_cards(site, env.plan, l) {
                    out.extend(card_outputs(env, i, &shapes)?);
                }
            }
            out.extend(copies);
            out
        }
        Job::UnitIndex => {
            let units: Vec<&UnitView> = views.units.values().collect();
            vec![env.render(
                "units.html",
                paths::UNITS,
                None,
                meta::other(site, paths::UNITS, &env.string("units")).with_breadcrumbs(
                    &site.config,
                    env.trail([(env.string("units"), paths::UNITS)]),
                ),
                |cx| cx.insert("units", &units),
            )?]
        }
        Job::TagIndex => {
            let mut tags: Vec<&TagView> = views.tags.iter().collect();
            tags.sort_by(|a, b| {
                a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.slug.cmp(&b.slug))
            });
            vec![env.render(
                "tags.html",
                paths::TAGS,
                None,
                meta::other(site, paths::TAGS, &env.string("tags"))
                    .with_breadcrumbs(&site.config, env.trail([(env.string("tags"), paths::TAGS)])),
                |cx| cx.insert("tags", &tags),
            )?]
        }
        Job::Archive(year) => {
            let years: Vec<&ArchiveYear> = match year {
                None => views.archive.iter().collect(),
                Some(y) => vec![&views.archive[y]],
            };
            let path = paths::archive(year.map(|y| views.archive[y].year));
            let view = ArchiveView {
                year: year.map(|y| views.archive[y].year),
                url: site.config.link(&path),
                years,
            };
            let index = paths::archive(None);
            let archive = (env.string("archive"), index.as_str());
            let trail = match view.year {
                None => env.trail([archive]),
                Some(y) => env.trail([archive, (y.to_string(), &path)]),
            };
            let meta = meta::other(site, &path, &env.string("archive"))
                .with_breadcrumbs(&site.config, trail);
            vec![env.render("archive.html", &path, None, meta, |cx| cx.insert("archive", &view))?]
        }
        Job::NotFound => {
            let meta = meta::other(site, "404.html", &env.string("not_found_title"));
            let out = env.render("404.html", "404.html", None, meta, |_| {})?;
            vec![Output { path: "404.html".to_string(), body: out.body }]
        }
        Job::Sitemap => sitemap::sitemaps(site, env.plan),
        Job::SitemapIndex => vec![file(sitemap::INDEX, sitemap::index(site, env.plan))],
        Job::NewsSitemap => vec![file(sitemap::NEWS, sitemap::news(site))],
        Job::Robots => vec![file(sitemap::ROBOTS, sitemap::robots(site))],
        Job::SearchPage => {
            let view = search_view(site, views);
            let title = env.string("search");
            let meta = meta::other(site, paths::SEARCH, &title)
                .with_breadcrumbs(&site.config, env.trail([(title.clone(), paths::SEARCH)]));
            vec![env.render(search::TEMPLATE, paths::SEARCH, None, meta, |cx| {
                cx.insert("search", &view)
            })?]
        }
        Job::SearchIndex => {
            // Taken under the lock, decoded outside it: the manifest's job takes its part too.
            let (previous, parses) = {
                let mut kept = env.kept();
                (kept.search.take(), std::mem::take(&mut kept.parses))
            };
            let previous = kept_search(previous, &parses);
            let (files, kept) = search::index(site, views, previous);
            env.kept().search = Some(Lazy::Value(kept));
            files
        }
        Job::Icons => icons(env),
        Job::Logos => {
            let c = &site.config;
            let made = env.plan.logos.iter().map(|s| {
                let source =
                    photos::Source::Photo { asset: s.source.clone(), info: s.info.clone() };
                let rendition = std::slice::from_ref(&s.rendition);
                photos::Batch::new(source, rendition, c.photos.quality, c.photos.max_pixels)
            });
            made.flat_map(made_files).collect()
        }
        Job::StaticPhoto(k) => {
            let set = super::paths::static_photo(site, env.plan, k);
            photo_files(&site.config, set, &set.web).collect()
        }
        Job::Alias(k) => {
            let a = &site.aliases[k];
            let card = meta::other(site, &a.to, &a.title);
            let path = super::paths::alias_file(&a.from);
            vec![Output { path, body: Body::Bytes(redirect(&card, None)) }]
        }
        Job::Redirect { release, former } => {
            let r = &site.releases[release];
            let card = meta::card(&site.config, views, r);
            vec![page(&r.former_paths[former], redirect(&card, None))]
        }
        Job::ShortLink(i) => {
            let (c, r) = (&site.config, &site.releases[i]);
            let card = meta::card(c, views, r);
            let by_channel: serde_json::Map<String, serde_json::Value> = Channel::ALL
                .into_iter()
                .map(|ch| (ch.code().to_string(), social::tracked_link(c, r, ch).into()))
                .collect();
            let short = r.short_link.as_deref().unwrap_or_default();
            vec![page(short, redirect(&card, Some(by_channel)))]
        }
        Job::Static(i) => {
            let a = &env.theme.static_files[i];
            vec![Output { path: a.name.clone(), body: Body::Copy(a.clone()) }]
        }
        Job::Corrections => {
            let title = env.string("corrections");
            let items = super::corrections::items(site, views);
            let feed = super::corrections::feed(site, &items, &title);
            let view = super::corrections::view(site, items);
            let mut meta = meta::other(site, paths::CORRECTIONS, &title)
                .with_breadcrumbs(&site.config, env.trail([(title.clone(), paths::CORRECTIONS)]));
            meta.feeds.push(meta::FeedLink {
                title: format!("{title} — {}", site.config.title),
                kind: "application/rss+xml",
                url: site.config.link(paths::CORRECTIONS_FEED),
            });
            vec![
                env.render(super::CORRECTIONS_TEMPLATE, paths::CORRECTIONS, None, meta, |cx| {
                    cx.insert("corrections", &view)
                })?,
                file(paths::CORRECTIONS_FEED, feed),
            ]
        }
        Job::Manifest => {
            let previous = env.kept().manifest.take();
            let previous = previous.and_then(Lazy::value);
            let (bytes, signature, lines) = crate::trust::manifest_with(site, previous);
            env.kept().manifest = Some(Lazy::Value(lines));
            let mut out = vec![Output {
                path: crate::trust::manifest::FILE.to_string(),
                body: Body::Bytes(bytes),
            }];
            out.extend(signature.map(|s| file(crate::trust::manifest::SIGNATURE, s)));
            out
        }
        Job::Removed(k) => removed(env, k)?,
        Job::CheckPage => {
            let c = &site.config;
            let view = CheckView {
                key: c.trust.public_key.map(|k| k.to_string()),
                signed: site.signing.is_some() && c.trust.public_key.is_some(),
                manifest_url: c.link(crate::trust::manifest::FILE),
                signature_url: c.link(crate::trust::manifest::SIGNATURE),
                prefix: c.trust.prefix.clone(),
            };
            let title = env.string("check_title");
            let meta = meta::other(site, paths::CHECK, &title)
                .with_breadcrumbs(c, env.trail([(title.clone(), paths::CHECK)]));
            vec![env.render(super::CHECK_TEMPLATE, paths::CHECK, None, meta, |cx| {
                cx.insert("check", &view)
            })?]
        }
    })
}

/// The page at the address of a removed release: its title and date, and that it was removed.
/// The page that says removed release `k` was removed, at every address it had
/// ([`crate::ledger::Entry::paths`] as the site left them to it).
fn removed(env: &Env<'_>, k: usize) -> Result<Vec<Output>, ContentError> {
    let (site, views) = (env.site, env.views);
    let e = &site.removed[k];
    let date = crate::date::Timestamp::parse(&e.date, site.config.timezone)
        .map(|t| super::views::date(&t, &views.calendar));
    let view = RemovedView { title: &e.title, date };
    let mut out = e
        .paths
        .iter()
        .map(|path| {
            let mut meta = meta::other(site, path, &e.title);
            meta.robots = meta::NOINDEX;
            env.render(super::REMOVED_TEMPLATE, path, None, meta, |cx| cx.insert("removed", &view))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Its short link, shared before, leads to the page that says it was removed.
    let short = site.removed_short.get(k).and_then(Option::as_deref);
    if let (Some(short), Some(path)) = (short, e.paths.first()) {
        out.push(page(short, redirect(&meta::other(site, path, &e.title), None)));
    }
    Ok(out)
}

/// What `removed.html` sees as `removed`.
#[derive(Debug, serde::Serialize)]
struct RemovedView<'a> {
    title: &'a str,
    date: Option<DateView>,
}

/// What the verification page (`cek.html`) sees as `check`.
#[derive(Debug, serde::Serialize)]
struct CheckView {
    /// The office's public key (`ed25519:…`), which the page checks the manifest with; none:
    /// the site's releases are not signed.
    key: Option<String>,
    /// Whether this build signed the manifest (the key was at hand).
    signed: bool,
    manifest_url: String,
    signature_url: String,
    /// The first part of every code: `KWB`.
    prefix: String,
}

fn release(env: &Env<'_>, i: usize) -> Result<Vec<Output>, ContentError> {
    let (site, views) = (env.site, env.views);
    let r = &site.releases[i];
    let c = &site.config;
    let summary = views.summary(site, i);
    let link = |j: usize| LinkView {
        title: site.releases[j].title.clone(),
        url: c.link(&site.releases[j].path),
    };
    let captions = social::all_captions(c, r, social::Words::from_strings(&env.theme.strings));
    let published = r.publication.is_published();
    // The plain text of the body, for the verification's canonical text and the search
    // result: worked out once, if either is shown.
    let body_text = std::cell::LazyCell::new(|| search::plain(&r.html));
    let view = ReleaseView {
        title: r.title.clone(),
        url: summary.url.clone(),
        permalink: c.absolute(&r.path),
        date: summary.date.clone(),
        publication: summary.publication.clone(),
        updated: r.updated.as_ref().map(|t| super::views::date(t, &views.calendar)),
        dateline: format!("{} ({})", r.place, c.units[&r.unit].short),
        place: r.place.clone(),
        unit: &views.units[&r.unit],
        kind: views.kind(site, &r.kind),
        authors: r
            .authors
            .iter()
            .map(|a| AuthorView {
                initials: a.clone(),
                name: c.authors.get(a).cloned().unwrap_or_default(),
            })
            .collect(),
        initials: r.authors.join("/"),
        editor_initials: r.editors.join("/"),
        tags: summary.tags.clone(),
        image: summary.image.clone(),
        gallery: super::views::gallery(c, r),
        summary: r.summary.clone(),
        content: &r.html,
        reading_minutes: reading_minutes(r.words),
        // Neighbours among the listed releases: a withdrawn one has none, and is no one's.
        previous: (i + 1 < site.listed).then(|| link(i + 1)),
        next: i.checked_sub(1).filter(|_| i < site.listed).map(link),
        related: if env.theme.reads.release_related {
            site.related[i].iter().map(|&j| views.summary(site, j)).collect()
        } else {
            Vec::new()
        },
        related_cards: site.related[i].iter().map(|&j| env.card(j, 1)).collect::<Result<_, _>>()?,
        share: if published {
            social::share_buttons(&site.config, r, &captions)
        } else {
            Vec::new()
        },
        guid: &r.guid,
        social_url: published.then(|| c.link(&paths::social_json(&r.path))),
        captions: if published {
            captions
                .iter()
                .map(|caption| CaptionView {
                    channel: caption.channel.key(),
                    label: caption.channel.label(),
                    text: caption.text.clone(),
                    length: caption.length,
                    limit: caption.limit,
                })
                .collect()
        } else {
            Vec::new()
        },
        attachments: r
            .attachments()
            .map(|(a, kind)| AttachmentView {
                name: a.name.rsplit('/').next().unwrap_or(&a.name).to_string(),
                url: c.link(&format!("{}{}", r.path, crate::links::file_path(&a.name))),
                kind,
                bytes: a.len,
                size: super::views::file_size(a.len),
            })
            .collect(),
        has_video: r.videos > 0,
        corrections: r
            .corrections
            .iter()
            .map(|k| CorrectionView {
                date: super::views::date(&k.date, &views.calendar),
                note: k.note.clone(),
                minor: k.minor,
            })
            .collect(),
        withdrawn: r.withdrawn.as_ref().filter(|_| !r.publication.is_listed()).map(|w| {
            WithdrawnView {
                date: super::views::date(&w.date, &views.calendar),
                reason: w.reason.clone(),
            }
        }),
        verification: (published || !r.publication.is_listed()).then(|| {
            let code = crate::trust::release_code(c, r);
            let url = crate::trust::check_url(c, &code);
            VerificationView {
                qr: env.codes.svg(&r.guid, &url, 112),
                text_json: meta::script_json_of(&crate::trust::canonical_text_of(c, r, &body_text)),
                code,
                url,
            }
        }),
    };
    let mut out = vec![env.render(
        "release.html",
        &r.path,
        Some(&r.source),
        meta::release(site, views, i).with_breadcrumbs(
            c,
            env.trail([
                (c.units[&r.unit].name.clone(), &paths::unit(&r.unit)),
                (r.title.clone(), &r.path),
            ]),
        ),
        |cx| cx.insert("release", &view),
    )?];
    if published {
        let image = super::views::social_image(c, r).map(|i| i.url);
        let json = social::social_json(c, r, image.as_deref(), &captions);
        out.push(file(&paths::social_json(&r.path), json));
    }
    out.extend(
        r.copied()
            .map(|a| Output { path: format!("{}{}", r.path, a.name), body: Body::Copy(a.clone()) }),
    );
    out.extend(made(env, i)?);
    if published && search::enabled(site, env.theme) {
        let document = search::document(site, views, i, &body_text);
        out.push(file(&paths::search_json(&r.path), document));
    }
    Ok(out)
}

/// A copy of each of a listing's `feeds` in each of its former folders
/// ([`paths::former_folders`]): the same bytes, so that a service subscribed to a unit's feed
/// before its key changed reads what a new subscriber reads, items and guids alike.
fn at_former_folders(site: &Site, listing: &Listing, feeds: &[Output]) -> Vec<Output> {
    let mut copies = Vec::new();
    for folder in paths::former_folders(site, listing) {
        copies.extend(feeds.iter().map(|feed| Output {
            path: paths::moved(&feed.path, &listing.path, &folder),
            body: feed.body.clone(),
        }));
    }
    copies
}

/// The files made from release `i`'s photos, and its drawn cards: in [`made_paths`] order.
fn made(env: &Env<'_>, i: usize) -> Result<Vec<Output>, ContentError> {
    let site = env.site;
    let (r, c) = (&site.releases[i], &site.config);
    let mut out = Vec::new();
    for set in &r.photos {
        let renditions: Vec<photos::Rendition> =
            set.published(r.publication.is_listed()).cloned().collect();
        out.extend(photo_files(c, set, &renditions));
    }
    // A withdrawn release's card is no longer published.
    if let (photos::SocialImage::Card(cards), true) = (&r.social_image, r.publication.is_listed()) {
        // The 1200×630 only: the Instagram shapes are drawn for the releases the Instagram
        // feed carries ([`instagram_cards`]).
        out.extend(card_outputs(env, i, &cards[..cards.len().min(1)])?);
    }
    Ok(out)
}

/// The files `batch` makes, each at its rendition's path: made when written, unless the photo
/// cache has them.
fn made_files(batch: photos::Batch) -> impl Iterator<Item = Output> {
    photos::Made::all(batch)
        .into_iter()
        .map(|m| Output { path: m.rendition().path.clone(), body: Body::Made(m) })
}

/// The files of the photo `set` at `renditions` (some or all of its sizes and crops).
fn photo_files(
    c: &crate::config::Config,
    set: &photos::PhotoSet,
    renditions: &[photos::Rendition],
) -> impl Iterator<Item = Output> {
    let source = photos::Source::Photo { asset: set.source.clone(), info: set.info.clone() };
    made_files(photos::Batch::new(source, renditions, c.photos.quality, c.photos.max_pixels))
}

/// The releases whose drawn cards the Instagram feed of listing `l` (the site's or a unit's)
/// draws, with the shapes to draw for each (1:1 and 4:5): only the newest `feed_limit` releases
/// are posted there, and drawing every release's Instagram cards would treble what a site of
/// thousands of releases draws on its first build. A release in the site's Instagram feed has
/// its cards drawn by that feed's job; a unit's feed draws those of its releases that the
/// site's does not carry, so every file has one owner. The release's job draws its 1200×630
/// ([`made`]).
pub fn instagram_cards<'s>(
    site: &'s Site,
    plan: &Plan,
    l: usize,
) -> Vec<(usize, std::borrow::Cow<'s, [photos::Rendition]>)> {
    let listing = &plan.listings[l];
    let all: Vec<usize> = (0..site.releases.len()).collect();
    let in_site_feed: Vec<usize> = match listing.unit {
        Some(_) => feed_items(site, &all).collect(),
        None => Vec::new(),
    };
    let items = if listing.unit.is_some() { &listing.items } else { &all };
    feed_items(site, items)
        .filter(|i| !in_site_feed.contains(i))
        .filter_map(|i| {
            let shapes = drawn_instagram_shapes(&site.releases[i]);
            (!shapes.is_empty()).then_some((i, shapes))
        })
        .collect()
}

/// The shapes of its drawn card that an Instagram feed carrying release `r` draws (1:1, 4:5):
/// those of its card when it has one; of a card drawn for Instagram alone when its shared link
/// shows a photo Instagram cannot take (too small to crop, or one warta does not process), as
/// Instagram posts nothing without an image; none when its photo has Instagram's crops.
pub fn drawn_instagram_shapes(
    r: &crate::model::Release,
) -> std::borrow::Cow<'_, [photos::Rendition]> {
    use std::borrow::Cow;
    match &r.social_image {
        photos::SocialImage::Card(cards) => Cow::Borrowed(cards.get(1..).unwrap_or_default()),
        photos::SocialImage::Small(_) | photos::SocialImage::Elsewhere { .. } => {
            Cow::Owned(photos::card_renditions(&r.path).split_off(1))
        }
        photos::SocialImage::Photo(_) => Cow::Borrowed(&[]),
    }
}

/// The logo a card of `unit` shows (the unit's, else the site's), if it is a file of the site: its site path (as the
/// template gets it) and the file.
pub fn card_logo<'t>(
    theme: &'t Theme,
    c: &crate::config::Config,
    unit: &str,
) -> Option<(String, &'t crate::load::Asset)> {
    // The unit's logo, else the site's (found by helper-35, stop 67: a site's `logo:` was on
    // its pages and icons, and its drawn cards showed the site's initials).
    let own = c.units.get(unit).and_then(|u| u.logo.as_deref()).filter(|l| !l.trim().is_empty());
    logo_file(theme, own.or(c.logo.as_deref()))
}

/// A logo written in `site.yaml` (`/img/logo.png`), if it is a static file of the site or the
/// theme: its site path as written and the file. A logo at an absolute URL is not read.
pub fn logo_file<'t>(
    theme: &'t Theme,
    logo: Option<&str>,
) -> Option<(String, &'t crate::load::Asset)> {
    let logo = logo?;
    Some((logo.to_string(), super::logos::file(&theme.static_files, logo)?))
}

/// The site's icons and their manifest ([`super::icons`]).
fn icons(env: &Env<'_>) -> Vec<Output> {
    let (c, theme) = (&env.site.config, env.theme);
    let logo = logo_file(theme, c.logo.as_deref()).map(|(href, a)| (href, a.clone()));
    let source = photos::Source::Card {
        origin: ("the site's icon", "site.yaml"),
        svg: photos::Svg::Drawn(super::icons::svg(c, logo.as_ref().map(|l| l.0.as_str()))),
        fonts: std::sync::Arc::clone(&theme.fonts),
        fonts_key: theme.fonts_key,
        files: logo.into_iter().collect(),
    };
    let renditions = super::icons::renditions();
    let batch = photos::Batch::new(source, &renditions, c.photos.quality, c.photos.max_pixels);
    let mut out: Vec<Output> = made_files(batch).collect();
    out.push(file(super::icons::MANIFEST, super::icons::manifest(c)));
    out
}

/// The drawn cards of release `i` at the sizes of `cards`.
fn card_outputs(
    env: &Env<'_>,
    i: usize,
    cards: &[photos::Rendition],
) -> Result<Vec<Output>, ContentError> {
    let (site, theme) = (env.site, env.theme);
    let (r, c) = (&site.releases[i], &site.config);
    let unit = &c.units[&r.unit];
    let files: Vec<(String, crate::load::Asset)> =
        card_logo(theme, c, &r.unit).map(|(l, a)| (l, a.clone())).into_iter().collect();
    let date = super::views::date(&r.date, &env.views.calendar);
    // The QR code of the release's verification link, on the cards of a published release:
    // the published site's, under `warta serve` too (a phone cannot open the preview's).
    let qr_link = r
        .publication
        .is_published()
        .then(|| crate::trust::public_check_url(c, &crate::trust::release_code(c, r)));
    // Its code as the release page drew it (or the book kept it), if the page's link is this
    // one (not under `warta serve`, whose pages link to the preview): drawn again only if not.
    let qr_code = qr_link.as_deref().and_then(|l| env.codes.known(&r.guid, l));
    let mut out = Vec::with_capacity(cards.len());
    for card in cards {
        let view = CardView {
            title: r.title.clone(),
            date: date.long.clone(),
            unit: unit.name.clone(),
            short: unit.short.clone(),
            logo: files.first().map_or_else(String::new, |f| f.0.clone()),
            site: c.title.clone(),
            host: c.public_host(),
            // "Siaran Pers" on news, the kind's name on the others ("PENGUMUMAN").
            kind: match &**env.views.kind(site, &r.kind) {
                k if k.default => env.string("card_kind"),
                k => k.name.clone(),
            },
            width: card.width,
            height: card.height,
            colors: CardColors {
                primary: c.theme_color.clone().unwrap_or_default(),
                ..CardColors::default()
            },
            // Drawn with the card, from `qr_link`.
            qr: String::new(),
            qr_size: QR_SIZE,
        };
        // What the card is drawn from: the template with what it includes and the strings those
        // can read, the view, and the QR code's link (the code is a function of it).
        let mut key = crate::fingerprint::Hasher::new();
        key.add(&theme.card_key).add(&qr_link).add(&crate::trust::qr::VERSION).add_json(&view);
        let (tera, strings, link, code) = (
            std::sync::Arc::clone(&theme.tera),
            std::sync::Arc::clone(&theme.strings),
            qr_link.clone(),
            qr_code.clone(),
        );
        let source_file = r.source.display().to_string();
        let draw = move || {
            let qr = match (&code, &link) {
                (Some(code), _) => code.svg(QR_SIZE),
                (None, Some(link)) => crate::trust::qr::svg(link, QR_SIZE),
                (None, None) => String::new(),
            };
            let view = CardView { qr, ..view.clone() };
            let mut cx = tera::Context::new();
            cx.insert("card", &view);
            cx.insert("t", &*strings);
            tera.render(super::CARD_TEMPLATE, &cx).map_err(|e| {
                format!("while drawing the card of {source_file}: {}", error_chain(&e))
            })
        };
        let source = photos::Source::Card {
            origin: ("the social card", super::CARD_FILE),
            svg: photos::Svg::Later { key: key.finish128(), draw: std::sync::Arc::new(draw) },
            fonts: std::sync::Arc::clone(&theme.fonts),
            fonts_key: theme.fonts_key,
            files: files.clone(),
        };
        let batch = photos::Batch::new(
            source,
            std::slice::from_ref(card),
            c.photos.quality,
            c.photos.max_pixels,
        );
        out.extend(made_files(batch));
    }
    Ok(out)
}

/// What the theme's `social-card.svg` sees as `card`; owned, since a card is drawn only when
/// the photo cache does not have it, after its job.
#[derive(Debug, Clone, serde::Serialize)]
struct CardView {
    title: String,
    /// `Senin, 15 Mei 2023`.
    date: String,
    /// The unit's name and short name.
    unit: String,
    short: String,
    /// The site path of the unit's logo, or empty.
    logo: String,
    /// The site's title and host.
    site: String,
    host: String,
    /// `Siaran Pers`, from the theme's strings.
    kind: String,
    /// The size to draw: 1200×630, 1080×1080 or 1080×1350.
    width: u32,
    height: u32,
    /// The site's colours (CSS colours); empty: the template's own.
    colors: CardColors,
    /// The QR code of the release's verification page, an `<svg>` `qr_size` pixels square
    /// (print it with `| safe`); empty on a preview's card.
    qr: String,
    qr_size: u32,
}

/// The side of the QR code on a drawn card, in pixels: large enough to scan from a phone's
/// screen when the card is shown full width.
const QR_SIZE: u32 = 124;

/// Colours of a card, as CSS colours; empty leaves the template's.
#[derive(Debug, Clone, Default, serde::Serialize)]
struct CardColors {
    /// `theme_color:` of site.yaml, if set.
    primary: String,
    background: String,
    text: String,
}

/// The paths of the files made from release `r`'s photos and of its drawn cards, in the order
/// [`made`] makes them, with the photo each comes from (`None`: a card).
pub fn made_paths(r: &crate::model::Release) -> impl Iterator<Item = (&str, Option<&str>)> {
    let photos = r.photos.iter().flat_map(|s| {
        let shared = r.publication.is_listed();
        s.published(shared).map(move |x| (x.path.as_str(), Some(s.name.as_str())))
    });
    // The 1200×630 card; the Instagram shapes are the Instagram feed's ([`instagram_cards`]).
    let cards: &[photos::Rendition] = match &r.social_image {
        photos::SocialImage::Card(cards) if r.publication.is_listed() => {
            &cards[..cards.len().min(1)]
        }
        _ => &[],
    };
    photos.chain(cards.iter().map(|c| (c.path.as_str(), None)))
}

fn listing(env: &Env<'_>, l: &Listing, n: usize) -> Result<Output, ContentError> {
    let (site, views) = (env.site, env.views);
    let c = &site.config;
    let per = c.per_page;
    let total = env.plan.pages(site, l);
    let page_path = |p: usize| paths::listing_page(&l.path, p);
    let start = (n * per).min(l.items.len());
    let end = (start + per).min(l.items.len());
    let lo = n.saturating_sub(3).min(total.saturating_sub(7));
    let view = ListingView {
        kind: l.kind,
        title: l.title.clone(),
        url: c.link(&l.path),
        permalink: c.absolute(&page_path(n)),
        feed_url: l.feed.then(|| c.link(&format!("{}feed.xml", l.path))),
        unit: l.unit.as_ref().map(|u| &views.units[u]),
        tag: l.tag.map(|t| &views.tags[t]),
        content_kind: l.content_kind.map(|k| &*views.kinds[k]),
        items: Vec::new(),
        cards: Vec::new(),
        lead: None,
        strips: Vec::new(),
    };
    let mut shown = &l.items[start..end];
    let mut view = view;
    if l.kind == ListingKind::Home && n == 0 {
        if let Some((&first, rest)) = shown.split_first() {
            let item = views.summary(site, first);
            view.lead = Some(LeadView { item, lead: &site.releases[first].lead });
            shown = rest;
        }
        for strip in &env.plan.strips {
            view.strips.push(StripView {
                title: &strip.title,
                url: c.link(&strip.path),
                cards: strip.items.iter().map(|&i| env.card(i, 1)).collect::<Result<_, _>>()?,
            });
        }
    }
    if env.theme.reads.listing_items {
        view.items = shown.iter().map(|&i| views.summary(site, i)).collect();
    }
    view.cards = shown.iter().map(|&i| env.card(i, 0)).collect::<Result<_, _>>()?;
    let paginator = PaginatorView {
        current: n + 1,
        total_pages: total,
        total_items: l.items.len(),
        previous_url: n.checked_sub(1).map(|p| c.link(&page_path(p))),
        next_url: (n + 1 < total).then(|| c.link(&page_path(n + 1))),
        first_url: c.link(&page_path(0)),
        last_url: c.link(&page_path(total - 1)),
        pages: (lo..(lo + 7).min(total))
            .map(|p| PageLink { number: p + 1, url: c.link(&page_path(p)), current: p == n })
            .collect(),
    };
    let meta = meta::listing(site, l, &l.items[start..end], view.permalink.clone());
    let meta = match l.kind {
        ListingKind::Home => meta,
        ListingKind::Unit => meta.with_breadcrumbs(
            c,
            env.trail([(env.string("units"), paths::UNITS), (l.title.clone(), &l.path)]),
        ),
        ListingKind::Tag => meta.with_breadcrumbs(
            c,
            env.trail([(env.string("tags"), paths::TAGS), (l.title.clone(), &l.path)]),
        ),
        ListingKind::Kind => meta.with_breadcrumbs(c, env.trail([(l.title.clone(), &l.path)])),
        ListingKind::Month => {
            let year = l.path.trim_end_matches('/').rsplit('/').nth(1).unwrap_or_default();
            let (index, year_path) = (paths::archive(None), paths::archive(year.parse().ok()));
            meta.with_breadcrumbs(
                c,
                env.trail([
                    (env.string("archive"), &index),
                    (year.to_string(), &year_path),
                    (l.title.clone(), &l.path),
                ]),
            )
        }
    };
    env.render("list.html", &page_path(n), None, meta, |cx| {
        cx.insert("listing", &view);
        cx.insert("paginator", &paginator);
    })
}

/// A page that sends the browser on to the release of `card`, with the release's card: its
/// Open Graph and X tags (canonical URL, title, description, image). Link previews are made by
/// crawlers that read the tags of the URL posted and do not follow a `<meta
/// http-equiv="refresh">`, so a short link or an old link shows the same card as the release;
/// `og:url` and the canonical link name the release, so shares count for it. Written here, not
/// by the theme's `partials/meta.html`: these pages are not the theme's (a theme may print
/// anything in its head), and they must carry these tags whatever the theme does.
///
/// `by_query` (a short link's page) maps a query (`bs` of `?bs`, the first part of it: Facebook
/// appends `&fbclid=…`) to the URL to go to instead, the release with that channel's UTM
/// parameters; a script reads it, and without JavaScript (where no analytics would read the
/// parameters either) the page leads to the release itself.
fn redirect(
    card: &MetaView,
    by_query: Option<serde_json::Map<String, serde_json::Value>>,
) -> Vec<u8> {
    let e = escape_html;
    let mut tags = vec![
        ("property", "og:type", "article".to_string()),
        ("property", "og:site_name", e(&card.site_name)),
        ("property", "og:locale", e(&card.locale)),
        ("property", "og:title", e(&card.title)),
        ("property", "og:description", e(&card.description)),
        ("property", "og:url", e(&card.canonical)),
    ];
    if let Some(image) = &card.image {
        tags.push(("property", "og:image", e(&image.url)));
        if let Some(mime) = image.mime {
            tags.push(("property", "og:image:type", mime.to_string()));
        }
        if let (Some(width), Some(height)) = (image.width, image.height) {
            tags.push(("property", "og:image:width", width.to_string()));
            tags.push(("property", "og:image:height", height.to_string()));
        }
        tags.push(("property", "og:image:alt", e(&image.alt)));
    }
    tags.push(("name", "twitter:card", card.twitter_card.to_string()));
    if let Some(site) = &card.twitter_site {
        tags.push(("name", "twitter:site", e(site)));
    }
    tags.push(("name", "twitter:title", e(&card.twitter_title)));
    tags.push(("name", "twitter:description", e(&card.description)));
    if let Some(image) = &card.image {
        tags.push(("name", "twitter:image", e(&image.url)));
        tags.push(("name", "twitter:image:alt", e(&image.alt)));
    }
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n\
         <link rel=\"canonical\" href=\"{}\">\n<meta name=\"robots\" content=\"noindex\">\n",
        e(&card.locale.replace('_', "-")),
        e(&card.title),
        e(&card.canonical),
    );
    for (attribute, key, value) in tags {
        out.push_str(&format!("<meta {attribute}=\"{key}\" content=\"{value}\">\n"));
    }
    let (url, title) = (e(&card.canonical), e(&card.title));
    let refresh = format!("<meta http-equiv=\"refresh\" content=\"0; url={url}\">");
    match by_query {
        Some(urls) => {
            let urls = meta::script_json(serde_json::Value::Object(urls));
            let home = meta::script_json_of(card.canonical.as_str());
            out.push_str(&format!(
                "<script>var to={urls},k=location.search.slice(1).split(\"&\")[0];\
                 location.replace({{}}.hasOwnProperty.call(to,k)?to[k]:{home});</script>\n\
                 <noscript>{refresh}</noscript>\n"
            ));
        }
        None => out.push_str(&format!("{refresh}\n")),
    }
    out.push_str(&format!("</head>\n<body><p><a href=\"{url}\">{title}</a></p></body></html>\n"));
    out.into_bytes()
}

/// What the search page offers to filter by: what the index has, published releases only.
fn search_view(site: &Site, views: &Views) -> SearchView {
    let (units, tags) = search::filters(site, views);
    let mut years: Vec<i32> = site
        .releases
        .iter()
        .filter(|r| r.publication.is_published())
        .map(|r| r.date.year())
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    SearchView { index_url: site.config.link(search::META), units, tags, years }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cx: &Context) -> Vec<String> {
        let tera::Value::Object(map) = cx.clone().into_json() else { unreachable!() };
        map.keys().cloned().collect()
    }

    #[test]
    fn a_lent_context_comes_back_with_only_the_shared_values() {
        let mut base = Context::new();
        base.insert("site", &"Humas Bali");
        let contexts = Contexts::new(base);
        let seen = contexts.with(|cx| {
            cx.insert("listing", &1);
            cx.insert("paginator", &2);
            cx.insert("listing", &3);
            names(cx.context())
        });
        assert_eq!(seen, ["listing", "paginator", "site"]);
        // The next render gets the same context back, without what the first one added: a
        // page must never see another page's values.
        let seen = contexts.with(|cx| {
            cx.insert("release", &4);
            (names(cx.context()), cx.context().get("site").cloned())
        });
        assert_eq!(seen, (vec!["release".into(), "site".into()], Some("Humas Bali".into())));
        assert_eq!(contexts.free.lock().unwrap().len(), 1, "one context, lent twice");
        let left = contexts.free.lock().unwrap().pop().unwrap();
        assert_eq!(names(&left), ["site"]);
    }

    #[test]
    fn contexts_lent_at_once_are_separate() {
        let contexts = Contexts::new(Context::new());
        contexts.with(|outer| {
            outer.insert("page", &1);
            contexts.with(|inner| {
                inner.insert("card", &2);
                assert_eq!(names(inner.context()), ["card"]);
            });
            assert_eq!(names(outer.context()), ["page"]);
        });
        assert_eq!(contexts.free.lock().unwrap().len(), 2);
    }
}
