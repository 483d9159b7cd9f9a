//! The password or key a deploy logs in with: from the environment, or from `~/.netrc`, the
//! file FTP clients, curl and git have read for decades. Never from `site.yaml`.
//!
//! `~/.netrc` is read here rather than with a crate: the format is a few keywords, and the
//! crates for it are unmaintained or pull in a whole FTP client of their own.

use super::target::{Secrets, Target};
use std::path::PathBuf;

/// The password (FTP, FTPS, SFTP).
pub const PASSWORD: &str = "WARTA_DEPLOY_PASSWORD";
/// SFTP: a private key file, and its passphrase.
pub const KEY: &str = "WARTA_DEPLOY_KEY";
pub const PASSPHRASE: &str = "WARTA_DEPLOY_KEY_PASSPHRASE";

/// One `machine` (or `default`) entry of a `.netrc` file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NetrcEntry {
    /// `None`: the `default` entry.
    pub machine: Option<String>,
    pub login: Option<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for NetrcEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetrcEntry")
            .field("machine", &self.machine)
            .field("login", &self.login)
            .field("password", &self.password.as_ref().map(|_| "(hidden)"))
            .finish()
    }
}

/// The entries of a `.netrc` text, in order. `macdef` bodies (up to a blank line) are
/// skipped; unknown words are ignored, as ftp(1) does.
pub fn parse_netrc(text: &str) -> Vec<NetrcEntry> {
    let mut entries: Vec<NetrcEntry> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let words = words(line);
        let mut words = words.iter().map(String::as_str);
        while let Some(word) = words.next() {
            match word {
                "machine" => entries.push(NetrcEntry {
                    machine: Some(words.next().unwrap_or_default().to_string()),
                    ..NetrcEntry::default()
                }),
                "default" => entries.push(NetrcEntry::default()),
                "login" | "password" | "account" => {
                    let value = words.next().map(str::to_string);
                    if let Some(entry) = entries.last_mut() {
                        match word {
                            "login" => entry.login = value,
                            "password" => entry.password = value,
                            _ => {}
                        }
                    }
                }
                "macdef" => {
                    // The macro runs to the next blank line.
                    for body in lines.by_ref() {
                        if body.trim().is_empty() {
                            break;
                        }
                    }
                    break;
                }
                _ => {}
            }
        }
    }
    entries
}

/// The words of a line: split at white space, except inside double quotes, where `\"` and
/// `\\` stand for themselves (as curl reads `.netrc`, for a password with a space in it).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        if c == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => word.extend(chars.next()),
                    c => word.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                word.push(c);
            }
        }
        out.push(word);
    }
    out
}

/// The secrets for `target`: the user from the address, else from `~/.netrc`; the password
/// from [`PASSWORD`], else from the `~/.netrc` entry of the host (whose login, when the
/// address has a user, must be that user), else from a `default` entry; the key from [`KEY`].
/// `env` reads a variable and `netrc` is the file's text, so this reads nothing itself.
pub fn secrets(
    target: &Target,
    env: impl Fn(&str) -> Option<String>,
    netrc: Option<&str>,
) -> Secrets {
    let entries = netrc.map(parse_netrc).unwrap_or_default();
    let fits = |e: &&NetrcEntry| match (&target.user, &e.login) {
        (Some(user), Some(login)) => user == login,
        _ => true,
    };
    let entry = entries
        .iter()
        .filter(fits)
        .find(|e| e.machine.as_deref() == Some(target.host.as_str()))
        .or_else(|| entries.iter().filter(fits).find(|e| e.machine.is_none()));
    let non_empty = |v: Option<String>| v.filter(|v| !v.is_empty());
    Secrets {
        user: target.user.clone().or_else(|| entry.and_then(|e| e.login.clone())),
        password: non_empty(env(PASSWORD)).or_else(|| entry.and_then(|e| e.password.clone())),
        key: non_empty(env(KEY)).map(|k| home_expanded(&k, &env)),
        passphrase: non_empty(env(PASSPHRASE)),
    }
}

/// `path` with a leading `~` read as the home folder, as a shell reads it: the README writes
/// keys as `~/.ssh/…`, and quoted (`WARTA_DEPLOY_KEY='~/.ssh/kunci'`), or set where no shell
/// expands it (Windows, a service's settings), the `~` came through as it was and the key
/// "did not exist" (found by helper-42, stop 75).
fn home_expanded(path: &str, env: impl Fn(&str) -> Option<String>) -> PathBuf {
    let rest = match path.strip_prefix('~') {
        Some("") => Some(""),
        Some(rest) if rest.starts_with(['/', '\\']) => Some(&rest[1..]),
        _ => None,
    };
    let home = env("HOME").or_else(|| env("USERPROFILE")).filter(|h| !h.is_empty());
    match (rest, home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::target::Protocol;
    use std::time::Duration;

    fn target(user: Option<&str>) -> Target {
        Target {
            protocol: Protocol::Ftp,
            host: "ftp.example.go.id".to_string(),
            port: 21,
            user: user.map(str::to_string),
            folder: "public_html".to_string(),
            connections: 4,
            timeout: Duration::from_secs(30),
            certificate: None,
        }
    }

    const NETRC: &str = "\
machine other.example login x password nope
machine ftp.example.go.id
  login humas
  password s3cret
macdef init
  cd public_html
  binary

default login anon password guest
";

    #[test]
    fn netrc_entries_are_read_with_their_macros_skipped() {
        let e = parse_netrc(NETRC);
        assert_eq!(e.len(), 3);
        assert_eq!(e[1].machine.as_deref(), Some("ftp.example.go.id"));
        assert_eq!(e[1].login.as_deref(), Some("humas"));
        assert_eq!(e[1].password.as_deref(), Some("s3cret"));
        assert_eq!(e[2].machine, None);
        assert!(!format!("{e:?}").contains("s3cret"), "a password is never printed");
    }

    #[test]
    fn the_password_comes_from_the_environment_then_the_hosts_netrc_entry() {
        let none = |_: &str| None;
        let s = secrets(&target(None), none, Some(NETRC));
        assert_eq!(s.user.as_deref(), Some("humas"));
        assert_eq!(s.password.as_deref(), Some("s3cret"));
        let env = |k: &str| (k == PASSWORD).then(|| "from-env".to_string());
        let s = secrets(&target(Some("humas")), env, Some(NETRC));
        assert_eq!(s.password.as_deref(), Some("from-env"));
        assert!(!format!("{s:?}").contains("from-env"));
    }

    #[test]
    fn a_quoted_netrc_password_may_hold_spaces_and_quotes() {
        let e = parse_netrc("machine h login \"u\" password \"a b \\\"c\\\" d\"\n");
        assert_eq!(e[0].login.as_deref(), Some("u"));
        assert_eq!(e[0].password.as_deref(), Some("a b \"c\" d"));
    }

    #[test]
    fn a_netrc_entry_for_another_login_is_not_used() {
        let s = secrets(&target(Some("admin")), |_| None, Some(NETRC));
        // Neither the host's entry (login humas) nor the default (login anon) fits.
        assert_eq!(s.password, None);
        assert_eq!(s.user.as_deref(), Some("admin"));
        let s = secrets(&target(Some("admin")), |_| None, None);
        assert_eq!(s.password, None);
    }

    #[test]
    fn a_key_path_with_a_tilde_is_in_the_home_folder() {
        let env = |k: &str| (k == "HOME").then(|| "/home/humas".to_string());
        assert_eq!(home_expanded("~/.ssh/kunci", env), PathBuf::from("/home/humas/.ssh/kunci"));
        assert_eq!(home_expanded("~", env), PathBuf::from("/home/humas"));
        assert_eq!(home_expanded("/etc/kunci", env), PathBuf::from("/etc/kunci"));
        // Another user's home, and a name that starts with the sign, stay as written.
        assert_eq!(home_expanded("~budi/kunci", env), PathBuf::from("~budi/kunci"));
        assert_eq!(home_expanded("~/kunci", |_| None), PathBuf::from("~/kunci"));
    }
}
