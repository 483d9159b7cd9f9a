//! `warta deploy`: the built site onto the office's web host, sending only what changed.
//!
//! [`manifest`] and [`plan`] are plain data: what the server holds, what the output holds, and
//! the ordered steps between them. [`run`] carries the steps out over any [`Remote`]:
//! [`file`], [`ftp`] or [`sftp`].

pub mod credentials;
pub mod file;
pub mod ftp;
pub mod lock;
pub mod plan;
pub mod remote;
pub mod run;
pub mod sftp;
pub mod target;

pub use remote::{Failure, Remote, RemoteError, RemoteFile};
pub use target::{HostKeys, Protocol, Secrets, Target};

/// A folder to deploy to (`file://`) that is the output, or the site's folder, holds one or
/// lies in one: refused (found by helper-31, stop 66: a deploy into `public/` left its record
/// there, which the next build refused as a file it did not write; one into the site's folder
/// put the built pages beside `site.yaml` and `content/`).
fn same_folder(root: &Path, output: &Path, folder: &Path) -> Result<()> {
    let resolved = |p: &Path| std::path::absolute(p).map(|a| crate::write::normalise(&a));
    let folder_at = resolved(folder).map_err(Error::io(folder))?;
    for (what, dir) in [("the build's output", output), ("the site's folder", root)] {
        let dir_at = resolved(dir).map_err(Error::io(dir))?;
        let how = if folder_at == dir_at {
            "is"
        } else if folder_at.starts_with(&dir_at) {
            "lies in"
        } else if dir_at.starts_with(&folder_at) {
            "holds"
        } else {
            continue;
        };
        return Err(Error::Refused(format!(
            "the folder to deploy to, {}, {how} {what} ({}): a deploy puts the built site \
             there and keeps its record there; write a folder of the web server outside the \
             site in site.yaml's deploy: url (file:///var/www/html, say)",
            folder.display(),
            dir.display()
        )));
    }
    Ok(())
}

/// Opens one connection to the target's folder.
pub fn connect(
    target: &Target,
    secrets: &Secrets,
    keys: &HostKeys,
) -> Result<Box<dyn Remote>, RemoteError> {
    match target.protocol {
        Protocol::File => file::connect(target),
        Protocol::Ftp | Protocol::Ftps => ftp::connect(target, secrets),
        Protocol::Sftp => sftp::connect(target, secrets, keys),
    }
}

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// What `warta deploy` was asked.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site folder, with `site.yaml`.
    pub root: PathBuf,
    /// The built site; `public/` in the root by default.
    pub output: PathBuf,
    /// List what would be sent and deleted, and send nothing.
    pub dry_run: bool,
    /// SFTP: accept the server's host key though `~/.ssh/known_hosts` does not have it or has
    /// another, and record it there.
    pub trust_host_key: bool,
    /// Connections at once, instead of `deploy.connections`.
    pub connections: Option<usize>,
    /// Send the output as the last build left it, though the site changed since.
    pub as_built: bool,
    /// Take over the server's deploy lock whoever holds it ([`lock`]).
    pub unlock: bool,
    /// Look at the files the server holds, not only at the record of the last deploy: those
    /// missing there, or of another size, are sent again ([`run::server`]).
    pub check_server: bool,
}

/// What a deploy did.
#[derive(Debug, Clone)]
pub struct Deployed {
    /// Where to, without secrets: `sftp://humas@host/public_html`.
    pub target: String,
    pub report: run::Report,
    pub warnings: Vec<String>,
}

/// The home folder, where `~/.netrc` and `~/.ssh/known_hosts` are.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// `~/.netrc`'s text (or the file `NETRC` names, as curl reads it), if there is one.
fn netrc() -> Option<(PathBuf, String)> {
    let file = std::env::var_os("NETRC")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".netrc")))?;
    let text = std::fs::read_to_string(&file).ok()?;
    Some((file, text))
}

/// The warning for a `.netrc` that other users of this computer can read, when a deploy took
/// its password from it: the README asks for `chmod 600`, and nothing said when it was not so
/// (found by helper-42, stop 75: a file of mode 644 was used without a word). Windows keeps a
/// home folder its user's own, and has no such modes.
fn open_to_others(file: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then(|| {
            format!(
                "{} holds the deploy's password and other users of this computer can read it \
                 (mode {mode:o}): make it yours alone with `chmod 600 {}`",
                file.display(),
                file.display()
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

/// `warta deploy`: reads the built output, asks the server what it holds, and sends what
/// changed (see [`run::execute`]).
pub fn deploy(opts: &DeployOptions) -> Result<Deployed> {
    let site_yaml = crate::load::site_yaml(&opts.root)?;
    let config = crate::config::parse(&site_yaml.path, &site_yaml.text).map_err(Error::content)?;
    let site_key = config.site_key();
    let example_address = config.example_address().map(str::to_string);
    let sample = crate::scaffold::sample_fields(&config);
    let Some(target) = config.deploy else {
        return Err(Error::Refused(
            "site.yaml has no `deploy:` saying where the site goes, such as\n\
             deploy:\n  url: sftp://user@host\n  folder: public_html\n\
             (see \"Deploying\" in the README)"
                .to_string(),
        ));
    };
    let target = target.in_site(&opts.root);
    // The address of `warta init`, never written over: every shared link, feed and the
    // sitemap would point to a site that is not there.
    if let Some(address) = example_address {
        return Err(Error::Refused(format!(
            "base_url in site.yaml is still an example address ({address}), so every shared \
             link, feed and the sitemap of the built site point there, not to the web host: \
             write the site's own address as base_url (https://humas.kemenag-bali.go.id/, say), \
             run `warta build`, then `warta deploy`"
        )));
    }
    // The sample's names, never written over: "Kantor Contoh" on every page, feed and card.
    if !sample.is_empty() {
        return Err(Error::Refused(format!(
            "site.yaml still holds the sample text of `warta init` in {}, which every page, feed \
             and shared link of the built site shows: write the office's own there, run `warta \
             build`, then `warta deploy`",
            sample.join(", ")
        )));
    }
    if !opts.output.is_dir() {
        return Err(Error::Refused(format!(
            "there is no {} yet: run `warta build`, look at the result, then `warta deploy`",
            opts.output.display()
        )));
    }
    if target.protocol == Protocol::File {
        same_folder(&opts.root, &opts.output, Path::new(&target.folder))?;
    }
    // A preview shows what is not published yet: a draft, or a release scheduled for later.
    if let Some(preview) = crate::write::preview_of(&opts.output) {
        return Err(Error::Refused(format!(
            "{} is a preview, built with --drafts or --future: it shows {preview} that must not \
             reach the web host yet; build the site to publish with `warta build`, then deploy",
            opts.output.display()
        )));
    }
    // A build stopped while it put its changed files in place (killed, the machine off): some
    // pages are new, some old, and no build has said what the site is. The next build finishes
    // it; `--as-built` does not send it either.
    if crate::write::output_build(&opts.root, &opts.output)
        .is_some_and(|b| crate::write::is_updating(&b))
    {
        return Err(Error::Refused(format!(
            "{} was left half updated by a build that was stopped while it wrote the changed \
             files: some pages are new and some old. Run `warta build`, which finishes it, then \
             `warta deploy`",
            opts.output.display()
        )));
    }
    // An output older than the site: what was saved since would not reach the web host, and
    // its writer, who saw it in `warta serve`, would think it had.
    let cache = crate::write::cache_path(&opts.root, &opts.output)?;
    if !opts.as_built && !crate::write::built::is_recorded(&cache) {
        return Err(Error::Refused(format!(
            "nothing says when {} was last built (its build cache, {}, was removed, or a warta \
             older than this one built it), so it may not show what the site has now: run \
             `warta build`, look at the result, then `warta deploy` (or `warta deploy \
             --as-built` to send it as it is)",
            opts.output.display(),
            cache.display(),
        )));
    }
    if let Some((path, at)) = crate::write::built::changed_since(&opts.root, &cache, site_key) {
        if !opts.as_built {
            let at = chrono::DateTime::<chrono::Local>::from(at).format("%H.%M");
            return Err(Error::Refused(format!(
                "{} changed at {at}, after {} was last built, so the web host would not get \
                 it: run `warta build`, look at the result, then `warta deploy` (or `warta \
                 deploy --as-built` to send {} as it is)",
                path.display(),
                opts.output.display(),
                opts.output.display(),
            )));
        }
    }
    let shown_output = format!("{}/", opts.output.display());
    let local = run::scan(&opts.output, &shown_output)?;
    let netrc = netrc();
    let env = |k: &str| std::env::var(k).ok();
    let secrets = credentials::secrets(&target, env, netrc.as_ref().map(|(_, text)| text.as_str()));
    // A password from `.netrc` (not from the environment, which comes first).
    let from_netrc =
        secrets.password.is_some() && env(credentials::PASSWORD).is_none_or(|p| p.is_empty());
    let netrc_warning =
        netrc.as_ref().filter(|_| from_netrc).and_then(|(file, _)| open_to_others(file));
    if let Some(key) = secrets.key.as_deref().filter(|k| inside(k, &opts.root)) {
        return Err(Error::Refused(format!(
            "the private key {} is inside the site's folder, which is copied and shared with \
             the site: move it out (to ~/.ssh, say) and set {} to its new place",
            key.display(),
            credentials::KEY
        )));
    }
    let keys = HostKeys {
        file: home().unwrap_or_default().join(".ssh").join("known_hosts"),
        trust: opts.trust_host_key,
    };
    let connect = || connect(&target, &secrets, &keys);
    let mut run_opts =
        run::Options::new(opts.connections.unwrap_or(target.connections), shown_output);
    run_opts.dry_run = opts.dry_run;
    let shown = target.shown();
    let failed = |e: RemoteError| match run::advice(&e, run::Stopped::Before) {
        "" => Error::Refused(format!("deploy to {shown}: {e}")),
        advice => Error::Refused(format!("deploy to {shown}: {e}\n{advice}")),
    };
    let mut first = None;
    // One deploy at a time, from the reading of the manifest to the writing of the last
    // ([`lock`]); a dry run changes nothing, and takes no lock.
    let me = lock::Owner::this_process();
    let mut took_over = None;
    if !opts.dry_run {
        let mut tries = lock::Tries::default();
        let taken = run::retrying(&mut first, &connect, &run_opts, |r| {
            lock::take(r, &me, opts.unlock, &mut tries)
        })
        .map_err(failed)?;
        match taken {
            lock::Taken::Ours { taken_over } => {
                took_over = taken_over;
                let (target, secrets, keys, owner) =
                    (target.clone(), secrets.clone(), keys.clone(), me.clone());
                lock::hold(
                    &me,
                    Box::new(move || {
                        let mut remote = self::connect(&target, &secrets, &keys)?;
                        lock::give_back(remote.as_mut(), &owner)
                    }),
                );
            }
            lock::Taken::Theirs(owner) => {
                return Err(Error::Refused(lock::refusal(&shown, owner.as_ref())))
            }
        }
        // Test hook: `WARTA_TEST_PAUSE_AFTER_LOCK_MS=<ms>` holds the lock that long before
        // anything is read, so that a test can deploy beside it, or kill it there.
        if let Some(ms) = std::env::var(PAUSE_HOOK).ok().and_then(|ms| ms.parse().ok()) {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }
    let deployed = send(opts, &local, &shown, first, &connect, &run_opts);
    // Given back whatever the end. One that cannot be is the next deploy's to take over: from
    // this computer at once, from another with `--unlock`; after a failure, the failure is
    // what is said.
    let given = (!opts.dry_run).then(|| {
        lock::let_go(&me);
        connect().and_then(|mut r| lock::give_back(r.as_mut(), &me))
    });
    let mut deployed = deployed?;
    deployed.warnings.splice(0..0, netrc_warning);
    if let Some(Err(e)) = given {
        deployed.warnings.push(format!(
            "the deploy lock on the server ({}/) could not be removed: {e}; the next deploy \
             from this computer takes it over, and one from another says to run \
             `warta deploy --unlock`",
            lock::FOLDER
        ));
    }
    if let Some(owner) = took_over {
        let whose = match owner {
            Some(o) if o.user.is_empty() => format!("a deploy on {} since {}", o.host, o.started),
            Some(o) => format!("{} on {} since {}", o.user, o.host, o.started),
            None => "a deploy that did not say whose it was".to_string(),
        };
        let why = if opts.unlock { "as asked (--unlock)" } else { "its process is gone" };
        deployed.warnings.insert(
            0,
            format!("took over the deploy lock of {whose}, {why}: that deploy did not finish"),
        );
    }
    Ok(deployed)
}

/// See the test hook in [`deploy`].
const PAUSE_HOOK: &str = "WARTA_TEST_PAUSE_AFTER_LOCK_MS";

/// Reads what the server holds and sends what changed, over `first` (the connection that
/// took the lock, if any) and connections from `connect`.
fn send(
    opts: &DeployOptions,
    local: &[plan::LocalFile],
    shown: &str,
    mut first: Option<Box<dyn Remote>>,
    connect: &run::Connect<'_>,
    run_opts: &run::Options,
) -> Result<Deployed> {
    let failed = |e: RemoteError| match run::advice(&e, run::Stopped::Before) {
        "" => Error::Refused(format!("deploy to {shown}: {e}")),
        advice => Error::Refused(format!("deploy to {shown}: {e}\n{advice}")),
    };
    let mut warnings = Vec::new();
    let paths: std::collections::HashSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    let check = opts.check_server.then_some(&paths);
    // A try that fails after reading a damaged manifest is tried again: its warning, once.
    let server = run::retrying(&mut first, connect, run_opts, |r| {
        warnings.clear();
        run::server(r, check, &mut warnings)
    })
    .map_err(failed)?;
    let Some(first) = first else {
        return Err(Error::Refused(format!("deploy to {shown}: no connection")));
    };
    let plan = plan::plan(local, &server);
    let mut report = run::execute(&opts.output, &plan, local, first, connect, run_opts).map_err(
        |e| match e {
            Error::Refused(m) => Error::Refused(format!("deploy to {shown}: {m}")),
            other => other,
        },
    )?;
    warnings.append(&mut report.warnings);
    Ok(Deployed { target: shown.to_string(), report, warnings })
}

/// Whether `path` is inside `dir`, for the check that no secret lives in the site's folder.
fn inside(path: &Path, dir: &Path) -> bool {
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(d)) => p.starts_with(d),
        _ => false,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_netrc_others_can_read_is_warned_of_and_one_of_its_user_alone_is_not() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join(".netrc");
        std::fs::write(&file, "machine ftp.example.go.id login humas password rahasia\n")
            .expect("write");
        for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false), (0o400, false)] {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).expect("chmod");
            let warning = super::open_to_others(&file);
            assert_eq!(warning.is_some(), warned, "{mode:o}: {warning:?}");
            if let Some(w) = warning {
                assert!(w.contains(&format!("(mode {mode:o})")) && w.contains("chmod 600"), "{w}");
            }
        }
    }
}
