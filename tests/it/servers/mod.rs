//! Real servers on loopback for `warta deploy`'s tests: an FTP and FTPS server (pyftpdlib) and
//! an SFTP server (OpenSSH's sshd), each on a free port, serving a temporary folder, with its
//! log read back to count what a deploy sent. A machine without them skips these tests, unless
//! `WARTA_REQUIRE_SERVERS=1` (set by `.ci/run`, which installs them) makes that a failure.

pub mod ftp;
pub mod sftp;

/// `None` after saying why, or a failure when the servers are required.
pub fn unavailable<T>(what: &str) -> Option<T> {
    if std::env::var_os("WARTA_REQUIRE_SERVERS").is_some() {
        panic!("{what}, and WARTA_REQUIRE_SERVERS is set");
    }
    eprintln!("skipped: {what}");
    None
}
