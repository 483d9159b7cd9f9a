/* warta: the search page (/cari/). Reads the query from the address (?q=…&unit=…), looks it
   up in warta's index (search/meta.json, the files beside it and each release's search.json:
   see src/search/mod.rs) and
   lists the releases found, ten at a time, with the passage around the words found marked.
   Typing, choosing a filter or sending the form searches again and keeps the address in step,
   so a search can be shared as a link. Nothing is inserted as HTML: results are built from
   text nodes. Without JavaScript the page says search needs it.

   words() and stem() must do exactly what src/search/mod.rs and src/search/stem.rs do: a
   query meets the index only through them (tests/it/search.rs runs both on the same words). */

/** The words of a text: lower case (a final sigma as any other), accents removed, runs of
    letters and digits; a single letter is not a word. */
export function words(text) {
  const normal = text.toLowerCase().replace(/ς/g, "σ").normalize("NFD").replace(/\p{M}/gu, "");
  return (normal.match(/[\p{L}\p{N}]+/gu) || []).filter(
    (w) => [...w].length > 1 || /^\p{N}$/u.test(w)
  );
}

const VOWELS = "aeiou";
const isVowel = (c) => c !== undefined && VOWELS.includes(c);

/** Snowball's Indonesian stemmer (src/search/stem.rs, line for line). */
export function stem(word) {
  let chars = [...word];
  let measure = chars.filter((c) => VOWELS.includes(c)).length;
  if (measure <= 2) return word;
  let start = 0;
  let prefix = 0;
  const endsWith = (s) => {
    const n = [...s].length;
    return chars.length >= start + n && chars.slice(chars.length - n).join("") === s;
  };
  const startsWithAt = (at, s) => {
    const n = [...s].length;
    return chars.length >= at + n && chars.slice(at, at + n).join("") === s;
  };
  const cutEnd = (n) => {
    chars = chars.slice(0, chars.length - n);
    measure -= 1;
  };
  const replaceStart = (n, by) => {
    chars = [...by, ...chars.slice(n)];
    start = [...by].length;
    measure -= 1;
  };
  const particle = () => {
    if (chars.length > 2 && ["kah", "lah", "pun"].some(endsWith)) cutEnd(3);
  };
  const possessive = () => {
    if (endsWith("nya")) cutEnd(3);
    else if (chars.length > 1 && (endsWith("ku") || endsWith("mu"))) cutEnd(2);
  };
  const suffix = () => {
    const len = chars.length;
    if (endsWith("an")) {
      const kan = len >= start + 3 && chars[len - 3] === "k";
      if (kan && prefix !== 3 && prefix !== 2) cutEnd(3);
      else if (prefix === 1) return false;
      else cutEnd(2);
      return true;
    }
    if (endsWith("i")) {
      const afterS = len >= start + 2 && chars[len - 2] === "s";
      if (prefix > 2 || afterS) return false;
      cutEnd(1);
      return true;
    }
    return false;
  };
  const firstOrderPrefix = () => {
    if (chars[1] !== "i" && chars[1] !== "e") return false;
    const p = ["meng", "peng", "mem", "men", "pem", "pen", "ter", "di", "ke", "me"].find((p) =>
      startsWithAt(0, p)
    );
    if (p === undefined) return false;
    const n = p.length;
    const yVowel = chars[n] === "y" && isVowel(chars[n + 1]);
    if (p === "di" || p === "me" || p === "meng" || p === "ter") {
      prefix = 1;
      replaceStart(n, "");
    } else if (p === "ke" || p === "peng") {
      prefix = 3;
      replaceStart(n, "");
    } else if (p === "men" || p === "pen") {
      prefix = p === "men" ? 1 : 3;
      if (yVowel) replaceStart(n + 1, "s");
      else replaceStart(n, "");
    } else {
      prefix = p === "mem" ? 1 : 3;
      replaceStart(n, isVowel(chars[n]) ? "p" : "");
    }
    return true;
  };
  const secondOrderPrefix = () => {
    const at = start;
    if (chars[at + 1] !== "e") return;
    const pe = startsWithAt(at, "pe");
    const be = startsWithAt(at, "be");
    if (!pe && !be) return;
    let end;
    if (chars[at + 2] === "r") end = at + 3;
    else if (chars[at + 2] === "l" && startsWithAt(at + 3, "ajar")) end = at + 3;
    else if (pe) end = at + 2;
    else if (!isVowel(chars[at + 2]) && chars[at + 2] !== undefined && startsWithAt(at + 3, "er"))
      end = at + 2;
    else return;
    const belajar = end === at + 3 && chars[at + 2] === "l";
    if (be) prefix = 4;
    else if (!belajar) prefix = 2;
    chars.splice(at, end - at);
    measure -= 1;
  };
  particle();
  if (measure > 2) possessive();
  if (measure > 2) {
    if (firstOrderPrefix()) {
      if (measure > 2 && suffix() && measure > 2) secondOrderPrefix();
    } else {
      secondOrderPrefix();
      if (measure > 2) suffix();
    }
  }
  return chars.join("");
}

/** FNV-1a (32 bits) of the term's UTF-8 bytes: its bucket, as src/search/mod.rs computes it. */
export function bucket(term, buckets) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(term)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % buckets;
}

/** Gaps ([3, 1, 4]) back to numbers ([3, 4, 8]). */
const ungap = (gaps) => {
  let at = 0;
  return gaps.map((g) => (at += g));
};

const out = typeof document === "undefined" ? null : document.querySelector(".search-output");
const form = out && document.querySelector("form.search-form");
if (out && form) {
  const status = out.querySelector(".search-status");
  const list = out.querySelector(".search-results");
  const more = out.querySelector(".search-more");
  const query = form.elements.namedItem("q");
  const FILTERS = { unit: "u", tag: "t", year: "y" };
  const PER_PAGE = 10;
  const indexUrl = new URL(out.dataset.index, location.href);
  let meta = null;
  const cache = new Map();
  let results = [];
  let terms = [];
  let shown = 0;
  let generation = 0;

  const fetchJson = (name) => {
    if (!cache.has(name)) {
      const url = new URL(name, indexUrl);
      url.searchParams.set("v", meta.key);
      cache.set(name, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(url)))));
    }
    return cache.get(name);
  };
  const termOf = (word) => (meta.stemmer === "id" ? stem(word) : word);
  const say = (template, count, text) =>
    template
      .replace("{count}", count.toLocaleString(document.documentElement.lang || "id"))
      .replace("{query}", text);

  const state = () => {
    const params = new URLSearchParams();
    const q = query.value.trim();
    if (q) params.set("q", q);
    for (const name of [...Object.keys(FILTERS), "sort"]) {
      const value = form.elements.namedItem(name).value;
      if (value) params.set(name, value);
    }
    return params;
  };

  // A shared link's filters as the page offers them: a tag written in other capitals is the
  // same tag (its page merges them too). A value the page does not offer (a year without
  // releases, a tag no longer used) stays chosen, so that the search finds none and says so,
  // instead of dropping the filter and listing everything.
  const restore = () => {
    const params = new URLSearchParams(location.search);
    query.value = params.get("q") || "";
    for (const name of [...Object.keys(FILTERS), "sort"]) {
      const select = form.elements.namedItem(name);
      const value = (params.get(name) || "").trim();
      const options = [...select.options];
      const match =
        options.find((o) => o.value === value) ||
        options.find((o) => o.value.toLowerCase() === value.toLowerCase());
      if (match || !value || name === "sort") {
        select.value = match ? match.value : "";
      } else {
        select.append(new Option(value, value, true, true));
      }
    }
  };

  // The releases of a filter's value, as a Set of ids; null when the index has no such value.
  const filtered = async (name, value) => {
    let file;
    if (name === "year") file = meta.years.includes(Number(value)) ? `y${value}` : null;
    else {
      const i = meta[name === "unit" ? "units" : "tags"].indexOf(value);
      file = i < 0 ? null : `${FILTERS[name]}${i}`;
    }
    return file === null ? new Set() : new Set(ungap(await fetchJson(`f/${file}.json`)));
  };

  // Every release that has every term, with its score (BM25's idf, the weight saturated).
  const lookup = async (wanted) => {
    const postings = await Promise.all(
      wanted.map(async (t) => {
        const terms = await fetchJson(`t/${bucket(t, meta.buckets)}.json`);
        return terms[t] || [];
      })
    );
    let scores = null;
    for (const flat of postings) {
      const n = meta.releases;
      const df = flat.length / 2;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const here = new Map();
      let id = 0;
      for (let i = 0; i < flat.length; i += 2) {
        id += flat[i];
        const w = flat[i + 1];
        if (scores === null || scores.has(id)) {
          here.set(id, (scores === null ? 0 : scores.get(id)) + (idf * w * 2.2) / (w + 1.2));
        }
      }
      scores = here;
    }
    return scores || new Map();
  };

  // The passage of a release's text around the first word found, with the words found marked.
  const passage = (text) => {
    const p = document.createElement("p");
    p.className = "excerpt";
    const pieces = text.split(/([\p{L}\p{N}\p{M}]+)/u);
    const hit = (piece) => words(piece).some((w) => terms.includes(termOf(w)));
    let first = pieces.findIndex((piece, i) => i % 2 === 1 && hit(piece));
    if (first < 0) first = 1;
    // Pieces alternate: separators at even places, words at odd ones. A cut starts at a word.
    let from = Math.max(0, first - 24);
    if (from > 0 && from % 2 === 0) from += 1;
    const to = Math.min(pieces.length, from + 72);
    if (from > 0) p.append("… ");
    for (let i = from; i < to; i++) {
      if (i % 2 === 1 && hit(pieces[i])) {
        const mark = document.createElement("mark");
        mark.textContent = pieces[i];
        p.append(mark);
      } else p.append(pieces[i]);
    }
    if (to < pieces.length) p.append(" …");
    return p;
  };

  const item = (doc) => {
    const li = document.createElement("li");
    const article = document.createElement("article");
    article.className = "result";
    const h2 = document.createElement("h2");
    const a = document.createElement("a");
    a.href = doc.u;
    a.textContent = doc.t;
    h2.append(a);
    const line = document.createElement("p");
    line.className = "meta";
    line.textContent = [doc.d, doc.n].filter(Boolean).join(" · ");
    article.append(h2, line, passage(doc.x || ""));
    li.append(article);
    return li;
  };

  const showMore = async () => {
    const mine = generation;
    const next = results.slice(shown, shown + PER_PAGE);
    const docs = await Promise.all(
      next.map(async (id) => {
        const urls = await fetchJson(`i/${Math.floor(id / meta.ids_per_file)}.json`);
        return fetchJson(new URL("search.json", new URL(urls[id % meta.ids_per_file], location.href)).href);
      })
    );
    if (mine !== generation) return;
    list.append(...docs.map(item));
    shown += next.length;
    more.hidden = shown >= results.length;
  };

  const search = async () => {
    const mine = ++generation;
    const params = state();
    const q = params.get("q") || "";
    const address = params.toString();
    history.replaceState(null, "", address ? "?" + address : location.pathname);
    list.replaceChildren();
    more.hidden = true;
    results = [];
    shown = 0;
    terms = [...new Set(words(q).map(termOf))];
    const chosen = Object.keys(FILTERS).filter((name) => params.has(name));
    if (terms.length === 0 && chosen.length === 0) {
      // A query of words too short to be indexed ("R&D") finds nothing, and says so.
      status.textContent = q ? say(out.dataset.none, 0, q) : "";
      return;
    }
    status.textContent = out.dataset.loading;
    const sets = await Promise.all(chosen.map((name) => filtered(name, params.get(name))));
    const scores = terms.length > 0 ? await lookup(terms) : null;
    if (mine !== generation) return;
    let ids = scores ? [...scores.keys()] : [...sets[0]];
    ids = ids.filter((id) => sets.every((s) => s.has(id)));
    // Newest first among equals; by date alone when asked, or when there is no query.
    ids.sort((a, b) =>
      scores && params.get("sort") !== "newest" ? scores.get(b) - scores.get(a) || b - a : b - a
    );
    results = ids;
    if (ids.length === 0) {
      status.textContent = say(out.dataset.none, 0, q);
      return;
    }
    status.textContent = q
      ? say(ids.length === 1 ? out.dataset.resultsOne : out.dataset.results, ids.length, q)
      : say(ids.length === 1 ? out.dataset.listedOne : out.dataset.listed, ids.length, "");
    await showMore();
  };

  let timer = 0;
  const failed = () => {
    status.textContent = "";
    out.querySelector(".search-failed").hidden = false;
  };
  const guarded = () => search().catch(failed);

  (async () => {
    restore();
    try {
      const response = await fetch(indexUrl, { cache: "no-cache" });
      if (!response.ok) throw new Error(indexUrl);
      meta = await response.json();
    } catch (e) {
      failed();
      return;
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      guarded();
    });
    query.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(guarded, 250);
    });
    for (const name of [...Object.keys(FILTERS), "sort"]) {
      form.elements.namedItem(name).addEventListener("change", guarded);
    }
    more.querySelector("button").addEventListener("click", () => showMore().catch(failed));
    await guarded();
  })();
}
