//! What keeps two builds, or a build and an interruption, from stepping on each other: the lock
//! beside the output folder (one build at a time writes a given output), whether the process a
//! leftover folder belongs to is still running, and the list of unfinished folders that Ctrl-C or
//! SIGTERM removes before warta exits.

use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

/// How long a build waits for another build of the same output before it gives up and names
/// the process that holds it. Long enough for a build of thousands of releases.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Test hook: `WARTA_TEST_LOCK_WAIT_MS=200` waits that long instead of [`LOCK_WAIT`].
const LOCK_WAIT_HOOK: &str = "WARTA_TEST_LOCK_WAIT_MS";

/// The folders and files an interrupted build must not leave behind.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Writers hold it shared; an interruption takes it exclusively, so it never removes a folder
/// while a file is being written into it or while the output is being swapped.
static GATE: RwLock<()> = RwLock::new(());
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Whether a build of this process has put its output in place: an interruption after it
/// leaves that output, which is whole.
static PLACED: AtomicBool = AtomicBool::new(false);

/// Notes that a build's output is in place (swapped in, or its update in place done).
pub fn placed() {
    PLACED.store(true, Ordering::SeqCst);
}

/// Whether a build of this process has put its output in place ([`placed`]).
pub fn was_placed() -> bool {
    PLACED.load(Ordering::SeqCst)
}

/// Runs `f` unless the build was interrupted, never at the same time as the clean-up of an
/// interruption.
pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    let _shared = GATE.read().unwrap_or_else(|e| e.into_inner());
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(Error::Refused("interrupted".to_string()));
    }
    f()
}

pub fn register(path: &Path) {
    UNFINISHED.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_path_buf());
}

pub fn unregister(path: &Path) {
    UNFINISHED.lock().unwrap_or_else(|e| e.into_inner()).retain(|p| p != path);
}

/// For the Ctrl-C and SIGTERM handler: waits for the files being written, stops every further
/// write, and removes the staging folders and locks of the builds under way. Returns how many it
/// removed. The process is meant to exit right after.
pub fn interrupted() -> usize {
    let _exclusive = GATE.write().unwrap_or_else(|e| e.into_inner());
    INTERRUPTED.store(true, Ordering::SeqCst);
    let paths = std::mem::take(&mut *UNFINISHED.lock().unwrap_or_else(|e| e.into_inner()));
    paths
        .iter()
        .filter(
            |p| if p.is_dir() { fs::remove_dir_all(p).is_ok() } else { fs::remove_file(p).is_ok() },
        )
        .count()
}

/// Whether process `pid` is running (on this machine). Where that cannot be told, it is assumed
/// to be, so nothing of a running build is ever removed. A process that ended and that its
/// parent has not yet reaped (a zombie) is not running: a build killed by a script that has not
/// waited for it yet left its staging folder for good.
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        use rustix::process::{test_kill_process, Pid};
        let Some(raw) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
            return false;
        };
        !matches!(test_kill_process(raw), Err(Errno::SRCH)) && !ended(pid)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Whether `/proc` says process `pid` has ended but is not yet reaped (state `Z`, or `X` as it
/// goes). `false` where there is no `/proc`.
fn ended(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // "1234 (name) S ...": the name may hold spaces and parentheses; the state follows the last.
    let state = stat.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next());
    matches!(state, Some('Z' | 'X'))
}

/// The lock of one output folder: `.public.warta-lock` beside it, holding the process id of the
/// build that writes it. On Unix the file is `flock`ed, so the lock dies with its holder, even
/// with `kill -9`; the file itself is removed when the build ends.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    _file: fs::File,
}

impl OutputLock {
    /// Takes the lock of `target` (whose folder is `parent` and name `name`), waiting up to
    /// [`LOCK_WAIT`] for another build to finish.
    pub fn acquire(parent: &Path, name: &str, shown: &Path) -> Result<OutputLock> {
        let path = parent.join(format!(".{name}.warta-lock"));
        let wait = std::env::var(LOCK_WAIT_HOOK)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(LOCK_WAIT, Duration::from_millis);
        let started = Instant::now();
        loop {
            if let Some(file) = try_lock(&path)? {
                register(&path);
                return Ok(OutputLock { path, _file: file });
            }
            if started.elapsed() >= wait {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                let holder = match holder.trim() {
                    "" => String::new(),
                    pid => format!(" (process {pid})"),
                };
                return Err(Error::Refused(format!(
                    "another warta build{holder} is writing {}; waited {} s for it to finish. \
                     Build again when it is done; if no warta is running, delete {}",
                    shown.display(),
                    wait.as_secs_f64(),
                    path.display()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held: a build waiting on this file sees that it is gone and
        // takes a new one.
        let _ = fs::remove_file(&self.path);
        unregister(&self.path);
    }
}

/// The lock file, locked, with this process's id in it; `None` when another build holds it.
#[cfg(unix)]
fn try_lock(path: &Path) -> Result<Option<fs::File>> {
    use rustix::fs::{flock, fstat, stat, FlockOperation};
    use rustix::io::Errno;
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(Error::io(path))?;
    match flock(&file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => {}
        Err(Errno::WOULDBLOCK) => return Ok(None),
        Err(e) => return Err(Error::Io { path: path.to_path_buf(), source: e.into() }),
    }
    // The previous holder may have removed the file between our open and our lock: then this
    // lock is on a file nobody else sees, and we try again.
    let same = match (fstat(&file), stat(path)) {
        (Ok(a), Ok(b)) => a.st_dev == b.st_dev && a.st_ino == b.st_ino,
        _ => false,
    };
    if !same {
        return try_lock(path);
    }
    file.set_len(0).map_err(Error::io(path))?;
    writeln!(file, "{}", std::process::id()).map_err(Error::io(path))?;
    Ok(Some(file))
}

/// Elsewhere, the lock is the file's existence (a lock left by a build that was killed must be
/// deleted by hand; the message says so).
#[cfg(not(unix))]
fn try_lock(path: &Path) -> Result<Option<fs::File>> {
    use std::io::Write;
    match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            writeln!(file, "{}", std::process::id()).map_err(Error::io(path))?;
            Ok(Some(file))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(Error::Io { path: path.to_path_buf(), source: e }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_process_is_alive_and_an_ended_one_not_even_before_it_is_reaped() {
        assert!(alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().expect("run true");
        let pid = child.id();
        if cfg!(target_os = "linux") {
            // Not waited for: it stays a zombie until reaped.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while !ended(pid) {
                assert!(std::time::Instant::now() < deadline, "`true` did not end");
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            assert!(!alive(pid), "a zombie counted as running");
        }
        child.wait().expect("reap");
        assert!(!alive(pid));
    }
}
