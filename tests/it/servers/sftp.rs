//! An SFTP server for the tests: OpenSSH's sshd on 127.0.0.1 and a free port, with a host key
//! of its own, letting in only the current user with a key made for the test. Its sftp-server
//! logs every request to a file, read back to tell what a deploy sent.
//!
//! OpenSSH's `internal-sftp` logs only to syslog, or with `-e` to the client, so the server
//! runs the external `sftp-server` with its standard error appended to the log.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};
use tempfile::TempDir;
use warta::deploy::remote::PART;
use warta::deploy::sftp::connect;
use warta::deploy::{HostKeys, Protocol, RemoteError, Secrets, Target};

const SSHD: &str = "/usr/sbin/sshd";

/// Where distributions put OpenSSH's sftp-server.
const SFTP_SERVERS: [&str; 4] = [
    "/usr/lib/openssh/sftp-server",
    "/usr/libexec/openssh/sftp-server",
    "/usr/libexec/sftp-server",
    "/usr/lib/ssh/sftp-server",
];

/// How long sshd may take to start listening.
const START: Duration = Duration::from_secs(10);

/// A running sshd, killed with every connection it serves when dropped.
#[derive(Debug)]
pub struct SftpServer {
    pub port: u16,
    /// The folder tests deploy into, absolute: the target's folder.
    pub root: PathBuf,
    /// The user logged in as: the one running the tests.
    pub user: String,
    /// The client's private key (`home/.ssh/id_ed25519`, no passphrase), the only one the
    /// server lets in.
    pub key: PathBuf,
    /// A home folder for the `warta` binary (`HOME=home`): `.ssh/known_hosts` with the
    /// server's key, and the client's key as the default `.ssh/id_ed25519`.
    pub home: PathBuf,
    /// `home/.ssh/known_hosts`, with the server's key for `[127.0.0.1]:port`.
    pub known_hosts: PathBuf,
    /// The server's public host key as known_hosts has it after the name:
    /// `ssh-ed25519 AAAA…`.
    pub host_key: String,
    /// The host key's fingerprint as `ssh-keygen -l` prints it: `SHA256:…`.
    pub fingerprint: String,
    dir: TempDir,
    config: PathBuf,
    sshd_log: PathBuf,
    sftp_log: PathBuf,
    /// The length of the sftp log when [`SftpServer::clear_log`] was last called.
    mark: AtomicU64,
    child: Option<Child>,
}

impl SftpServer {
    /// Starts sshd serving `root` (made absolute; not created), or says why it cannot.
    pub fn start(root: &Path) -> Option<SftpServer> {
        SftpServer::launch(root, None)
    }

    /// A server whose sftp-server cannot write a file past `bytes` (or twice that, as the
    /// shell counts): `ulimit -f`, with the signal that would kill it ignored, so a write past
    /// it fails, and OpenSSH answers it as it answers a full disk (ENOSPC): "failure". No
    /// filesystem of the machine is filled.
    pub fn start_with_file_limit(root: &Path, bytes: u64) -> Option<SftpServer> {
        SftpServer::launch(root, Some(bytes))
    }

    fn launch(root: &Path, file_limit: Option<u64>) -> Option<SftpServer> {
        if !Path::new(SSHD).is_file() {
            return super::unavailable(&format!("no {SSHD} (openssh-server) to test SFTP with"));
        }
        let Some(sftp_server) = SFTP_SERVERS.iter().find(|p| Path::new(p).is_file()) else {
            return super::unavailable("no OpenSSH sftp-server to test SFTP with");
        };
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let path = dir.path().to_path_buf();
        if path.to_string_lossy().contains(char::is_whitespace) {
            return super::unavailable(
                "the temporary folder's path has a space, which sshd_config cannot hold",
            );
        }
        let home = path.join("home");
        let ssh = home.join(".ssh");
        fs::create_dir_all(&ssh).expect("create home/.ssh");
        set_mode(&ssh, 0o700);
        let host_key = path.join("ssh_host_ed25519_key");
        let key = ssh.join("id_ed25519");
        for file in [&host_key, &key] {
            if let Err(why) = keygen(file) {
                return super::unavailable(&why);
            }
        }
        fs::copy(key.with_extension("pub"), path.join("authorized_keys"))
            .expect("write authorized_keys");
        let public = fs::read_to_string(host_key.with_extension("pub")).expect("read the host key");
        let host_key_text = public.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        let fingerprint = fingerprint_of(&host_key.with_extension("pub"));
        let user = match current_user() {
            Some(user) => user,
            None => return super::unavailable("cannot tell the current user (`id -un`)"),
        };
        // sshd's privilege separation needs its empty folder; made if we may.
        let _ = fs::create_dir_all("/run/sshd");
        let root = if root.is_absolute() {
            root.to_path_buf()
        } else {
            std::env::current_dir().expect("the current folder").join(root)
        };
        let mut server = SftpServer {
            port: 0,
            root,
            user,
            known_hosts: ssh.join("known_hosts"),
            key,
            home,
            host_key: host_key_text,
            fingerprint,
            config: path.join("sshd_config"),
            sshd_log: path.join("sshd.log"),
            sftp_log: path.join("sftp.log"),
            mark: AtomicU64::new(0),
            child: None,
            dir,
        };
        let penalties = penalties_option();
        let limited;
        let sftp_server = match file_limit {
            None => *sftp_server,
            Some(bytes) => {
                let wrapper = server.dir.path().join("sftp-server-limited");
                fs::write(
                    &wrapper,
                    format!(
                        "#!/bin/sh\nulimit -f {}\ntrap '' XFSZ\nexec {sftp_server} \"$@\"\n",
                        bytes.div_ceil(512)
                    ),
                )
                .expect("write the sftp-server wrapper");
                set_mode(&wrapper, 0o755);
                limited = wrapper.display().to_string();
                limited.as_str()
            }
        };
        let mut why = String::new();
        // A free port is found by binding port 0 and letting it go: another process may take
        // it before sshd does, so a failed bind is tried again on another.
        for _ in 0..3 {
            server.port = free_port();
            server.write_config(sftp_server, &host_key, penalties);
            match server.spawn() {
                Ok(()) => {
                    let line = server.known_hosts_line();
                    fs::write(&server.known_hosts, line + "\n").expect("write known_hosts");
                    set_mode(&server.known_hosts, 0o600);
                    return Some(server);
                }
                Err(log) if log.contains("Address already in use") => why = log,
                Err(log) => return super::unavailable(&format!("sshd did not start:\n{log}")),
            }
        }
        super::unavailable(&format!("sshd found no free port:\n{why}"))
    }

    fn write_config(&self, sftp_server: &str, host_key: &Path, penalties: bool) {
        let dir = self.dir.path();
        let mut config = format!(
            "HostKey {host_key}\n\
             ListenAddress 127.0.0.1\n\
             Port {port}\n\
             AuthorizedKeysFile {keys}\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             UsePAM no\n\
             StrictModes no\n\
             PermitRootLogin prohibit-password\n\
             PidFile none\n\
             MaxStartups 64\n\
             LogLevel INFO\n\
             Subsystem sftp exec {sftp_server} -e -l INFO 2>>{log}\n",
            host_key = host_key.display(),
            port = self.port,
            keys = dir.join("authorized_keys").display(),
            log = self.sftp_log.display(),
        );
        if penalties {
            // OpenSSH 9.8 and later refuse a client for a while after a failed login: the tests
            // fail logins on purpose and connect again.
            config.push_str("PerSourcePenalties no\n");
        }
        fs::write(&self.config, config).expect("write sshd_config");
    }

    /// Starts sshd and waits until it listens; else kills it and gives its log.
    fn spawn(&mut self) -> Result<(), String> {
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.sshd_log)
            .expect("open sshd.log");
        let from = log.metadata().map(|m| m.len()).unwrap_or(0) as usize;
        let mut child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(&self.config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot run {SSHD}: {e}"))?;
        let listening = format!("Server listening on 127.0.0.1 port {}.", self.port);
        let deadline = Instant::now() + START;
        loop {
            let log = fs::read_to_string(&self.sshd_log).unwrap_or_default();
            let log = log.get(from..).unwrap_or_default();
            if log.contains(&listening) {
                self.child = Some(child);
                return Ok(());
            }
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!("{log}({status})"));
            }
            if Instant::now() > deadline {
                kill_tree(&mut child);
                return Err(format!("{log}(not listening after {START:?})"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills sshd and every connection it serves.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            kill_tree(&mut child);
        }
    }

    /// Starts sshd again, on the same port with the same keys and root.
    pub fn restart(&mut self) {
        self.stop();
        if let Err(log) = self.spawn() {
            panic!("sshd did not start again on port {}:\n{log}", self.port);
        }
    }

    /// The line known_hosts has for the server: `[127.0.0.1]:port ssh-ed25519 AAAA…`.
    pub fn known_hosts_line(&self) -> String {
        format!("[127.0.0.1]:{} {}", self.port, self.host_key)
    }

    /// The address `site.yaml` gives the server: `sftp://user@127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("sftp://{}@127.0.0.1:{}", self.user, self.port)
    }

    /// A target for the server's root, with a short timeout.
    pub fn target(&self) -> Target {
        Target {
            protocol: Protocol::Sftp,
            host: "127.0.0.1".to_string(),
            port: self.port,
            user: Some(self.user.clone()),
            folder: self.root.to_string_lossy().into_owned(),
            connections: 1,
            timeout: Duration::from_secs(10),
            certificate: None,
        }
    }

    /// The client's key, nothing else.
    pub fn secrets(&self) -> Secrets {
        Secrets { key: Some(self.key.clone()), ..Secrets::default() }
    }

    /// [`SftpServer::known_hosts`], not trusting anything new.
    pub fn host_keys(&self) -> HostKeys {
        HostKeys { file: self.known_hosts.clone(), trust: false }
    }

    /// sshd's own log (logins, refusals, disconnections), from its start.
    pub fn sshd_log(&self) -> String {
        fs::read_to_string(&self.sshd_log).unwrap_or_default()
    }

    /// The sftp-server's log since the last [`SftpServer::clear_log`]: a line per request,
    /// `open "/…/.index.html.warta-part" flags WRITE,CREATE,TRUNCATE mode 0644`,
    /// `rename old "…" new "…"`, `remove name "…"`. Read once it has stopped growing (each
    /// line is written before the request is answered, so this is brief).
    pub fn log(&self) -> String {
        let mut len = self.log_len();
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            std::thread::sleep(Duration::from_millis(30));
            let now = self.log_len();
            if now == len || Instant::now() > deadline {
                break;
            }
            len = now;
        }
        let bytes = fs::read(&self.sftp_log).unwrap_or_default();
        let from = (self.mark.load(Ordering::SeqCst) as usize).min(bytes.len());
        String::from_utf8_lossy(&bytes[from..]).replace('\r', "")
    }

    /// Forgets the log so far, so that [`SftpServer::uploads`] and [`SftpServer::deletes`]
    /// count what comes next.
    pub fn clear_log(&self) {
        self.mark.store(self.log_len(), Ordering::SeqCst);
    }

    fn log_len(&self) -> u64 {
        fs::metadata(&self.sftp_log).map(|m| m.len()).unwrap_or(0)
    }

    /// The files uploaded since the last [`SftpServer::clear_log`], relative to the root, in
    /// order: each rename of a temporary file onto its final name.
    pub fn uploads(&self) -> Vec<String> {
        read_log(&self.log(), &self.root).0
    }

    /// The files the client asked to remove since the last [`SftpServer::clear_log`] (there or
    /// not), relative to the root, in order; temporary files, and a file removed to rename a
    /// new one over it, are not counted.
    pub fn deletes(&self) -> Vec<String> {
        read_log(&self.log(), &self.root).1
    }
}

impl Drop for SftpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A request of an sftp-server log.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Request {
    Open(String),
    Rename(String, String),
    Remove(String),
}

/// The requests of an sftp-server log that matter here, in order.
fn requests(log: &str) -> Vec<Request> {
    let mut requests = Vec::new();
    for line in log.lines() {
        let unquote = |rest: &str| rest.strip_suffix('"').unwrap_or(rest).to_string();
        if let Some(rest) = line.strip_prefix("open \"") {
            if let Some((path, _)) = rest.rsplit_once("\" flags ") {
                requests.push(Request::Open(path.to_string()));
            }
        } else if let Some(rest) =
            line.strip_prefix("rename old \"").or_else(|| line.strip_prefix("posix-rename old \""))
        {
            if let Some((old, new)) = rest.split_once("\" new \"") {
                requests.push(Request::Rename(old.to_string(), unquote(new)));
            }
        } else if let Some(rest) = line.strip_prefix("remove name \"") {
            requests.push(Request::Remove(unquote(rest)));
        }
    }
    requests
}

/// Uploads and deletes of an sftp-server log, relative to `root`.
///
/// Over SFTP version 3 a rename onto an existing file fails, and the client removes the file
/// and renames again: the log shows both renames and the removal between them. So a rename
/// counts only if the temporary file's next request is not the same rename again, and the
/// removals between the two are no deletes.
fn read_log(log: &str, root: &Path) -> (Vec<String>, Vec<String>) {
    let root = root.to_string_lossy();
    let relative = |path: &str| -> String {
        match path.strip_prefix(&*root).and_then(|rest| rest.strip_prefix('/')) {
            Some(rest) => rest.to_string(),
            None => path.to_string(),
        }
    };
    let requests = requests(log);
    let mut replacing = vec![false; requests.len()];
    let mut uploads = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        let Request::Rename(old, new) = request else { continue };
        if !old.ends_with(PART) {
            continue;
        }
        let next = requests[i + 1..].iter().position(|r| match r {
            Request::Open(path) | Request::Rename(path, _) => path == old,
            Request::Remove(_) => false,
        });
        match next.map(|n| (i + 1 + n, &requests[i + 1 + n])) {
            Some((j, Request::Rename(_, again))) if again == new => {
                for (k, r) in requests.iter().enumerate().take(j).skip(i + 1) {
                    if *r == Request::Remove(new.clone()) {
                        replacing[k] = true;
                    }
                }
            }
            _ => uploads.push(relative(new)),
        }
    }
    let deletes = requests
        .iter()
        .zip(replacing)
        .filter_map(|(r, replacing)| match r {
            Request::Remove(path) if !replacing && !path.ends_with(PART) => Some(relative(path)),
            _ => None,
        })
        .collect();
    (uploads, deletes)
}

/// A new ed25519 key without passphrase at `file` (and `file.pub`).
fn keygen(file: &Path) -> Result<(), String> {
    keygen_of_type(file, "ed25519")
}

fn keygen_of_type(file: &Path, kind: &str) -> Result<(), String> {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", kind, "-N", "", "-C", "warta-test", "-f"])
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run ssh-keygen: {e}"))?;
    if !out.status.success() {
        return Err(format!("ssh-keygen failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(())
}

/// `SHA256:…` of a public key file, as `ssh-keygen -l` prints it.
fn fingerprint_of(public: &Path) -> String {
    let out = Command::new("ssh-keygen")
        .args(["-l", "-E", "sha256", "-f"])
        .arg(public)
        .output()
        .expect("run ssh-keygen -l");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split_whitespace()
        .find(|w| w.starts_with("SHA256:"))
        .unwrap_or_else(|| panic!("no fingerprint in {text:?}"))
        .to_string()
}

fn current_user() -> Option<String> {
    let out = Command::new("id").arg("-un").output().ok()?;
    let user = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !user.is_empty() {
        Some(user)
    } else {
        std::env::var("USER").ok().filter(|u| !u.is_empty())
    }
}

/// Whether this sshd has `PerSourcePenalties` (OpenSSH 9.8 and later).
fn penalties_option() -> bool {
    Command::new(SSHD)
        .args(["-t", "-f", "/dev/null", "-o", "PerSourcePenalties=no"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .is_ok_and(|out| !String::from_utf8_lossy(&out.stderr).contains("PerSourcePenalties"))
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("the bound address").port()
}

fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("set permissions");
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// Kills `child` and every process below it: sshd forks a process per connection (in a
/// session of its own) and that one the sftp-server, and a server that stops should drop its
/// connections too.
fn kill_tree(child: &mut Child) {
    let below = descendants(child.id());
    let _ = child.kill();
    let _ = child.wait();
    #[cfg(unix)]
    for pid in below {
        if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        }
    }
    #[cfg(not(unix))]
    let _ = below;
}

/// The processes below `pid`, from `/proc` (none where there is no `/proc`).
fn descendants(pid: u32) -> Vec<u32> {
    let mut parents = Vec::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else { continue };
        // `pid (comm) state ppid …`; comm may hold spaces and parentheses.
        let Some((_, rest)) = stat.rsplit_once(')') else { continue };
        if let Some(Ok(parent)) = rest.split_whitespace().nth(1).map(str::parse::<u32>) {
            parents.push((child, parent));
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let of = found[i];
        found.extend(parents.iter().filter(|(_, p)| *p == of).map(|(c, _)| *c));
        i += 1;
    }
    found.remove(0);
    found
}

// ---------------------------------------------------------------------------------------------
// The SFTP transport against the real server.

fn fails(result: Result<Box<dyn warta::deploy::Remote>, RemoteError>) -> RemoteError {
    match result {
        Ok(_) => panic!("expected the connection to fail"),
        Err(e) => e,
    }
}

/// The known_hosts line of a new key, made for the test: another server's key.
fn other_key(dir: &Path) -> String {
    let file = dir.join("other_host_key");
    keygen(&file).expect("ssh-keygen");
    let public = fs::read_to_string(file.with_extension("pub")).expect("read the key");
    public.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

#[test]
fn sftp_puts_reads_lists_and_removes_files_on_a_real_sshd() {
    let site = tempfile::tempdir().expect("create a temporary folder");
    // Not there yet: the first put makes it.
    let root = site.path().join("www");
    let Some(server) = SftpServer::start(&root) else { return };
    let mut remote = connect(&server.target(), &server.secrets(), &server.host_keys())
        .unwrap_or_else(|e| panic!("connect: {e}\n{}", server.sshd_log()));
    assert_eq!(remote.list().expect("list a missing folder"), []);

    // Large enough for libssh2 to send it in many pipelined writes; every byte value.
    let page: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let before = SystemTime::now() - Duration::from_secs(5);
    remote.put("2023/05/workshop/index.html", &page).expect("put a nested file");
    remote.put("index.html", b"<h1>Home</h1>").expect("put");
    assert_eq!(fs::read(root.join("2023/05/workshop/index.html")).expect("on disk"), page);
    assert_eq!(remote.read("2023/05/workshop/index.html").expect("read"), Some(page.clone()));
    assert!(!root.join("2023/05/workshop/.index.html.warta-part").exists());
    assert_eq!(server.uploads(), ["2023/05/workshop/index.html", "index.html"]);

    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("index.html"), root.join("link.html")).expect("link");
    let mut listed = remote.list().expect("list");
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = listed.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["2023/05/workshop/index.html", "index.html"], "links are not listed");
    assert_eq!(listed[0].size, page.len() as u64);
    assert_eq!(listed[1].size, 13);
    let modified = listed[0].modified.expect("SFTP gives the time");
    assert!(modified >= before && modified <= SystemTime::now() + Duration::from_secs(5));

    // Over an existing file: OpenSSH refuses the rename, the client removes and renames.
    server.clear_log();
    remote.put("index.html", b"<h1>New</h1>").expect("put over an existing file");
    assert_eq!(fs::read(root.join("index.html")).expect("on disk"), b"<h1>New</h1>");
    assert_eq!(server.uploads(), ["index.html"], "{}", server.log());
    assert_eq!(server.deletes(), Vec::<String>::new(), "{}", server.log());

    remote.remove("index.html").expect("remove");
    assert!(!root.join("index.html").exists());
    assert_eq!(server.deletes(), ["index.html"]);
    assert_eq!(remote.read("index.html").expect("read a missing file"), None);
    remote.remove("index.html").expect("remove a missing file");

    remote.remove_dir("2023/05/workshop").expect("remove a folder that is not empty");
    assert!(root.join("2023/05/workshop/index.html").is_file());
    remote.remove("2023/05/workshop/index.html").expect("remove");
    for dir in ["2023/05/workshop", "2023/05", "2023", "never/there"] {
        remote.remove_dir(dir).expect("remove an empty folder");
    }
    assert!(!root.join("2023").exists());
    // The folders this connection made are gone: it makes them again.
    remote.put("2023/05/workshop/index.html", b"again").expect("put after the folders went");
    assert_eq!(fs::read(root.join("2023/05/workshop/index.html")).expect("on disk"), b"again");

    // A second connection finds the folders there.
    let mut other =
        connect(&server.target(), &server.secrets(), &server.host_keys()).expect("connect again");
    other.put("2023/05/other.html", b"other").expect("put into existing folders");
    assert_eq!(other.read("2023/05/other.html").expect("read"), Some(b"other".to_vec()));
}

#[test]
fn sftp_makes_a_missing_site_folder_with_its_parents() {
    let site = tempfile::tempdir().expect("create a temporary folder");
    let Some(server) = SftpServer::start(site.path()) else { return };
    let mut target = server.target();
    target.folder = site.path().join("a/b/site").to_string_lossy().into_owned();
    let mut remote = connect(&target, &server.secrets(), &server.host_keys()).expect("connect");
    remote.put("index.html", b"x").expect("put");
    assert!(site.path().join("a/b/site/index.html").is_file());

    // A file where a folder should be is no transient error, and the message names it.
    let e = remote.put("index.html/page.html", b"y").expect_err("a file is in the way");
    assert!(!e.is_transient(), "{e:?}");
    assert!(e.message.contains("index.html/page.html"), "{}", e.message);
}

#[test]
fn sftp_refuses_an_unknown_host_key_and_names_its_fingerprint() {
    let Some(server) = SftpServer::start(Path::new("/nonexistent")) else { return };
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let file = dir.path().join("known_hosts");
    // A key for the same address on port 22 is another server's, as OpenSSH sees it.
    fs::write(&file, format!("127.0.0.1 {}\n", other_key(dir.path()))).expect("write");
    for keys in [
        HostKeys { file: dir.path().join("missing"), trust: false },
        HostKeys { file: file.clone(), trust: false },
    ] {
        let e = fails(connect(&server.target(), &server.secrets(), &keys));
        assert!(!e.is_transient());
        assert!(e.message.contains("not a known host"), "{}", e.message);
        assert!(
            e.message.contains(&format!("ssh-ed25519 {}", server.fingerprint)),
            "{}",
            e.message
        );
        assert!(e.message.contains("--trust-host-key"), "{}", e.message);
        assert!(!e.message.contains("CHANGED"), "{}", e.message);
    }
    assert!(!dir.path().join("missing").exists(), "nothing is recorded without trust");
    assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 3, "only the keys and the file");
}

#[test]
fn sftp_records_a_trusted_host_key_and_checks_against_it_next_time() {
    let Some(server) = SftpServer::start(Path::new("/nonexistent")) else { return };
    let home = tempfile::tempdir().expect("create a temporary folder");
    let file = home.path().join(".ssh/known_hosts");
    let trusting = HostKeys { file: file.clone(), trust: true };
    connect(&server.target(), &server.secrets(), &trusting).expect("connect, trusting the key");
    assert_eq!(fs::read_to_string(&file).expect("recorded"), server.known_hosts_line() + "\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&home.path().join(".ssh")), 0o700);
    }
    // OpenSSH finds it there.
    let found = Command::new("ssh-keygen")
        .args(["-F", &format!("[127.0.0.1]:{}", server.port), "-f"])
        .arg(&file)
        .output()
        .expect("run ssh-keygen -F");
    assert!(found.status.success(), "{}", String::from_utf8_lossy(&found.stdout));

    let checking = HostKeys { file: file.clone(), trust: false };
    connect(&server.target(), &server.secrets(), &checking).expect("connect with the recorded key");
    connect(&server.target(), &server.secrets(), &trusting).expect("trusting a known key again");
    assert_eq!(fs::read_to_string(&file).expect("read").lines().count(), 1);

    // Connections opened at once with --trust-host-key record the key once.
    let file = home.path().join("at-once/known_hosts");
    let trusting = HostKeys { file: file.clone(), trust: true };
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| connect(&server.target(), &server.secrets(), &trusting).map(|_| ()));
        }
    });
    assert_eq!(fs::read_to_string(&file).expect("recorded"), server.known_hosts_line() + "\n");
}

#[test]
fn sftp_refuses_a_changed_host_key_until_trusted_and_then_replaces_it() {
    let Some(server) = SftpServer::start(Path::new("/nonexistent")) else { return };
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let other = other_key(dir.path());
    let file = dir.path().join("known_hosts");
    let text =
        format!("# mine\nexample.org {other}\n[127.0.0.1]:{port} {other}\n", port = server.port);
    fs::write(&file, &text).expect("write");
    let e = fails(connect(
        &server.target(),
        &server.secrets(),
        &HostKeys { file: file.clone(), trust: false },
    ));
    assert!(!e.is_transient());
    assert!(e.message.contains("CHANGED"), "{}", e.message);
    assert!(e.message.contains("intercepting"), "{}", e.message);
    assert!(e.message.contains("(line 3)"), "{}", e.message);
    assert!(e.message.contains(&server.fingerprint), "{}", e.message);
    assert!(e.message.contains("--trust-host-key"), "{}", e.message);
    assert_eq!(fs::read_to_string(&file).expect("read"), text, "nothing changed");

    connect(&server.target(), &server.secrets(), &HostKeys { file: file.clone(), trust: true })
        .expect("connect, trusting the new key");
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        format!("# mine\nexample.org {other}\n{}\n", server.known_hosts_line())
    );
    connect(&server.target(), &server.secrets(), &HostKeys { file, trust: false })
        .expect("connect with the new key");
}

#[test]
fn sftp_reads_hashed_known_hosts_entries() {
    let Some(server) = SftpServer::start(Path::new("/nonexistent")) else { return };
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let other = other_key(dir.path());
    let hashed = |name: &str, text: String| {
        let file = dir.path().join(name);
        fs::write(&file, text).expect("write");
        let out = Command::new("ssh-keygen").arg("-H").arg("-f").arg(&file).output();
        assert!(out.expect("run ssh-keygen -H").status.success());
        assert!(fs::read_to_string(&file).expect("read").starts_with("|1|"));
        HostKeys { file, trust: false }
    };
    let good = hashed("good", format!("example.org {other}\n{}\n", server.known_hosts_line()));
    connect(&server.target(), &server.secrets(), &good).expect("connect with a hashed entry");
    let changed = hashed("changed", format!("[127.0.0.1]:{} {other}\n", server.port));
    let e = fails(connect(&server.target(), &server.secrets(), &changed));
    assert!(e.message.contains("CHANGED"), "{}", e.message);
}

#[test]
fn sftp_asks_a_server_with_several_host_keys_for_the_type_known_hosts_has() {
    let Some(mut server) = SftpServer::start(Path::new("/nonexistent")) else { return };
    let rsa = server.dir.path().join("ssh_host_rsa_key");
    keygen_of_type(&rsa, "rsa").expect("ssh-keygen -t rsa");
    let mut config = fs::read_to_string(&server.config).expect("read sshd_config");
    config.push_str(&format!("HostKey {}\n", rsa.display()));
    fs::write(&server.config, config).expect("write sshd_config");
    server.restart();
    let public = fs::read_to_string(rsa.with_extension("pub")).expect("read the key");
    let rsa_key = public.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    // libssh2 would pick the ed25519 key first; known_hosts has only the RSA one.
    fs::write(&server.known_hosts, format!("[127.0.0.1]:{} {rsa_key}\n", server.port))
        .expect("write known_hosts");
    connect(&server.target(), &server.secrets(), &server.host_keys())
        .expect("connect, checking the RSA key");
}

#[test]
fn sftp_refuses_a_login_fatally_and_names_what_it_tried() {
    let Some(server) = SftpServer::start(Path::new("/nonexistent")) else { return };
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let wrong = dir.path().join("id_wrong");
    keygen(&wrong).expect("ssh-keygen");
    let secrets = Secrets { key: Some(wrong.clone()), ..Secrets::default() };
    let e = fails(connect(&server.target(), &secrets, &server.host_keys()));
    assert!(!e.is_transient(), "{e:?}");
    assert!(e.message.contains("refused the login"), "{}", e.message);
    assert!(e.message.contains(&*wrong.to_string_lossy()), "{}", e.message);

    let secrets = Secrets { key: Some(dir.path().join("id_missing")), ..Secrets::default() };
    let e = fails(connect(&server.target(), &secrets, &server.host_keys()));
    assert!(!e.is_transient() && e.message.contains("does not exist"), "{e:?}");

    // The server takes no passwords; the password is never shown.
    let secrets = Secrets { password: Some("hunter2-secret".to_string()), ..Secrets::default() };
    let e = fails(connect(&server.target(), &secrets, &server.host_keys()));
    assert!(!e.is_transient() && e.message.contains("does not take passwords"), "{e:?}");
    assert!(!e.message.contains("hunter2"));

    let mut target = server.target();
    target.user = None;
    let e = fails(connect(&target, &server.secrets(), &server.host_keys()));
    assert!(!e.is_transient() && e.message.contains("sftp://user@127.0.0.1"), "{e:?}");

    // The failed logins did not shut the client out.
    connect(&server.target(), &server.secrets(), &server.host_keys()).expect("connect");
}

#[test]
fn sftp_reports_a_dropped_connection_as_transient_and_connects_after_a_restart() {
    let site = tempfile::tempdir().expect("create a temporary folder");
    let Some(mut server) = SftpServer::start(site.path()) else { return };
    let mut remote =
        connect(&server.target(), &server.secrets(), &server.host_keys()).expect("connect");
    remote.put("a.html", b"a").expect("put");
    server.stop();
    let e = remote.put("b.html", b"b").expect_err("the server is gone");
    assert!(e.is_transient(), "{e:?}");
    assert!(e.message.contains("b.html"), "{}", e.message);
    let e = fails(connect(&server.target(), &server.secrets(), &server.host_keys()));
    assert!(e.is_transient(), "{e:?}");

    server.restart();
    let mut remote =
        connect(&server.target(), &server.secrets(), &server.host_keys()).expect("reconnect");
    remote.put("b.html", b"b").expect("put after the restart");
    assert_eq!(server.uploads(), ["a.html", "b.html"]);
}

#[test]
fn sftp_servers_address_and_home_make_a_deploy_target_that_connects() {
    let site = tempfile::tempdir().expect("create a temporary folder");
    let Some(server) = SftpServer::start(site.path()) else { return };
    let url = url::Url::parse(&server.url()).expect("an address");
    let target = Target {
        host: url.host_str().expect("a host").to_string(),
        port: url.port().expect("a port"),
        user: Some(url.username().to_string()),
        ..server.target()
    };
    assert_eq!((url.scheme(), target.user.as_deref()), ("sftp", Some(server.user.as_str())));
    let ssh = server.home.join(".ssh");
    let secrets = Secrets { key: Some(ssh.join("id_ed25519")), ..Secrets::default() };
    let keys = HostKeys { file: ssh.join("known_hosts"), trust: false };
    let mut remote = connect(&target, &secrets, &keys).expect("connect");
    remote.put("index.html", b"x").expect("put");
    assert_eq!(server.uploads(), ["index.html"]);
}

#[test]
fn the_sftp_log_is_read_as_uploads_and_deletes() {
    let log = "\
session opened for local user u from [127.0.0.1]
open \"/srv/www/.a.html.warta-part\" flags WRITE,CREATE,TRUNCATE mode 0644
close \"/srv/www/.a.html.warta-part\" bytes read 0 written 3
rename old \"/srv/www/.a.html.warta-part\" new \"/srv/www/a.html\"
sent status Failure
remove name \"/srv/www/a.html\"
rename old \"/srv/www/.a.html.warta-part\" new \"/srv/www/a.html\"
open \"/srv/www/x/.b.html.warta-part\" flags WRITE,CREATE,TRUNCATE mode 0644
posix-rename old \"/srv/www/x/.b.html.warta-part\" new \"/srv/www/x/b.html\"
remove name \"/srv/www/old.html\"
remove name \"/srv/www/.c.html.warta-part\"
remove name \"/srv/www/x/b.html\"
open \"/srv/www/.a.html.warta-part\" flags WRITE,CREATE,TRUNCATE mode 0644
rename old \"/srv/www/.a.html.warta-part\" new \"/srv/www/a.html\"
";
    let (uploads, deletes) = read_log(log, Path::new("/srv/www"));
    assert_eq!(uploads, ["a.html", "x/b.html", "a.html"]);
    assert_eq!(deletes, ["old.html", "x/b.html"]);
}
