//! One deploy at a time on a server. Two at once (two officers, or one office's two computers)
//! would send their files in turns, so that the site showed pages of two builds, and each
//! would write the manifest of its own files: the server's record of what it holds would then
//! be wrong, and the next deploy would leave a file of the other build in place, believing it
//! sent. A deploy takes the server's lock before it reads the manifest and gives it back after
//! it wrote the last one.
//!
//! The lock is a folder, [`FOLDER`], at the top of the site's folder: making a folder is
//! atomic on every protocol ([`Remote::make_dir`]), where writing a file is not (FTP's `STOR`
//! replaces one). Inside it [`Owner`] says whose it is. A deploy that stopped without giving it
//! back (killed, its computer turned off, its connection lost for good) leaves it: the next
//! deploy from the same computer takes it over when that deploy's process is gone; any other
//! is told whose it is and how to take it over (`warta deploy --unlock`), since only a person
//! can tell a deploy that is running on another computer from one that stopped.

use super::{Remote, RemoteError};
use serde::{Deserialize, Serialize};

/// The lock's folder, at the top of the site's folder on the server.
pub const FOLDER: &str = ".warta-deploy.lock";

/// The file inside it that says whose it is.
const OWNER: &str = ".warta-deploy.lock/owner.json";

/// Who holds the lock: where, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    /// The computer's name.
    pub host: String,
    /// The account that ran the deploy; empty where the environment does not say.
    pub user: String,
    pub pid: u32,
    /// When the deploy took the lock, RFC 3339 in the computer's time zone.
    pub started: String,
    /// What tells this deploy's lock from any other: a deploy that takes the lock again (a
    /// dropped connection, tried again) finds its own.
    pub token: String,
}

impl Owner {
    /// This process, now.
    pub fn this_process() -> Owner {
        let now = chrono::Local::now();
        let pid = std::process::id();
        let host = host_name();
        let token = crate::fingerprint::Hasher::new()
            .add(&host)
            .add(&pid)
            .add(&now.timestamp_nanos_opt().unwrap_or_default())
            .finish128();
        Owner {
            host,
            user: ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
                .unwrap_or_default(),
            pid,
            started: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            token: format!("{:032x}", token.0),
        }
    }

    fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// A lock this computer's deploy left when it stopped: its process is gone. Where that
    /// cannot be told (not Linux), it is not.
    fn left_here(&self) -> bool {
        self.host == host_name() && self.pid != std::process::id() && !running(self.pid)
    }
}

/// What [`take`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// The lock is this deploy's now; `taken_over`: it was a stopped deploy's (or `--unlock`
    /// broke it), whose owner this was.
    Ours { taken_over: Option<Option<Owner>> },
    /// Another deploy holds it, said by its owner file (`None`: a lock without one, made by a
    /// deploy that stopped right after making it, or being made this instant).
    Theirs(Option<Owner>),
}

/// What one deploy's tries to take the lock did: [`take`] is tried again on a new connection
/// when one drops.
#[derive(Debug, Default)]
pub struct Tries {
    /// The lock's folder was made by this deploy: a connection that dropped before its owner
    /// file was written leaves it without one, which is this deploy's still.
    made: bool,
    /// The lock this deploy took over, if it did, and whose it was.
    taken_over: Option<Option<Owner>>,
}

/// Takes the server's lock for `me`, over a lock a stopped deploy of this computer left, or
/// over any with `unlock`.
pub fn take(
    remote: &mut dyn Remote,
    me: &Owner,
    unlock: bool,
    tries: &mut Tries,
) -> Result<Taken, RemoteError> {
    for _ in 0..2 {
        let made = remote.make_dir(FOLDER)?;
        tries.made |= made;
        let owner = if made { None } else { owner(remote)? };
        let ours = match &owner {
            Some(o) => o.token == me.token,
            None => tries.made,
        };
        if ours {
            if owner.is_none() {
                remote.put(OWNER, &me.to_json())?;
            }
            return Ok(Taken::Ours { taken_over: tries.taken_over.clone() });
        }
        let left = owner.as_ref().is_some_and(Owner::left_here);
        if tries.taken_over.is_some() || !(left || unlock) {
            return Ok(Taken::Theirs(owner));
        }
        remote.remove(OWNER)?;
        remote.remove_dir(FOLDER)?;
        tries.taken_over = Some(owner);
    }
    // Another deploy made it between the removal and this one's `make_dir`.
    Ok(Taken::Theirs(owner(remote)?))
}

/// Gives the lock back if it is still `me`'s (else `--unlock` gave it to another deploy, whose
/// it stays).
pub fn give_back(remote: &mut dyn Remote, me: &Owner) -> Result<(), RemoteError> {
    if owner(remote)?.is_some_and(|o| o.token == me.token) {
        remote.remove(OWNER)?;
        remote.remove_dir(FOLDER)?;
    }
    Ok(())
}

/// How a lock a deploy of this process holds is given back if Ctrl-C stops it ([`interrupted`]),
/// over a connection of its own, by the lock's token: a program may run several deploys at
/// once (the tests do), each with its own.
type GiveBack = Box<dyn FnOnce() -> Result<(), RemoteError> + Send>;
static HELD: std::sync::Mutex<Vec<(String, GiveBack)>> = std::sync::Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<(String, GiveBack)>> {
    HELD.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Says how to give back `me`'s lock, which this process now holds, if it is interrupted.
pub fn hold(me: &Owner, give_back: GiveBack) {
    held().push((me.token.clone(), give_back));
}

/// `me`'s deploy gives its lock back itself ([`give_back`]): an interruption no longer does.
pub fn let_go(me: &Owner) {
    held().retain(|(token, _)| *token != me.token);
}

/// Gives back every lock this process holds: called when Ctrl-C stops it, so that the next
/// deploy need not take them over. `None` if it held none; else whether each was given back
/// (the first error).
pub fn interrupted() -> Option<Result<(), RemoteError>> {
    let all = std::mem::take(&mut *held());
    if all.is_empty() {
        return None;
    }
    Some(all.into_iter().map(|(_, give_back)| give_back()).fold(Ok(()), Result::and))
}

/// The lock's owner, if there is a lock and its owner file reads.
fn owner(remote: &mut dyn Remote) -> Result<Option<Owner>, RemoteError> {
    Ok(remote.read(OWNER)?.and_then(|bytes| serde_json::from_slice(&bytes).ok()))
}

/// Whether `path` (relative to the site's folder) is the lock or in it: no file of the site.
pub fn is_lock(path: &str) -> bool {
    path.split('/').next() == Some(FOLDER)
}

/// Why a deploy does not start while `owner`'s holds the lock of `shown`, and what to do.
pub fn refusal(shown: &str, owner: Option<&Owner>) -> String {
    let whose = match owner {
        Some(o) => {
            let computer =
                if o.host == host_name() { "this computer".to_string() } else { o.host.clone() };
            let who = match o.user.as_str() {
                "" => "it was started".to_string(),
                user => format!("{user} started it"),
            };
            format!(
                "another deploy to {shown} is running: {who} on {computer} at {} (process {})",
                o.started, o.pid
            )
        }
        None => format!("another deploy to {shown} is running, or stopped without saying whose"),
    };
    format!(
        "{whose}. Two deploys at once would mix the files of two builds on the server and leave \
         its record of them wrong: wait for it to finish, then deploy again. If it is not running \
         any more (its computer was turned off, or it was stopped), run `warta deploy --unlock` \
         once"
    )
}

/// The computer's name: what a lock it holds says, and what tells a lock left here.
fn host_name() -> String {
    let from_kernel = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    from_kernel
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| {
            ["COMPUTERNAME", "HOSTNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|h| !h.is_empty()))
        })
        .unwrap_or_else(|| "?".to_string())
}

/// Whether the process `pid` of this computer is running; `true` where that cannot be told.
fn running(pid: u32) -> bool {
    let proc = std::path::Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::{Protocol, Target};

    fn folder(dir: &std::path::Path) -> Box<dyn Remote> {
        let target = Target {
            protocol: Protocol::File,
            host: String::new(),
            port: 0,
            user: None,
            folder: dir.to_string_lossy().into_owned(),
            connections: 1,
            timeout: std::time::Duration::from_secs(5),
            certificate: None,
        };
        crate::deploy::file::connect(&target).unwrap()
    }

    /// A deploy on another computer, or this one's that is running (this test's process).
    fn other(host: &str, pid: u32) -> Owner {
        Owner { host: host.into(), pid, token: format!("{host}-{pid}"), ..Owner::this_process() }
    }

    #[test]
    fn a_lock_is_taken_refused_to_another_deploy_and_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut remote = folder(dir.path());
        let me = Owner::this_process();
        assert_eq!(
            take(remote.as_mut(), &me, false, &mut Tries::default()).unwrap(),
            Taken::Ours { taken_over: None }
        );
        let written: Owner =
            serde_json::from_slice(&std::fs::read(dir.path().join(OWNER)).unwrap()).unwrap();
        assert_eq!(written, me);
        // Taken again by the same deploy (a connection dropped and opened again): still ours.
        assert_eq!(
            take(remote.as_mut(), &me, false, &mut Tries::default()).unwrap(),
            Taken::Ours { taken_over: None }
        );
        // Another deploy, running here (this process) or on another computer, is refused.
        for them in [other(&host_name(), std::process::id()), other("laptop-humas", 4242)] {
            let them = Owner { token: "theirs".into(), ..them };
            assert_eq!(
                take(remote.as_mut(), &them, false, &mut Tries::default()).unwrap(),
                Taken::Theirs(Some(me.clone()))
            );
        }
        give_back(remote.as_mut(), &me).unwrap();
        assert!(!dir.path().join(FOLDER).exists(), "the lock is gone");
        let them = other("laptop-humas", 4242);
        assert_eq!(
            take(remote.as_mut(), &them, false, &mut Tries::default()).unwrap(),
            Taken::Ours { taken_over: None }
        );
        // A deploy whose lock was broken does not give back the one that took it over.
        give_back(remote.as_mut(), &me).unwrap();
        assert!(dir.path().join(OWNER).exists());
    }

    #[test]
    fn a_lock_left_by_a_stopped_deploy_of_this_computer_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let mut remote = folder(dir.path());
        // No process has this number (the kernel's limit is 2^22).
        let gone = other(&host_name(), 99_999_999);
        take(remote.as_mut(), &gone, false, &mut Tries::default()).unwrap();
        let me = Owner::this_process();
        if cfg!(target_os = "linux") {
            let taken = take(remote.as_mut(), &me, false, &mut Tries::default()).unwrap();
            assert_eq!(taken, Taken::Ours { taken_over: Some(Some(gone)) });
        } else {
            assert_eq!(
                take(remote.as_mut(), &me, false, &mut Tries::default()).unwrap(),
                Taken::Theirs(Some(gone))
            );
        }
    }

    #[test]
    fn unlock_takes_over_any_lock_and_a_lock_without_owner_is_someone_elses() {
        let dir = tempfile::tempdir().unwrap();
        let mut remote = folder(dir.path());
        let me = Owner::this_process();
        let them = other("laptop-humas", 4242);
        take(remote.as_mut(), &them, false, &mut Tries::default()).unwrap();
        assert_eq!(
            take(remote.as_mut(), &me, true, &mut Tries::default()).unwrap(),
            Taken::Ours { taken_over: Some(Some(them)) }
        );
        give_back(remote.as_mut(), &me).unwrap();
        // A lock folder without its owner file: made by a deploy that stopped right after.
        std::fs::create_dir(dir.path().join(FOLDER)).unwrap();
        assert_eq!(
            take(remote.as_mut(), &me, false, &mut Tries::default()).unwrap(),
            Taken::Theirs(None)
        );
        assert_eq!(
            take(remote.as_mut(), &me, true, &mut Tries::default()).unwrap(),
            Taken::Ours { taken_over: Some(None) }
        );
    }

    /// A connection that dropped after the lock's folder was made, before its owner file was
    /// written: the deploy's next try, on a new connection, finds the lock its own.
    #[test]
    fn a_lock_made_by_a_try_whose_connection_dropped_is_the_deploys_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut remote = folder(dir.path());
        let me = Owner::this_process();
        std::fs::create_dir(dir.path().join(FOLDER)).unwrap();
        let mut tries = Tries { made: true, taken_over: None };
        assert_eq!(
            take(remote.as_mut(), &me, false, &mut tries).unwrap(),
            Taken::Ours { taken_over: None }
        );
        let written: Owner =
            serde_json::from_slice(&std::fs::read(dir.path().join(OWNER)).unwrap()).unwrap();
        assert_eq!(written, me);
    }

    /// Each deploy of a process lets go of its own lock only; an interruption gives back the
    /// rest. (Until it was keyed by token, one deploy of two running in one process, as the
    /// tests run them, took the other's and left its own on the server.)
    #[test]
    fn an_interruption_gives_back_the_locks_not_let_go_of() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let given = Arc::new(AtomicUsize::new(0));
        let (a, b) = (other("pc-a", 1), other("pc-b", 2));
        for (owner, n) in [(&a, 1), (&b, 10)] {
            let given = Arc::clone(&given);
            hold(
                owner,
                Box::new(move || {
                    given.fetch_add(n, Ordering::SeqCst);
                    Ok(())
                }),
            );
        }
        let_go(&a);
        assert!(matches!(interrupted(), Some(Ok(()))));
        assert_eq!(given.load(Ordering::SeqCst), 10, "b's alone");
        assert!(interrupted().is_none(), "none held any more");
    }

    #[test]
    fn the_refusal_says_whose_the_lock_is_and_what_to_do() {
        let o = Owner {
            host: "pc-humas".into(),
            user: "rina".into(),
            pid: 812,
            started: "2026-12-05T09:14:03+08:00".into(),
            token: "t".into(),
        };
        let m = refusal("sftp://humas@host/public_html", Some(&o));
        assert!(m.starts_with("another deploy to sftp://humas@host/public_html is running: rina started it on pc-humas at 2026-12-05T09:14:03+08:00 (process 812)."), "{m}");
        assert!(
            m.contains("wait for it to finish") && m.contains("`warta deploy --unlock`"),
            "{m}"
        );
        let anonymous = Owner { user: String::new(), ..o };
        let m = refusal("file:///var/www/html", Some(&anonymous));
        assert!(m.contains("is running: it was started on pc-humas at "), "{m}");
        assert!(is_lock(".warta-deploy.lock/owner.json") && is_lock(FOLDER));
        assert!(!is_lock(".warta-deploy.json") && !is_lock("a/.warta-deploy.lock/x"));
    }
}
