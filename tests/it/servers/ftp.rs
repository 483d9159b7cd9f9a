//! A real FTP or FTPS server on loopback: pyftpdlib, run by `python3` from a script written at
//! run time, serving a folder the test owns as one user's login folder. The server writes one
//! JSON line per reply it sends, before sending it, so when a client has its reply the line is
//! already in the log: [`FtpServer::uploads`] and [`FtpServer::deletes`] count what a deploy
//! sent, without waiting.
//!
//! And the tests of `warta::deploy::ftp` against it.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use warta::deploy::remote::PART;
use warta::deploy::target::{Protocol, Secrets, Target};
use warta::deploy::{Remote, RemoteError};

/// The server. The folder it serves is the test's: [`FtpServer::stop`] and dropping the server
/// leave it as it is.
#[derive(Debug)]
pub struct FtpServer {
    /// On 127.0.0.1.
    pub port: u16,
    /// The folder served: the user's login folder.
    pub root: PathBuf,
    pub user: String,
    pub password: String,
    tls: bool,
    legacy: bool,
    /// The most connections it takes from one address at once (0: no limit).
    per_ip: usize,
    /// A folder, relative to the root, in which the user may not delete (see
    /// [`FtpServer::refuse_deletes_in`]).
    no_delete: Option<String>,
    /// The most bytes a file may have before a write fails as on a full disk (0: no limit).
    room: u64,
    /// With TLS: the server's certificate, made for this run.
    certificate: Option<PathBuf>,
    /// The script, the certificate and its key, the log, the server's own output.
    dir: TempDir,
    process: Option<Child>,
}

/// One reply of the server, as its log has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// `STOR`, `RNTO`, `MKD`...: the command being answered (`PASS`'s argument is never logged).
    pub command: String,
    /// The command's path, relative to [`FtpServer::root`] with `/`; `None` for a command
    /// without one, or a path outside the root.
    pub path: Option<String>,
    /// For `RNTO`: the path renamed (from `RNFR`), relative to the root.
    pub from: Option<String>,
    pub code: u16,
    /// The whole reply: `550 No such file or directory.`
    pub text: String,
}

/// A second user of the server, with the same password, who may list and read but not write.
pub const READ_ONLY_USER: &str = "pembaca";

/// How long the server may take to start before the test fails.
const START_TIMEOUT: Duration = Duration::from_secs(10);

const SCRIPT: &str = r#"
import errno, json, logging, os, sys, threading

root, port, user, reader, log_path, cert, key, legacy = sys.argv[1:9]
password = os.environ["WARTA_TEST_FTP_PASSWORD"]
root = os.path.realpath(root)
legacy = legacy == "1"

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.servers import FTPServer
if cert:
    from pyftpdlib.handlers import TLS_FTPHandler as Base
else:
    from pyftpdlib.handlers import FTPHandler as Base

logging.basicConfig(level=logging.INFO, stream=sys.stderr)
log = open(log_path, "a", encoding="utf-8")

def relative(path):
    if not isinstance(path, str) or not os.path.isabs(path):
        return None
    path = os.path.normpath(path)
    if path == root:
        return ""
    if path.startswith(root + os.sep):
        return os.path.relpath(path, root).replace(os.sep, "/")
    return None

class Handler(Base):
    _now = ("", "")
    _from = None

    def pre_process_command(self, line, cmd, arg):
        self._now = (cmd, "******" if cmd == "PASS" else arg)
        return super().pre_process_command(line, cmd, arg)

    def process_command(self, cmd, *args, **kwargs):
        arg = args[0] if args else ""
        self._now = (cmd, "******" if cmd == "PASS" else arg)
        if cmd == "RNTO":
            self._from = self._rnfr
        return super().process_command(cmd, *args, **kwargs)

    # Logged before the reply leaves, so a client that has it finds it in the log.
    def respond(self, resp, *args, **kwargs):
        cmd, arg = self._now
        record = {
            "session": "%s:%s" % (self.remote_ip, self.remote_port),
            "cmd": cmd,
            "arg": arg if isinstance(arg, str) else repr(arg),
            "path": relative(arg),
            "from": relative(self._from) if cmd == "RNTO" else None,
            "code": int(resp[:3]),
            "reply": resp,
        }
        log.write(json.dumps(record) + "\n")
        log.flush()
        return super().respond(resp, *args, **kwargs)

class RefusingFS(AbstractedFS):
    """Renames only to a name not taken, as some servers do."""
    def rename(self, src, dst):
        if os.path.exists(dst):
            raise OSError(errno.EEXIST, "File exists")
        return super().rename(src, dst)

room = int(os.environ.get("WARTA_TEST_FTP_ROOM", "0"))

class Full:
    """A file on a disk with room for `room` bytes: a write past them fails as a full disk's."""
    def __init__(self, f):
        self._f = f
        self._written = 0
    def write(self, data):
        self._written += len(data)
        if self._written > room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._f.write(data)
    def __getattr__(self, name):
        return getattr(self._f, name)

class FullFS(AbstractedFS):
    def open(self, filename, mode):
        f = super().open(filename, mode)
        return Full(f) if "w" in mode or "a" in mode or "+" in mode else f

if room:
    Handler.abstracted_fs = FullFS
    # pyftpdlib answers a failed write "426 <strerror(err.errno)>; transfer aborted.", but its
    # wrapper of the error has no errno (2.2 says "426 None; …"): the error is put there, so
    # that it says the reason, as it means to.
    import importlib
    for name in ("pyftpdlib.handlers.ftp.data", "pyftpdlib.handlers"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        wrapper = getattr(module, "_FileReadWriteError", None)
        if wrapper is not None:
            class KeepsErrno(wrapper):
                def __init__(self, err, *rest):
                    super().__init__(err, *rest)
                    if isinstance(err, OSError) and not rest:
                        self.errno = err
            module._FileReadWriteError = KeepsErrno

if legacy:
    Handler.proto_cmds = {k: v for k, v in Base.proto_cmds.items() if k not in ("MLSD", "MLST")}
    Handler.abstracted_fs = RefusingFS

authorizer = DummyAuthorizer()
authorizer.add_user(user, password, root, perm="elradfmwMT")
authorizer.add_user(reader, password, root, perm="elr")
Handler.authorizer = authorizer
Handler.banner = "warta test server"
if cert:
    Handler.certfile = cert
    Handler.keyfile = key
    Handler.tls_control_required = True
    Handler.tls_data_required = True

server = FTPServer(("127.0.0.1", int(port)), Handler)
server.max_cons_per_ip = int(os.environ.get("WARTA_TEST_FTP_PER_IP", "0"))
no_delete = os.environ.get("WARTA_TEST_FTP_NO_DELETE", "")
if no_delete:
    authorizer.override_perm(user, os.path.join(root, no_delete), "elrafmwMT", recursive=True)
print(server.address[1], flush=True)

# Gone with the test: its end closes our stdin.
def watch():
    sys.stdin.read()
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
server.serve_forever()
"#;

impl FtpServer {
    /// Starts a server for `root` (which must exist): plain FTP, or FTPS with TLS required on
    /// both connections and a new self-signed certificate for 127.0.0.1 and localhost. `None`,
    /// after saying why, when python3, pyftpdlib, pyOpenSSL or openssl is missing.
    pub fn start(root: &Path, tls: bool) -> Option<FtpServer> {
        FtpServer::launch(root, tls, false, 0, 0)
    }

    /// A plain FTP server on a disk with room for `bytes` of each file: a write past them fails
    /// as on a full disk (ENOSPC), which pyftpdlib answers "426 No space left on device;
    /// transfer aborted.". No filesystem of the machine is filled.
    pub fn start_with_room(root: &Path, bytes: u64) -> Option<FtpServer> {
        FtpServer::launch(root, false, false, 0, bytes)
    }

    /// A plain FTP server like some hosts': it takes at most `per_ip` connections from one
    /// address at once, and answers more "421 Too many connections".
    pub fn start_allowing(root: &Path, per_ip: usize) -> Option<FtpServer> {
        FtpServer::launch(root, false, false, per_ip, 0)
    }

    /// A plain FTP server like those of some hosts: without `MLSD` (listings by `LIST`), and
    /// refusing to rename a file over one that exists (550).
    pub fn start_legacy(root: &Path) -> Option<FtpServer> {
        FtpServer::launch(root, false, true, 0, 0)
    }

    fn launch(root: &Path, tls: bool, legacy: bool, per_ip: usize, room: u64) -> Option<FtpServer> {
        match Command::new("python3").args(["-c", "import pyftpdlib"]).output() {
            Err(e) => return super::unavailable(&format!("python3 cannot be run ({e})")),
            Ok(out) if !out.status.success() => {
                return super::unavailable("pyftpdlib is not installed (pip install pyftpdlib)")
            }
            Ok(_) => {}
        }
        let dir = tempfile::tempdir().expect("create a temporary folder");
        if tls {
            match Command::new("python3").args(["-c", "import OpenSSL"]).output() {
                Ok(out) if out.status.success() => {}
                _ => {
                    return super::unavailable(
                        "pyOpenSSL is not installed (pip install pyopenssl), needed for FTPS",
                    )
                }
            }
            let made = Command::new("openssl")
                .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"])
                .args(["-nodes", "-days", "2", "-subj", "/CN=warta test server"])
                .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
                .arg("-keyout")
                .arg(dir.path().join("key.pem"))
                .arg("-out")
                .arg(dir.path().join("cert.pem"))
                .output();
            match made {
                Err(e) => return super::unavailable(&format!("openssl cannot be run ({e})")),
                Ok(out) if !out.status.success() => panic!(
                    "openssl could not make a certificate: {}",
                    String::from_utf8_lossy(&out.stderr)
                ),
                Ok(_) => {}
            }
        }
        fs::write(dir.path().join("server.py"), SCRIPT).expect("write the server's script");
        File::create(dir.path().join("log.jsonl")).expect("create the server's log");
        let mut server = FtpServer {
            port: 0,
            root: root.canonicalize().expect("the served folder exists"),
            user: "humas".to_string(),
            password: "Rahasia-123 ok".to_string(),
            tls,
            legacy,
            per_ip,
            no_delete: None,
            room,
            certificate: tls.then(|| dir.path().join("cert.pem")),
            dir,
            process: None,
        };
        server.port = server.spawn(0).unwrap_or_else(|e| panic!("{e}"));
        Some(server)
    }

    /// Starts the process, on `port` (0: a free one), and returns the port it listens on.
    fn spawn(&mut self, port: u16) -> Result<u16, String> {
        let dir = self.dir.path();
        let errors = dir.join("server.err");
        let stderr = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&errors)
            .expect("open the server's error output");
        let (cert, key) = if self.tls {
            (dir.join("cert.pem"), dir.join("key.pem"))
        } else {
            (PathBuf::new(), PathBuf::new())
        };
        let mut process = Command::new("python3")
            .arg(dir.join("server.py"))
            .arg(&self.root)
            .arg(port.to_string())
            .arg(&self.user)
            .arg(READ_ONLY_USER)
            .arg(dir.join("log.jsonl"))
            .arg(cert)
            .arg(key)
            .arg(if self.legacy { "1" } else { "0" })
            .env("WARTA_TEST_FTP_PASSWORD", &self.password)
            .env("WARTA_TEST_FTP_PER_IP", self.per_ip.to_string())
            .env("WARTA_TEST_FTP_NO_DELETE", self.no_delete.as_deref().unwrap_or(""))
            .env("WARTA_TEST_FTP_ROOM", self.room.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot run python3: {e}"))?;
        let stdout = process.stdout.take().expect("the server's stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(START_TIMEOUT).unwrap_or_default();
        match line.trim().parse::<u16>() {
            Ok(port) => {
                self.process = Some(process);
                Ok(port)
            }
            Err(_) => {
                let _ = process.kill();
                let _ = process.wait();
                Err(format!(
                    "the FTP server did not start in {START_TIMEOUT:?}: {}",
                    fs::read_to_string(&errors).unwrap_or_default()
                ))
            }
        }
    }

    /// Restarts the server with its user refused every delete (`550 Not enough privileges.`) in
    /// `folder` (relative to the root, existing) and below, as a host does in a folder the FTP
    /// user may not change; or, with `None`, allowed them again.
    pub fn refuse_deletes_in(&mut self, folder: Option<&str>) {
        self.no_delete = folder.map(str::to_string);
        self.restart();
    }

    /// The server's certificate (PEM), with TLS.
    pub fn certificate(&self) -> Option<&Path> {
        self.certificate.as_deref()
    }

    /// A target for this server: `ftp://` or `ftps://` (the certificate trusted), the user,
    /// `folder` relative to the root, one connection, a 10 s timeout.
    pub fn target(&self, folder: &str) -> Target {
        Target {
            protocol: if self.tls { Protocol::Ftps } else { Protocol::Ftp },
            host: "127.0.0.1".to_string(),
            port: self.port,
            user: Some(self.user.clone()),
            folder: folder.to_string(),
            connections: 1,
            timeout: Duration::from_secs(10),
            certificate: self.certificate().map(Path::to_path_buf),
        }
    }

    /// The right password.
    pub fn secrets(&self) -> Secrets {
        Secrets { password: Some(self.password.clone()), ..Secrets::default() }
    }

    /// The log since the start or [`FtpServer::clear_log`]: one JSON object per reply.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("log.jsonl")).expect("read the server's log")
    }

    /// Every reply since the start or [`FtpServer::clear_log`], in order. A line the server
    /// is still writing (read while a deploy runs) is left for the next call.
    pub fn replies(&self) -> Vec<Reply> {
        self.log()
            .split_inclusive('\n')
            .filter(|l| l.ends_with('\n') && !l.trim().is_empty())
            .map(|line| {
                let v: serde_json::Value =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
                let text = |key: &str| v[key].as_str().map(str::to_string);
                Reply {
                    command: text("cmd").unwrap_or_default(),
                    path: text("path"),
                    from: text("from"),
                    code: v["code"].as_u64().and_then(|c| u16::try_from(c).ok()).unwrap_or(0),
                    text: text("reply").unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The files uploaded since the start or [`FtpServer::clear_log`], in order, relative to the
    /// root: each completed `STOR` of a name that is not a temporary one, and each completed
    /// `RNTO` from a temporary one.
    pub fn uploads(&self) -> Vec<String> {
        self.replies()
            .into_iter()
            .filter_map(|r| match (r.command.as_str(), r.code) {
                ("STOR", 226) => r.path.filter(|p| !p.ends_with(PART)),
                ("RNTO", 250) if r.from.as_deref().is_some_and(|f| f.ends_with(PART)) => r.path,
                _ => None,
            })
            .collect()
    }

    /// The files deleted (`DELE` done) since the start or [`FtpServer::clear_log`], in order,
    /// relative to the root.
    pub fn deletes(&self) -> Vec<String> {
        self.replies()
            .into_iter()
            .filter(|r| r.command == "DELE" && r.code == 250)
            .filter_map(|r| r.path)
            .collect()
    }

    /// Empties the log, so that what follows can be counted alone.
    pub fn clear_log(&self) {
        OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(self.dir.path().join("log.jsonl"))
            .expect("empty the server's log");
    }

    /// Ends the server process; its connections drop.
    pub fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// A new server process on the same port, root and credentials (the log goes on).
    pub fn restart(&mut self) {
        self.stop();
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match self.spawn(self.port) {
                Ok(_) => return,
                // The port may take a moment to be free again.
                Err(e) if Instant::now() >= deadline => panic!("{e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

impl Drop for FtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn connect(target: &Target, secrets: &Secrets) -> Result<Box<dyn Remote>, RemoteError> {
    warta::deploy::ftp::connect(target, secrets)
}

/// Every byte value, and line ends that an ASCII-mode transfer would change.
fn binary_page(seed: u8) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..=255).collect();
    bytes.extend_from_slice(b"line\nline\r\nline\r");
    bytes.push(seed);
    bytes
}

/// Puts, reads back, lists, replaces and removes a nested file through `target`, checking the
/// served folder and that nothing temporary is left.
fn round_trip(server: &FtpServer, target: &Target, on_disk: &Path) {
    let mut remote = connect(target, &server.secrets()).expect("connect and log in");
    let path = "2023/05/pelatihan ke-2/index.html";
    let first = binary_page(1);
    remote.put(path, &first).expect("put a nested file");
    assert_eq!(fs::read(on_disk.join(path)).expect("the file is on the server"), first);
    assert_eq!(remote.read(path).expect("read it"), Some(first.clone()));

    remote.put("index.html", b"<h1>Beranda</h1>").expect("put a file at the top");
    let mut listed = remote.list().expect("list");
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<_> = listed.iter().map(|f| (f.path.as_str(), f.size)).collect();
    assert_eq!(paths, [(path, first.len() as u64), ("index.html", 16)]);

    let second = binary_page(2);
    remote.put(path, &second).expect("replace the file");
    assert_eq!(remote.read(path).expect("read it again"), Some(second));
    let parts: Vec<_> = walkdir::WalkDir::new(on_disk)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(PART))
        .collect();
    assert!(parts.is_empty(), "temporary files left: {parts:?}");

    remote.remove(path).expect("remove the file");
    assert!(!on_disk.join(path).exists());
    assert_eq!(remote.read(path).expect("read a missing file"), None);
    remote.remove(path).expect("removing a missing file is no error");
    remote.remove_dir("2023").expect("a folder that is not empty is left");
    assert!(on_disk.join("2023").is_dir());
    remote.remove_dir("2023/05/pelatihan ke-2").expect("remove an empty folder");
    assert!(!on_disk.join("2023/05/pelatihan ke-2").exists());
    let listed = remote.list().expect("list again");
    assert_eq!(listed.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), ["index.html"]);
}

#[test]
fn ftp_puts_reads_lists_and_removes_files_on_a_real_server() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    let Some(server) = FtpServer::start(root.path(), false) else { return };
    // A folder not there yet, relative to the login folder: made by the first upload.
    let target = server.target("public_html");
    round_trip(&server, &target, &root.path().join("public_html"));
    assert_eq!(
        server.uploads(),
        [
            "public_html/2023/05/pelatihan ke-2/index.html",
            "public_html/index.html",
            "public_html/2023/05/pelatihan ke-2/index.html",
        ]
    );
    assert_eq!(server.deletes(), ["public_html/2023/05/pelatihan ke-2/index.html"]);
    // Each folder is made once per connection.
    let made = server.replies().into_iter().filter(|r| r.command == "MKD").count();
    assert_eq!(made, 4, "{}", server.log());
}

#[test]
fn ftp_lists_with_sizes_and_times_and_a_missing_folder_as_empty() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    fs::create_dir_all(root.path().join("site/a/b")).expect("create folders");
    fs::write(root.path().join("site/a/b/c.html"), "12345").expect("write a file");
    fs::write(root.path().join("site/.htaccess"), "x").expect("write a file");
    let Some(server) = FtpServer::start(root.path(), false) else { return };

    let mut remote = connect(&server.target("site"), &server.secrets()).expect("connect");
    let mut listed = remote.list().expect("list");
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!((listed[0].path.as_str(), listed[0].size), (".htaccess", 1));
    assert_eq!((listed[1].path.as_str(), listed[1].size), ("a/b/c.html", 5));
    let on_disk = fs::metadata(root.path().join("site/a/b/c.html"))
        .and_then(|m| m.modified())
        .expect("the file's time");
    let listed_time = listed[1].modified.expect("MLSD gives the time");
    let apart = on_disk.duration_since(listed_time).unwrap_or_else(|e| e.duration());
    assert!(apart < Duration::from_secs(2), "{on_disk:?} and {listed_time:?}");

    // The login folder itself, absolute and relative folders, and one not there.
    let mut remote = connect(&server.target(""), &server.secrets()).expect("connect");
    assert_eq!(remote.list().expect("list the login folder").len(), 2);
    let mut remote = connect(&server.target("/site/a"), &server.secrets()).expect("connect");
    let listed = remote.list().expect("list an absolute folder");
    assert_eq!(listed.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), ["b/c.html"]);
    let mut remote = connect(&server.target("nothing/here"), &server.secrets()).expect("connect");
    assert!(remote.list().expect("list a missing folder").is_empty());
    assert_eq!(remote.read("index.html").expect("read from a missing folder"), None);
}

#[test]
fn ftp_with_a_wrong_or_missing_password_is_refused_for_good() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    let Some(server) = FtpServer::start(root.path(), false) else { return };
    let target = server.target("");
    let wrong = Secrets { password: Some("salah-sandi-42".to_string()), ..Secrets::default() };
    let e = connect(&target, &wrong).err().expect("a wrong password is refused");
    assert!(!e.is_transient(), "{e:?}");
    assert!(e.message.contains("530"), "the server's reply is in {:?}", e.message);
    assert!(e.message.contains(&server.user), "{:?}", e.message);
    assert!(!format!("{e} {e:?} {wrong:?}").contains("salah-sandi-42"));
    assert!(!server.log().contains("salah-sandi-42"));

    let e = connect(&target, &Secrets::default()).err().expect("no password");
    assert!(!e.is_transient());
    assert_eq!(
        e.message,
        format!(
            "no password for ftp://humas@127.0.0.1:{}: set WARTA_DEPLOY_PASSWORD or add it to \
             ~/.netrc",
            server.port
        )
    );
    let nobody = Target { user: None, ..target.clone() };
    let e = connect(&nobody, &server.secrets()).err().expect("no user");
    assert!(!e.is_transient());
    assert!(e.message.contains("ftp://user@127.0.0.1"), "{:?}", e.message);
    // The user may come from ~/.netrc instead of the address.
    let from_netrc = Secrets { user: Some(server.user.clone()), ..server.secrets() };
    connect(&nobody, &from_netrc).expect("log in with the user of the secrets");
}

#[test]
fn ftps_works_with_the_servers_certificate_trusted_and_is_refused_without() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    let Some(server) = FtpServer::start(root.path(), true) else { return };
    let target = server.target("");
    assert!(target.certificate.is_some());
    round_trip(&server, &target, root.path());
    assert_eq!(server.uploads().len(), 3);

    // Verification is on: a self-signed certificate not named is not trusted.
    server.clear_log();
    let untrusted = Target { certificate: None, ..target.clone() };
    let e = connect(&untrusted, &server.secrets()).err().expect("an untrusted certificate");
    assert!(!e.is_transient(), "{e:?}");
    assert!(e.message.contains("certificate"), "{:?}", e.message);
    assert!(e.message.contains("deploy.certificate"), "{:?}", e.message);
    assert!(
        !server.replies().iter().any(|r| r.command == "USER" || r.command == "PASS"),
        "nothing sent before the certificate is checked: {}",
        server.log()
    );
    // Another server's certificate is no better.
    let other_root = tempfile::tempdir().expect("create a temporary folder");
    let other = FtpServer::start(other_root.path(), true).expect("a second FTPS server");
    let wrong =
        Target { certificate: other.certificate().map(Path::to_path_buf), ..target.clone() };
    let e = connect(&wrong, &server.secrets()).err().expect("another server's certificate");
    assert!(!e.is_transient() && e.message.contains("TLS"), "{e:?}");

    // The server requires TLS: plain FTP is refused.
    let plain = Target { protocol: Protocol::Ftp, certificate: None, ..target.clone() };
    let e = connect(&plain, &server.secrets()).err().expect("plain FTP to an FTPS server");
    assert!(!e.is_transient(), "{e:?}");
    // A missing certificate file is named.
    let missing = Target { certificate: Some(root.path().join("nope.pem")), ..target };
    let e = connect(&missing, &server.secrets()).err().expect("no such certificate");
    assert!(e.message.contains("nope.pem"), "{:?}", e.message);
}

#[test]
fn ftp_falls_back_to_list_and_replaces_files_on_a_server_that_will_not_rename_over_them() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    let Some(server) = FtpServer::start_legacy(root.path()) else { return };
    round_trip(&server, &server.target("www"), &root.path().join("www"));
    let replies = server.replies();
    assert!(replies.iter().any(|r| r.command == "MLSD" && r.code == 500), "{}", server.log());
    assert!(replies.iter().any(|r| r.command == "LIST" && r.code == 226), "{}", server.log());
    let refused = replies.iter().find(|r| r.command == "RNTO" && r.code == 550);
    assert_eq!(refused.map(|r| r.text.as_str()), Some("550 File exists."), "{}", server.log());
    assert_eq!(server.uploads().len(), 3);
    // The old file went before the new one took its name, then the file was removed.
    assert_eq!(
        server.deletes(),
        ["www/2023/05/pelatihan ke-2/index.html", "www/2023/05/pelatihan ke-2/index.html"]
    );

    let mut remote = connect(&server.target("www"), &server.secrets()).expect("connect");
    let listed = remote.list().expect("list by LIST");
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].path.as_str(), listed[0].size), ("index.html", 16));
}

#[test]
fn ftp_errors_name_the_command_and_path_and_end_with_the_reply() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    // A file where the upload needs a folder.
    fs::write(root.path().join("2023"), "not a folder").expect("write a file");
    let Some(server) = FtpServer::start(root.path(), false) else { return };
    let mut remote = connect(&server.target(""), &server.secrets()).expect("connect");
    let e = remote.put("2023/05/index.html", b"x").expect_err("no folder can be made");
    assert!(!e.is_transient(), "{e:?}");
    assert!(e.message.starts_with("STOR 2023/05/index.html: 550 "), "{:?}", e.message);
    assert!(e.message.contains("MKD"), "the refused folder is named: {:?}", e.message);
    // A folder is not a file to read.
    fs::create_dir(root.path().join("folder")).expect("create a folder");
    assert_eq!(remote.read("folder").expect("read a folder"), None);

    // A file that may not be removed is not reported as gone, nor one that may not be read.
    fs::write(root.path().join("page.html"), "x").expect("write a file");
    let reader = Secrets { user: Some(READ_ONLY_USER.to_string()), ..server.secrets() };
    let mut remote = connect(&server.target(""), &reader).expect("connect as a reader");
    let e = remote.remove("page.html").expect_err("a refused DELE is an error");
    assert!(!e.is_transient(), "{e:?}");
    assert_eq!(e.message, "DELE page.html: 550 Not enough privileges.");
    assert!(root.path().join("page.html").exists());
    let e = remote.put("new.html", b"x").expect_err("a refused STOR is an error");
    assert_eq!(e.message, "STOR new.html: 550 Not enough privileges.");
    assert_eq!(remote.read("page.html").expect("read"), Some(b"x".to_vec()));
}

#[test]
fn ftp_reports_a_dropped_connection_as_transient_and_works_again_after_a_restart() {
    let root = tempfile::tempdir().expect("create a temporary folder");
    let Some(mut server) = FtpServer::start(root.path(), false) else { return };
    let target = server.target("");
    let mut remote = connect(&target, &server.secrets()).expect("connect");
    remote.put("a.html", b"a").expect("put");
    server.stop();
    let e = remote.put("b.html", b"b").expect_err("the server is gone");
    assert!(e.is_transient(), "{e:?}");
    let e = connect(&target, &server.secrets()).err().expect("nothing listens");
    assert!(e.is_transient(), "{e:?}");
    assert!(e.message.contains(&format!("127.0.0.1:{}", server.port)), "{:?}", e.message);

    server.restart();
    server.clear_log();
    let mut remote = connect(&target, &server.secrets()).expect("connect again");
    remote.put("b.html", b"b").expect("put after the restart");
    assert_eq!(remote.read("a.html").expect("read"), Some(b"a".to_vec()));
    assert_eq!(server.uploads(), ["b.html"]);
}
