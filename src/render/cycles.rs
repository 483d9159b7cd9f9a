//! Templates that include, extend or import each other in a circle. Tera follows such a circle
//! until the stack overflows and the whole process aborts, with no message a theme's author can
//! act on; so the names each template refers to are read before Tera sees them, and a circle is
//! an error that names its templates in order.

use crate::fingerprint::{Fp, Hasher};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The templates each template names in `{% include %}`, `{% extends %}` and `{% import %}`
/// (comments and `{% raw %}` blocks left out).
fn references(text: &str) -> Vec<String> {
    static IGNORED: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    static NAME: OnceLock<Regex> = OnceLock::new();
    let ignored = IGNORED.get_or_init(|| {
        Regex::new(r"(?s)\{#.*?#\}|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}")
            .expect("a valid pattern")
    });
    let tag = TAG.get_or_init(|| {
        Regex::new(r"(?s)\{%-?\s*(?:include|extends|import)\s+(.*?)-?%\}").expect("a valid pattern")
    });
    let name = NAME
        .get_or_init(|| Regex::new(r#""([^"]*)"|'([^']*)'|`([^`]*)`"#).expect("a valid pattern"));
    let text = ignored.replace_all(text, "");
    let mut out = Vec::new();
    for args in tag.captures_iter(&text).filter_map(|c| c.get(1)) {
        // `import "macros.html" as m` names one template; `include ["a", "b"]` may name several.
        let args = args.as_str().split(" as ").next().unwrap_or_default();
        for c in name.captures_iter(args) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) {
                out.push(m.as_str().to_string());
            }
        }
    }
    out
}

/// For each template, the fingerprint of its text and of every template it reaches through
/// `include`, `extends` and `import`: what rendering it can read of the theme. A page is
/// rendered again when this changes, and only then, as far as the theme goes.
pub fn closures(templates: &BTreeMap<String, &str>) -> BTreeMap<String, Fp> {
    let graph = graph(templates);
    graph
        .keys()
        .map(|&name| {
            let mut h = Hasher::new();
            for n in reach(&graph, name) {
                h.add(n).add(templates[n]);
            }
            (name.to_string(), h.finish128())
        })
        .collect()
}

/// The templates rendering `name` can reach through `include`, `extends` and `import`, itself
/// included; none when the theme has no template of that name.
pub fn closure<'a>(templates: &'a BTreeMap<String, &str>, name: &str) -> BTreeSet<&'a str> {
    let graph = graph(templates);
    match graph.get_key_value(name) {
        Some((&name, _)) => reach(&graph, name),
        None => BTreeSet::new(),
    }
}

/// Each template's name, with the names it refers to.
fn graph<'a>(templates: &'a BTreeMap<String, &str>) -> BTreeMap<&'a str, Vec<String>> {
    templates.iter().map(|(n, t)| (n.as_str(), references(t))).collect()
}

fn reach<'a>(graph: &BTreeMap<&'a str, Vec<String>>, name: &'a str) -> BTreeSet<&'a str> {
    let mut reached: BTreeSet<&str> = BTreeSet::from([name]);
    let mut todo = vec![name];
    while let Some(n) = todo.pop() {
        for next in graph.get(n).into_iter().flatten() {
            if let Some((&next, _)) = graph.get_key_value(next.as_str()) {
                if reached.insert(next) {
                    todo.push(next);
                }
            }
        }
    }
    reached
}

/// The first circle of templates found, as names in the order they refer to each other, the
/// first repeated at the end (`["a.html", "b.html", "a.html"]`); templates are visited in name
/// order, so the answer is the same on every run.
pub fn find_cycle(templates: &BTreeMap<String, &str>) -> Option<Vec<String>> {
    let graph = graph(templates);
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state: BTreeMap<&str, State> = graph.keys().map(|&n| (n, State::New)).collect();
    for &start in graph.keys() {
        if state[start] != State::New {
            continue;
        }
        // Depth first without recursion: a chain of thousands of templates cannot overflow.
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        state.insert(start, State::Open);
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            top.1 += 1;
            let Some(target) = graph[node].get(next) else {
                state.insert(node, State::Done);
                stack.pop();
                continue;
            };
            // A name no template has is Tera's error to report, not a circle.
            let Some((&target, &s)) = state.get_key_value(target.as_str()) else { continue };
            match s {
                State::Open => {
                    let from = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|&(n, _)| n.to_string()).collect();
                    cycle.push(target.to_string());
                    return Some(cycle);
                }
                State::New => {
                    state.insert(target, State::Open);
                    stack.push((target, 0));
                }
                State::Done => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle(templates: &[(&str, &str)]) -> Option<Vec<String>> {
        let map = templates.iter().map(|(n, t)| (n.to_string(), *t)).collect();
        find_cycle(&map)
    }

    #[test]
    fn a_closure_is_what_a_template_reaches() {
        let map: BTreeMap<String, &str> = [
            ("card.svg", "{% include \"a.svg\" %}{% import \"m.svg\" as m %}"),
            ("a.svg", "{% include [\"b.svg\", \"gone.svg\"] %}"),
            ("b.svg", "b"),
            ("m.svg", "{% macro x() %}{% endmacro %}"),
            ("page.html", "{% include \"card.svg\" %}"),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), t))
        .collect();
        let names = |n| closure(&map, n).into_iter().collect::<Vec<_>>();
        assert_eq!(names("card.svg"), ["a.svg", "b.svg", "card.svg", "m.svg"]);
        assert_eq!(names("b.svg"), ["b.svg"]);
        assert!(names("none.svg").is_empty());
    }

    #[test]
    fn circles_of_one_two_and_three_templates() {
        assert_eq!(
            cycle(&[("a.html", "{% include \"a.html\" %}")]),
            Some(vec!["a.html".into(), "a.html".into()])
        );
        let two = cycle(&[
            ("a.html", "{%- extends 'b.html' -%}"),
            ("b.html", "{% include \"a.html\" %}"),
        ]);
        assert_eq!(two, Some(vec!["a.html".into(), "b.html".into(), "a.html".into()]));
        let three = cycle(&[
            ("a.html", "x"),
            ("b.html", "{% import \"c.html\" as m %}"),
            ("c.html", "{% include [\"missing.html\", \"d.html\"] ignore missing %}"),
            ("d.html", "{% include `b.html` %}"),
        ]);
        assert_eq!(
            three,
            Some(vec!["b.html".into(), "c.html".into(), "d.html".into(), "b.html".into()])
        );
    }

    #[test]
    fn no_circle_in_a_theme_and_its_overrides() {
        let ok = cycle(&[
            (
                "base.html",
                "{% include \"partials/header.html\" %}{# {% include \"base.html\" %} #}",
            ),
            ("partials/header.html", "{% raw %}{% include \"base.html\" %}{% endraw %}"),
            ("release.html", "{% extends \"theme/release.html\" %}"),
            ("theme/release.html", "{% extends \"base.html\" %}{% import \"macros.html\" as m %}"),
            ("macros.html", "{% macro a() %}{% endmacro %}"),
        ]);
        assert_eq!(ok, None);
    }
}
