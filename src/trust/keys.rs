//! The office's Ed25519 key pair. The public key sits in `site.yaml` and on the `/cek/` page;
//! the secret key lives outside the site folder (`~/.config/warta/keys/<host>.key`, a file named
//! by `WARTA_SIGNING_KEY_FILE`, or a CI secret in `WARTA_SIGNING_KEY`) and is never printed.

use base64::Engine;
use ed25519_dalek::Signer;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that holds the key file's text itself (for a CI secret).
pub const ENV_KEY: &str = "WARTA_SIGNING_KEY";
/// The environment variable that names the key file.
pub const ENV_KEY_FILE: &str = "WARTA_SIGNING_KEY_FILE";
/// What starts the one line of a key file that holds the secret.
const SECRET_TAG: &str = "ed25519-secret:";

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// An Ed25519 public key, written `ed25519:<base64 of its 32 bytes>`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// Reads `ed25519:<base64>`.
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let b64 = text.trim().strip_prefix("ed25519:").ok_or_else(|| {
            format!("expected a key as `warta keygen` prints it, \"ed25519:…\", got {text:?}")
        })?;
        let bytes = B64.decode(b64).map_err(|e| format!("the key is not valid base64 ({e})"))?;
        let bytes: [u8; 32] =
            bytes.try_into().map_err(|_| "an Ed25519 public key is 32 bytes".to_string())?;
        Ok(PublicKey(bytes))
    }
}

impl std::fmt::Display for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ed25519:{}", B64.encode(self.0))
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

/// The office's secret key. Its `Debug` hides it; nothing in warta prints it.
pub struct SecretKey(ed25519_dalek::SigningKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(hidden)")
    }
}

impl SecretKey {
    /// A new key from the system's random numbers.
    pub fn generate() -> Result<SecretKey, String> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed)
            .map_err(|e| format!("the system gave no random numbers for a key ({e})"))?;
        let key = SecretKey(ed25519_dalek::SigningKey::from_bytes(&seed));
        seed.fill(0);
        Ok(key)
    }

    /// The public key that checks this key's signatures.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    /// The key file's text: comment lines saying what it is and how to keep it, then
    /// `ed25519-secret:<base64 of the 32-byte seed>`.
    pub fn to_text(&self, host: &str) -> String {
        let host: String = host.chars().filter(|c| !c.is_control()).collect();
        format!(
            "# warta: the secret signing key of {host}\n\
             # Every build signs the list of the site's releases (cek/manifest.json) with it, so\n\
             # that readers can check a release is the office's own. Whoever holds this file can\n\
             # sign in the office's name.\n\
             # Keep it secret; keep a copy on a USB stick in the office safe.\n\
             # Never email it, never put it in the site folder or in a repository.\n\
             # Its public key, for trust.public_key in site.yaml: {}\n\
             {SECRET_TAG}{}\n",
            self.public(),
            B64.encode(self.0.to_bytes())
        )
    }

    /// Reads a key file's text: comment lines (`#`), blank lines and one `ed25519-secret:` line.
    /// The errors never quote the secret.
    pub fn parse(text: &str) -> Result<SecretKey, String> {
        let mut lines = text
            .lines()
            .map(str::trim)
            .enumerate()
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        let Some((_, line)) = lines.next() else {
            return Err(format!("it has no `{SECRET_TAG}` line: it is not a warta key file"));
        };
        if let Some((n, _)) = lines.next() {
            return Err(format!(
                "line {} is neither a comment (#) nor the one `{SECRET_TAG}` line a key file has",
                n + 1
            ));
        }
        let Some(b64) = line.strip_prefix(SECRET_TAG) else {
            if line.starts_with("ed25519:") {
                return Err("it holds a public key (ed25519:…), not the secret key that \
                            `warta keygen` wrote"
                    .to_string());
            }
            return Err(format!("it has no `{SECRET_TAG}` line: it is not a warta key file"));
        };
        // The decoder's message would quote a byte of the secret: not repeated.
        let mut bytes = B64
            .decode(b64.trim())
            .map_err(|_| format!("the text after `{SECRET_TAG}` is not valid base64"))?;
        let seed: Result<[u8; 32], _> = bytes.as_slice().try_into();
        let len = bytes.len();
        bytes.fill(0);
        let Ok(mut seed) = seed else {
            return Err(format!("the secret is {len} bytes; an Ed25519 secret key is 32"));
        };
        let key = SecretKey(ed25519_dalek::SigningKey::from_bytes(&seed));
        seed.fill(0);
        Ok(key)
    }

    /// The Ed25519 signature of `bytes` (deterministic: the same bytes sign the same).
    pub fn sign(&self, bytes: &[u8]) -> [u8; 64] {
        self.0.sign(bytes).to_bytes()
    }
}

/// Whether a file's bytes are a warta secret key (the build refuses one inside the site folder).
pub fn looks_like_secret(bytes: &[u8]) -> bool {
    bytes.windows(SECRET_TAG.len()).any(|w| w == SECRET_TAG.as_bytes())
}

/// Where the office's secret key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `WARTA_SIGNING_KEY`, which holds the key file's text itself.
    Env,
    /// A key file: the one `WARTA_SIGNING_KEY_FILE` names, or [`default_path`].
    File(PathBuf),
}

impl std::fmt::Display for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Env => f.write_str(ENV_KEY),
            KeySource::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// ~/.config/warta/keys/<host>.key ($XDG_CONFIG_HOME honoured; HOME from the environment); None without a home.
pub fn default_path(host: &str) -> Option<PathBuf> {
    default_path_with(host, &|k| std::env::var_os(k))
}

/// [`default_path`] with the environment given.
fn default_path_with(host: &str, env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |k: &str| env(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let config = set("XDG_CONFIG_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| set("HOME").map(|h| h.join(".config")))?;
    // A host is letters, digits, dots and hyphens; anything else would not make a file name.
    let name: String = host
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' })
        .collect();
    let name = name.trim_matches('.');
    let name = if name.is_empty() { "site" } else { name };
    Some(config.join("warta").join("keys").join(format!("{name}.key")))
}

/// The office's secret key for the site at `root` whose public host is `host`: from the environment
/// variable WARTA_SIGNING_KEY (the key file's text itself, for CI secrets), else the file named by
/// WARTA_SIGNING_KEY_FILE, else default_path(host); Ok(None) when none is set/present.
/// Refuses (Err with a message that says why and what to do) a key file inside `root`
/// (compare canonicalized paths), an unreadable or malformed key file (name the path, never the secret).
pub fn find(root: &Path, host: &str) -> Result<Option<(SecretKey, KeySource)>, String> {
    find_with(root, host, |k| std::env::var_os(k))
}

/// [`find`] with the environment given (tests pass their own).
pub fn find_with(
    root: &Path,
    host: &str,
    env: impl Fn(&str) -> Option<OsString>,
) -> Result<Option<(SecretKey, KeySource)>, String> {
    // An empty variable is a CI secret that is not set: no key, as without the variable.
    if let Some(text) = env(ENV_KEY).filter(|v| !v.is_empty()) {
        let text = text.into_string().map_err(|_| {
            format!("{ENV_KEY} is not valid text: it should hold the key file's text itself")
        })?;
        let key = SecretKey::parse(&text).map_err(|m| {
            format!(
                "{ENV_KEY} does not hold a warta secret key: {m}; it should hold the whole text \
                 of the key file `warta keygen` wrote (to name the file instead, use \
                 {ENV_KEY_FILE})"
            )
        })?;
        return Ok(Some((key, KeySource::Env)));
    }
    let (file, named) = match env(ENV_KEY_FILE).filter(|v| !v.is_empty()) {
        Some(f) => (PathBuf::from(f), true),
        None => match default_path_with(host, &env) {
            Some(f) if f.exists() => (f, false),
            _ => return Ok(None),
        },
    };
    let how = if named { format!(" (named by {ENV_KEY_FILE})") } else { String::new() };
    if inside(root, &file) {
        return Err(format!(
            "the secret key {}{how} is inside the site folder, where it could be published or \
             committed: move it out of the site folder (to {}), and make a new key with `warta \
             keygen --force` if it may have been copied",
            file.display(),
            default_path_with(host, &env)
                .map_or("~/.config/warta/keys/".to_string(), |p| p.display().to_string())
        ));
    }
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read the secret key {}{how}: {e}", file.display()))?;
    let key = SecretKey::parse(&text).map_err(|m| {
        format!("{}{how} is not a warta secret key: {m}; `warta keygen` writes one", file.display())
    })?;
    Ok(Some((key, KeySource::File(file))))
}

/// Whether `path` (which need not exist yet) is `root` or inside it, once symbolic links and
/// `..` are resolved.
pub fn inside(root: &Path, path: &Path) -> bool {
    let Ok(root) = root.canonicalize() else {
        return false;
    };
    resolved(path).is_some_and(|p| p.starts_with(root))
}

/// Writes a key file that only its owner can read (0600, in folders created 0700); an existing
/// file is an `AlreadyExists` error unless `replace`.
///
/// With `replace`, a key already there is not overwritten but moved aside, beside it
/// (`<name>.old`, `<name>.old-2`, …), and its new name returned: a key replaced by mistake
/// (`--force` on the wrong computer) is not lost, and old releases' signatures can still be
/// made again with it (found by helper-30, stop 66: it was overwritten in place).
pub fn write_file(path: &Path, text: &str, replace: bool) -> std::io::Result<Option<PathBuf>> {
    use std::io::Write;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let mut dirs = std::fs::DirBuilder::new();
        dirs.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut dirs, 0o700);
        dirs.create(parent)?;
    }
    let kept = match replace && path.exists() {
        true => {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let aside = (1..)
                .map(|n| match n {
                    1 => path.with_file_name(format!("{name}.old")),
                    n => path.with_file_name(format!("{name}.old-{n}")),
                })
                .find(|p| !p.exists())
                .expect("a free name");
            std::fs::rename(path, &aside)?;
            Some(aside)
        }
        false => None,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(kept)
}

/// `path` made absolute and canonical as far as it exists, with the rest appended.
fn resolved(path: &Path) -> Option<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(canonical, |p, part| p.join(part)));
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &Path)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: HashMap<String, OsString> =
            vars.iter().map(|(k, v)| (k.to_string(), v.as_os_str().to_owned())).collect();
        move |k| vars.get(k).cloned()
    }

    fn secret_line(text: &str) -> &str {
        text.lines().find(|l| l.starts_with(SECRET_TAG)).unwrap()
    }

    #[test]
    fn a_key_file_reads_back_as_the_same_key() {
        let key = SecretKey::generate().unwrap();
        let text = key.to_text("humas.example.go.id");
        assert!(text.lines().filter(|l| !l.starts_with('#')).count() == 1, "{text}");
        assert!(text.contains("humas.example.go.id"));
        assert!(text.contains("USB stick in the office safe"));
        assert!(text.contains(&key.public().to_string()));
        assert!(looks_like_secret(text.as_bytes()));
        let back =
            SecretKey::parse(&format!("\r\n{}\r\n\r\n", text.replace('\n', "\r\n"))).unwrap();
        assert_eq!(back.public(), key.public());
        assert_eq!(back.sign(b"x"), key.sign(b"x"));
        assert_ne!(SecretKey::generate().unwrap().public(), key.public());
    }

    #[test]
    fn debug_hides_the_secret() {
        let key = SecretKey::generate().unwrap();
        assert_eq!(format!("{key:?}"), "SecretKey(hidden)");
        let found = (key, KeySource::Env);
        let text = found.0.to_text("h");
        let b64 = secret_line(&text).trim_start_matches(SECRET_TAG);
        assert!(!format!("{found:?}").contains(b64));
    }

    #[test]
    fn a_malformed_key_says_why_without_the_secret() {
        let key = SecretKey::generate().unwrap();
        let text = key.to_text("h");
        let b64 = secret_line(&text).trim_start_matches(SECRET_TAG).to_string();
        let short = format!("{SECRET_TAG}{}", &b64[..20]);
        let bad_char = format!("{SECRET_TAG}{}!{}", &b64[..10], &b64[11..]);
        for (input, says) in [
            ("", "no `ed25519-secret:` line"),
            ("# only comments\n", "no `ed25519-secret:` line"),
            (&*format!("{}\n", key.public()), "holds a public key"),
            (&*format!("{text}{text}"), "line 16 is neither"),
            (&short, "the secret is 15 bytes"),
            (&bad_char, "not valid base64"),
            (&*format!("{SECRET_TAG}{}", B64.encode([7u8; 31])), "31 bytes"),
        ] {
            let e = SecretKey::parse(input).unwrap_err();
            assert!(e.contains(says), "{input:?}: {e}");
            assert!(!e.contains(&b64[..8]), "{e}");
        }
    }

    #[test]
    fn the_default_path_is_in_the_config_folder() {
        let home = Path::new("/home/humas");
        assert_eq!(
            default_path_with("humas.example.go.id", &env(&[("HOME", home)])),
            Some(PathBuf::from("/home/humas/.config/warta/keys/humas.example.go.id.key"))
        );
        let xdg = Path::new("/cfg");
        assert_eq!(
            default_path_with("a/../b:8080", &env(&[("HOME", home), ("XDG_CONFIG_HOME", xdg)])),
            Some(PathBuf::from("/cfg/warta/keys/a_.._b_8080.key"))
        );
        // A relative XDG_CONFIG_HOME is ignored, as the specification says.
        let rel = Path::new("cfg");
        assert_eq!(
            default_path_with("h", &env(&[("HOME", home), ("XDG_CONFIG_HOME", rel)])),
            Some(PathBuf::from("/home/humas/.config/warta/keys/h.key"))
        );
        assert_eq!(default_path_with("h", &env(&[])), None);
    }

    #[test]
    fn find_takes_the_environment_then_the_named_file_then_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let home = dir.path().join("home");
        std::fs::create_dir_all(&site).unwrap();
        let host = "humas.example.go.id";
        assert!(find_with(&site, host, env(&[("HOME", &home)])).unwrap().is_none());

        let default_key = SecretKey::generate().unwrap();
        let default = default_path_with(host, &env(&[("HOME", &home)])).unwrap();
        std::fs::create_dir_all(default.parent().unwrap()).unwrap();
        std::fs::write(&default, default_key.to_text(host)).unwrap();
        let (k, source) = find_with(&site, host, env(&[("HOME", &home)])).unwrap().unwrap();
        assert_eq!((k.public(), source), (default_key.public(), KeySource::File(default)));

        let named_key = SecretKey::generate().unwrap();
        let named = dir.path().join("usb.key");
        std::fs::write(&named, named_key.to_text(host)).unwrap();
        let vars = [("HOME", home.as_path()), (ENV_KEY_FILE, named.as_path())];
        let (k, source) = find_with(&site, host, env(&vars)).unwrap().unwrap();
        assert_eq!((k.public(), source), (named_key.public(), KeySource::File(named.clone())));

        let env_key = SecretKey::generate().unwrap();
        let text = PathBuf::from(env_key.to_text(host));
        let vars = [("HOME", home.as_path()), (ENV_KEY_FILE, &named), (ENV_KEY, &text)];
        let (k, source) = find_with(&site, host, env(&vars)).unwrap().unwrap();
        assert_eq!((k.public(), source), (env_key.public(), KeySource::Env));

        // An empty WARTA_SIGNING_KEY (a CI secret not set) is no key.
        let vars = [(ENV_KEY, Path::new(""))];
        assert!(find_with(&site, host, env(&vars)).unwrap().is_none());
    }

    #[test]
    fn find_refuses_a_key_inside_the_site_folder() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("static")).unwrap();
        let file = site.join("static/../kunci.key");
        std::fs::write(&file, SecretKey::generate().unwrap().to_text("h")).unwrap();
        let e = find_with(&site, "h", env(&[(ENV_KEY_FILE, &file)])).unwrap_err();
        assert!(e.contains("inside the site folder"), "{e}");
        assert!(e.contains(ENV_KEY_FILE), "{e}");
        // Also through a symbolic link to the site, and with HOME inside the site.
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&site, &link).unwrap();
            let e = find_with(&site, "h", env(&[(ENV_KEY_FILE, &link.join("kunci.key"))]));
            assert!(e.unwrap_err().contains("inside the site folder"));
        }
        let default = default_path_with("h", &env(&[("HOME", &site)])).unwrap();
        std::fs::create_dir_all(default.parent().unwrap()).unwrap();
        std::fs::write(&default, SecretKey::generate().unwrap().to_text("h")).unwrap();
        let e = find_with(&site, "h", env(&[("HOME", &site)])).unwrap_err();
        assert!(e.contains("inside the site folder"), "{e}");
    }

    #[test]
    fn find_names_a_bad_key_file_and_never_quotes_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        let file = dir.path().join("kunci.key");
        let text = SecretKey::generate().unwrap().to_text("h");
        let b64 = secret_line(&text).trim_start_matches(SECRET_TAG).to_string();
        std::fs::write(&file, text.replace(&b64, &b64[..30])).unwrap();
        let e = find_with(&site, "h", env(&[(ENV_KEY_FILE, &file)])).unwrap_err();
        assert!(e.contains(&file.display().to_string()) && e.contains("not valid base64"), "{e}");
        assert!(!e.contains(&b64[..8]), "{e}");

        let missing = dir.path().join("tidak-ada.key");
        let e = find_with(&site, "h", env(&[(ENV_KEY_FILE, &missing)])).unwrap_err();
        assert!(e.contains("cannot read the secret key") && e.contains("tidak-ada.key"), "{e}");

        let in_env = PathBuf::from(text.replace(&b64, &b64[..30]));
        let e = find_with(&site, "h", env(&[(ENV_KEY, &in_env)])).unwrap_err();
        assert!(e.starts_with("WARTA_SIGNING_KEY does not hold"), "{e}");
        assert!(!e.contains(&b64[..8]), "{e}");
    }
}
