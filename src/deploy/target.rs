//! Where `warta deploy` sends the site (`deploy:` of `site.yaml`), and the secrets it logs in
//! with, which never come from `site.yaml`.

use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// How the site reaches its server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// A folder of this computer (`file:///var/www/html`): a web server on the same machine, or
    /// a mounted share.
    File,
    /// Plain FTP: the password and the files cross the network readable by anyone on the way.
    Ftp,
    /// FTP over TLS, explicit (`AUTH TLS` on the FTP port), the certificate verified.
    Ftps,
    /// SFTP over SSH, the host key checked against `~/.ssh/known_hosts`.
    Sftp,
}

impl Protocol {
    pub fn scheme(self) -> &'static str {
        match self {
            Protocol::File => "file",
            Protocol::Ftp => "ftp",
            Protocol::Ftps => "ftps",
            Protocol::Sftp => "sftp",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Protocol::File => 0,
            Protocol::Ftp | Protocol::Ftps => 21,
            Protocol::Sftp => 22,
        }
    }
}

/// `deploy:` as written in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeploy {
    /// `ftp://user@host`, `ftps://user@host:2121`, `sftp://user@host`, `file:///var/www/html`.
    pub url: String,
    /// The site's folder on the server: relative to the folder the login starts in
    /// (`public_html`), or absolute (`/var/www/html`). Not with `file://`, whose path is it.
    pub folder: Option<String>,
    /// How many files are sent at once (default 4).
    pub connections: Option<usize>,
    /// Seconds to wait for the server before trying again (default 30).
    pub timeout: Option<u64>,
    /// FTPS: a certificate to trust besides the public authorities (a PEM file, relative to the
    /// site's folder), for a server with a self-signed one.
    pub certificate: Option<PathBuf>,
    /// Refused with a message that says where a password goes.
    pub password: Option<serde::de::IgnoredAny>,
}

/// A validated `deploy:`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    pub protocol: Protocol,
    /// Empty for [`Protocol::File`].
    pub host: String,
    pub port: u16,
    /// The login name from the URL; else `~/.netrc`'s for the host.
    pub user: Option<String>,
    /// The site's folder on the server: empty for the login folder, relative to it, or absolute
    /// (`/var/www/html`); for [`Protocol::File`], the absolute local folder.
    pub folder: String,
    pub connections: usize,
    pub timeout: Duration,
    /// FTPS: a PEM certificate trusted besides the public authorities; relative to the site's
    /// folder until [`Target::in_site`].
    pub certificate: Option<PathBuf>,
}

impl Target {
    /// The target without secrets, as output shows it: `sftp://humas@host:2222, folder
    /// public_html`.
    pub fn shown(&self) -> String {
        if self.protocol == Protocol::File {
            return format!("file://{}", self.folder);
        }
        let user = self.user.as_deref().map(|u| format!("{u}@")).unwrap_or_default();
        let port = if self.port == self.protocol.default_port() {
            String::new()
        } else {
            format!(":{}", self.port)
        };
        let folder = if self.folder.is_empty() {
            String::new()
        } else {
            format!(", folder {}", self.folder)
        };
        format!("{}://{user}{}{port}{folder}", self.protocol.scheme(), self.host)
    }

    /// The target with its files' paths (the certificate) made relative to the site's folder.
    pub fn in_site(mut self, root: &std::path::Path) -> Target {
        self.certificate = self.certificate.map(|c| root.join(c));
        self
    }

    /// The server-side path of a site path: the folder joined with it.
    pub fn remote_path(&self, path: &str) -> String {
        join(&self.folder, path)
    }
}

/// `folder` and a relative `path` joined by one `/`; an empty folder leaves the path as it is.
pub fn join(folder: &str, path: &str) -> String {
    let folder = folder.trim_end_matches('/');
    match (folder.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => folder.to_string(),
        (false, false) => format!("{folder}/{path}"),
    }
}

/// The most connections a deploy opens: shared hosts limit connections per account, often to
/// eight, and more would not be faster on an office's line.
pub const MAX_CONNECTIONS: usize = 8;

/// `deploy:` checked; each problem is reported through `fail(field, message)`.
pub fn parse(raw: RawDeploy, fail: &mut impl FnMut(&str, String)) -> Option<Target> {
    if raw.password.is_some() {
        fail(
            "deploy.password",
            "a password must not be written in site.yaml, which is copied and shared with the site: \
             set the environment variable WARTA_DEPLOY_PASSWORD, or put it in ~/.netrc \
             (see \"Deploying\" in the README)"
                .to_string(),
        );
    }
    let connections = raw.connections.unwrap_or(4);
    if !(1..=MAX_CONNECTIONS).contains(&connections) {
        fail("deploy.connections", format!("expected 1 to {MAX_CONNECTIONS}, got {connections}"));
    }
    let timeout = raw.timeout.unwrap_or(30);
    if !(1..=600).contains(&timeout) {
        fail("deploy.timeout", format!("expected 1 to 600 seconds, got {timeout}"));
    }
    let url = match url::Url::parse(raw.url.trim()) {
        Ok(url) => url,
        Err(e) => {
            fail(
                "deploy.url",
                format!(
                    "expected an address like sftp://user@host, ftps://user@host or \
                     file:///var/www/html, got {:?} ({e})",
                    raw.url
                ),
            );
            return None;
        }
    };
    let protocol = match url.scheme() {
        "file" => Protocol::File,
        "ftp" => Protocol::Ftp,
        "ftps" => Protocol::Ftps,
        "sftp" => Protocol::Sftp,
        other => {
            fail(
                "deploy.url",
                format!("warta deploys by sftp://, ftps://, ftp:// or file://, not {other}://"),
            );
            return None;
        }
    };
    if url.password().is_some() {
        fail(
            "deploy.url",
            "the address must not carry a password: set the environment variable \
             WARTA_DEPLOY_PASSWORD, or put it in ~/.netrc (see \"Deploying\" in the README)"
                .to_string(),
        );
    }
    let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    let certificate = raw.certificate;
    if certificate.is_some() && protocol != Protocol::Ftps {
        fail("deploy.certificate", "only an ftps:// server has a certificate to trust".to_string());
    }
    let folder = if protocol == Protocol::File {
        if raw.folder.is_some() {
            fail("deploy.folder", "a file:// address names the folder itself".to_string());
        }
        if url.host_str().is_some_and(|h| !h.is_empty() && h != "localhost") {
            fail(
                "deploy.url",
                "a file:// address names a folder of this computer: file:///var/www/html"
                    .to_string(),
            );
        }
        let folder = decode(url.path());
        if folder.trim_end_matches('/').is_empty() {
            fail(
                "deploy.url",
                "a file:// address must name a folder, not the whole disk".to_string(),
            );
        }
        folder.trim_end_matches('/').to_string()
    } else {
        let path = url.path().trim_start_matches('/');
        if !path.is_empty() {
            fail(
                "deploy.url",
                format!(
                    "put the server's folder in `folder:` (folder: {path}), not in the address"
                ),
            );
        }
        let folder = raw.folder.unwrap_or_default();
        let folder = folder.trim();
        if folder.split('/').any(|part| part == "..") {
            fail("deploy.folder", format!("a folder without `..`, got {folder:?}"));
        }
        if folder == "/" {
            fail(
                "deploy.folder",
                "not the server's whole disk (/): name the site's folder".to_string(),
            );
        }
        folder.trim_end_matches('/').to_string()
    };
    let host = url.host_str().unwrap_or_default().to_string();
    if protocol != Protocol::File && host.is_empty() {
        fail("deploy.url", format!("the address names no server: {:?}", raw.url));
    }
    let user = Some(decode(url.username())).filter(|u| !u.is_empty());
    Some(Target {
        protocol,
        host: host.trim_start_matches('[').trim_end_matches(']').to_string(),
        port: url.port().unwrap_or_else(|| protocol.default_port()),
        user,
        folder,
        connections: connections.clamp(1, MAX_CONNECTIONS),
        timeout: Duration::from_secs(timeout.clamp(1, 600)),
        certificate,
    })
}

/// What logs in: never from `site.yaml`. Its `Debug` shows no secret.
#[derive(Clone, Default)]
pub struct Secrets {
    pub user: Option<String>,
    pub password: Option<String>,
    /// SFTP: a private key file, with its passphrase if it has one.
    pub key: Option<PathBuf>,
    pub passphrase: Option<String>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden = |s: &Option<String>| s.as_ref().map(|_| "(hidden)");
        f.debug_struct("Secrets")
            .field("user", &self.user)
            .field("password", &hidden(&self.password))
            .field("key", &self.key)
            .field("passphrase", &hidden(&self.passphrase))
            .finish()
    }
}

/// How SFTP treats the server's host key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostKeys {
    /// The known hosts file: `~/.ssh/known_hosts`.
    pub file: PathBuf,
    /// `--trust-host-key`: accept a key the file does not have, or one that changed, and
    /// record it there (once; later deploys check against it).
    pub trust: bool,
}
