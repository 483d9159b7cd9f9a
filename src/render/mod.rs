//! Rendering: the model in, output files out. [`Theme`] compiles the templates once;
//! [`plan`] lists every page the site has; [`render_job`] turns one entry of that list into
//! bytes. Each job is independent of the others, so they run in parallel and the output does
//! not depend on the thread count.

pub mod corrections;
mod cycles;
mod deps;
mod feeds;
pub mod icons;
mod jobs;
pub mod logos;
pub mod meta;
pub(crate) mod paths;
mod plan;
pub mod reads;
pub mod search;
mod sitemap;
pub mod view;
mod views;
pub mod xml;

pub use deps::fingerprints;
pub use jobs::{render_job, Env, Kept};
pub use paths::{checked, collisions, job_keys, patch, table, Kind, OutputPath};
pub use plan::{plan, Inputs, Job, Listing, Plan};
pub use views::Views;

/// A release's `social.json` as the build writes it beside its page (`warta social --json`).
pub fn social_json(
    config: &crate::config::Config,
    r: &crate::model::Release,
    words: crate::social::Words<'_>,
) -> String {
    let captions = crate::social::all_captions(config, r, words);
    let image = views::social_image(config, r).map(|i| i.url);
    crate::social::social_json(config, r, image.as_deref(), &captions)
}

use crate::error::ContentError;
use crate::fingerprint::Fp;
use crate::load::{Asset, SourceFile};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tera::Tera;

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated, never absolute and never with `..`.
    pub path: String,
    pub body: Body,
}

/// What an output file contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Bytes shared with what made them and keeps them for the next build (the search index's
    /// files): published without a copy.
    Shared(std::sync::Arc<[u8]>),
    /// Copied from a source file or the built-in theme.
    Copy(Asset),
    /// Made from a photo, or drawn: by the writer, which keeps it in its cache.
    Made(crate::photos::Made),
}

/// The absolute URL of a channel's RSS feed: the site's (`unit` `None`) or a unit's.
pub fn channel_feed_url(
    config: &crate::config::Config,
    unit: Option<&str>,
    channel: crate::channels::Channel,
) -> String {
    let folder = unit.map_or(String::new(), paths::unit);
    config.absolute(&paths::channel_feed(&folder, channel))
}

/// The compiled templates and the UI strings of a site's theme.
#[derive(Debug)]
pub struct Theme {
    /// Shared with the cards drawn later ([`crate::photos::Svg::Later`]).
    pub tera: std::sync::Arc<Tera>,
    /// The theme's `strings.yaml` (or `strings.<language>.yaml`, see [`theme`]), with the
    /// site's `strings:` applied; shared as `tera` is.
    pub strings: std::sync::Arc<BTreeMap<String, String>>,
    /// The theme's static files, then the site's (a site file replaces a theme file).
    pub static_files: Vec<Asset>,
    /// Each template's fingerprint with everything it includes, extends or imports.
    pub closures: BTreeMap<String, Fp>,
    /// What a drawn card reads of the theme: the card template with everything it reaches,
    /// and the strings those templates can read (all of them, when that is not known).
    pub card_key: Fp,
    /// The fonts of the drawn social card: the theme's, else the built-in theme's.
    pub fonts: std::sync::Arc<crate::photos::card::Fonts>,
    /// The fingerprint of the fonts' files.
    pub fonts_key: Fp,
    /// Which of the costly views the templates can read.
    pub reads: reads::Reads,
    /// Each template's file, as messages name it (`templates/release.html` for the site's own,
    /// `themes/default/templates/…` or `(built-in theme)/templates/…` for the theme's), and
    /// its text: an error while rendering is told at the file and line it comes from.
    pub files: BTreeMap<String, (PathBuf, std::sync::Arc<str>)>,
}

impl Theme {
    /// Where a render of `template` failed, from the error's words: the innermost template it
    /// names ("while rendering 'partials/banner.html'"), and there the first line holding the
    /// name the error is about (a variable, filter, test or function in backquotes).
    pub fn locate(&self, template: &str, error: &str) -> (PathBuf, Option<usize>) {
        locate(&self.files, template, error)
    }

    /// Whether the theme (or the site) has the template `name`.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

/// The template of the drawn social card; a theme without one uses the built-in theme's.
pub const CARD_TEMPLATE: &str = "social-card.svg";
/// The page of every correction, `ralat/`; a theme without it has no such page.
pub const CORRECTIONS_TEMPLATE: &str = "corrections.html";
/// The verification page, `cek/`; a theme without it has no such page.
pub const CHECK_TEMPLATE: &str = "cek.html";
/// The page at the address of a release whose file was deleted; a theme without it has none.
pub const REMOVED_TEMPLATE: &str = "removed.html";
/// The card template's file, as errors name it.
pub const CARD_FILE: &str = "templates/social-card.svg";

/// Compiles the theme's templates with the site's overrides. Each theme template is also
/// registered as `theme/<name>`, so a site template can extend it and replace one block. The
/// strings are the theme's `strings.<language>.yaml` when it has one for the site's `language`,
/// else its `strings.yaml`; the site's `strings:` (`overrides`) then replace single strings.
pub fn theme(
    files: &crate::load::ThemeFiles,
    site_templates: &[(String, String)],
    site_static: &[Asset],
    overrides: &BTreeMap<String, String>,
    language: &str,
) -> Result<Theme, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut all: BTreeMap<String, &str> = BTreeMap::new();
    // The theme's templates are also `theme/<name>`, for a site's template that extends the
    // one it replaces; compiled twice only when some template names one so (a name is a
    // literal in Tera, so a text without "theme/" names none): compiling is most of the time a
    // build with nothing changed spends on the theme.
    let prefixed = files.templates.iter().chain(site_templates).any(|(_, t)| t.contains("theme/"));
    let mut sources: BTreeMap<String, (PathBuf, std::sync::Arc<str>)> = BTreeMap::new();
    for (name, text) in &files.templates {
        all.insert(name.clone(), text);
        let file = (files.folder.join("templates").join(name), std::sync::Arc::from(text.as_str()));
        if prefixed {
            all.insert(format!("theme/{name}"), text);
            sources.insert(format!("theme/{name}"), file.clone());
        }
        sources.insert(name.clone(), file);
    }
    for (name, text) in site_templates {
        all.insert(name.clone(), text);
        let file = (PathBuf::from("templates").join(name), std::sync::Arc::from(text.as_str()));
        sources.insert(name.clone(), file);
    }
    let builtin = crate::load::DEFAULT_THEME
        .get_file(format!("templates/{CARD_TEMPLATE}"))
        .and_then(|f| f.contents_utf8());
    if let (false, Some(text)) = (all.contains_key(CARD_TEMPLATE), builtin) {
        all.insert(CARD_TEMPLATE.to_string(), text);
    }
    if let Some(cycle) = cycles::find_cycle(&all) {
        let first = cycle.first().cloned().unwrap_or_default();
        let message = format!(
            "templates include, extend or import each other in a circle: {}; a template cannot \
             include itself, directly or through others: remove one of these references",
            cycle.join(" → ")
        );
        return Err(vec![ContentError::new(PathBuf::from("templates").join(first), message)]);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    let font_files = if files.fonts.is_empty() {
        crate::load::embedded_theme().fonts
    } else {
        files.fonts.clone()
    };
    let fonts_key = Fp::of(&font_files);
    let fonts =
        std::sync::Arc::new(crate::photos::card::Fonts::new(font_files.into_iter().map(|f| f.1)));
    crate::photos::card::register(&mut tera, std::sync::Arc::clone(&fonts));
    // Tera's own escaping also turns every '/' into "&#x2F;": valid, but it bloats every link.
    tera.set_escape_fn(crate::markdown::escape_html);
    if let Err(e) = tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), *t))) {
        errors.push(parse_error(&sources, &error_chain(&e)));
    }
    let file = files.translations.get(language).or(files.strings.as_ref());
    let strings = strings(file, overrides, &mut errors);
    let mut static_files: BTreeMap<&str, &Asset> = BTreeMap::new();
    for a in files.static_files.iter().chain(site_static) {
        static_files.insert(&a.name, a);
    }
    // Published as they are, so checked as a release's folder is: a HEIC or TIFF no browser
    // shows, a video that holds where it was taken.
    let theme_files = files.static_files.iter().map(|a| (a, false));
    for (a, of_site) in theme_files.chain(site_static.iter().map(|a| (a, true))) {
        if let Some(problem) = crate::photos::unpublishable(a) {
            let file = match &a.origin {
                crate::load::Origin::Disk(path) if !of_site => path.clone(),
                _ => PathBuf::from("static").join(&a.name),
            };
            errors.push(ContentError::new(file, problem));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let closures = cycles::closures(&all);
    let card_key = {
        let mut h = crate::fingerprint::Hasher::new();
        h.add(&closures.get(CARD_TEMPLATE));
        match reads::strings(&tera, cycles::closure(&all, CARD_TEMPLATE)) {
            Some(read) => {
                for name in read {
                    h.add(&name).add(&strings.get(&name));
                }
            }
            None => {
                h.add(&strings);
            }
        }
        h.finish128()
    };
    Ok(Theme {
        reads: reads::Reads::of(&tera),
        tera: std::sync::Arc::new(tera),
        strings: std::sync::Arc::new(strings),
        static_files: static_files.into_values().cloned().collect(),
        closures,
        card_key,
        fonts,
        fonts_key,
        files: sources,
    })
}

/// A template that does not compile, told at its file and line: Tera's "Failed to parse
/// 'partials/banner.html':  --> 8:1 …" names the template and where in it.
fn parse_error(
    files: &BTreeMap<String, (PathBuf, std::sync::Arc<str>)>,
    chain: &str,
) -> ContentError {
    let name = chain
        .split_once("Failed to parse '")
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(name, _)| name);
    let file = name.and_then(|n| files.get(n)).map(|(file, _)| file.clone());
    let line = chain
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split(':').next())
        .and_then(|n| n.trim().parse::<usize>().ok());
    ContentError::new(file.unwrap_or_else(|| PathBuf::from("templates")), chain).at_line(line)
}

fn strings(
    file: Option<&SourceFile>,
    overrides: &BTreeMap<String, String>,
    errors: &mut Vec<ContentError>,
) -> BTreeMap<String, String> {
    let mut strings: BTreeMap<String, String> = match file {
        Some(f) => crate::yaml::parse(&f.text).unwrap_or_else(|e| {
            let mut err = ContentError::new(&f.path, e.message).at_line(e.line);
            err.field = e.field;
            errors.push(err);
            BTreeMap::new()
        }),
        None => BTreeMap::new(),
    };
    // Only the theme's own strings are known: an unknown override is not a key to suggest.
    let theme_keys: Vec<String> = strings.keys().cloned().collect();
    for (key, value) in overrides {
        if file.is_some() && !strings.contains_key(key) {
            let hint = match crate::yaml::closest(key, theme_keys.iter().map(String::as_str)) {
                Some(near) => format!(
                    "did you mean `{near}`? (the theme's strings are listed in its strings.yaml)"
                ),
                None => "the theme's strings are listed in its strings.yaml".to_string(),
            };
            errors.push(
                ContentError::new("site.yaml", format!("the theme has no such string; {hint}"))
                    .field(format!("strings.{key}")),
            );
        }
        strings.insert(key.clone(), value.clone());
    }
    strings
}

/// Tera's error and its causes on one line: the cause is where the useful part is.
/// [`Theme::locate`] over the templates' files.
fn locate(
    files: &BTreeMap<String, (PathBuf, std::sync::Arc<str>)>,
    template: &str,
    error: &str,
) -> (PathBuf, Option<usize>) {
    // The first `after`, or the last one (the innermost template of a chain).
    let quoted = |text: &str, after: &str, close: char, last: bool| -> Option<String> {
        let at = if last { text.rfind(after)? } else { text.find(after)? } + after.len();
        let rest = &text[at..];
        Some(rest[..rest.find(close)?].to_string())
    };
    let name =
        quoted(error, "while rendering '", '\'', true).unwrap_or_else(|| template.to_string());
    // What Tera names in quotes: a variable in backquotes; a filter, test, function or
    // template in quotes, which it does not say the template of.
    const NAMED: [&str; 4] = ["Filter '", "Test '", "Function '", "Template '"];
    let named_thing = NAMED.iter().find_map(|kind| quoted(error, kind, '\'', false));
    let token = quoted(error, "`", '`', false)
        .or_else(|| named_thing.clone())
        .map(|t| t.trim_matches(['[', ']']).to_string())
        .filter(|t| !t.is_empty());
    // The name as a word of the template: `x` is not the x of "max".
    let line_of = |text: &str, token: &str| {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "_.".contains(c));
        text.lines().position(|l| {
            l.match_indices(token).any(|(at, _)| {
                !word(l[..at].chars().next_back()) && !word(l[at + token.len()..].chars().next())
            })
        })
    };
    let named = files.get(&name).or_else(|| files.get(template));
    let found = |(file, text): &(PathBuf, std::sync::Arc<str>)| {
        let line = line_of(text, token.as_deref()?)?;
        Some((file.clone(), Some(line + 1)))
    };
    // In the template the error names; else, for a filter, test, function or template that
    // Tera does not place, in any that has the name, the site's own first.
    let site_first = || {
        let (site, theme): (Vec<_>, Vec<_>) =
            files.values().partition(|(file, _)| file.starts_with("templates"));
        site.into_iter().chain(theme).find_map(found)
    };
    named
        .and_then(found)
        .or_else(|| named_thing.is_some().then(site_first).flatten())
        .or_else(|| named.map(|(file, _)| (file.clone(), None)))
        .unwrap_or_else(|| (PathBuf::from("templates").join(template), None))
}

pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
