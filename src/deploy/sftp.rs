//! SFTP over SSH (`sftp://user@host`), through libssh2: the server's host key checked against
//! `~/.ssh/known_hosts` as OpenSSH checks it, a login by key, password or ssh-agent, and each
//! file written beside its place and renamed over it.
//!
//! A relative folder is relative to the folder the login starts in (the home folder), as
//! OpenSSH's server reads relative paths.

use super::credentials;
use super::remote::{not_found, parents, temporary_name};
use super::{Failure, HostKeys, Remote, RemoteError, RemoteFile, Secrets, Target};
use ssh2::{CheckResult, ErrorCode, HashType, KnownHostFileKind, MethodType, Session};
use std::collections::HashSet;
use std::fmt;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// Opens an SSH connection to the target and starts SFTP on it. The server's host key is
/// checked against `keys.file` (and, with `keys.trust`, recorded there); the login is by
/// `secrets.key`, else the password, else ssh-agent's keys and the default `~/.ssh/id_*` keys.
/// The user is `secrets.user`, else the address's.
pub fn connect(
    target: &Target,
    secrets: &Secrets,
    keys: &HostKeys,
) -> Result<Box<dyn Remote>, RemoteError> {
    let Some(user) = secrets.user.as_deref().or(target.user.as_deref()).filter(|u| !u.is_empty())
    else {
        return Err(RemoteError::setup(format!(
            "no user to log in to {} as: put it in the address, sftp://user@{}",
            target.host, target.host
        )));
    };
    let server = shown_server(target);
    let tcp = open_tcp(target, &server)?;
    let mut session = Session::new()
        .map_err(|e| RemoteError::fatal(format!("cannot start an SSH session: {}", e.message())))?;
    let timeout = u32::try_from(target.timeout.as_millis()).unwrap_or(u32::MAX);
    session.set_timeout(timeout.max(1));
    let name = known_hosts_name(&target.host, target.port);
    prefer_known_key_types(&session, &keys.file, &name);
    session.set_tcp_stream(tcp);
    session.handshake().map_err(|e| ssh_failed(&format!("SSH handshake with {server}"), &e))?;
    check_host_key(&session, &server, &name, keys)?;
    authenticate(&session, &server, user, secrets)?;
    let sftp = session.sftp().map_err(|e| {
        if e.code() == ErrorCode::Session(CHANNEL_REQUEST_DENIED) {
            RemoteError::setup(format!(
                "{server} does not offer SFTP to {user} (its request was refused): ask the host \
                 to enable it, or deploy by ftps://"
            ))
        } else {
            ssh_failed(&format!("starting SFTP on {server}"), &e)
        }
    })?;
    Ok(Box::new(Connection { session, sftp, target: target.clone(), folders: HashSet::new() }))
}

/// `host`, `host:port` or `[::1]:port`, as messages name the server.
fn shown_server(target: &Target) -> String {
    match target.port {
        22 => target.host.clone(),
        port if target.host.contains(':') => format!("[{}]:{port}", target.host),
        port => format!("{}:{port}", target.host),
    }
}

/// The TCP connection, to the first of the host's addresses that answers in time.
fn open_tcp(target: &Target, server: &str) -> Result<TcpStream, RemoteError> {
    let addresses = (target.host.as_str(), target.port)
        .to_socket_addrs()
        .map_err(|e| RemoteError::transient(not_found(server, &e)))?;
    let mut last = None;
    for address in addresses {
        match TcpStream::connect_timeout(&address, target.timeout) {
            Ok(tcp) => return Ok(tcp),
            Err(e) => last = Some(e),
        }
    }
    Err(RemoteError::transient(match last {
        Some(e) => format!("cannot connect to {server}: {e}"),
        None => format!("cannot find the server {server}: it has no address"),
    }))
}

// libssh2's error codes (`LIBSSH2_ERROR_*`) and SFTP status codes (`LIBSSH2_FX_*`, from the
// SFTP draft), which `ssh2` reports as numbers.
const KEX_FAILURE: i32 = -5;
const HOSTKEY_INIT: i32 = -10;
const PASSWORD_EXPIRED: i32 = -15;
const FILE: i32 = -16;
const METHOD_NONE: i32 = -17;
const AUTHENTICATION_FAILED: i32 = -18;
const PUBLICKEY_UNVERIFIED: i32 = -19;
const CHANNEL_REQUEST_DENIED: i32 = -22;
const SFTP_PROTOCOL: i32 = -31;
const REQUEST_DENIED: i32 = -32;
const METHOD_NOT_SUPPORTED: i32 = -33;
const INVAL: i32 = -34;
const BAD_USE: i32 = -39;
const KNOWN_HOSTS: i32 = -46;
const KEYFILE_AUTH_FAILED: i32 = -48;
const ALGO_UNSUPPORTED: i32 = -51;

const FX_NO_SUCH_FILE: i32 = 2;
const FX_PERMISSION_DENIED: i32 = 3;
const FX_FAILURE: i32 = 4;
const FX_NO_CONNECTION: i32 = 6;
const FX_CONNECTION_LOST: i32 = 7;
const FX_NO_SUCH_PATH: i32 = 10;
const FX_FILE_ALREADY_EXISTS: i32 = 11;
const FX_WRITE_PROTECT: i32 = 12;
const FX_NO_SPACE_ON_FILESYSTEM: i32 = 14;
const FX_QUOTA_EXCEEDED: i32 = 15;
const FX_INVALID_FILENAME: i32 = 20;

/// Whether trying again on a new connection can help: a dropped connection, a timeout or a
/// garbled packet can; a refused login, a refused request (no permission, a full disk) or a
/// missing key file cannot.
fn is_transient(code: ErrorCode) -> bool {
    match code {
        ErrorCode::SFTP(status) => matches!(status, FX_NO_CONNECTION | FX_CONNECTION_LOST),
        ErrorCode::Session(rc) => !matches!(
            rc,
            KEX_FAILURE
                | HOSTKEY_INIT
                | PASSWORD_EXPIRED
                | FILE
                | METHOD_NONE
                | AUTHENTICATION_FAILED
                | PUBLICKEY_UNVERIFIED
                | CHANNEL_REQUEST_DENIED
                | SFTP_PROTOCOL
                | REQUEST_DENIED
                | METHOD_NOT_SUPPORTED
                | INVAL
                | BAD_USE
                | KNOWN_HOSTS
                | KEYFILE_AUTH_FAILED
                | ALGO_UNSUPPORTED
        ),
    }
}

/// What kind of failure an error is: [`is_transient`], else by the SFTP status or libssh2's
/// code where it says why (OpenSSH's server answers "failure" for a full disk: see
/// [`Connection::io_failed`], where a write tells it).
fn failure_of(code: ErrorCode) -> Failure {
    match code {
        _ if is_transient(code) => Failure::Transient,
        ErrorCode::SFTP(FX_PERMISSION_DENIED | FX_WRITE_PROTECT) => Failure::Permission,
        ErrorCode::SFTP(FX_NO_SPACE_ON_FILESYSTEM | FX_QUOTA_EXCEEDED) => Failure::Space,
        ErrorCode::SFTP(FX_INVALID_FILENAME) => Failure::Name,
        ErrorCode::Session(AUTHENTICATION_FAILED | PUBLICKEY_UNVERIFIED | PASSWORD_EXPIRED) => {
            Failure::Login
        }
        _ => Failure::Refused,
    }
}

/// No such file, or no such folder on its way.
fn is_missing(e: &ssh2::Error) -> bool {
    matches!(e.code(), ErrorCode::SFTP(FX_NO_SUCH_FILE | FX_NO_SUCH_PATH))
}

/// The error in words: the SFTP status (`permission denied`, `no such file`), or libssh2's
/// message about the connection.
fn describe(e: &ssh2::Error) -> String {
    match e.code() {
        // OpenSSH's server answers "failure" for every error without a status of its own:
        // a full disk, a quota, a file where a folder should be.
        ErrorCode::SFTP(FX_FAILURE) => {
            "failure (the server gave no reason: often a full disk or quota)".to_string()
        }
        ErrorCode::SFTP(_) => e.message().to_string(),
        ErrorCode::Session(_) if is_transient(e.code()) => {
            format!("the connection failed: {}", e.message())
        }
        ErrorCode::Session(_) => e.message().to_string(),
    }
}

/// `{what} {path}: {the error}`, of the kind [`failure_of`] gives it.
fn failed(what: &str, path: &str, e: &ssh2::Error) -> RemoteError {
    RemoteError::new(failure_of(e.code()), format!("{what} {path}: {}", describe(e)))
}

/// `{what}: {the error}`, for the steps of connecting.
fn ssh_failed(what: &str, e: &ssh2::Error) -> RemoteError {
    RemoteError::new(failure_of(e.code()), format!("{what}: {}", describe(e)))
}

/// A read or write of an open file the server refused, with `status`, the SFTP status it
/// answered. OpenSSH's server answers a write the disk has no room for (ENOSPC, or the
/// account's quota) with the generic "failure", which says nothing: said so.
fn refused_io(what: &str, path: &str, status: Option<i32>, e: &std::io::Error) -> RemoteError {
    match status {
        Some(FX_FAILURE) if what == "write" => RemoteError::new(
            Failure::Space,
            format!(
                "write {path}: the server could not write it (its disk may be full, or the \
                 account over its quota)"
            ),
        ),
        Some(status) => {
            RemoteError::new(failure_of(ErrorCode::SFTP(status)), format!("{what} {path}: {e}"))
        }
        None => RemoteError::fatal(format!("{what} {path}: {e}")),
    }
}

/// The SFTP status of a failed read or write of an open file. `ssh2` passes it on as an
/// `io::Error` that keeps only its own words for the status, which are matched back to the
/// status here, from `ssh2`'s own table.
fn sftp_status(e: &std::io::Error) -> Option<i32> {
    let text = e.get_ref()?.to_string();
    (1..=31).find(|&status| ssh2::Error::from_errno(ErrorCode::SFTP(status)).message() == text)
}

// ---------------------------------------------------------------------------------------------
// The host key.

/// The name known_hosts files give a server, as OpenSSH writes and looks it up: the host for
/// port 22, `[host]:port` for any other.
fn known_hosts_name(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_string()
    } else {
        format!("[{host}]:{port}")
    }
}

/// Base64 (RFC 4648, the standard alphabet), with or without the `=` padding: as OpenSSH
/// writes keys in known_hosts, and fingerprints.
fn base64(bytes: &[u8], pad: bool) -> String {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    use base64::Engine;
    if pad {
        STANDARD.encode(bytes)
    } else {
        STANDARD_NO_PAD.encode(bytes)
    }
}

/// A key's fingerprint as OpenSSH prints it, from the SHA-256 of the key:
/// `SHA256:mgQLIIb/EEpY1XJIA1r0byI7DS82yW7uDPd9njmX2xo`.
fn fingerprint(sha256: &[u8]) -> String {
    format!("SHA256:{}", base64(sha256, false))
}

/// The type a public key names at its start (`ssh-ed25519`, `ecdsa-sha2-nistp256`,
/// `ssh-rsa`): the first string of the key in SSH's wire format.
fn key_type(blob: &[u8]) -> Option<&str> {
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    std::str::from_utf8(blob.get(4..4 + len)?).ok()
}

/// A line of the known hosts file that names this server.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KnownKey {
    /// Counted from 0.
    line: usize,
    /// `ssh-ed25519`.
    kind: String,
    /// The key, in base64.
    key: String,
}

/// The lines of a known hosts file about the server `name` (as [`known_hosts_name`] gives it),
/// and the keys marked `@revoked`. libssh2 matches the names, hashed ones too, one line at a
/// time: a line it cannot read (a key type it does not know) is passed over rather than, as
/// its own reading of a file does, ending the reading there.
fn known_keys(session: &Session, text: &str, name: &str) -> (Vec<KnownKey>, Vec<String>) {
    let mut keys = Vec::new();
    let mut revoked = Vec::new();
    for (line, content) in text.lines().enumerate() {
        let content = content.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = content.split_whitespace().collect();
        if content.starts_with('@') {
            // A revoked key is refused whatever host it is for; `@cert-authority` lines sign
            // host certificates, which libssh2 does not check.
            if fields[0] == "@revoked" {
                if let Some(key) = fields.get(3) {
                    revoked.push(key.to_string());
                }
            }
            continue;
        }
        let (Some(kind), Some(key)) = (fields.get(1), fields.get(2)) else { continue };
        let Ok(mut hosts) = session.known_hosts() else { continue };
        if hosts.read_str(content, KnownHostFileKind::OpenSSH).is_err() {
            continue;
        }
        // A key that is no key at all: a line about this host "mismatches" it.
        if let CheckResult::Mismatch = hosts.check(name, b"\0warta: no key") {
            keys.push(KnownKey { line, kind: kind.to_string(), key: key.to_string() });
        }
    }
    (keys, revoked)
}

/// What the known hosts file says of the key a server showed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Known,
    Revoked,
    /// Nothing of this type for the server; `others` are the types it has (the server may
    /// have keys of several types, and showed one the file does not have).
    Unknown {
        others: Vec<String>,
    },
    /// The file has another key of this type for the server: on these lines.
    Changed {
        lines: Vec<usize>,
    },
}

fn judge(known: &[KnownKey], revoked: &[String], kind: &str, key: &str) -> Verdict {
    if revoked.iter().any(|r| r == key) {
        return Verdict::Revoked;
    }
    if known.iter().any(|k| k.key == key) {
        return Verdict::Known;
    }
    let lines: Vec<usize> = known.iter().filter(|k| k.kind == kind).map(|k| k.line).collect();
    if !lines.is_empty() {
        return Verdict::Changed { lines };
    }
    let mut others: Vec<String> = Vec::new();
    for k in known {
        if !others.contains(&k.kind) {
            others.push(k.kind.clone());
        }
    }
    Verdict::Unknown { others }
}

/// The known hosts text with the lines `drop` (counted from 0) removed and `entry` added at
/// the end; every other line kept as it was.
fn recorded(text: &str, drop: &[usize], entry: &str) -> String {
    let mut out = String::with_capacity(text.len() + entry.len() + 2);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if !drop.contains(&i) {
            out.push_str(line);
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(entry);
    out.push('\n');
    out
}

/// The host key algorithms to offer, in order: those of the key types the known hosts file
/// has for the server first, so that a server with several keys shows one that can be checked
/// (OpenSSH orders them so too), then the rest of what libssh2 supports. Certificates are left
/// out: known_hosts holds plain keys, and libssh2 does not check certificates.
fn host_key_methods(known: &[String], supported: &[&str]) -> Vec<String> {
    let mut methods: Vec<String> = Vec::new();
    for kind in known {
        let wanted: &[&str] = match kind.as_str() {
            "ssh-rsa" => &["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
            other => &[other][..],
        };
        for method in wanted {
            if supported.contains(method) && !methods.iter().any(|m| m == method) {
                methods.push(method.to_string());
            }
        }
    }
    for method in supported {
        if !method.contains("-cert-") && !methods.iter().any(|m| m == method) {
            methods.push(method.to_string());
        }
    }
    methods
}

/// Reads the known hosts file; a missing one is empty.
fn read_known_hosts(file: &Path) -> Result<String, RemoteError> {
    match std::fs::read(file) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(RemoteError::fatal(format!("cannot read {}: {e}", file.display()))),
    }
}

/// Before the handshake: prefer the host key types the file knows for the server. Nothing here
/// is an error; the check after the handshake is what decides.
fn prefer_known_key_types(session: &Session, file: &Path, name: &str) {
    let Ok(text) = read_known_hosts(file) else { return };
    let (known, _) = known_keys(session, &text, name);
    let kinds: Vec<String> = known.into_iter().map(|k| k.kind).collect();
    let Ok(supported) = session.supported_algs(MethodType::HostKey) else { return };
    let methods = host_key_methods(&kinds, &supported);
    if !methods.is_empty() {
        let _ = session.method_pref(MethodType::HostKey, &methods.join(","));
    }
}

/// Connections of one deploy check (and record) host keys one at a time, so that several
/// opened at once with `--trust-host-key` record a key once.
static KNOWN_HOSTS_FILE: Mutex<()> = Mutex::new(());

/// Checks the key the server showed against the known hosts file; with `keys.trust`, accepts
/// an unknown or changed key and records it there.
fn check_host_key(
    session: &Session,
    server: &str,
    name: &str,
    keys: &HostKeys,
) -> Result<(), RemoteError> {
    let (blob, _) = session.host_key().ok_or_else(|| {
        RemoteError::transient(format!("{server} sent no host key in the SSH handshake"))
    })?;
    let kind = key_type(blob).unwrap_or("unknown").to_string();
    let key = base64(blob, true);
    let shown = match session.host_key_hash(HashType::Sha256) {
        Some(hash) => format!("{kind} {}", fingerprint(hash)),
        None => format!("{kind} {key}"),
    };
    let _lock = KNOWN_HOSTS_FILE.lock().unwrap_or_else(|e| e.into_inner());
    let text = read_known_hosts(&keys.file)?;
    let (known, revoked) = known_keys(session, &text, name);
    let file = keys.file.display();
    let drop = match judge(&known, &revoked, &kind, &key) {
        Verdict::Known => return Ok(()),
        Verdict::Revoked => {
            return Err(RemoteError::setup(format!(
                "{server}'s host key ({shown}) is marked @revoked in {file}: refusing to connect"
            )))
        }
        Verdict::Unknown { others } if !keys.trust => {
            let others = if others.is_empty() {
                String::new()
            } else {
                format!(" ({file} has only a key of another type for it: {})", others.join(", "))
            };
            return Err(RemoteError::setup(format!(
                "{server} is not a known host{others}. Its host key is\n    {shown}\n\
                 Check it with the host's administrator (on the server, `ssh-keygen -lf \
                 /etc/ssh/ssh_host_{}_key.pub` prints it), then run `warta deploy \
                 --trust-host-key` once to record it in {file}.",
                key_file_kind(&kind)
            )));
        }
        Verdict::Changed { lines } if !keys.trust => {
            let lines: Vec<String> = lines.iter().map(|l| (l + 1).to_string()).collect();
            return Err(RemoteError::setup(format!(
                "WARNING: the server's host key has CHANGED: {file} (line {}) has another {kind} \
                 key for {server}. This could be someone intercepting the connection, or the \
                 host reinstalled the server. It now shows\n    {shown}\n\
                 Nothing was sent. Check the key with the host's administrator before anything \
                 else; only if they confirm it, run `warta deploy --trust-host-key` once to \
                 replace the old one.",
                lines.join(", ")
            )));
        }
        Verdict::Unknown { .. } => Vec::new(),
        Verdict::Changed { lines } => lines,
    };
    let entry = format!("{name} {kind} {key}");
    write_known_hosts(&keys.file, &recorded(&text, &drop, &entry)).map_err(|e| {
        RemoteError::fatal(format!("cannot record {server}'s host key in {file}: {e}"))
    })
}

/// `ed25519` of `ssh-ed25519`, as OpenSSH names a server's key files.
fn key_file_kind(kind: &str) -> &str {
    match kind {
        "ssh-ed25519" => "ed25519",
        "ssh-rsa" => "rsa",
        k if k.starts_with("ecdsa-") => "ecdsa",
        "ssh-dss" => "dsa",
        _ => "*",
    }
}

/// Replaces the known hosts file by `text`: written beside it and renamed over it, keeping its
/// permissions. A new file is readable by its owner only, in a folder (`~/.ssh`) made so too;
/// a file that is a link is written where it points.
fn write_known_hosts(file: &Path, text: &str) -> std::io::Result<()> {
    let real = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let folder = real.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&real).ok().map(|m| m.permissions());
    if !folder.is_dir() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(folder)?;
    }
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let part = folder.join(format!(".{name}.warta-{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&part).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Some(permissions) = permissions {
            f.set_permissions(permissions)?;
        }
        Ok(())
    });
    let renamed = written.and_then(|()| std::fs::rename(&part, &real));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    renamed
}

// ---------------------------------------------------------------------------------------------
// The login.

/// Logs in as `user`, by the first of these that is given: the key of `secrets.key` (with its
/// passphrase); the password; else each key of a running ssh-agent, then the default keys
/// `~/.ssh/id_ed25519`, `id_ecdsa` and `id_rsa`. A refusal is fatal and names what was tried,
/// never a password.
fn authenticate(
    session: &Session,
    server: &str,
    user: &str,
    secrets: &Secrets,
) -> Result<(), RemoteError> {
    // The methods the server takes, asked with the "none" method, which lets a user of some
    // servers in.
    let offered = session
        .auth_methods(user)
        .map_err(|e| ssh_failed(&format!("logging in to {server}"), &e))?
        .to_string();
    if session.authenticated() {
        return Ok(());
    }
    let takes = |method: &str| offered.split(',').any(|m| m == method);
    let mut login = Login { session, server, user, offered: &offered, tried: Vec::new() };
    let passphrase = secrets.passphrase.as_deref();
    if let Some(key) = &secrets.key {
        if !key.is_file() {
            return Err(RemoteError::setup(format!(
                "the key file {} ({}) does not exist",
                key.display(),
                credentials::KEY
            )));
        }
        if let Some(private) = public_half(key) {
            let which = match private == *key {
                true => "the file without .pub beside it".to_string(),
                false => private.display().to_string(),
            };
            return Err(RemoteError::setup(format!(
                "{} ({}) is the public half of the key, which the server keeps: name the \
                 private one, {which}",
                key.display(),
                credentials::KEY,
            )));
        }
        if !takes("publickey") {
            return Err(login.not_offered("keys"));
        }
        login.key(key, passphrase)?;
    } else if let Some(password) = &secrets.password {
        if takes("password") {
            let result = session.userauth_password(user, password);
            login.attempt(result, "the password".to_string())?;
        } else if takes("keyboard-interactive") {
            let result = session.userauth_keyboard_interactive(user, &mut Answer { password });
            login.attempt(result, "the password (keyboard-interactive)".to_string())?;
        } else {
            return Err(login.not_offered("passwords"));
        }
    } else if takes("publickey") {
        login.agent()?;
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
        for key in default_keys(home.as_deref().map(Path::new)) {
            if session.authenticated() {
                break;
            }
            login.key(&key, passphrase)?;
        }
        if login.tried.is_empty() && !session.authenticated() {
            return Err(RemoteError::setup(format!(
                "nothing to log in to {server} as {user} with: no key ({}) or password ({} or \
                 ~/.netrc) is set, ssh-agent has no keys, and there is no ~/.ssh/id_ed25519, \
                 id_ecdsa or id_rsa",
                credentials::KEY,
                credentials::PASSWORD
            )));
        }
    } else {
        return Err(login.not_offered("keys"));
    }
    if session.authenticated() {
        return Ok(());
    }
    Err(RemoteError::new(
        Failure::Login,
        format!("{server} refused the login as {user}; tried {}", login.tried.join(", ")),
    ))
}

/// The private key's file, when `path` is the public half of a key (`id_ed25519.pub`, a line
/// `ssh-ed25519 AAAA…`): given as the key, it was "refused by the server" with libssh2's words
/// ("Unable to extract public key from private key"), though no server was asked (found by
/// helper-42, stop 75).
fn public_half(path: &Path) -> Option<PathBuf> {
    let mut head = [0u8; 64];
    let n = std::io::Read::read(&mut std::fs::File::open(path).ok()?, &mut head).ok()?;
    let text = String::from_utf8_lossy(&head[..n]);
    let public =
        ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"].iter().any(|p| text.starts_with(p))
            || text.starts_with("---- BEGIN SSH2 PUBLIC KEY");
    public.then(|| match path.extension() {
        Some(e) if e == "pub" => path.with_extension(""),
        _ => path.to_path_buf(),
    })
}

/// Whether the private key file at `path` is locked by a passphrase: an OpenSSH key whose
/// cipher is not `none`, or a PEM key marked `ENCRYPTED`.
fn is_encrypted(path: &Path) -> bool {
    use base64::Engine;
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    if text.lines().any(|l| l.contains("ENCRYPTED")) {
        return true;
    }
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(body.trim()) else {
        return false;
    };
    let Some(rest) = bytes.strip_prefix(b"openssh-key-v1\0") else { return false };
    let cipher = rest
        .get(..4)
        .and_then(|n| <[u8; 4]>::try_from(n).ok())
        .map(|n| u32::from_be_bytes(n) as usize)
        .and_then(|n| rest.get(4..4 + n));
    cipher.is_some_and(|c| c != b"none")
}

/// What to do about a key locked by a passphrase that did not open it.
fn locked_key(key: &Path, passphrase_given: bool) -> String {
    if passphrase_given {
        format!(
            "the key {} did not open with the passphrase in {}: check it (the key's own \
             passphrase, not the server's password)",
            key.display(),
            credentials::PASSPHRASE
        )
    } else {
        format!(
            "the key {} is locked by a passphrase: set {} to it before `warta deploy`, or use a \
             key without one",
            key.display(),
            credentials::PASSPHRASE
        )
    }
}

/// The default keys OpenSSH tries that exist under `home`.
fn default_keys(home: Option<&Path>) -> Vec<PathBuf> {
    let Some(home) = home else { return Vec::new() };
    ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|name| home.join(".ssh").join(name))
        .filter(|path| path.is_file())
        .collect()
}

/// The attempts of one login, and what they were (for the message if all are refused).
struct Login<'a> {
    session: &'a Session,
    server: &'a str,
    user: &'a str,
    /// The methods the server offers: `publickey,password`.
    offered: &'a str,
    tried: Vec<String>,
}

impl Login<'_> {
    /// Ok(true) if the attempt logged in; Ok(false) if it was refused; an error if the
    /// connection failed, which after a refusal is the server giving up on us (OpenSSH closes
    /// the connection after `MaxAuthTries` refusals).
    fn attempt(
        &mut self,
        result: Result<(), ssh2::Error>,
        what: String,
    ) -> Result<bool, RemoteError> {
        match result {
            Ok(()) => Ok(true),
            Err(e) if is_transient(e.code()) => {
                if self.tried.is_empty() {
                    Err(ssh_failed(&format!("logging in to {} with {what}", self.server), &e))
                } else {
                    Err(RemoteError::new(
                        Failure::Login,
                        format!(
                            "{} closed the connection after refusing the login as {} with {}",
                            self.server,
                            self.user,
                            self.tried.join(", ")
                        ),
                    ))
                }
            }
            Err(e) => {
                let why = match e.code() {
                    ErrorCode::Session(AUTHENTICATION_FAILED | PUBLICKEY_UNVERIFIED) => {
                        String::new()
                    }
                    _ => format!(" ({})", e.message()),
                };
                self.tried.push(format!("{what}{why}"));
                Ok(false)
            }
        }
    }

    fn key(&mut self, key: &Path, passphrase: Option<&str>) -> Result<bool, RemoteError> {
        let result = self.session.userauth_pubkey_file(self.user, None, key, passphrase);
        // A key locked by a passphrase that was not given, or not this one, is no login the
        // server refused (libssh2 says "Unsupported private key format"): found by helper-26,
        // stop 48.
        let refused = |e: &ssh2::Error| {
            matches!(e.code(), ErrorCode::Session(AUTHENTICATION_FAILED | PUBLICKEY_UNVERIFIED))
        };
        if result.as_ref().is_err_and(|e| !refused(e) && !is_transient(e.code()))
            && is_encrypted(key)
        {
            return Err(RemoteError::setup(locked_key(key, passphrase.is_some())));
        }
        self.attempt(result, format!("the key {}", key.display()))
    }

    /// Each key of a running ssh-agent; an agent that is not there, or fails, is passed over.
    fn agent(&mut self) -> Result<bool, RemoteError> {
        let Ok(mut agent) = self.session.agent() else { return Ok(false) };
        if agent.connect().is_err() || agent.list_identities().is_err() {
            return Ok(false);
        }
        let identities = agent.identities().unwrap_or_default();
        let mut result = Ok(false);
        for identity in &identities {
            let attempt = agent.userauth(self.user, identity);
            let what = format!("ssh-agent's key {}", identity.comment());
            result = self.attempt(attempt, what);
            if !matches!(result, Ok(false)) {
                break;
            }
        }
        let _ = agent.disconnect();
        result
    }

    fn not_offered(&self, what: &str) -> RemoteError {
        let instead = if self.offered.split(',').any(|m| m == "publickey") {
            format!("; log in with a key ({})", credentials::KEY)
        } else {
            String::new()
        };
        RemoteError::setup(format!(
            "{} does not take {what} for {}: it offers {}{instead}",
            self.server, self.user, self.offered
        ))
    }
}

/// Answers keyboard-interactive prompts with the password: servers that check passwords
/// through PAM ask that way.
struct Answer<'a> {
    password: &'a str,
}

impl ssh2::KeyboardInteractivePrompt for Answer<'_> {
    fn prompt<'a>(
        &mut self,
        _username: &str,
        _instructions: &str,
        prompts: &[ssh2::Prompt<'a>],
    ) -> Vec<String> {
        // A prompt shown as typed is not asking for the password.
        prompts
            .iter()
            .map(|p| if p.echo { String::new() } else { self.password.to_string() })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The connection.

/// One SSH connection with SFTP started on it.
struct Connection {
    session: Session,
    sftp: ssh2::Sftp,
    target: Target,
    /// The site's folders known to exist on the server (`""`: the site's folder itself), so
    /// each is made once per connection.
    folders: HashSet<String>,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("target", &self.target.shown())
            .field("folders", &self.folders.len())
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// The server-side path of a site folder, `""` the site's folder itself (the login folder
    /// `.` when the target names none).
    fn folder_path(&self, dir: &str) -> String {
        match self.target.remote_path(dir) {
            path if path.is_empty() => ".".to_string(),
            path => path,
        }
    }

    /// The site's folder, made (with its parents) when missing.
    fn make_site_folder(&mut self) -> Result<(), RemoteError> {
        if self.folders.contains("") {
            return Ok(());
        }
        let folder = self.target.folder.clone();
        if !folder.is_empty() {
            match self.sftp.stat(Path::new(&folder)) {
                Ok(stat) if stat.is_dir() => {}
                Ok(_) => {
                    return Err(RemoteError::fatal(format!(
                        "the site's folder {folder} on {} is not a folder",
                        shown_server(&self.target)
                    )))
                }
                Err(e) if is_missing(&e) => {
                    // Its parents first; any of them may exist and be out of reach (/var), so
                    // only the folder's own mkdir decides.
                    for parent in parents(&folder).filter(|p| !p.is_empty()) {
                        let _ = self.sftp.mkdir(Path::new(parent), 0o755);
                    }
                    self.mkdir(&folder, &folder)?;
                }
                Err(e) => return Err(failed("open the site's folder", &folder, &e)),
            }
        }
        self.folders.insert(String::new());
        Ok(())
    }

    /// A site folder made if this connection has not yet seen it.
    fn make_folder(&mut self, dir: &str) -> Result<(), RemoteError> {
        if !self.folders.contains(dir) {
            self.mkdir(&self.target.remote_path(dir), dir)?;
            self.folders.insert(dir.to_string());
        }
        Ok(())
    }

    fn mkdir(&self, remote: &str, shown: &str) -> Result<(), RemoteError> {
        match self.sftp.mkdir(Path::new(remote), 0o755) {
            Ok(()) => Ok(()),
            // An existing folder: "failure" from OpenSSH's server (SFTP version 3), "file
            // already exists" from later versions. Anything else in the way shows when the
            // file is written.
            Err(e) if matches!(e.code(), ErrorCode::SFTP(FX_FAILURE | FX_FILE_ALREADY_EXISTS)) => {
                Ok(())
            }
            Err(e) => Err(failed("create the folder", shown, &e)),
        }
    }

    /// A failed read or write of an open file: `ssh2` gives it as an `io::Error` without
    /// libssh2's code, so the session's last error tells a refusal by the server (an SFTP
    /// status: a full disk) from a failed connection.
    fn io_failed(&self, what: &str, path: &str, e: &std::io::Error) -> RemoteError {
        let refused = matches!(
            ssh2::Error::last_session_error(&self.session).map(|e| e.code()),
            Some(ErrorCode::Session(SFTP_PROTOCOL))
        );
        if refused && e.kind() != ErrorKind::TimedOut {
            refused_io(what, path, sftp_status(e), e)
        } else {
            RemoteError::transient(format!("{what} {path}: {e}"))
        }
    }

    /// Writes `bytes` to the server-side file `remote` (created or truncated); `path` names it
    /// in messages.
    fn write(&mut self, remote: &str, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        let mut file = match self.sftp.create(Path::new(remote)) {
            Ok(file) => file,
            Err(e) if is_missing(&e) => {
                // A folder this connection made was removed since (by another connection's
                // clean-up): make the folders again, once.
                self.folders.clear();
                self.make_site_folder()?;
                for dir in parents(path) {
                    self.make_folder(dir)?;
                }
                self.sftp.create(Path::new(remote)).map_err(|e| failed("write", path, &e))?
            }
            Err(e) => return Err(failed("write", path, &e)),
        };
        // libssh2 reports written only what the server acknowledged, so after write_all every
        // byte is on the server; closing the handle (on drop) sends nothing more.
        file.write_all(bytes).map_err(|e| self.io_failed("write", path, &e))
    }

    /// Renames the temporary file `part` over `file`.
    fn replace(&self, part: &str, file: &str, path: &str) -> Result<(), RemoteError> {
        let (part, file) = (Path::new(part), Path::new(file));
        let result = match self.sftp.rename(part, file, None) {
            // SFTP version 3, which OpenSSH's server speaks, has no rename over an existing
            // file: the flags that ask for it are sent from version 5 on, and OpenSSH answers
            // "failure". (Its posix-rename extension, which does it, is not reachable through
            // `ssh2`.) So the old file is removed and the rename tried again: for the length of
            // one request the file is missing, never half-written.
            Err(e) if matches!(e.code(), ErrorCode::SFTP(FX_FAILURE | FX_FILE_ALREADY_EXISTS)) => {
                match self.sftp.unlink(file) {
                    Err(e) if !is_missing(&e) => Err(e),
                    _ => self.sftp.rename(part, file, None),
                }
            }
            result => result,
        };
        result.map_err(|e| {
            if !is_transient(e.code()) {
                let _ = self.sftp.unlink(part);
            }
            failed("replace", path, &e)
        })
    }
}

impl Remote for Connection {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, RemoteError> {
        let mut file = match self.sftp.open(Path::new(&self.target.remote_path(path))) {
            Ok(file) => file,
            Err(e) if is_missing(&e) => return Ok(None),
            Err(e) => return Err(failed("read", path, &e)),
        };
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| self.io_failed("read", path, &e))?;
        Ok(Some(bytes))
    }

    fn list(&mut self) -> Result<Vec<RemoteFile>, RemoteError> {
        let mut files = Vec::new();
        let mut folders = vec![String::new()];
        while let Some(dir) = folders.pop() {
            let entries = match self.sftp.readdir(Path::new(&self.folder_path(&dir))) {
                Ok(entries) => entries,
                // No site's folder yet (a first deploy), or a folder removed meanwhile.
                Err(e) if is_missing(&e) => continue,
                Err(e) => {
                    let shown = if dir.is_empty() { self.folder_path("") } else { dir };
                    return Err(failed("list", &shown, &e));
                }
            };
            for (entry, stat) in entries {
                let Some(name) = entry.file_name().and_then(|n| n.to_str()) else { continue };
                let rel = if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
                let kind = stat.file_type();
                if kind.is_dir() {
                    folders.push(rel);
                } else if kind.is_file() {
                    files.push(RemoteFile {
                        path: rel,
                        size: stat.size.unwrap_or(0),
                        modified: stat
                            .mtime
                            .map(|secs| SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
                    });
                }
            }
        }
        Ok(files)
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        self.make_site_folder()?;
        for dir in parents(path) {
            self.make_folder(dir)?;
        }
        let part = self.target.remote_path(&temporary_name(path));
        if let Err(e) = self.write(&part, path, bytes) {
            // Found testing against a full disk: the part written was left on the server, a
            // file nobody serves taking the room that was short. Over a lost connection it
            // cannot be removed; the next upload of the file replaces it.
            if !e.is_transient() {
                let _ = self.sftp.unlink(Path::new(&part));
            }
            return Err(e);
        }
        self.replace(&part, &self.target.remote_path(path), path)
    }

    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        match self.sftp.unlink(Path::new(&self.target.remote_path(path))) {
            Ok(()) => Ok(()),
            Err(e) if is_missing(&e) => Ok(()),
            Err(e) => Err(failed("remove", path, &e)),
        }
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), RemoteError> {
        self.folders.retain(|f| f != path && !f.starts_with(&format!("{path}/")));
        match self.sftp.rmdir(Path::new(&self.target.remote_path(path))) {
            // Not empty, gone, or not a folder: all left as they are. A failed connection
            // still is one.
            Err(e) if is_transient(e.code()) => Err(failed("remove the folder", path, &e)),
            _ => Ok(()),
        }
    }

    fn make_dir(&mut self, path: &str) -> Result<bool, RemoteError> {
        self.make_site_folder()?;
        let remote = self.target.remote_path(path);
        match self.sftp.mkdir(Path::new(&remote), 0o755) {
            Ok(()) => Ok(true),
            // "failure" (SFTP version 3) or "file already exists" (later ones) whether the
            // folder is there or something else went wrong: a folder there answers a stat.
            Err(e) if matches!(e.code(), ErrorCode::SFTP(FX_FAILURE | FX_FILE_ALREADY_EXISTS)) => {
                match self.sftp.stat(Path::new(&remote)) {
                    Ok(stat) if stat.is_dir() => Ok(false),
                    _ => Err(failed("create the folder", path, &e)),
                }
            }
            Err(e) => Err(failed("create the folder", path, &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The public half of a key, given as the key, is told as such, with the private one's
    /// name; a private key is not taken for one.
    #[test]
    fn the_public_half_of_a_key_is_known_by_its_first_words() {
        let dir = tempfile::tempdir().expect("a folder");
        let public = dir.path().join("kantor_key.pub");
        std::fs::write(&public, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI humas@kantor\n")
            .expect("write");
        assert_eq!(public_half(&public), Some(dir.path().join("kantor_key")));
        let private = dir.path().join("kantor_key");
        std::fs::write(&private, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n")
            .expect("write");
        assert_eq!(public_half(&private), None);
        assert_eq!(public_half(&dir.path().join("none")), None);
    }

    /// Found by helper-26, stop 48: a key locked by a passphrase, without it, was "refused the
    /// login … (Unsupported private key format)", which sent the office to the server's admin.
    #[test]
    fn a_key_locked_by_a_passphrase_says_which_passphrase_to_set() {
        let dir = tempfile::tempdir().expect("a folder");
        // Throwaway keys made for this test with `ssh-keygen -t ed25519 -N rahasia` and
        // `-N ''`, used nowhere else.
        let locked = dir.path().join("locked");
        std::fs::write(&locked, LOCKED).expect("written");
        let plain = dir.path().join("plain");
        std::fs::write(&plain, PLAIN).expect("written");
        let pem = dir.path().join("pem");
        std::fs::write(&pem, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n").expect("written");
        assert!(is_encrypted(&locked) && is_encrypted(&pem));
        assert!(!is_encrypted(&plain) && !is_encrypted(&dir.path().join("none")));
        let m = locked_key(&locked, false);
        assert!(m.contains("is locked by a passphrase: set WARTA_DEPLOY_KEY_PASSPHRASE"), "{m}");
        let m = locked_key(&locked, true);
        assert!(
            m.contains("did not open with the passphrase in WARTA_DEPLOY_KEY_PASSPHRASE"),
            "{m}"
        );
    }

    const LOCKED: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAbauIkUX\naboi0AbhFhkB6EAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIEc2ENBtEaYYaEBU\nblEHjPgMOLwHaxi8PGOEhNtXsAjdAAAAkNDCVVny0FoHkHgBZ3/Sd8FER3b5mHoI1NKPDS\n6B/CjKJpBVXL7wc7my45DDvPZoXfh6X/gPb7hkFV6B/J3kZTd1wj2CwN5MrIzK33ptYmiP\nvRWXj5l9lsp89NKutPttX78AbEhNpUeVuC68mVE0nqRw/y8qaI43TJnkUVDKOiCN+gk62c\nR+iRaeyMoL62F32w==\n-----END OPENSSH PRIVATE KEY-----\n";
    const PLAIN: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACB3XBntpnWK2pu3sJ6Wrc3OY2dFpunnXSociDHOPcY/ZgAAAIiH4D8uh+A/\nLgAAAAtzc2gtZWQyNTUxOQAAACB3XBntpnWK2pu3sJ6Wrc3OY2dFpunnXSociDHOPcY/Zg\nAAAEBZFUSQEtfU4V9Jkukloi1Ax3CBpcjaZf+jKWm+94qlZndcGe2mdYram7ewnpatzc5j\nZ0Wm6eddKhyIMc49xj9mAAAAAXQBAgME\n-----END OPENSSH PRIVATE KEY-----\n";

    #[test]
    fn base64_follows_rfc_4648() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes(), true), encoded);
            assert_eq!(base64(plain.as_bytes(), false), encoded.trim_end_matches('='));
        }
        assert_eq!(base64(&[0xfb, 0xff], true), "+/8=");
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn a_fingerprint_reads_as_ssh_keygen_prints_it() {
        // `ssh-keygen -l -E sha256` of a key whose SHA-256 this is.
        let sha256 = hex("9a040b2086ff104a58d57248035af46f223b0d2f36c96eee0cf77d9e3997db1a");
        assert_eq!(fingerprint(&sha256), "SHA256:mgQLIIb/EEpY1XJIA1r0byI7DS82yW7uDPd9njmX2xo");
    }

    #[test]
    fn known_hosts_names_a_port_other_than_22_in_brackets() {
        assert_eq!(known_hosts_name("sftp.example.go.id", 22), "sftp.example.go.id");
        assert_eq!(known_hosts_name("127.0.0.1", 2222), "[127.0.0.1]:2222");
        assert_eq!(known_hosts_name("::1", 2222), "[::1]:2222");
        assert_eq!(known_hosts_name("::1", 22), "::1");
    }

    #[test]
    fn a_key_names_its_type_first() {
        let mut blob = vec![0, 0, 0, 11];
        blob.extend_from_slice(b"ssh-ed25519");
        blob.extend_from_slice(&[0, 0, 0, 32, 1, 2, 3]);
        assert_eq!(key_type(&blob), Some("ssh-ed25519"));
        assert_eq!(key_type(&[0, 0, 0, 40, b'x']), None);
        assert_eq!(key_type(&[0, 0]), None);
    }

    fn known(line: usize, kind: &str, key: &str) -> KnownKey {
        KnownKey { line, kind: kind.to_string(), key: key.to_string() }
    }

    #[test]
    fn a_host_key_is_known_changed_unknown_or_revoked() {
        let file = [known(0, "ssh-rsa", "RSA"), known(3, "ssh-ed25519", "OLD")];
        assert_eq!(judge(&file, &[], "ssh-ed25519", "OLD"), Verdict::Known);
        assert_eq!(judge(&file, &[], "ssh-rsa", "RSA"), Verdict::Known);
        assert_eq!(judge(&file, &[], "ssh-ed25519", "NEW"), Verdict::Changed { lines: vec![3] });
        assert_eq!(
            judge(&file, &[], "ecdsa-sha2-nistp256", "EC"),
            Verdict::Unknown { others: vec!["ssh-rsa".to_string(), "ssh-ed25519".to_string()] }
        );
        assert_eq!(judge(&[], &[], "ssh-ed25519", "NEW"), Verdict::Unknown { others: vec![] });
        assert_eq!(judge(&file, &["OLD".to_string()], "ssh-ed25519", "OLD"), Verdict::Revoked);
    }

    #[test]
    fn recording_a_key_keeps_every_other_line() {
        let text = "# mine\nexample.org ssh-ed25519 A\n[h]:2222 ssh-ed25519 OLD\nlast ssh-rsa B";
        assert_eq!(
            recorded(text, &[2], "[h]:2222 ssh-ed25519 NEW"),
            "# mine\nexample.org ssh-ed25519 A\nlast ssh-rsa B\n[h]:2222 ssh-ed25519 NEW\n"
        );
        assert_eq!(recorded("", &[], "h ssh-ed25519 K"), "h ssh-ed25519 K\n");
        assert_eq!(recorded("a b c\r\n", &[], "h t k"), "a b c\r\nh t k\n");
    }

    #[test]
    fn the_key_types_known_for_a_host_are_offered_first_and_certificates_never() {
        let supported = [
            "ssh-ed25519-cert-v01@openssh.com",
            "ssh-ed25519",
            "ecdsa-sha2-nistp256",
            "rsa-sha2-512",
            "rsa-sha2-256",
            "ssh-rsa",
        ];
        assert_eq!(
            host_key_methods(&["ssh-rsa".to_string()], &supported),
            ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256"]
        );
        assert_eq!(
            host_key_methods(&[], &supported),
            ["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
        );
        assert_eq!(host_key_methods(&["ssh-unknown".to_string()], &supported)[0], "ssh-ed25519");
    }

    #[test]
    fn a_dropped_connection_is_transient_and_a_refusal_is_not() {
        assert!(is_transient(ErrorCode::Session(-43)), "socket receive");
        assert!(is_transient(ErrorCode::Session(-13)), "socket disconnect");
        assert!(is_transient(ErrorCode::Session(-9)), "timeout");
        assert!(is_transient(ErrorCode::SFTP(FX_CONNECTION_LOST)));
        assert!(!is_transient(ErrorCode::Session(AUTHENTICATION_FAILED)));
        assert!(!is_transient(ErrorCode::Session(FILE)));
        assert!(!is_transient(ErrorCode::SFTP(3)), "permission denied");
        assert!(!is_transient(ErrorCode::SFTP(14)), "no space");
        assert!(!is_transient(ErrorCode::SFTP(FX_FAILURE)));
    }

    #[test]
    fn an_error_names_the_operation_the_path_and_the_servers_status() {
        let e =
            failed("write", "2023/05/x/index.html", &ssh2::Error::from_errno(ErrorCode::SFTP(3)));
        assert_eq!(
            e,
            RemoteError::new(Failure::Permission, "write 2023/05/x/index.html: permission denied")
        );
        let e = failed("read", "a.html", &ssh2::Error::from_errno(ErrorCode::Session(-43)));
        assert!(e.is_transient());
        assert!(e.message.starts_with("read a.html: the connection failed: "), "{}", e.message);
    }

    #[test]
    fn a_refusal_says_why_where_its_status_does() {
        assert_eq!(failure_of(ErrorCode::SFTP(FX_PERMISSION_DENIED)), Failure::Permission);
        assert_eq!(failure_of(ErrorCode::SFTP(FX_NO_SPACE_ON_FILESYSTEM)), Failure::Space);
        assert_eq!(failure_of(ErrorCode::SFTP(FX_QUOTA_EXCEEDED)), Failure::Space);
        assert_eq!(failure_of(ErrorCode::SFTP(FX_FAILURE)), Failure::Refused);
        assert_eq!(failure_of(ErrorCode::SFTP(FX_CONNECTION_LOST)), Failure::Transient);
        assert_eq!(failure_of(ErrorCode::Session(AUTHENTICATION_FAILED)), Failure::Login);
        // A write's status comes back from the words `ssh2` gives an `io::Error`.
        let io = |status| std::io::Error::from(ssh2::Error::from_errno(ErrorCode::SFTP(status)));
        assert_eq!(sftp_status(&io(FX_FAILURE)), Some(FX_FAILURE));
        assert_eq!(sftp_status(&io(FX_PERMISSION_DENIED)), Some(FX_PERMISSION_DENIED));
        assert_eq!(sftp_status(&std::io::Error::other("elsewhere")), None);
        let e = refused_io("write", "a.html", Some(FX_PERMISSION_DENIED), &io(3));
        assert_eq!(e, RemoteError::new(Failure::Permission, "write a.html: permission denied"));
        // OpenSSH's answer to a write the disk has no room for.
        let e = refused_io("write", "a.html", Some(FX_FAILURE), &io(FX_FAILURE));
        assert_eq!(e.failure, Failure::Space);
        assert_eq!(
            e.message,
            "write a.html: the server could not write it (its disk may be full, or the account \
             over its quota)"
        );
    }

    #[test]
    fn the_default_keys_are_those_that_exist() {
        let home = tempfile::tempdir().unwrap();
        assert!(default_keys(Some(home.path())).is_empty());
        std::fs::create_dir(home.path().join(".ssh")).unwrap();
        std::fs::write(home.path().join(".ssh/id_rsa"), "k").unwrap();
        std::fs::write(home.path().join(".ssh/id_ed25519"), "k").unwrap();
        assert_eq!(
            default_keys(Some(home.path())),
            [home.path().join(".ssh/id_ed25519"), home.path().join(".ssh/id_rsa")]
        );
        assert!(default_keys(None).is_empty());
    }

    #[test]
    fn a_new_known_hosts_file_and_its_folder_are_private() {
        let home = tempfile::tempdir().unwrap();
        let file = home.path().join(".ssh/known_hosts");
        write_known_hosts(&file, "h ssh-ed25519 K\n").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "h ssh-ed25519 K\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&file), 0o600);
            assert_eq!(mode(&home.path().join(".ssh")), 0o700);
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            write_known_hosts(&file, "h ssh-ed25519 L\n").unwrap();
            assert_eq!(mode(&file), 0o644, "an existing file keeps its permissions");
        }
        assert_eq!(std::fs::read_dir(home.path().join(".ssh")).unwrap().count(), 1);
    }
}
