//! The template engine as warta builds it: Tera from `vendor/tera`, patched to look names up and
//! write text without allocating (see `vendor/tera/WARTA.md`). What a template prints must be
//! what upstream Tera prints: names with escapes in them, nested and indexed look-ups, escaping,
//! loops and macros.

use tera::{Context, Tera};

fn render(template: &str, context: &serde_json::Value) -> String {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_template("t.html", template).expect("the template parses");
    let context = Context::from_value(context.clone()).expect("an object");
    tera.render("t.html", &context).expect("the template renders")
}

#[test]
fn a_key_with_a_slash_or_a_tilde_is_found_through_its_escape() {
    // `a["x/y"]` becomes the pointer `a.x~1y`, which the look-up turns back into "x/y".
    let data = serde_json::json!({
        "a": {"x/y": "slash", "x~y": "tilde", "plain": "p"},
        "x/y": {"z": "root with a slash"},
    });
    assert_eq!(render(r#"{{ a["x/y"] }}|{{ a["x~y"] }}|{{ a.plain }}"#, &data), "slash|tilde|p");
}

#[test]
fn nested_and_indexed_names_and_loop_variables_are_found() {
    let data = serde_json::json!({
        "release": {"title": "Rapat", "unit": {"name": "Humas"}, "tags": [{"name": "a"}, {"name": "b"}]},
    });
    let out = render(
        "{{ release.unit.name }} {{ release.tags.1.name }} \
         {% for t in release.tags %}{{ loop.index }}{{ t.name }}{% endfor %} \
         {% if release.missing %}x{% else %}none{% endif %}",
        &data,
    );
    assert_eq!(out, "Humas b 1a2b none");
}

#[test]
fn printed_text_and_values_are_escaped_as_before() {
    let data = serde_json::json!({"s": "<b> & \"q\" é", "n": 7, "f": 1.5, "yes": true});
    let out = render("é {{ s }} {{ s | safe }} {{ n }} {{ f }} {{ yes }} {{ s | upper }}", &data);
    assert_eq!(
        out,
        "é &lt;b&gt; &amp; &quot;q&quot; é <b> & \"q\" é 7 1.5 true &lt;B&gt; &amp; &quot;Q&quot; É"
    );
}

#[test]
fn a_missing_name_is_still_an_error_naming_it() {
    let mut tera = Tera::default();
    tera.add_raw_template("t.html", "{{ release.nothing.here }}").expect("parses");
    let context = Context::from_value(serde_json::json!({"release": {}})).expect("an object");
    let e = tera.render("t.html", &context).expect_err("a missing name");
    let chain = std::iter::successors(Some(&e as &dyn std::error::Error), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
    assert!(chain.contains("release.nothing.here"), "{chain}");
}
