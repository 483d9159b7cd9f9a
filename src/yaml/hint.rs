//! Why a YAML text did not parse, in a PR officer's words. The parser says where it gave up
//! ("mapping values are not allowed in this context", often one line late); this module reads
//! the lines up to there, finds the mistake people really make (an unquoted `: ` in a title, a
//! tab, a missing colon, an unclosed list) and says how to fix it, with the fixed line.

use std::collections::HashSet;

/// A mistake found in the text: 1-based line, the field's dotted path, the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub line: usize,
    pub field: Option<String>,
    pub message: String,
}

/// The first known mistake at or before `error_line` (1-based, where the parser gave up), if
/// any. `known` are the top-level field names, to guess a field from a line without a colon.
pub fn explain(text: &str, error_line: usize, known: &[&str]) -> Option<Hint> {
    let lines: Vec<&str> = text.lines().collect();
    let anchor_set = std::cell::OnceCell::new();
    let last = error_line.min(lines.len());
    let mut block: Option<usize> = None; // indentation of the key of a `|` or `>` block
    let mut previous_indent: Option<usize> = None;
    // The first field (its line and indentation), and the field on the line before, if that
    // line was one with its value on it: what a stray indentation is measured against.
    let mut first: Option<(usize, usize, &str)> = None;
    let mut above: Option<(usize, &str)> = None;
    for (i, raw) in lines.iter().enumerate().take(last) {
        let content = raw.trim_start_matches([' ', '\t']);
        let leading = &raw[..raw.len() - content.len()];
        let indent = leading.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(b) = block {
            if raw.len() - raw.trim_start_matches(' ').len() > b {
                continue;
            }
            block = None;
        }
        if i == 0 && (content == "---" || content == "...") {
            continue;
        }
        let at = |message: String, key: Option<&str>| Hint {
            line: i + 1,
            field: key.map(|k| path_of(&lines, i, indent, k)),
            message,
        };
        if let Some(item) = dash_without_space(content) {
            if let Some(key) = list_key(&lines, i, indent) {
                let message = format!(
                    "{content:?} needs a space after the dash to be an item of the list: - {item}"
                );
                let field = Some(path_of(&lines, key.0, key.1, key.2));
                return Some(Hint { line: i + 1, field, message });
            }
        }
        let (item_indent, content) = match content.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest.trim_start()),
            None => (indent, content),
        };
        let pair = split_pair(content);
        if leading.contains('\t') {
            return Some(at(
                "a tab is used for indentation; YAML needs spaces: replace the tab with two spaces"
                    .to_string(),
                None,
            ))
            .map(|h| Hint { field: pair.map(|(k, _)| k.to_string()), ..h });
        }
        // A field's line, not a list item's.
        let field = pair.filter(|_| item_indent == indent);
        if let Some((key, _)) = field {
            if let Some((line, at, key, message)) = stray_indent((i, indent, key), first, above) {
                let field = Some(path_of(&lines, line, at, key));
                return Some(Hint { line: line + 1, field, message });
            }
        }
        first = first.or(field.map(|(key, _)| (i, indent, key)));
        above = field.filter(|(_, value)| whole_value(value)).map(|(key, _)| (indent, key));
        match pair {
            Some((key, value)) => {
                let anchors = || anchor_set.get_or_init(|| anchor_names(&lines));
                if let Some(message) = value_problem(&lines, anchors, i, item_indent, key, value) {
                    return Some(at(message, Some(key)));
                }
                if value.starts_with('|') || value.starts_with('>') {
                    block = Some(indent);
                }
            }
            None if item_indent == indent && previous_indent.is_none_or(|p| indent <= p) => {
                if let Some((message, key)) = missing_colon(content, indent, known) {
                    return Some(at(message, key.as_deref()));
                }
            }
            None => {}
        }
        previous_indent = Some(indent);
    }
    None
}

/// A field typed with spaces before it that it should not have, as pasted from a chat or a
/// document: the first field indented and a later one not (`  title: …` then `date: …`), or a
/// field indented under one that has its value on its line (`title: …` then `  date: …`, which
/// YAML reads as more of the title). The line to fix (0-based), the indentation it should have,
/// its key, and what to do.
fn stray_indent<'a>(
    (i, indent, key): (usize, usize, &'a str),
    first: Option<(usize, usize, &'a str)>,
    above: Option<(usize, &'a str)>,
) -> Option<(usize, usize, &'a str, String)> {
    if let Some((line, first_indent, first_key)) = first.filter(|f| indent < f.1) {
        let (below, fix) = match indent {
            0 => ("at the beginning of the line".to_string(), "the spaces".to_string()),
            n => (format!("after {n}"), format!("{} spaces", first_indent - n)),
        };
        let message = format!(
            "{first_key}: starts after {first_indent} spaces, and {key}: below it {below}; the \
             fields must line up: remove {fix} before {first_key}:"
        );
        return Some((line, indent, first_key, message));
    }
    let (above_indent, above_key) = above.filter(|a| indent > a.0)?;
    let message = format!(
        "{key}: is indented under {above_key}:, which has its value on its line, so it reads \
         as more of that value; start {key}: where {above_key}: starts{}",
        if above_indent == 0 { " (at the beginning of the line)" } else { "" }
    );
    Some((i, above_indent, key, message))
}

/// Whether a field's value, as typed on its line, is the whole of it: not empty (a map or a
/// list under it follows), not a `|` or `>` block, no list, map or quotes left open.
fn whole_value(value: &str) -> bool {
    let value = strip_comment(value).trim();
    let open_quote = ['"', '\'']
        .iter()
        .any(|&q| value.starts_with(q) && (value.len() < 2 || !value.ends_with(q)));
    !value.is_empty() && !open_quote && !value.starts_with(['|', '>', '[', '{', '&', '!'])
}

/// A value YAML reads as something other than the text on its line, silently: the build would
/// go on with part of it, or none. Typed with a `#` first (`theme_color: #0a5c36`,
/// `hashtags: #KemenagBali`), YAML reads the `#` after a space as the start of a comment, so
/// the field is empty; with a hashtag after the text (`title: Apel Pagi #HariSantri2023`) the
/// hashtag is cut off. A `#` is taken for a comment only when a letter or digit follows it
/// (`# a note` is one, as `warta init` writes them). Typed with `!` first (`title: !Penting
/// Rapat`), the first word is read as a type tag and left out; with a list in brackets first
/// (`title: [FOTO] Kunjungan Kerja`), the title is a list. Lines of `|` and `>` blocks are text.
/// A title typed with `&` first (`&Kemenag Bali Gelar Rapat`) loses its first word too, as the
/// name of an anchor: that is found when no alias (`*Kemenag`) anywhere in the text uses it.
pub fn misread(text: &str) -> Option<Hint> {
    if !text.contains(['#', '!', '[', '{', '&']) {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut block: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let content = raw.trim_start_matches(' ');
        let indent = raw.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(b) = block {
            if indent > b {
                continue;
            }
            block = None;
        }
        // A list's item is named by its list's key, looked for (upwards, past the other items)
        // only once something is found: a long list of aliases must not cost its square.
        let item = content.strip_prefix("- ").map(str::trim);
        let (key, value) = match item {
            Some(value) => ("", value),
            None => match split_pair(content) {
                Some((key, _)) => {
                    let value = content[content.find(':').map_or(0, |c| c + 1)..].trim();
                    if value.starts_with(['|', '>']) {
                        block = Some(indent);
                    }
                    (key, value)
                }
                None => continue,
            },
        };
        let name = key.rsplit('.').next().unwrap_or(key);
        let message = hashed_flow_list(name, value)
            .or_else(|| hash_first(name, value, item.is_some()))
            .or_else(|| hashtag_after(name, value, item.is_some()))
            .or_else(|| indicator_first(name, value, item.is_some()))
            .or_else(|| anchor_first(text, &lines[i + 1..], indent, name, value, item.is_some()));
        let Some(message) = message else { continue };
        let field = match item {
            Some(_) => list_key(&lines, i, indent).map(|(k, l, key)| path_of(&lines, k, l, key)),
            None => Some(path_of(&lines, i, indent, key)),
        };
        return Some(Hint { line: i + 1, field, message });
    }
    None
}

/// The line that writes `value` as the text it is: `name: "…"`, or `- "…"` for a list's item.
fn fixed_line(name: &str, value: &str, item: bool) -> String {
    match item {
        true => format!("- {}", quoted(value)),
        false => format!("{name}: {}", quoted(value)),
    }
}

/// `theme_color: #0a5c36`, `hashtags: #KemenagBali #Bali`: the whole value read as a comment.
fn hash_first(name: &str, value: &str, item: bool) -> Option<String> {
    let word = value.strip_prefix('#')?;
    if !word.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let fixed = if matches!(name, "tags" | "hashtags") && !item {
        format!("{name}: [{}]", hashtag_words(value).join(", "))
    } else {
        fixed_line(name, value, item)
    };
    Some(format!(
        "{value:?} starts with '#', which YAML reads as the start of a comment, so this is \
         empty; write {fixed}"
    ))
}

/// The words of hashtags typed one after another, `#KemenagBali #Bali`, without their `#`.
fn hashtag_words(value: &str) -> Vec<&str> {
    value.split([' ', ',']).map(|w| w.trim_start_matches('#')).filter(|w| !w.is_empty()).collect()
}

/// `title: Apel Pagi #HariSantri2023`: the hashtag, and all after it, read as a comment and cut
/// off. Not for a value without a letter, or a yes or no (`draft: true #lihat`, `date:
/// 2023-05-15 #jadwal`): the `#` there is a note on it, and quotes would make it text.
fn hashtag_after(name: &str, value: &str, item: bool) -> Option<String> {
    if value.starts_with(['"', '\'', '[', '{', '|', '>', '#']) {
        return None;
    }
    let at = value
        .match_indices(" #")
        .map(|(j, _)| j)
        .find(|&j| value[j + 2..].chars().next().is_some_and(char::is_alphanumeric))?;
    let kept = value[..at].trim_end();
    if !kept.contains(char::is_alphabetic) || matches!(kept, "true" | "false") {
        return None;
    }
    let cut = &value[at + 1..];
    let fixed = if matches!(name, "tags" | "hashtags") && !item {
        format!("{name}: [{}]", hashtag_words(value).join(", "))
    } else {
        fixed_line(name, value, item)
    };
    Some(format!(
        "YAML reads `{cut}` as a comment, since one starts at ' #', so this would be only \
         {kept:?}; to keep all of it, write {fixed}"
    ))
}

/// A value whose first character YAML keeps for itself, when what it makes of it is not what
/// the line shows: `!Penting Rapat` (a type tag, left out), `[FOTO] Kunjungan Kerja` (a list,
/// then more). Tags YAML knows (`!!str`) and lists or maps of their own are left alone.
fn indicator_first(name: &str, value: &str, item: bool) -> Option<String> {
    let first = value.chars().next()?;
    let word = || value[1..].split([' ', '\t']).next().unwrap_or_default();
    let what = match first {
        '!' if value[1..].starts_with(char::is_alphanumeric) => {
            format!("a type tag, and leaves `!{}` out of it", word())
        }
        '!' if value[1..].starts_with([' ', '\t']) => {
            "a type tag, and leaves `!` out of it".to_string()
        }
        '[' | '{' => {
            let close = after_flow(value)?;
            let rest = value[close..].trim();
            if rest.is_empty() || rest.starts_with('#') {
                return None;
            }
            let kind = if first == '[' { "a list" } else { "fields in braces" };
            format!("{kind} up to `{}`, with more after it", &value[..close])
        }
        _ => return None,
    };
    Some(format!(
        "{value:?} starts with '{first}', which YAML reads as {what}; to keep it as it is, \
         write {}",
        fixed_line(name, value, item)
    ))
}

/// `title: &Kemenag Bali Gelar Rapat`: YAML reads `&Kemenag` as the name of an anchor, given
/// to the value so an alias (`*Kemenag`) can repeat it, and leaves it out of the title. Where
/// the text has no such alias, the `&` was the writer's. `& Rapat`, an anchor without a name,
/// does not parse at all. An anchor alone on its line names the block below it, when there is
/// one: YAML as it is meant.
fn anchor_first(
    text: &str,
    below: &[&str],
    indent: usize,
    name: &str,
    value: &str,
    item: bool,
) -> Option<String> {
    let rest = value.strip_prefix('&')?;
    let anchor = rest.split([' ', '\t', ',', '[', ']', '{', '}']).next().unwrap_or_default();
    let after = rest[anchor.len()..].trim_start();
    if !anchor.is_empty() {
        if text.contains(&format!("*{anchor}")) {
            return None;
        }
        let nested = || {
            below
                .iter()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .is_some_and(|l| l.len() - l.trim_start_matches(' ').len() > indent)
        };
        if after.starts_with(['[', '{', '|', '>', '"', '\'', '#', '*'])
            || (after.is_empty() && nested())
        {
            return None;
        }
    }
    let what = match (anchor.is_empty(), after.is_empty()) {
        (true, _) => "the start of a name given to the value (`&name`), and a name must follow it"
            .to_string(),
        (false, true) => {
            format!("the name `{anchor}` given to the value, and leaves nothing of it")
        }
        (false, false) => format!("a name given to the value, and leaves `&{anchor}` out of it"),
    };
    Some(format!(
        "{value:?} starts with '&', which YAML reads as {what}; to keep it as it is, write {}",
        fixed_line(name, value, item)
    ))
}

/// Where a list or map in brackets that closes on its line ends (after its closing bracket:
/// `[FOTO] Kunjungan` gives 6); `None` when it does not close there.
fn after_flow(value: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (j, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// A list in brackets with an item typed as a hashtag, `tags: [#haji, #umroh]`: YAML reads
/// ` #umroh]` as a comment (the list is then not closed) and `#haji` as nothing it knows.
fn hashed_flow_list(name: &str, value: &str) -> Option<String> {
    let items = value.strip_prefix('[')?;
    let items = items.split(']').next().unwrap_or(items);
    let words: Vec<&str> = items.split(',').map(str::trim).filter(|w| !w.is_empty()).collect();
    let hashed = |w: &&str| {
        w.strip_prefix('#').and_then(|w| w.chars().next()).is_some_and(char::is_alphanumeric)
    };
    if !words.iter().any(hashed) {
        return None;
    }
    let fixed: Vec<String> = if matches!(name, "tags" | "hashtags") {
        words.iter().map(|w| w.trim_start_matches('#').to_string()).collect()
    } else {
        words.iter().map(|w| quoted(w)).collect()
    };
    Some(format!(
        "an item starts with '#', which YAML reads as the start of a comment; write {name}: [{}]",
        fixed.join(", ")
    ))
}

/// `key: value` (or `key:` alone), for a plain key; `None` for anything else.
fn split_pair(content: &str) -> Option<(&str, &str)> {
    if content.starts_with(['"', '\'', '[', '{', '|', '>', '-', '&', '*', '!', '?']) {
        return None;
    }
    let bytes = content.as_bytes();
    let colon = (0..bytes.len()).find(|&j| {
        bytes[j] == b':' && bytes.get(j + 1).is_none_or(|b| *b == b' ' || *b == b'\t')
    })?;
    Some((content[..colon].trim_end(), strip_comment(content[colon + 1..].trim())))
}

/// A plain value without its trailing `# comment`.
fn strip_comment(value: &str) -> &str {
    if value.starts_with('#') {
        return "";
    }
    match value.find(" #") {
        Some(j) if !value.starts_with(['"', '\'']) => value[..j].trim_end(),
        _ => value,
    }
}

/// What is wrong with a value written on its key's line.
fn value_problem<'a>(
    lines: &[&str],
    anchors: impl FnOnce() -> &'a HashSet<String>,
    i: usize,
    indent: usize,
    key: &str,
    value: &str,
) -> Option<String> {
    if value.starts_with('[') && !value.contains(']') && !continues(lines, i, indent) {
        return Some(format!(
            "the list is not closed; end it with ']' on the same line: {key}: {value}]"
        ));
    }
    if let Some(message) = unclosed_quote_in_list(key, value) {
        return Some(message);
    }
    if let Some(message) = unknown_escape(key, value) {
        return Some(message);
    }
    if let Some(message) = unclosed_quote(lines, i, indent, key, value) {
        return Some(message);
    }
    if let Some(message) = quotes_end_early(key, value) {
        return Some(message);
    }
    if let Some(message) = reserved_first(anchors, key, value) {
        return Some(message);
    }
    if value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    if value.contains(": ") || value.ends_with(':') {
        let name = key.rsplit('.').next().unwrap_or(key);
        // `title: “Rapat: Evaluasi”`: quoted, as the writer typed it, in quotes Word made curly,
        // which YAML does not read as quotes. The line to write has them straight.
        let curly = [('“', '”'), ('‘', '’')].iter().find_map(|&(open, close)| {
            let inner = value.strip_prefix(open)?.strip_suffix(close)?;
            (!inner.contains([open, close])).then_some(inner)
        });
        if let Some(inner) = curly {
            return Some(format!(
                "has ': ' in it, and the quotes around it are curly ones, as Word makes them, \
                 which YAML does not read as quotes; type them straight: {name}: {}",
                quoted(inner)
            ));
        }
        return Some(format!(
            "has ': ' in it; put the {name} in quotes: {name}: {}",
            quoted(value)
        ));
    }
    None
}

/// A value that starts with a character YAML cannot start text with, where it is not the YAML
/// it looks like: `*Penting* Rapat` (bold as WhatsApp writes it, read as a reference to a value
/// named `Penting*`), `@kemenag_bali`, `` `kode` ``, `% kenaikan`, `| Judul` (a block of lines
/// is due below a lone `|`).
fn reserved_first<'a>(
    anchors: impl FnOnce() -> &'a HashSet<String>,
    key: &str,
    value: &str,
) -> Option<String> {
    let first = value.chars().next()?;
    let what = match first {
        '*' => {
            let alias = value[1..].split([' ', ',', ']', '}']).next().unwrap_or_default();
            if !alias.is_empty() && anchors().contains(alias) {
                return None;
            }
            "which YAML reads as a reference to a value named elsewhere (`&name`)"
        }
        '|' | '>' => {
            let header = strip_comment(&value[1..]).trim_end();
            if header.chars().all(|c| matches!(c, '+' | '-' | '1'..='9')) && header.len() <= 2 {
                return None;
            }
            "which YAML reads as the start of a block of lines below it"
        }
        '@' | '`' | '%' => "a sign YAML keeps for its own use, and no text may start with it",
        '?' if value[1..].starts_with(' ') => "which YAML reads as the start of a field's name",
        '-' if value[1..].starts_with([' ', '\t']) => {
            if matches!(key.rsplit('.').next(), Some("tags" | "hashtags")) {
                let name = key.rsplit('.').next().unwrap_or(key);
                let items = value[1..].split(" - ").map(str::trim).collect::<Vec<_>>().join(", ");
                return Some(format!(
                    "{value:?} starts with '-', which YAML reads as an item of a list, and an \
                     item must start a line of its own; write {name}: [{items}]"
                ));
            }
            "which YAML reads as an item of a list, and an item must start a line of its own"
        }
        _ => return None,
    };
    let name = key.rsplit('.').next().unwrap_or(key);
    Some(format!(
        "{value:?} starts with '{first}', {what}; to keep it as it is, write {}",
        fixed_line(name, value, false)
    ))
}

/// The names of the anchors (`&name`) in the lines, for each alias (`*name`) to be looked up
/// in once, not by a search of every line.
fn anchor_names(lines: &[&str]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.match_indices('&').map(move |(j, _)| &l[j + 1..]))
        .map(|rest| rest.split([' ', ',', ']', '}']).next().unwrap_or_default().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// A value in double quotes with a backslash YAML does not read as a code: a path on the
/// writer's computer (`"C:\Users\Humas\IMG_2023.jpg"`, as Explorer's "Copy as path" gives it,
/// quotes and all), whose `\U` YAML takes for the start of a character's number. In double
/// quotes a backslash starts a code (`\n`, `\t`, `\x41`); in single quotes it is a backslash.
fn unknown_escape(key: &str, value: &str) -> Option<String> {
    let body = value.strip_prefix('"')?;
    let mut chars = body.char_indices();
    let bad = loop {
        let (at, c) = chars.next()?;
        match c {
            '"' => return None,
            '\\' => {
                let (_, code) = chars.next()?;
                let digits = match code {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    '0' | 'a' | 'b' | 't' | '\t' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"'
                    | '/' | '\\' | 'N' | '_' | 'L' | 'P' => 0,
                    _ => break at,
                };
                let hex = body[at + 2..].chars().take(digits);
                if hex.clone().count() < digits || !hex.clone().all(|h| h.is_ascii_hexdigit()) {
                    break at;
                }
                chars.by_ref().take(digits).for_each(drop);
            }
            _ => {}
        }
    };
    let name = key.rsplit('.').next().unwrap_or(key);
    let inner = body.split('"').next().unwrap_or(body);
    let code = body[bad..].chars().take(2).collect::<String>();
    if let Some(file) = crate::model::names::on_computer(inner) {
        return Some(format!(
            "\"{inner}\" is where the file is on the writer's computer, which no reader of the \
             site can open: put {file} beside the release, and write only its name: {name}: {file}"
        ));
    }
    Some(format!(
        "in double quotes a backslash starts a code such as \\n, and `{code}` is none; put the \
         {name} in single quotes, where a backslash is a backslash: {name}: '{}'",
        inner.replace('\'', "''")
    ))
}

/// A value in quotes that has more after its closing quote: `"Rapat "Kerja" 2024"`, whose
/// quotes end after `Rapat `, or `'Salat Jum'at Bersama'`. The fix puts the other kind of quotes
/// around it.
/// `title: "Workshop Medsos` with the next field below it: the quote is not closed on its line,
/// and YAML reads on into the next lines until a quote closes it, then stops there (found by
/// helper-32, stop 66: "invalid trailing content after double-quoted scalar" at a line further
/// down, or "unclosed quote", with no field). A quoted value that goes on, indented, on the
/// lines below is YAML as it is meant.
fn unclosed_quote(
    lines: &[&str],
    i: usize,
    indent: usize,
    key: &str,
    value: &str,
) -> Option<String> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let bytes = &value.as_bytes()[1..];
    let mut j = 0;
    while let Some(&b) = bytes.get(j) {
        match (b, quote) {
            (b'\\', '"') => j += 2,
            (b'\'', '\'') if bytes.get(j + 1) == Some(&b'\'') => j += 2,
            (b, q) if b == q as u8 => return None,
            _ => j += 1,
        }
    }
    let below = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
    if below.is_some_and(|l| l.len() - l.trim_start_matches(' ').len() > indent) {
        return None;
    }
    let name = key.rsplit('.').next().unwrap_or(key);
    Some(format!(
        "the quote before the {name} is not closed on its line; end the {name} with {quote}, \
         as it starts: {name}: {}{quote}",
        value.trim_end()
    ))
}

/// `tags: [haji, "umroh]`: an item of a list on one line opens a quote it does not close, and
/// YAML reads on past the `]` to the end of the front matter ("unclosed quote", naming no
/// item). A quote opens an item only at its start: `[Jum'at, haji]` has none.
fn unclosed_quote_in_list(key: &str, value: &str) -> Option<String> {
    let inner = value.strip_prefix('[')?;
    let mut open: Option<(usize, char)> = None;
    let mut at_start = true;
    let mut chars = inner.char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        match open {
            Some((_, '"')) if c == '\\' => {
                chars.next();
            }
            Some((_, q)) if c == q => {
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    open = None;
                }
            }
            Some(_) => {}
            None if c == ',' => at_start = true,
            None if at_start && c.is_whitespace() => {}
            None if at_start && matches!(c, '"' | '\'') => open = Some((j, c)),
            None => at_start = false,
        }
    }
    let (at, quote) = open?;
    let rest = &inner[at + 1..];
    let item = rest[..rest.find([',', ']']).unwrap_or(rest.len())].trim_end();
    let fixed = format!("[{}{rest}", &inner[..at]);
    let fixed = if fixed.contains(']') { fixed } else { format!("{fixed}]") };
    let name = key.rsplit('.').next().unwrap_or(key);
    Some(format!(
        "the quote before {item} is not closed; close it ({quote}{item}{quote}), or leave the \
         quote out: {name}: {fixed}"
    ))
}

fn quotes_end_early(key: &str, value: &str) -> Option<String> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &value[1..];
    let bytes = body.as_bytes();
    let mut j = 0;
    let close = loop {
        match (bytes.get(j), quote) {
            (None, _) => return None,
            (Some(b'\\'), '"') => j += 2,
            (Some(b'\''), '\'') if bytes.get(j + 1) == Some(&b'\'') => j += 2,
            (Some(&b), q) if b == q as u8 => break j,
            _ => j += 1,
        }
    };
    let after = body[close + 1..].trim_start();
    if after.is_empty() || after.starts_with('#') {
        return None;
    }
    let name = key.rsplit('.').next().unwrap_or(key);
    // The quotes around the value, or quotes inside it at its start: `"Rapat "Kerja" 2024"` and
    // `'Salat Jum'at Bersama'` have them around (the first quote inside opens a word, or is an
    // apostrophe); `"Bupati" Hadiri Acara` and `"Sekolah Ramah Anak" di "Badung"` do not (it
    // closes the first words), and all of the line is the text.
    let closes_a_word = body[..close].ends_with(|c: char| !c.is_whitespace())
        && body[close + 1..].starts_with(char::is_whitespace);
    let inner = match value[1..].strip_suffix(quote) {
        Some(inner) if !closes_a_word => inner,
        _ => value,
    };
    let fixed = if quote == '"' {
        format!("'{}'", inner.replace('\'', "''"))
    } else {
        serde_json::to_string(inner).unwrap_or_else(|_| format!("\"{inner}\""))
    };
    Some(format!(
        "the quotes around the {name} close at `{}` and more follows; for quotes inside it, put \
         the other kind around it: {name}: {fixed}",
        &value[..close + 2],
    ))
}

/// The item of a list line typed without the space after its dash (`-umroh`), or `None`.
fn dash_without_space(content: &str) -> Option<&str> {
    let item = content.strip_prefix('-')?;
    let first = item.chars().next()?;
    (!first.is_whitespace() && first != '-' && !first.is_ascii_digit()).then_some(item)
}

/// When line `i` (at `indent`) follows the items of a list, the line, indentation and key of
/// the list (`tags:` above `- haji`).
fn list_key<'a>(lines: &[&'a str], i: usize, indent: usize) -> Option<(usize, usize, &'a str)> {
    let mut saw_item = false;
    for (k, line) in lines[..i].iter().enumerate().rev() {
        let content = line.trim_start_matches(' ');
        let level = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') || level > indent {
            continue;
        }
        if content.starts_with("- ") && level == indent {
            saw_item = true;
            continue;
        }
        let (key, value) = split_pair(content)?;
        return (value.is_empty() && (saw_item || level < indent)).then_some((k, level, key));
    }
    None
}

/// Whether the lines after line `i` continue its value (they are indented deeper).
fn continues(lines: &[&str], i: usize, indent: usize) -> bool {
    lines[i + 1..]
        .iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.len() - l.trim_start().len() > indent)
}

/// A line that should be `key: value` but has no colon after its first word.
fn missing_colon(content: &str, indent: usize, known: &[&str]) -> Option<(String, Option<String>)> {
    if content.starts_with(['"', '\'', '[', '{', ']', '}', '|', '>', '-', '&', '*', '!', '?']) {
        return None;
    }
    if let Some((key, value)) = content.split_once(':') {
        if !key.is_empty() && !key.contains(' ') && !value.is_empty() {
            let fixed = format!("{key}: {}", value.trim_start());
            return Some((format!("no space after ':'; write `{fixed}`"), Some(key.to_string())));
        }
        return None;
    }
    let (word, rest) = content.split_once([' ', '\t']).unwrap_or((content, ""));
    let guess = if indent == 0 { super::closest(word, known.iter().copied()) } else { None };
    Some(match guess {
        Some(name) => {
            let fixed = format!("{name}: {}", rest.trim());
            (
                format!("no ':' after the field name; write `{}`", fixed.trim_end()),
                Some(name.into()),
            )
        }
        None => ("no ':' after the field name; write each field as `name: value`".into(), None),
    })
}

/// `value` as a YAML quoted scalar that keeps it exactly.
fn quoted(value: &str) -> String {
    if !value.contains(['"', '\\']) {
        format!("\"{value}\"")
    } else if !value.contains('\'') {
        format!("'{value}'")
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("'{}'", value.replace('\'', "''")))
    }
}

/// The dotted path of key `key` on line `i`: the keys of the lines above it that hold it.
fn path_of(lines: &[&str], i: usize, indent: usize, key: &str) -> String {
    let mut parts = vec![key.to_string()];
    let mut limit = indent;
    for line in lines[..i].iter().rev() {
        let content = line.trim_start_matches(' ');
        let level = line.len() - content.len();
        if limit == 0 {
            break;
        }
        if content.is_empty() || content.starts_with('#') || level >= limit {
            continue;
        }
        if let Some((k, _)) = split_pair(content) {
            parts.push(k.to_string());
        }
        limit = level;
    }
    parts.reverse();
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [&str; 4] = ["title", "date", "author", "tags"];

    fn hint(text: &str, line: usize) -> Hint {
        explain(text, line, &KNOWN).unwrap_or_else(|| panic!("no hint for {text:?}"))
    }

    #[test]
    fn colon_in_a_title_shows_the_quoted_line() {
        let h = hint("date: 2023-05-15\ntitle: Rapat Koordinasi: Evaluasi Program\n", 2);
        assert_eq!(h.line, 2);
        assert_eq!(h.field.as_deref(), Some("title"));
        assert_eq!(
            h.message,
            "has ': ' in it; put the title in quotes: title: \"Rapat Koordinasi: Evaluasi Program\""
        );
    }

    /// Found typing front matter in Word (stop 62): the line to write kept Word's curly quotes
    /// inside straight ones, `title: "“Rapat: Evaluasi”"`, and the title had them.
    #[test]
    fn colon_in_a_value_in_curly_quotes_gets_them_straight() {
        let h = hint("title: “Rapat: Evaluasi”\n", 1);
        assert_eq!(
            h.message,
            "has ': ' in it, and the quotes around it are curly ones, as Word makes them, which \
             YAML does not read as quotes; type them straight: title: \"Rapat: Evaluasi\""
        );
        let h = hint("title: ‘Rapat: Evaluasi’\n", 1);
        assert!(h.message.ends_with("title: \"Rapat: Evaluasi\""), "{}", h.message);
        // Curly quotes inside the title, not around it: they are its own.
        let h = hint("title: “Kita Bisa”: Kata Bupati\n", 1);
        assert!(h.message.ends_with("title: \"“Kita Bisa”: Kata Bupati\""), "{}", h.message);
        let h = hint("title: “A”: “B”\n", 1);
        assert!(h.message.ends_with("title: \"“A”: “B”\""), "{}", h.message);
    }

    #[test]
    fn colon_in_a_value_with_double_quotes_uses_single_quotes() {
        let h = hint("title: Rapat \"Besar\": Evaluasi\n", 1);
        assert!(h.message.ends_with("title: 'Rapat \"Besar\": Evaluasi'"), "{}", h.message);
    }

    #[test]
    fn colon_in_a_nested_value_names_its_path() {
        let h = hint("title: A\nunits:\n  kanwil:\n    name: Kantor: Wilayah\n", 4);
        assert_eq!(h.field.as_deref(), Some("units.kanwil.name"));
        assert_eq!(h.message, "has ': ' in it; put the name in quotes: name: \"Kantor: Wilayah\"");
    }

    /// Front matter pasted from a chat or a document with spaces before its lines: until stop
    /// 46, "did not find expected <document start>", and no field named.
    #[test]
    fn a_field_indented_where_it_should_not_be_is_found_at_its_line() {
        let h = hint("---\n  title: Rapat Evaluasi\ndate: 2026-11-30\n", 3);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(
            h.message,
            "title: starts after 2 spaces, and date: below it at the beginning of the line; the \
             fields must line up: remove the spaces before title:"
        );
        let h = hint("    title: Rapat\n  date: 2026-11-30\n", 2);
        assert!(h
            .message
            .ends_with("after 2; the fields must line up: remove 2 spaces before title:"));
        let h = hint("title: Rapat Evaluasi\n  date: 2026-11-30\nauthor: sn\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("date")));
        assert_eq!(
            h.message,
            "date: is indented under title:, which has its value on its line, so it reads as \
             more of that value; start date: where title: starts (at the beginning of the line)"
        );
        let h = hint("social:\n  x: Teks\n    facebook: Teks\n", 3);
        assert_eq!(h.field.as_deref(), Some("social.facebook"), "{h:?}");
        assert!(h.message.ends_with("start facebook: where x: starts"), "{}", h.message);
        // Under a field without a value, a list, a block or open quotes: indented as it should.
        for text in [
            "social:\n  x: Teks\n",
            "tags:\n  - haji\n  - umroh\ndate: 2026\n",
            "summary: |\n  a: b\n",
            "title: \"Rapat\n  a: b\"\n",
            "summary: Ringkasan\n  berlanjut\ndate: 2026\n",
        ] {
            assert_eq!(explain(text, 9, &KNOWN), None, "{text}");
        }
    }

    #[test]
    fn tab_indentation_is_found_at_its_line() {
        let h = hint("title: a\n\tdate: 2023\nauthor: x\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("date")));
        assert!(h.message.starts_with("a tab is used for indentation"), "{}", h.message);
        let h = hint("title:\n  a: b\n \tc: d\n", 3);
        assert_eq!(h.line, 3);
    }

    #[test]
    fn missing_colon_is_at_its_own_line_with_the_field_guessed() {
        let h = hint("date: 2023\ntitle Workshop Media Sosial\nauthor: sn\n", 3);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(h.message, "no ':' after the field name; write `title: Workshop Media Sosial`");
        let h = hint("date: 2023\nWorkshop media\n", 3);
        assert_eq!((h.line, h.field), (2, None));
        assert!(h.message.starts_with("no ':' after the field name"), "{}", h.message);
    }

    #[test]
    fn missing_space_after_colon() {
        let h = hint("date: 2023\ntitle:Workshop\nauthor: sn\n", 3);
        assert_eq!(h.line, 2);
        assert_eq!(h.message, "no space after ':'; write `title: Workshop`");
    }

    #[test]
    fn a_quote_opened_in_a_list_and_not_closed_is_named_with_the_list_without_it() {
        let h = hint("title: A\ntags: [haji, \"umroh]\nauthor: sn\n", 4);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("tags")));
        assert_eq!(
            h.message,
            "the quote before umroh is not closed; close it (\"umroh\"), or leave the quote out: \
             tags: [haji, umroh]"
        );
        let h = hint("title: A\ntags: ['zakat, haji]\nauthor: sn\n", 4);
        assert!(h.message.ends_with("tags: [zakat, haji]"), "{}", h.message);
        // Quotes closed, an apostrophe inside a word, a quote doubled in single quotes: fine.
        for list in ["[\"haji\", 'umroh']", "[Jum'at, haji]", "['Jum''at', haji]", "[\"a\\\"b\"]"] {
            assert_eq!(unclosed_quote_in_list("tags", list), None, "{list}");
        }
    }

    #[test]
    fn unclosed_list_is_closed_in_the_hint() {
        let h = hint("title: A\ntags: [haji, zakat\nauthor: sn\n", 3);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("tags")));
        assert!(h.message.ends_with("tags: [haji, zakat]"), "{}", h.message);
    }

    #[test]
    fn valid_constructs_before_the_error_are_not_blamed() {
        let text = "summary: |\n  Rapat: evaluasi\n  \ttab after spaces in a block\n\
                    tags: [a,\n  b]\ntitle: Rapat\n  Koordinasi\nlist:\n  - a: b\n  - c\n\
                    # a comment: with colon\nurl: https://x.go.id/a\n";
        assert_eq!(explain(text, 99, &KNOWN), None);
    }

    #[test]
    fn nothing_after_the_error_line_is_blamed() {
        assert_eq!(explain("title: a\nb: c: d\n", 1, &KNOWN), None);
    }

    /// Found typing a title with quotes in it, as offices write the name of an event: the
    /// parser's "invalid trailing content after double-quoted scalar" named no field.
    #[test]
    fn quotes_that_end_early_get_the_other_kind() {
        let h = hint("title: \"Rapat \"Kerja\" 2024\"\ndate: 2024-04-01\n", 1);
        assert_eq!((h.line, h.field.as_deref()), (1, Some("title")));
        assert_eq!(
            h.message,
            "the quotes around the title close at `\"Rapat \"` and more follows; for quotes \
             inside it, put the other kind around it: title: 'Rapat \"Kerja\" 2024'"
        );
        let h = hint("date: 2024\ntitle: 'Salat Jum'at Bersama'\n", 2);
        assert!(h.message.ends_with("title: \"Salat Jum'at Bersama\""), "{}", h.message);
        // Quotes around the first words, not around the title: all of the line is the title.
        // Until stop 62 the line to write lost its first quote ('Bupati" Hadiri Acara').
        for (line, fixed) in [
            ("title: \"Bupati\" Hadiri Acara", "title: '\"Bupati\" Hadiri Acara'"),
            ("title: 'Ngopi' Bareng Media", "title: \"'Ngopi' Bareng Media\""),
            (
                "title: \"Sekolah Ramah Anak\" di \"Badung\"",
                "title: '\"Sekolah Ramah Anak\" di \"Badung\"'",
            ),
        ] {
            let h = hint(&format!("{line}\n"), 1);
            assert!(h.message.ends_with(fixed), "{line}: {}", h.message);
        }
        // Quotes closed where they should be, escaped ones, a comment after: no hint.
        for text in [
            "title: \"Rapat \\\"Kerja\\\"\" # judul\n",
            "title: 'Salat Jum''at'\n",
            "title: \"Rapat\"\n",
        ] {
            assert_eq!(explain(text, 9, &KNOWN), None, "{text}");
        }
    }

    /// Found pasting a photo's path as Windows' "Copy as path" gives it, in double quotes: the
    /// parser said only "did not find expected hexadecimal number" (`\U` of `\Users`).
    #[test]
    fn a_backslash_in_double_quotes_that_starts_no_code_gets_single_quotes_or_the_name() {
        let h = hint("title: Rapat\nimage: \"C:\\Users\\Humas\\IMG_2023.jpg\"\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("image")));
        assert_eq!(
            h.message,
            "\"C:\\Users\\Humas\\IMG_2023.jpg\" is where the file is on the writer's computer, \
             which no reader of the site can open: put IMG_2023.jpg beside the release, and \
             write only its name: image: IMG_2023.jpg"
        );
        let h = hint("title: \"Rapat 1\\2 Hari\"\n", 1);
        assert_eq!(
            h.message,
            "in double quotes a backslash starts a code such as \\n, and `\\2` is none; put the \
             title in single quotes, where a backslash is a backslash: title: 'Rapat 1\\2 Hari'"
        );
        // Codes YAML knows, with their digits: no hint.
        for text in ["title: \"a\\tb \\x41 \\u00e9 \\\\ \\\"\"\n", "title: 'C:\\Users'\n"] {
            assert_eq!(explain(text, 9, &KNOWN), None, "{text}");
        }
        assert!(explain("title: \"\\x4\"\n", 1, &KNOWN).is_some());
    }

    /// Found setting the theme's colour as site.yaml's comment shows it, without the quotes:
    /// the colour was dropped as a comment and the build went on with the default one.
    #[test]
    fn a_value_that_starts_with_a_hash_is_not_taken_for_a_comment() {
        let h = misread("title: A\ntheme_color: #0a5c36\n").expect("a hint");
        assert_eq!((h.line, h.field.as_deref()), (2, Some("theme_color")));
        assert_eq!(
            h.message,
            "\"#0a5c36\" starts with '#', which YAML reads as the start of a comment, so this is \
             empty; write theme_color: \"#0a5c36\""
        );
        let h = misread("units:\n  a:\n    hashtags: #KemenagBali #Bali\n").unwrap();
        assert_eq!((h.line, h.field.as_deref()), (3, Some("units.a.hashtags")));
        assert!(h.message.ends_with("write hashtags: [KemenagBali, Bali]"), "{}", h.message);
        for text in ["title: A\ntags: [#haji, #umroh]\n", "title: A\ntags: [ #haji , umroh ]\n"] {
            let h = misread(text).expect(text);
            assert_eq!((h.line, h.field.as_deref()), (2, Some("tags")), "{text}");
            assert!(h.message.ends_with("write tags: [haji, umroh]"), "{}", h.message);
        }
        let h = misread("title: A\ntags: #haji, #umroh\n").unwrap();
        assert!(h.message.ends_with("write tags: [haji, umroh]"), "{}", h.message);
        let h = misread("title: A\ntags:\n  - haji\n  - #umroh\n").unwrap();
        assert_eq!((h.line, h.field.as_deref()), (4, Some("tags")));
        assert!(h.message.ends_with("write - \"#umroh\""), "{}", h.message);
        // Comments, a block's text, quoted values, a `#` inside a value: none is one.
        for text in [
            "title:        # judul berita\n",
            "# theme_color: \"#0a5c36\"\ntitle: A # 1\n",
            "summary: |\n  Lihat: #1 dan\n  - #dua\ntitle: A\n",
            "theme_color: \"#0a5c36\"\ntags: [\"#haji\"]\n",
            "title: # \n",
        ] {
            assert_eq!(misread(text), None, "{text:?}");
        }
    }

    /// Found typing titles as news sites write them: `Apel Pagi #HariSantri2023` was
    /// published as "Apel Pagi", `!Penting Rapat` as "Rapat", `[FOTO] Kunjungan` was "expected
    /// text", with nothing to write.
    #[test]
    fn a_value_yaml_would_read_as_less_than_its_line_is_an_error_with_the_line_to_write() {
        let h = misread("date: 2023\ntitle: Apel Pagi #HariSantri2023\n").expect("a hint");
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(
            h.message,
            "YAML reads `#HariSantri2023` as a comment, since one starts at ' #', so this would \
             be only \"Apel Pagi\"; to keep all of it, write title: \"Apel Pagi #HariSantri2023\""
        );
        let h = misread("title: A\ntags: haji #umroh\n").unwrap();
        assert!(h.message.ends_with("write tags: [haji, umroh]"), "{}", h.message);
        let h = misread("title: A\ntags:\n  - Hari Santri #2023\n").unwrap();
        assert_eq!((h.line, h.field.as_deref()), (3, Some("tags")));
        assert!(h.message.ends_with("write - \"Hari Santri #2023\""), "{}", h.message);
        let h = misread("title: !Penting Rapat Koordinasi\n").unwrap();
        assert_eq!(
            h.message,
            "\"!Penting Rapat Koordinasi\" starts with '!', which YAML reads as a type tag, and \
             leaves `!Penting` out of it; to keep it as it is, write title: \"!Penting Rapat \
             Koordinasi\""
        );
        // `! Rapat`: the tag with no name, which YAML drops as quietly.
        let h = misread("title: ! Rapat Koordinasi\n").unwrap();
        assert!(h.message.contains("a type tag, and leaves `!` out of it"), "{}", h.message);
        let h = misread("title: [FOTO] Kunjungan Kerja Menteri\n").unwrap();
        assert_eq!(
            h.message,
            "\"[FOTO] Kunjungan Kerja Menteri\" starts with '[', which YAML reads as a list up to \
             `[FOTO]`, with more after it; to keep it as it is, write title: \"[FOTO] Kunjungan \
             Kerja Menteri\""
        );
        let h = misread("units:\n  a:\n    name: {Kantor} Wilayah\n").unwrap();
        assert_eq!(h.field.as_deref(), Some("units.a.name"));
        let h = misread("tags:\n  - [FOTO] Bali  \n").unwrap();
        assert_eq!(h.field.as_deref(), Some("tags"));
        assert!(h.message.contains("a list up to `[FOTO]`, with more"), "{}", h.message);
        // YAML as it is meant: comments after a yes or a number, anchors, known tags,
        // lists and maps closed on their line or below it, quoted values.
        for text in [
            "draft: true #hapus\nweight: 3 #urutan\n",
            "a: &k\n  x: 1\nb: *k\n",
            "a: &k teks\nb: *k\n",
            "a: !!str 123\n",
            "tags: [haji, umroh] # dua\nsocial: {x: a}\n",
            "tags: [haji,\n  umroh]\n",
            "date: 2023-05-15 #jadwal\nweight: 3 #urutan\n",
            "title: \"Apel #1\"\nplace: 'A #b'\n",
            "title: Apel Pagi # catatan\n",
            "summary: >\n  Apel #1 pagi\n  !Penting\n",
            "url: https://a.go.id/#bagian\n",
        ] {
            assert_eq!(misread(text), None, "{text:?}");
        }
    }

    /// Found typing a title with `&` first, as "& Co." or a company's name is written: the
    /// title was built without its first word ("Bali Gelar Rapat"), or said it was missing.
    #[test]
    fn a_value_that_starts_with_an_ampersand_is_not_taken_for_an_anchor() {
        let h = misread("date: 2023\ntitle: &Kemenag Bali Gelar Rapat\n").expect("a hint");
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(
            h.message,
            "\"&Kemenag Bali Gelar Rapat\" starts with '&', which YAML reads as a name given to \
             the value, and leaves `&Kemenag` out of it; to keep it as it is, write title: \
             \"&Kemenag Bali Gelar Rapat\""
        );
        let h = misread("title: &Rapat\nauthor: ab\n").expect("a hint");
        assert!(h.message.contains("the name `Rapat` given to the value, and leaves nothing"));
        let h = misread("title: & Rapat\n").expect("a hint");
        assert!(h.message.contains("a name must follow it"), "{}", h.message);
        assert!(h.message.ends_with("write title: \"& Rapat\""), "{}", h.message);
        let h = misread("tags:\n  - &haji umroh\n").expect("a hint");
        assert_eq!(h.field.as_deref(), Some("tags"));
        assert!(h.message.ends_with("write - \"&haji umroh\""), "{}", h.message);
        // Anchors an alias uses, and an anchor naming the block below it: YAML as it is meant.
        for text in [
            "a: &k teks\nb: *k\n",
            "units: &u\n  humas:\n    name: A\n",
            "a: &k [x, y]\n",
            "a: &k\n\n  # catatan\n  x: 1\nb: *k\n",
            "title: \"&Kemenag\"\n",
            "title: Rapat & Evaluasi\n",
        ] {
            assert_eq!(misread(text), None, "{text:?}");
        }
    }

    /// `title: - Rapat`, `title: * Rapat`: the parser's own words ("block sequence entries are
    /// not allowed in this context", "did not find expected alphabetic or numeric character").
    #[test]
    fn a_value_that_starts_with_a_dash_or_a_star_and_a_space_is_put_in_quotes() {
        let h = hint("date: 2023\ntitle: - Rapat Koordinasi\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(
            h.message,
            "\"- Rapat Koordinasi\" starts with '-', which YAML reads as an item of a list, and \
             an item must start a line of its own; to keep it as it is, write title: \"- Rapat \
             Koordinasi\""
        );
        let h = hint("tags: - haji - umroh\n", 1);
        assert!(h.message.ends_with("write tags: [haji, umroh]"), "{}", h.message);
        let h = hint("title: * Rapat\n", 1);
        assert!(h.message.ends_with("write title: \"* Rapat\""), "{}", h.message);
    }

    /// Found typing titles as they are pasted from WhatsApp or Instagram: `*Penting*` (bold),
    /// `@kemenag_bali`; the parser said "alias references unknown anchor" or "unexpected
    /// character", with no field.
    #[test]
    fn a_value_that_starts_with_a_sign_yaml_keeps_is_put_in_quotes() {
        let h = hint("date: 2023\ntitle: *Penting* Rapat Besok\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(
            h.message,
            "\"*Penting* Rapat Besok\" starts with '*', which YAML reads as a reference to a \
             value named elsewhere (`&name`); to keep it as it is, write title: \"*Penting* \
             Rapat Besok\""
        );
        for (line, fixed) in [
            ("place: @kemenag_bali", "place: \"@kemenag_bali\""),
            ("title: `Kode` Etik", "title: \"`Kode` Etik\""),
            ("title: % Kenaikan", "title: \"% Kenaikan\""),
            ("title: | Judul", "title: \"| Judul\""),
            ("title: > Judul", "title: \"> Judul\""),
            ("title: ? Judul", "title: \"? Judul\""),
        ] {
            let h = hint(&format!("{line}\n"), 1);
            assert!(h.message.ends_with(&format!("write {fixed}")), "{line}: {}", h.message);
        }
        // Blocks' headers and aliases of anchors that are there: YAML as it is meant.
        for text in ["summary: |-\n  a\n", "summary: > # ringkas\n  a\n", "a: &x 1\nb: *x\n"] {
            assert_eq!(explain(text, 9, &KNOWN), None, "{text:?}");
        }
    }

    /// Found by helper-32, stop 66: the parser named a line further down, or no field.
    #[test]
    fn a_quote_not_closed_on_its_line_is_named_at_its_line() {
        let text = "title: \"Workshop Medsos\ndate: 2023-05-15\nsummary: \"Ringkas.\"\n";
        let h = hint(text, 3);
        assert_eq!((h.line, h.field.as_deref()), (1, Some("title")));
        assert_eq!(
            h.message,
            "the quote before the title is not closed on its line; end the title with \", as it \
             starts: title: \"Workshop Medsos\""
        );
        let h = hint("date: 2023\nimage_alt: 'Peserta workshop\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("image_alt")));
        assert!(h.message.ends_with("image_alt: 'Peserta workshop'"), "{}", h.message);
        // Closed, escaped, or going on below, indented: as meant.
        for text in [
            "title: \"Rapat \\\"A\\\"\"\n",
            "title: 'Jum''at'\n",
            "summary: \"Satu\n  dua\"\ndate: 2023\n",
        ] {
            assert_eq!(explain(text, 9, &KNOWN), None, "{text:?}");
        }
    }

    /// `-umroh` under `- haji`: the parser said "simple key expected ':'".
    #[test]
    fn a_list_item_without_its_space_is_named() {
        let h = hint("title: A\ntags:\n- haji\n-umroh\n", 4);
        assert_eq!((h.line, h.field.as_deref()), (4, Some("tags")));
        assert_eq!(
            h.message,
            "\"-umroh\" needs a space after the dash to be an item of the list: - umroh"
        );
        let h = hint("title: A\ntags:\n  - haji\n  -umroh\n", 4);
        assert_eq!((h.line, h.field.as_deref()), (4, Some("tags")));
        let h = hint("title: A\ntags:\n  -haji\n", 3);
        assert_eq!((h.line, h.field.as_deref()), (3, Some("tags")));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for text in [
            "\t",
            ":",
            "- :",
            "é: é: é",
            "\u{feff}a: b: c",
            "[",
            "a:\n\t\t- é",
            "- - - x",
            "a: \"",
            "a: 'é''",
            "a: \"\\",
            "-é",
            "a:\n-",
            "a: \"é\"é",
        ] {
            let _ = explain(text, 5, &KNOWN);
        }
    }
}
