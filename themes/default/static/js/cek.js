/* warta: the verification page (/cek/). Reads a code from the address (?k=…, where a release's
   QR code leads) or the form, and checks it in the reader's browser as `warta verify` does
   (src/trust/verify.rs): the Ed25519 signature of cek/manifest.json with the office's key
   (the page's data-key, from site.yaml), the code in the manifest, then the SHA-256 of the
   release page's text (#warta-teks) against the signed one. One verdict is shown in #cek-hasil,
   its kind in data-state (asli, ditarik, dihapus, teks-berubah, tidak-ditemukan, tanda-tangan-tidak-sah,
   belum-ditandatangani, kode-salah, galat). Every word shown comes from the page's data
   attributes (the theme's strings); the manifest's text is only ever set as text, never HTML.

   normalize() must do exactly what src/trust/code.rs's normalize does. */

/** Crockford's base 32 alphabet (no I, L, O, U). */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A code as a reader typed it (`hum 7q4m 2cxh`, with O for 0 or I/L for 1) in the form codes
    are written (`HUM-7Q4M-2CXH`); null when it cannot be a code. */
export function normalize(input) {
  const chars = [...input].filter((c) => !/\p{White_Space}/u.test(c) && c !== "-" && c !== ".");
  if (chars.some((c) => c.codePointAt(0) > 0x7f)) return null;
  const cleaned = chars.join("").toUpperCase();
  if (cleaned.length < 10 || cleaned.length > 14) return null;
  const prefix = cleaned.slice(0, cleaned.length - 8);
  if (!/^[A-Z][A-Z0-9]{1,5}$/.test(prefix)) return null;
  const body = [...cleaned.slice(cleaned.length - 8)]
    .map((c) => (c === "O" ? "0" : c === "I" || c === "L" ? "1" : c))
    .join("");
  if (![...body].every((c) => ALPHABET.includes(c))) return null;
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** Standard base64 to bytes; throws on anything else. */
const fromBase64 = (text) => Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));

/** Lower-case hex of bytes. */
const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Whether `signature` (the text of manifest.sig) is the Ed25519 signature of `bytes` by `key`
    (`ed25519:<base64>`). Throws when the browser has no Ed25519 (a "no crypto" error). */
async function signatureValid(key, signature, bytes) {
  let keyBytes;
  let sigBytes;
  try {
    keyBytes = fromBase64(key.replace(/^ed25519:/, ""));
    sigBytes = fromBase64(signature);
  } catch (e) {
    return false;
  }
  if (keyBytes.length !== 32 || sigBytes.length !== 64) return false;
  let publicKey;
  try {
    publicKey = await crypto.subtle.importKey("raw", keyBytes, { name: "Ed25519" }, false, ["verify"]);
  } catch (e) {
    throw new NoCrypto();
  }
  return crypto.subtle.verify({ name: "Ed25519" }, publicKey, sigBytes, bytes);
}

class NoCrypto extends Error {}

const root = typeof document === "undefined" ? null : document.getElementById("cek");
const out = root && document.getElementById("cek-hasil");
const form = root && root.querySelector("form.check-form");
if (root && out && form) {
  const t = root.dataset;
  const input = form.elements.namedItem("k");
  let generation = 0;

  const fill = (template, values) =>
    template.replace(/\{(code|input|example|date|reason)\}/g, (m, name) =>
      name in values ? values[name] : m
    );

  /** `2023-05-15T09:00:00+08:00` as the theme writes a long date (`Senin, 15 Mei 2023`): the
      date as written, in the site's zone; the ISO date when it cannot be read. */
  const longDate = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    const weekdays = (t.weekdays || "").split(",").map((s) => s.trim());
    const months = (t.months || "").split(",").map((s) => s.trim());
    if (!m || weekdays.length !== 7 || months.length !== 12 || !t.dateLong) return iso;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
    return t.dateLong.replace(/\{(weekday|day|month|year)\}/g, (_, name) =>
      ({ weekday: weekdays[weekday], day: String(day), month: months[month - 1], year: String(year) })[name]
    );
  };

  /** A release's address made same-origin: its path on this host, so that the page checked is
      the one this host serves (on the real host and on a test server alike). */
  const here = (url) => {
    try {
      return new URL(new URL(url).pathname, location.origin).href;
    } catch (e) {
      return null;
    }
  };

  /** The manifest's entry as a list: code, title, date, unit, and a link to the release. */
  const details = (entry) => {
    const dl = document.createElement("dl");
    dl.className = "check-entry";
    const row = (label, value) => {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.append(value);
      dl.append(dt, dd);
    };
    const code = document.createElement("code");
    code.textContent = String(entry.code);
    row(t.labelCode, code);
    row(t.labelTitle, String(entry.title));
    const time = document.createElement("time");
    time.dateTime = String(entry.date);
    time.textContent = longDate(String(entry.date));
    row(t.labelDate, time);
    // A release no longer on the site is listed without its unit.
    if (entry.unit) row(t.labelUnit, String(entry.unit));
    const nodes = [dl];
    const href = here(String(entry.url));
    if (href) {
      const p = document.createElement("p");
      const a = document.createElement("a");
      a.href = href;
      a.textContent = t.open;
      p.append(a);
      nodes.push(p);
    }
    return nodes;
  };

  /** Shows one verdict: its kind in data-state, a heading, a sentence, then the entry. */
  const show = (state, heading, text, entry) => {
    out.dataset.state = state;
    const h2 = document.createElement("h2");
    h2.className = "check-verdict";
    h2.textContent = heading;
    const p = document.createElement("p");
    p.textContent = text;
    out.replaceChildren(h2, p, ...(entry ? details(entry) : []));
  };

  /** The canonical text a release page carries (#warta-teks, a JSON string); null when the page
      is not there or carries none. */
  const pageText = async (url) => {
    const response = await fetch(url, { cache: "no-cache" });
    if (!response.ok) return { missing: true };
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const script = doc.getElementById("warta-teks");
    if (!script) return { text: null };
    try {
      const text = JSON.parse(script.textContent);
      return { text: typeof text === "string" ? text : null };
    } catch (e) {
      return { text: null };
    }
  };

  const check = async (typed) => {
    const mine = ++generation;
    const stale = () => mine !== generation;
    const code = normalize(typed);
    if (code === null) {
      show("kode-salah", t.badCode, fill(t.badCodeText, { input: typed.trim(), example: t.example }));
      return;
    }
    input.value = code;
    const values = { code };
    delete out.dataset.state;
    const loading = document.createElement("p");
    loading.className = "check-loading";
    loading.textContent = fill(t.loading, values);
    out.replaceChildren(loading);
    const failed = (text) => show("galat", t.error, fill(text, values));
    try {
      const [bytes, signature] = await Promise.all([
        fetch(t.manifest, { cache: "no-cache" }).then((r) =>
          r.ok ? r.arrayBuffer() : Promise.reject(new Error(t.manifest))
        ),
        // Without a key on the page there is nothing to check a signature with, and none is
        // asked for (a site that does not sign has none: the request would only log a 404).
        t.key
          ? fetch(t.signature, { cache: "no-cache" }).then((r) => {
              if (r.status === 404) return null;
              return r.ok ? r.text() : Promise.reject(new Error(t.signature));
            })
          : Promise.resolve(null),
      ]);
      if (stale()) return;
      // The office signs its list (the page names its key), and the signature is not there:
      // removed, or never uploaded. Nothing the list says can be trusted then.
      if (t.key && signature === null) {
        show("tanda-tangan-tidak-sah", t.forged, fill(t.unsignedText, values));
        return;
      }
      let signed = false;
      if (t.key && signature !== null) {
        if (!(typeof crypto !== "undefined" && crypto.subtle)) throw new NoCrypto();
        if (!(await signatureValid(t.key, signature, bytes))) {
          if (!stale()) show("tanda-tangan-tidak-sah", t.forged, fill(t.forgedText, values));
          return;
        }
        signed = true;
      }
      const manifest = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      const releases = Array.isArray(manifest.releases) ? manifest.releases : [];
      const entry = releases.find((e) => e && e.code === code) || null;
      if (stale()) return;
      // Issued, then withdrawn: no longer standing, whatever its page says now.
      const withdrawn =
        entry && entry.withdrawn && typeof entry.withdrawn === "object"
          ? {
              ...values,
              date: longDate(String(entry.withdrawn.date)),
              reason: String(entry.withdrawn.reason),
            }
          : null;
      // Issued, and no longer on the site (deleted, expired): listed without its text.
      const removed =
        entry && entry.removed === true ? { ...values, date: longDate(String(entry.date)) } : null;
      if (!signed) {
        // Not proven either way, but a reader holding a withdrawn release must learn so.
        const text = withdrawn
          ? fill(t.unprovenWithdrawnText, withdrawn)
          : removed
            ? fill(t.unprovenRemovedText || t.unprovenFoundText, removed)
            : fill(entry ? t.unprovenFoundText : t.unprovenUnknownText, values);
        show("belum-ditandatangani", t.unproven, text, entry);
        return;
      }
      if (!entry) {
        show("tidak-ditemukan", t.unknown, fill(t.unknownText, values));
        return;
      }
      if (withdrawn) {
        show("ditarik", t.withdrawn, fill(t.withdrawnText, withdrawn), entry);
        return;
      }
      if (removed) {
        const text = fill(t.removedText || t.unprovenFoundText, removed);
        show("dihapus", t.removed || t.withdrawn, text, entry);
        return;
      }
      const url = here(String(entry.url));
      const page = url ? await pageText(url) : { missing: true };
      if (stale()) return;
      if (page.missing) {
        show("teks-berubah", t.changed, fill(t.goneText, values), entry);
        return;
      }
      const digest =
        page.text === null
          ? null
          : hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(page.text)));
      if (stale()) return;
      if (digest !== null && digest === String(entry.sha256).toLowerCase()) {
        show("asli", t.genuine, fill(t.genuineText, values), entry);
      } else {
        show("teks-berubah", t.changed, fill(t.changedText, values), entry);
      }
    } catch (e) {
      if (!stale()) failed(e instanceof NoCrypto ? t.noCryptoText : t.errorText);
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = input.value;
    const params = new URLSearchParams(location.search);
    if (typed.trim()) params.set("k", typed.trim());
    else params.delete("k");
    const address = params.toString();
    history.replaceState(null, "", address ? "?" + address : location.pathname);
    if (typed.trim()) check(typed);
    else {
      generation++;
      delete out.dataset.state;
      out.replaceChildren();
    }
  });

  const typed = new URLSearchParams(location.search).get("k");
  if (typed !== null && typed.trim() !== "") {
    input.value = typed;
    check(typed);
  }
}
