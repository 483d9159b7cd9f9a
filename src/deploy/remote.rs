//! What `warta deploy` needs of a server, whatever the protocol: read a file, list the site's
//! folder, put a file, remove one. [`super::file`], [`super::ftp`] and [`super::sftp`] each
//! implement [`Remote`] for one protocol; the runner ([`super::run`]) knows nothing else of them.
//!
//! Every path given to a [`Remote`] is relative to the site's folder on the server, with `/`
//! between its parts, never empty, never absolute and never with a `.` or `..` part (the runner
//! checks this once, for every path, before anything is sent).

use std::fmt;
use std::time::SystemTime;

/// A file of the site's folder on the server, as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFile {
    /// Relative to the site's folder: `2023/05/workshop/index.html`.
    pub path: String,
    pub size: u64,
    /// When the protocol gives it (FTP's MLSD or MDTM, SFTP's attributes, the local disk).
    pub modified: Option<SystemTime>,
}

/// Why a server operation failed, with the server's own reply where it gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteError {
    /// Whether trying again can help, and if not, what the office can do instead.
    pub failure: Failure,
    /// What went wrong, in words, ending with the server's reply: `550 Permission denied`.
    pub message: String,
}

/// The kind of a [`RemoteError`]: what tells a deploy to try again, and what a person is told
/// to do when trying again cannot help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Worth trying again on a new connection: a dropped connection, a timeout, a busy server
    /// (FTP's 4xx replies).
    Transient,
    /// The server refused the login: the user name, the password or the key.
    Login,
    /// The server could not store a file: its disk full, or the account over its quota.
    Space,
    /// The server does not let the account do it: permission denied.
    Permission,
    /// The server refuses the file's name.
    Name,
    /// Something here must change first, and the message says what (no password given, an
    /// unknown host key, a key locked by a passphrase): nothing to add to it.
    Setup,
    /// Any other refusal: a 5xx reply, an SFTP failure, a TLS error. Trying again cannot help.
    Refused,
}

impl RemoteError {
    pub fn new(failure: Failure, message: impl Into<String>) -> RemoteError {
        RemoteError { failure, message: message.into() }
    }

    pub fn transient(message: impl Into<String>) -> RemoteError {
        RemoteError::new(Failure::Transient, message)
    }

    /// A refusal trying again cannot help, without a kind of its own ([`Failure::Refused`]).
    pub fn fatal(message: impl Into<String>) -> RemoteError {
        RemoteError::new(Failure::Refused, message)
    }

    /// A refusal whose message says what to change ([`Failure::Setup`]).
    pub fn setup(message: impl Into<String>) -> RemoteError {
        RemoteError::new(Failure::Setup, message)
    }

    /// Worth trying again on a new connection.
    pub fn is_transient(&self) -> bool {
        self.failure == Failure::Transient
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RemoteError {}

/// One open connection to the site's folder on a server. The runner opens several for
/// parallel uploads, each used by one thread.
pub trait Remote: Send {
    /// The bytes of a file, or `None` if there is no such file.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, RemoteError>;

    /// Every file under the site's folder, in its sub-folders too, in any order. Folders and
    /// links are not listed.
    fn list(&mut self) -> Result<Vec<RemoteFile>, RemoteError>;

    /// Writes a file, creating its folders as needed. A visitor never gets half a file where
    /// the protocol allows it: the bytes go to a temporary name beside it (see
    /// [`temporary_name`]) that is then renamed over the file.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError>;

    /// Removes a file; one that is already gone is no error.
    fn remove(&mut self, path: &str) -> Result<(), RemoteError>;

    /// Removes a folder if it is empty; a folder that is not empty or not there is no error.
    fn remove_dir(&mut self, path: &str) -> Result<(), RemoteError>;

    /// Makes the folder `path` at the top of the site's folder (made first if it is missing):
    /// `Ok(true)` if this call made it, `Ok(false)` if a folder was there already. Making a
    /// folder is atomic on every protocol (FTP's `MKD`, SFTP's `mkdir`, the disk's): of two
    /// deploys that ask at once, one makes it, which is what [`super::lock`] is built on.
    fn make_dir(&mut self, path: &str) -> Result<bool, RemoteError>;
}

/// The temporary name a file is uploaded under before it is renamed: beside it, hidden, and
/// recognisable, so that one left behind by a dropped connection is overwritten next time and
/// never served as a page: `2023/05/x/.index.html.warta-part`.
pub fn temporary_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}{PART}"),
        None => format!(".{path}{PART}"),
    }
}

/// A host name that does not resolve: a typo in site.yaml as often as a network down, and
/// running the deploy again mends only the second (found by helper-31, stop 66).
pub fn not_found(host: &str, e: &std::io::Error) -> String {
    format!(
        "cannot find the server {host} ({e}): check its name in site.yaml's deploy: url (a \
         typo?), and that this computer is online"
    )
}

/// The suffix of [`temporary_name`].
pub const PART: &str = ".warta-part";

/// The folders a file's path needs, from the outermost: `a/b/c.html` → `a`, `a/b`.
pub fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_name_is_hidden_beside_the_file() {
        assert_eq!(temporary_name("2023/05/x/index.html"), "2023/05/x/.index.html.warta-part");
        assert_eq!(temporary_name("index.html"), ".index.html.warta-part");
    }

    #[test]
    fn parents_come_outermost_first() {
        assert_eq!(parents("a/b/c.html").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(parents("c.html").count(), 0);
    }
}
