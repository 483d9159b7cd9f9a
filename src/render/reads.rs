//! What a theme's templates can read of the views that cost the most to hand them: a listing's
//! `listing.items` and a release's `release.related`. Each is a list of [`SummaryView`]s that a
//! page would serialise into Tera's values again for every page that shows it, about a twelfth
//! of a cold build; the built-in theme prints the cards warta rendered once instead, and reads
//! neither. A view a template can read is always filled; one none can read is left empty.
//!
//! The answer comes from the templates' syntax trees, every name in every expression, and errs
//! towards "reads": a view passed on whole (`{% set l = listing %}`, a macro's argument, a
//! filter such as `json_encode`), indexed by a computed key (`listing[key]`), or the whole
//! context dumped (`__tera_context`) counts as read.
//!
//! [`SummaryView`]: super::view::SummaryView

use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

/// Which of the costly views a theme's templates can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    /// `listing.items` (in `list.html`).
    pub listing_items: bool,
    /// `release.related` (in `release.html`).
    pub release_related: bool,
}

impl Reads {
    /// Everything: what a theme reads when nothing is known about it.
    pub const ALL: Reads = Reads { listing_items: true, release_related: true };

    /// What the templates of `tera` can read.
    pub fn of(tera: &Tera) -> Reads {
        let mut names = Vec::new();
        for template in tera.templates.values() {
            template_names(template, &mut names);
        }
        Reads {
            listing_items: names.iter().any(|n| reads(n, "listing", "items")),
            release_related: names.iter().any(|n| reads(n, "release", "related")),
        }
    }
}

/// The theme's strings (`t.<name>`) that the templates `names` (with their macros) can read:
/// `None` when they can read any of them (`t` passed on whole, `t[key]`, the context dumped).
/// A drawn card is known by what it reads, so a string it does not show can change without
/// drawing every release's card again.
pub fn strings<'a>(
    tera: &Tera,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<std::collections::BTreeSet<String>> {
    let mut read = Vec::new();
    for template in names.into_iter().filter_map(|n| tera.templates.get(n)) {
        template_names(template, &mut read);
    }
    let mut strings = std::collections::BTreeSet::new();
    for name in read {
        for field in fields(name, "t") {
            strings.insert(field?.to_string());
        }
    }
    Some(strings)
}

/// Whether the name `name`, as a template writes it (`release.tags.0.name`, `a[b.c]`), can
/// read the field `field` of the value at `root`.
fn reads(name: &str, root: &str, field: &str) -> bool {
    fields(name, root).any(|f| f.is_none_or(|f| f == field))
}

/// The fields of the value at `root` that the name `name` reads, one for each place `root`
/// starts a name in it (at the start, or inside brackets: `t[release.x]`): `Some(field)` for
/// `root.field…`, `None` for the whole value or a part of it by a computed key.
fn fields<'a>(name: &'a str, root: &'a str) -> impl Iterator<Item = Option<&'a str>> + 'a {
    let everything = (name == "__tera_context").then_some(None);
    let places = name.match_indices(root).filter_map(move |(at, _)| {
        // Not a field of another value: `t.release` (a string of the theme) is not `release`.
        let starts = name[..at].chars().next_back().is_none_or(|c| !is_name_char(c) && c != '.');
        let rest = &name[at + root.len()..];
        if !starts {
            return None;
        }
        match rest.chars().next() {
            // The whole value, or a part of it by a computed key.
            None | Some('[' | ']') => Some(None),
            Some('.') => {
                let part = &rest[1..];
                let end = part.find(['.', '[', ']']).unwrap_or(part.len());
                Some(Some(&part[..end]))
            }
            // A longer name: `releases`.
            Some(_) => None,
        }
    });
    everything.into_iter().chain(places)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every name a template's expressions hold, its macros' included.
fn template_names<'a>(template: &'a tera::Template, names: &mut Vec<&'a str>) {
    nodes(&template.ast, names);
    for m in template.macros.values() {
        for default in m.args.values().flatten() {
            expr(default, names);
        }
        nodes(&m.body, names);
    }
}

fn nodes<'a>(nodes: &'a [Node], names: &mut Vec<&'a str>) {
    for n in nodes {
        node(n, names);
    }
}

fn node<'a>(n: &'a Node, names: &mut Vec<&'a str>) {
    match n {
        Node::VariableBlock(_, e) => expr(e, names),
        Node::MacroDefinition(_, m, _) => {
            for default in m.args.values().flatten() {
                expr(default, names);
            }
            nodes(&m.body, names);
        }
        Node::Set(_, set) => expr(&set.value, names),
        Node::FilterSection(_, section, _) => {
            call(&section.filter, names);
            nodes(&section.body, names);
        }
        Node::Block(_, block, _) => nodes(&block.body, names),
        Node::Forloop(_, for_loop, _) => {
            expr(&for_loop.container, names);
            nodes(&for_loop.body, names);
            if let Some(empty) = &for_loop.empty_body {
                nodes(empty, names);
            }
        }
        Node::If(i, _) => {
            for (_, condition, body) in &i.conditions {
                expr(condition, names);
                nodes(body, names);
            }
            if let Some((_, body)) = &i.otherwise {
                nodes(body, names);
            }
        }
        // No expression in them. Listed one by one, so that a kind of node a newer Tera adds
        // is a compile error here, not a name missed.
        Node::Super
        | Node::Text(_)
        | Node::Extends(..)
        | Node::Include(..)
        | Node::ImportMacro(..)
        | Node::Raw(..)
        | Node::Break(_)
        | Node::Continue(_)
        | Node::Comment(..) => {}
    }
}

fn expr<'a>(e: &'a Expr, names: &mut Vec<&'a str>) {
    value(&e.val, names);
    for filter in &e.filters {
        call(filter, names);
    }
}

fn call<'a>(f: &'a FunctionCall, names: &mut Vec<&'a str>) {
    for arg in f.args.values() {
        expr(arg, names);
    }
}

fn value<'a>(v: &'a ExprVal, names: &mut Vec<&'a str>) {
    match v {
        ExprVal::Ident(name) => names.push(name),
        ExprVal::Math(m) => {
            expr(&m.lhs, names);
            expr(&m.rhs, names);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, names);
            expr(&l.rhs, names);
        }
        ExprVal::Test(test) => {
            names.push(&test.ident);
            for arg in &test.args {
                expr(arg, names);
            }
        }
        ExprVal::MacroCall(m) => {
            for arg in m.args.values() {
                expr(arg, names);
            }
        }
        ExprVal::FunctionCall(f) => call(f, names),
        ExprVal::Array(items) => {
            for item in items {
                expr(item, names);
            }
        }
        ExprVal::StringConcat(concat) => {
            for part in &concat.values {
                value(part, names);
            }
        }
        ExprVal::In(i) => {
            expr(&i.lhs, names);
            expr(&i.rhs, names);
        }
        ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(templates: &[(&str, &str)]) -> Reads {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).expect("the templates parse");
        Reads::of(&tera)
    }

    fn one(template: &str) -> Reads {
        of(&[("t.html", template)])
    }

    const NONE: Reads = Reads { listing_items: false, release_related: false };

    fn strings(templates: &[(&str, &str)], of: &[&str]) -> Option<Vec<String>> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).expect("the templates parse");
        super::strings(&tera, of.iter().copied()).map(|s| s.into_iter().collect())
    }

    #[test]
    fn the_strings_a_template_reads_are_its_t_fields() {
        let card = "{{ t.share }}{% if card.kind %}{{ t.card_kind | upper }}{% endif %}\
                    {{ card.t.other }}{{ title }}{{ titles.x }}{{ x[t.by_key] }}";
        let macros = "{% macro m(a=1) %}{{ t.macro_body }}{% endmacro %}";
        let templates = [("card.svg", card), ("m.svg", macros)];
        let read = strings(&templates, &["card.svg", "m.svg"]).expect("known");
        assert_eq!(read, ["by_key", "card_kind", "macro_body", "share"]);
        // Only the templates asked about.
        let two = [("card.svg", "{{ t.a }}"), ("page.html", "{{ t.b }}")];
        assert_eq!(strings(&two, &["card.svg"]), Some(vec!["a".to_string()]));
        assert_eq!(strings(&two, &["card.svg", "page.html", "none.svg"]).map(|s| s.len()), Some(2));
    }

    #[test]
    fn a_template_that_can_read_any_string_reads_them_all() {
        for template in [
            "{{ t[name] }}",
            "{% set s = t %}{{ s.share }}",
            "{{ t | json_encode }}",
            "{% import \"m.svg\" as m %}{{ m::x(s=t) }}",
            "{{ __tera_context }}",
            "{% for k, v in t %}{{ v }}{% endfor %}",
        ] {
            let templates = [("card.svg", template), ("m.svg", "{% macro x(s) %}{% endmacro %}")];
            assert_eq!(strings(&templates, &["card.svg"]), None, "{template}");
        }
    }

    #[test]
    fn the_built_in_theme_reads_neither() {
        let files = crate::load::embedded_theme();
        let templates: Vec<(&str, &str)> =
            files.templates.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        assert_eq!(of(&templates), NONE);
    }

    #[test]
    fn other_names_and_other_fields_are_not_reads() {
        let t = "{{ release.related_cards | length }} {{ t.related }} {{ releases.related }} \
                 {{ t.release }} {{ t.listing }} {{ x.release.related }} \
                 {{ listing.cards }} {{ corrections.items }} {{ x.listing.title }} \
                 {% if release.title is defined %}{% endif %}";
        assert_eq!(one(t), NONE);
    }

    #[test]
    fn a_field_read_anywhere_is_read() {
        let cases = [
            "{% for i in listing.items %}{{ i.title }}{% endfor %}",
            "{% if release.related %}x{% endif %}",
            "{{ listing.items.0.title }}",
            "{{ listing.items | length }}",
            "{% if release.related is defined %}{% endif %}",
            "{% set n = release.related | length %}",
            "{{ 1 + listing.items | length }}",
            "{% if x and release.related %}{% endif %}",
            "{% if a in listing.items %}{% endif %}",
            "{{ 'a' ~ listing.items }}",
            "{{ [listing.items] | length }}",
            "{{ t | get(key=listing.items) }}",
            "{{ t[release.related] }}",
            "{% filter upper %}{{ listing.items }}{% endfilter %}",
            "{% block b %}{% for i in x %}{% else %}{{ release.related }}{% endfor %}{% endblock %}",
            "{% macro m(a=\"x\") %}{{ a }}{{ listing.items }}{% endmacro %}",
            "{% macro m(a) %}{{ release.related }}{% endmacro %}",
            "{{ listing[\"items\"] }}",
            "{{ release[k] }}",
        ];
        for case in cases {
            let reads = one(case);
            assert!(reads.listing_items || reads.release_related, "missed a read in {case}");
        }
    }

    #[test]
    fn a_view_passed_on_whole_or_a_dumped_context_reads_everything() {
        for case in [
            "{% set l = listing %}{% set r = release %}",
            "{{ listing | json_encode }}{{ release | json_encode }}",
            "{% import \"m.html\" as m %}{{ m::f(l=listing, r=release) }}",
            "{{ __tera_context }}",
        ] {
            let templates = [("m.html", "{% macro f(l, r) %}{% endmacro %}"), ("t.html", case)];
            assert_eq!(of(&templates), Reads::ALL, "{case}");
        }
    }
}
