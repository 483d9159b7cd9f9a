//! FTP and FTPS (`ftp://`, `ftps://`): the protocol of most shared web hosts. One [`Connection`]
//! is one control connection, logged in, in binary and passive mode; every transfer opens its
//! own data connection, protected by TLS as the control connection is with FTPS.
//!
//! FTPS is explicit (`AUTH TLS` on the FTP port) and checks the server's certificate against
//! the system's authorities, and against the one `deploy.certificate` names if any, and its name
//! against the host of the address (an IP address too). There is no way to turn the check off.
//!
//! A passive reply's address is not used, only its port, with the address the control
//! connection reached (as curl and FileZilla do): a server behind NAT often gives its private
//! address, and a hostile one could name another machine.
//!
//! Errors: a 4xx reply, a dropped connection and a timeout are worth a retry on a new
//! connection; a 5xx reply, a refused login, a TLS failure and a full disk (452, or a 4xx
//! reply that says so) are not. Every message names the command and the server path, and ends
//! with the server's reply.

use super::remote::{not_found, parents, temporary_name};
use super::{Failure, Protocol, Remote, RemoteError, RemoteFile, Secrets, Target};
use std::collections::HashSet;
use std::fmt;
use std::io::ErrorKind;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, SystemTime};
use suppaftp::list::ListParser;
use suppaftp::native_tls::{Certificate, Protocol as TlsProtocol, TlsConnector};
use suppaftp::types::{FileType, Response};
use suppaftp::{FtpError, Mode, NativeTlsConnector, NativeTlsFtpStream, Status};

/// How deep [`Connection::list`] goes into folders: deeper than any site, and a stop for a
/// server that lists a link back to a parent folder as a folder.
const MAX_DEPTH: usize = 64;

/// The replies to `RNTO` that mean done: 250, or 200 from a few servers.
const RENAMED: &[Status] = &[Status::RequestedFileActionOk, Status::CommandOk];

/// Opens one connection: connects, secures it for FTPS, logs in, and sets binary mode.
pub fn connect(target: &Target, secrets: &Secrets) -> Result<Box<dyn Remote>, RemoteError> {
    Ok(Box::new(Connection::open(target, secrets)?))
}

/// One logged-in control connection to the server.
struct Connection {
    stream: NativeTlsFtpStream,
    target: Target,
    /// Server paths of the folders known to be there, so that each is made (`MKD`) at most once
    /// per connection.
    folders: HashSet<String>,
    /// False once the server refused `MLSD`: listings then use `LIST`.
    mlsd: bool,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("target", &self.target.shown())
            .field("folders", &self.folders.len())
            .field("mlsd", &self.mlsd)
            .finish_non_exhaustive()
    }
}

impl Connection {
    fn open(target: &Target, secrets: &Secrets) -> Result<Connection, RemoteError> {
        let scheme = target.protocol.scheme();
        let port = if target.port == 21 { String::new() } else { format!(":{}", target.port) };
        let Some(user) =
            secrets.user.as_deref().or(target.user.as_deref()).filter(|u| !u.is_empty())
        else {
            return Err(RemoteError::setup(format!(
                "no user name for {scheme}://{host}{port}: put it in the address \
                 ({scheme}://user@{host}{port}) or in ~/.netrc",
                host = target.host
            )));
        };
        let Some(password) = secrets.password.as_deref() else {
            return Err(RemoteError::setup(format!(
                "no password for {scheme}://{user}@{}{port}: set WARTA_DEPLOY_PASSWORD or add it \
                 to ~/.netrc",
                target.host
            )));
        };
        let server = format!("{}:{}", target.host, target.port);
        let timeout = target.timeout;
        let socket = open_socket(&target.host, target.port, timeout)?;
        let ipv6 = socket.peer_addr().is_ok_and(|a| a.is_ipv6());
        let fail = |what: &str, e: FtpError| failure(what, e, timeout);
        let stream = NativeTlsFtpStream::connect_with_stream(socket)
            .map_err(|e| fail(&format!("connect to {server}"), e))?;
        let stream = match target.protocol {
            Protocol::Ftps => {
                let connector = tls_connector(target)?;
                stream.into_secure(connector, &target.host).map_err(|e| match e {
                    FtpError::SecureError(e) => RemoteError::setup(format!(
                        "TLS with {server}: {}{}",
                        tls_error(&e),
                        if target.certificate.is_some() {
                            ""
                        } else {
                            " (for a server with a self-signed certificate, name the \
                             certificate to trust in deploy.certificate)"
                        }
                    )),
                    e => fail(&format!("AUTH TLS on {server}"), e),
                })?
            }
            _ => stream,
        };
        let mut stream = stream.passive_stream_builder(move |address| {
            let socket = TcpStream::connect_timeout(&address, timeout)
                .and_then(|s| configure(&s, timeout).map(|()| s))
                .map_err(FtpError::ConnectionError)?;
            Ok(socket)
        });
        if ipv6 {
            // PASV gives only IPv4 addresses; EPSV gives a port on the address already reached.
            stream.set_mode(Mode::ExtendedPassive);
        } else {
            stream.set_mode(Mode::Passive);
            stream.set_passive_nat_workaround(true);
        }
        stream
            .login(user, password)
            .map_err(|e| fail(&format!("login as {user} on {server}"), e))?;
        stream.transfer_type(FileType::Binary).map_err(|e| fail("TYPE I", e))?;
        Ok(Connection { stream, target: target.clone(), folders: HashSet::new(), mlsd: true })
    }

    fn failed(&self, what: &str, e: FtpError) -> RemoteError {
        failure(what, e, self.target.timeout)
    }

    /// Whether a file is there, after a 550 that may mean "no such file" or "not allowed":
    /// `SIZE` answers for files only. A server without `SIZE` counts as "not there".
    fn is_file(&mut self, remote: &str) -> Result<bool, RemoteError> {
        match self.stream.size(remote) {
            Ok(_) => Ok(true),
            Err(FtpError::UnexpectedResponse(_)) => Ok(false),
            Err(e) => Err(self.failed(&format!("SIZE {remote}"), e)),
        }
    }

    /// The entries of a server folder; `None` if there is no such folder.
    fn entries(&mut self, remote: &str) -> Result<Option<Vec<Entry>>, RemoteError> {
        let arg = Some(remote).filter(|r| !r.is_empty());
        let shown = if remote.is_empty() { "the login folder" } else { remote };
        if self.mlsd {
            match self.stream.mlsd(arg) {
                Ok(lines) => return Ok(Some(lines.iter().filter_map(|l| parse_mlsd(l)).collect())),
                Err(FtpError::UnexpectedResponse(r)) if matches!(code(&r), 500 | 502 | 504) => {
                    self.mlsd = false;
                }
                // RFC 3659 answers 501 for a path that is not a folder.
                Err(FtpError::UnexpectedResponse(r)) if matches!(code(&r), 501 | 550) => {
                    return Ok(None)
                }
                Err(e) => return Err(self.failed(&format!("MLSD {shown}"), e)),
            }
        }
        match self.stream.list(arg) {
            Ok(lines) => Ok(Some(lines.iter().filter_map(|l| parse_list(l)).collect())),
            Err(FtpError::UnexpectedResponse(r)) if code(&r) == 550 => Ok(None),
            Err(e) => Err(self.failed(&format!("LIST {shown}"), e)),
        }
    }

    /// Makes a server folder unless it is known to be there. A refusal is no error here (the
    /// folder is usually there already; if not, the upload into it fails): its reply is
    /// returned to explain that failure.
    fn make_folder(&mut self, remote: &str) -> Result<Option<String>, RemoteError> {
        if remote.is_empty() || self.folders.contains(remote) {
            return Ok(None);
        }
        let refused = match self.stream.mkdir(remote) {
            Ok(()) => None,
            Err(FtpError::UnexpectedResponse(r)) if code(&r) >= 500 => {
                Some(format!("MKD {remote}: {}", reply(&r)))
            }
            Err(e) => return Err(self.failed(&format!("MKD {remote}"), e)),
        };
        self.folders.insert(remote.to_string());
        Ok(refused)
    }

    /// `STOR remote` with `bytes`. A server that stops a transfer part way (its disk full)
    /// closes the data connection and says why on the control connection, and the data
    /// connection's reset may come first: that reply, read once the data connection fails, is
    /// the error (found testing against a full disk, where the reset alone looked like a
    /// dropped connection, and was tried again four times).
    fn store(&mut self, remote: &str, bytes: &[u8]) -> Result<(), FtpError> {
        use std::io::Write;
        let mut upload = self.stream.put_with_stream(remote)?;
        match upload.write_all(bytes) {
            Ok(()) => upload.finish(),
            Err(e) => match upload.finish() {
                Err(reply @ FtpError::UnexpectedResponse(_)) => Err(reply),
                _ => Err(FtpError::ConnectionError(e)),
            },
        }
    }

    /// Sends a command on the control connection, expecting one of `expected`.
    fn command(&mut self, line: String, expected: &[Status]) -> Result<(), RemoteError> {
        match self.stream.custom_command(&line, expected) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.failed(&line, e)),
        }
    }
}

/// Connects to the first address of `host` that answers, with `timeout` for the connection and
/// for every read and write after.
fn open_socket(host: &str, port: u16, timeout: Duration) -> Result<TcpStream, RemoteError> {
    let addresses: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| RemoteError::transient(not_found(host, &e)))?
        .collect();
    let mut last = None;
    for address in &addresses {
        match TcpStream::connect_timeout(address, timeout) {
            Ok(socket) => {
                configure(&socket, timeout).map_err(|e| {
                    RemoteError::transient(format!("cannot connect to {host}:{port}: {e}"))
                })?;
                return Ok(socket);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(RemoteError::transient(match last {
        Some(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
            format!("cannot connect to {host}:{port}: no answer in {} s", timeout.as_secs())
        }
        Some(e) => format!("cannot connect to {host}:{port}: {e}"),
        None => format!("cannot find the server {host}: it has no address"),
    }))
}

fn configure(socket: &TcpStream, timeout: Duration) -> std::io::Result<()> {
    socket.set_read_timeout(Some(timeout))?;
    socket.set_write_timeout(Some(timeout))?;
    // Many small commands, each waiting for its reply.
    socket.set_nodelay(true)
}

/// The system's authorities, the certificates of `deploy.certificate` besides, TLS 1.2 at least.
fn tls_connector(target: &Target) -> Result<NativeTlsConnector, RemoteError> {
    let mut builder = TlsConnector::builder();
    builder.min_protocol_version(Some(TlsProtocol::Tlsv12));
    if let Some(file) = &target.certificate {
        let unusable = |e: &dyn fmt::Display| {
            RemoteError::setup(format!("cannot use the certificate {}: {e}", file.display()))
        };
        let pem = std::fs::read(file).map_err(|e| unusable(&e))?;
        let certificates = Certificate::stack_from_pem(&pem).map_err(|e| unusable(&e))?;
        if certificates.is_empty() {
            return Err(unusable(&"no PEM certificate in it"));
        }
        for certificate in certificates {
            builder.add_root_certificate(certificate);
        }
    }
    let connector =
        builder.build().map_err(|e| RemoteError::fatal(format!("cannot set up TLS: {e}")))?;
    Ok(NativeTlsConnector::from(connector))
}

/// An FTP error as a [`RemoteError`]: `what` (the command and its path), then why.
fn failure(what: &str, e: FtpError, timeout: Duration) -> RemoteError {
    match e {
        FtpError::UnexpectedResponse(r) => refusal(what, &r),
        FtpError::ConnectionError(e) => match e.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => RemoteError::transient(format!(
                "{what}: no answer from the server in {} s",
                timeout.as_secs()
            )),
            ErrorKind::UnexpectedEof => {
                RemoteError::transient(format!("{what}: the server closed the connection"))
            }
            // A command that cannot be sent (a line break in a path) fails the same way again.
            ErrorKind::InvalidInput => RemoteError::fatal(format!("{what}: {e}")),
            _ => RemoteError::transient(format!("{what}: {e}")),
        },
        FtpError::SecureError(e) => {
            RemoteError::fatal(format!("{what}: TLS failed: {}", tls_error(&e)))
        }
        FtpError::BadResponse => {
            RemoteError::transient(format!("{what}: the server's reply could not be read"))
        }
        e => RemoteError::fatal(format!("{what}: {e}")),
    }
}

/// A TLS error's text without the "Secure error: " suppaftp puts before it, once per layer.
fn tls_error(text: &str) -> &str {
    let mut text = text;
    while let Some(rest) = text.strip_prefix("Secure error: ") {
        text = rest;
    }
    text
}

/// `{what}: {the reply}`, of the kind [`reply_failure`] gives it. The path of `what` (`STOR
/// path`) is taken out of the reply before it is read, as many servers repeat it there.
fn refusal(what: &str, response: &Response) -> RemoteError {
    let text = reply(response);
    let words = match what.split_once(' ') {
        Some((_, path)) if !path.is_empty() => text.replace(path, ""),
        _ => text.clone(),
    };
    RemoteError::new(reply_failure(code(response), &words), format!("{what}: {text}"))
}

/// What kind of failure a reply is. FTP's 4xx replies are "try again later"; 5xx (and anything
/// unexpected) are not, and their code says why where it can: 530 a refused login, 552 no room
/// (RFC 959's "exceeded storage allocation"). 550, 553 and 450 are every server's catch-alls,
/// so their words tell a full disk, a refused permission and a refused name apart.
fn reply_failure(code: u32, text: &str) -> Failure {
    let text = text.to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| text.contains(w));
    match code {
        // A full disk waits for a person, not a few seconds: 452 is RFC 959's "insufficient
        // storage space", and servers answer ENOSPC mid-transfer with 426 or 451 and its words.
        452 | 552 => Failure::Space,
        400..=499 | 550 | 553 if says(&["space", "quota", "disk full"]) => Failure::Space,
        400..=499 => Failure::Transient,
        530 | 532 => Failure::Login,
        550 | 553 if says(&["name", "invalid", "illegal"]) => Failure::Name,
        550 | 553 if says(&["permission", "privilege", "denied", "not allowed", "access"]) => {
            Failure::Permission
        }
        _ => Failure::Refused,
    }
}

/// The reply's code. suppaftp keeps codes it does not know as [`Status::Unknown`], so the code
/// is read from the reply's last line then.
fn code(response: &Response) -> u32 {
    match response.status {
        Status::Unknown => reply_code(&response.body).unwrap_or(0),
        status => status.code(),
    }
}

/// The code of a reply's last line: `550 No such file.` → 550.
fn reply_code(body: &[u8]) -> Option<u32> {
    let text = String::from_utf8_lossy(body);
    let last = text.lines().map(str::trim).rfind(|l| !l.is_empty())?;
    last.get(..3)?.parse().ok()
}

/// A reply as one line: `550 No such file or directory.`; a multi-line reply's lines joined.
fn reply(response: &Response) -> String {
    let text = String::from_utf8_lossy(&response.body);
    let text = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        format!("{} (no text)", code(response))
    } else {
        text
    }
}

/// One entry of a server folder's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    kind: Kind,
    size: Option<u64>,
    modified: Option<SystemTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    /// A link, a device, or a type the server names that is neither.
    Other,
}

/// The entry of an `MLSD` line (RFC 3659), read by suppaftp's parser:
/// `type=file;size=1234;modify=20230515093000; a.html`. Its time is UTC. `.` and `..`, and lines
/// that are no entry (or name a type the parser does not know, such as a link) give `None`.
fn parse_mlsd(line: &str) -> Option<Entry> {
    let file = ListParser::parse_mlsd(line.trim_end_matches(['\r', '\n'])).ok()?;
    // The parser gives the epoch for a line without `modify`.
    let modified = Some(file.modified()).filter(|t| *t != SystemTime::UNIX_EPOCH);
    entry(&file, modified)
}

/// The entry of a `LIST` line, in the Unix `ls -l` form or the DOS one. Its time is not kept:
/// it is in the server's time zone, to the minute at best, and without the year for a recent
/// file.
fn parse_list(line: &str) -> Option<Entry> {
    let line = line.trim_end_matches(['\r', '\n']);
    let file = ListParser::parse_posix(line).or_else(|_| ListParser::parse_dos(line)).ok()?;
    entry(&file, None)
}

/// A parsed listing line as an [`Entry`]; `None` for `.`, `..` and an empty name.
fn entry(file: &suppaftp::list::File, modified: Option<SystemTime>) -> Option<Entry> {
    let name = entry_name(file.name())?;
    let kind = if file.is_file() {
        Kind::File
    } else if file.is_directory() {
        Kind::Folder
    } else {
        Kind::Other
    };
    Some(Entry { name, kind, size: Some(file.size() as u64), modified })
}

/// The name of a listed entry, without a folder a server may put before it; `None` for `.`,
/// `..` and an empty name.
fn entry_name(name: &str) -> Option<String> {
    let name = name.rsplit('/').next().unwrap_or(name);
    match name {
        "" | "." | ".." => None,
        name => Some(name.to_string()),
    }
}

impl Remote for Connection {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, RemoteError> {
        let remote = self.target.remote_path(path);
        match self.stream.retr_as_buffer(&remote) {
            Ok(bytes) => Ok(Some(bytes.into_inner())),
            Err(FtpError::UnexpectedResponse(r)) if code(&r) == 550 => {
                if self.is_file(&remote)? {
                    Err(refusal(&format!("RETR {remote}"), &r))
                } else {
                    Ok(None)
                }
            }
            Err(e) => Err(self.failed(&format!("RETR {remote}"), e)),
        }
    }

    fn list(&mut self) -> Result<Vec<RemoteFile>, RemoteError> {
        let mut files = Vec::new();
        // Site-relative folders still to list, with their depth.
        let mut pending = vec![(String::new(), 0)];
        while let Some((folder, depth)) = pending.pop() {
            let remote = self.target.remote_path(&folder);
            let Some(entries) = self.entries(&remote)? else { continue };
            if !remote.is_empty() {
                self.folders.insert(remote);
            }
            for entry in entries {
                let path = if folder.is_empty() {
                    entry.name.clone()
                } else {
                    format!("{folder}/{}", entry.name)
                };
                match entry.kind {
                    Kind::Folder if depth + 1 >= MAX_DEPTH => {
                        return Err(RemoteError::fatal(format!(
                            "{}: folders nested more than {MAX_DEPTH} deep (a link to a parent \
                             folder?)",
                            self.target.remote_path(&path)
                        )))
                    }
                    Kind::Folder => pending.push((path, depth + 1)),
                    Kind::File => {
                        let size = match entry.size {
                            Some(size) => size,
                            None => {
                                let remote = self.target.remote_path(&path);
                                let size = self
                                    .stream
                                    .size(&remote)
                                    .map_err(|e| self.failed(&format!("SIZE {remote}"), e))?;
                                size as u64
                            }
                        };
                        files.push(RemoteFile { path, size, modified: entry.modified });
                    }
                    Kind::Other => {}
                }
            }
        }
        Ok(files)
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        let remote = self.target.remote_path(path);
        let part = self.target.remote_path(&temporary_name(path));
        let mut folders = vec![self.target.folder.trim_end_matches('/').to_string()];
        folders.extend(parents(path).map(|p| self.target.remote_path(p)));
        folders.retain(|f| !f.is_empty());
        let mut retried = false;
        loop {
            // Folders this connection made or saw earlier, which another connection may have
            // removed since: if the upload fails, they are made again once.
            let assumed = folders.iter().any(|f| self.folders.contains(f));
            let mut refused = None;
            for folder in &folders {
                if let Some(reply) = self.make_folder(folder)? {
                    refused = Some(reply);
                }
            }
            match self.store(&part, bytes) {
                Ok(_) => break,
                Err(FtpError::UnexpectedResponse(r)) if code(&r) >= 500 => {
                    if assumed && !retried {
                        retried = true;
                        for folder in &folders {
                            self.folders.remove(folder);
                        }
                        continue;
                    }
                    let because = refused.map(|r| format!(" (after {r})")).unwrap_or_default();
                    // A transfer the server stopped part way (out of room) may leave its part.
                    let _ = self.stream.rm(&part);
                    let mut e = refusal(&format!("STOR {remote}"), &r);
                    e.message.push_str(&because);
                    return Err(e);
                }
                Err(e) => {
                    let e = self.failed(&format!("STOR {remote}"), e);
                    // A transfer the server stopped part way (out of room) may leave its part.
                    if !e.is_transient() {
                        let _ = self.stream.rm(&part);
                    }
                    return Err(e);
                }
            }
        }
        self.command(format!("RNFR {part}"), &[Status::RequestFilePending])?;
        let rnto = format!("RNTO {remote}");
        match self.stream.custom_command(&rnto, RENAMED) {
            Ok(_) => return Ok(()),
            // Some servers rename only to a name not taken: the old file goes first.
            Err(FtpError::UnexpectedResponse(r)) if code(&r) >= 500 => {}
            Err(e) => return Err(self.failed(&rnto, e)),
        }
        match self.stream.rm(&remote) {
            Ok(()) => {}
            Err(FtpError::UnexpectedResponse(r)) if code(&r) == 550 => {}
            Err(e) => return Err(self.failed(&format!("DELE {remote}"), e)),
        }
        self.command(format!("RNFR {part}"), &[Status::RequestFilePending])?;
        let renamed = self.command(rnto, RENAMED);
        if renamed.as_ref().is_err_and(|e| !e.is_transient()) {
            // Not left behind when the server will not take it.
            let _ = self.stream.rm(&part);
        }
        renamed
    }

    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        let remote = self.target.remote_path(path);
        match self.stream.rm(&remote) {
            Ok(()) => Ok(()),
            Err(FtpError::UnexpectedResponse(r)) if code(&r) == 550 => {
                if self.is_file(&remote)? {
                    Err(refusal(&format!("DELE {remote}"), &r))
                } else {
                    Ok(())
                }
            }
            Err(e) => Err(self.failed(&format!("DELE {remote}"), e)),
        }
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), RemoteError> {
        let remote = self.target.remote_path(path);
        // Not empty, gone, or not allowed: all left as they are.
        let _ = self.stream.rmdir(&remote);
        let inside = format!("{remote}/");
        self.folders.retain(|f| f != &remote && !f.starts_with(&inside));
        Ok(())
    }

    fn make_dir(&mut self, path: &str) -> Result<bool, RemoteError> {
        let site = self.target.folder.trim_end_matches('/').to_string();
        if !site.is_empty() {
            self.make_folder(&site)?;
        }
        let remote = self.target.remote_path(path);
        match self.stream.mkdir(&remote) {
            Ok(()) => Ok(true),
            // "550" whether the folder is there or the user may not make it: a folder there
            // answers a listing.
            Err(FtpError::UnexpectedResponse(r)) if code(&r) >= 500 => {
                match self.entries(&remote)? {
                    Some(_) => Ok(false),
                    None => Err(refusal(&format!("MKD {remote}"), &r)),
                }
            }
            Err(e) => Err(self.failed(&format!("MKD {remote}"), e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(code: u32, text: &str) -> Response {
        Response::new(Status::from(code), text.as_bytes().to_vec())
    }

    #[test]
    fn only_4xx_replies_are_worth_a_retry_and_5xx_ones_say_why_they_are_not() {
        assert_eq!(reply_failure(421, "421 Too many connections."), Failure::Transient);
        assert_eq!(reply_failure(450, "450 Permission denied."), Failure::Transient);
        assert_eq!(reply_failure(452, "452 Insufficient storage."), Failure::Space);
        let full = "426 No space left on device; transfer aborted.";
        assert_eq!(reply_failure(426, full), Failure::Space);
        assert_eq!(
            reply_failure(426, "426 Connection closed; transfer aborted."),
            Failure::Transient
        );
        assert_eq!(reply_failure(530, "530 Authentication failed."), Failure::Login);
        assert_eq!(reply_failure(552, "552 Exceeded storage allocation."), Failure::Space);
        assert_eq!(reply_failure(550, "550 No space left on device."), Failure::Space);
        assert_eq!(reply_failure(550, "550 Disk quota exceeded."), Failure::Space);
        assert_eq!(reply_failure(550, "550 Permission denied."), Failure::Permission);
        assert_eq!(reply_failure(550, "550 Not enough privileges."), Failure::Permission);
        assert_eq!(reply_failure(553, "553 File name not allowed."), Failure::Name);
        assert_eq!(reply_failure(553, "553 Invalid file name."), Failure::Name);
        assert_eq!(reply_failure(553, "553 Could not create file."), Failure::Refused);
        assert_eq!(reply_failure(550, "550 No such file or directory."), Failure::Refused);
        assert_eq!(reply_failure(226, "226 Transfer complete."), Failure::Refused);
        // The path a server repeats is not read as its reason.
        let e = refusal("DELE /x/namespace.html", &response(550, "550 /x/namespace.html: denied"));
        assert_eq!(e.failure, Failure::Permission);
        assert_eq!(e.message, "DELE /x/namespace.html: 550 /x/namespace.html: denied");
    }

    #[test]
    fn a_reply_code_suppaftp_does_not_know_is_read_from_the_text() {
        assert_eq!(code(&response(550, "550 No such file.\r\n")), 550);
        assert_eq!(code(&response(522, "522 Session reuse required.\r\n")), 522);
        assert_eq!(code(&response(534, "534-Policy\r\n534 refused\r\n")), 534);
    }

    #[test]
    fn a_multi_line_reply_is_shown_on_one_line() {
        assert_eq!(
            reply(&response(530, "530-Login incorrect.\r\n530 Bye.\r\n")),
            "530-Login incorrect. 530 Bye."
        );
        assert_eq!(
            reply(&response(553, "553 Could not create file.\r\n")),
            "553 Could not create file."
        );
    }

    #[test]
    fn failures_name_the_command_and_end_with_the_reply() {
        let e = failure(
            "STOR 2023/05/x/index.html",
            FtpError::UnexpectedResponse(response(553, "553 Could not create file.\r\n")),
            Duration::from_secs(30),
        );
        assert_eq!(e, RemoteError::fatal("STOR 2023/05/x/index.html: 553 Could not create file."));
        let e = failure(
            "RETR a.html",
            FtpError::UnexpectedResponse(response(421, "421 Too many connections.\r\n")),
            Duration::from_secs(30),
        );
        assert!(e.is_transient());
        let timeout = std::io::Error::from(ErrorKind::WouldBlock);
        let e = failure("LIST x", FtpError::ConnectionError(timeout), Duration::from_secs(7));
        assert_eq!(e, RemoteError::transient("LIST x: no answer from the server in 7 s"));
        let secure = FtpError::SecureError("Secure error: bad certificate".into());
        let e = failure("STOR a.html", secure, Duration::ZERO);
        assert_eq!(e, RemoteError::fatal("STOR a.html: TLS failed: bad certificate"));
    }

    #[test]
    fn mlsd_lines_give_type_size_and_time() {
        let entry = parse_mlsd("type=file;size=1234;modify=20230515093000;perm=r; index.html")
            .expect("an entry");
        assert_eq!(entry.name, "index.html");
        assert_eq!(entry.kind, Kind::File);
        assert_eq!(entry.size, Some(1234));
        let expected = SystemTime::UNIX_EPOCH + Duration::from_secs(1_684_143_000);
        assert_eq!(entry.modified, Some(expected));

        let entry = parse_mlsd("type=dir;modify=20230515093000; my folder; v2").expect("an entry");
        assert_eq!((entry.name.as_str(), entry.kind), ("my folder; v2", Kind::Folder));
        assert_eq!(parse_mlsd("type=cdir;modify=20230515093000; ."), None);
        assert_eq!(parse_mlsd("type=pdir; .."), None);
        let timeless = parse_mlsd("type=file;size=3; a.txt").expect("an entry");
        assert_eq!(timeless.modified, None);
    }

    #[test]
    fn list_lines_give_type_and_size_but_no_time() {
        let file = parse_list("-rw-r--r--   1 humas    humas        5120 May 15 09:30 index.html")
            .expect("an entry");
        assert_eq!(
            file,
            Entry { name: "index.html".into(), kind: Kind::File, size: Some(5120), modified: None }
        );
        let folder = parse_list("drwxr-xr-x   2 humas    humas        4096 Jan  3  2022 2023")
            .expect("an entry");
        assert_eq!(folder.kind, Kind::Folder);
        let dos =
            parse_list("05-15-23  09:30AM                 2048 berita.html").expect("an entry");
        assert_eq!(
            (dos.name.as_str(), dos.kind, dos.size),
            ("berita.html", Kind::File, Some(2048))
        );
        assert_eq!(parse_list("total 12"), None);
        assert_eq!(parse_list("drwxr-xr-x   2 humas    humas        4096 Jan  3  2022 .."), None);
    }
}
