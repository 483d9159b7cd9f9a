//! The command line: clap's definitions, each command turned into a library call, and the
//! exit code. `main.rs` only calls [`main`].

use crate::error::Error;
use crate::model::schedule::{Change, Schedule};
use crate::model::{Publication, Release, Show};
use crate::{build, scaffold, social, BuildOptions};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// What a build changed in the output: "12 added, 3 changed, 1 removed", or "nothing changed".
fn changes(s: &crate::BuildSummary) -> String {
    let parts: Vec<String> = [(s.added, "added"), (s.changed, "changed"), (s.removed, "removed")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if parts.is_empty() {
        "nothing changed".to_string()
    } else {
        parts.join(", ")
    }
}

/// What a deploy did, or with `--dry-run` would do: each file with `--dry-run`, then one line.
fn deployed(done: &crate::deploy::Deployed, dry_run: bool) -> String {
    use indicatif::HumanBytes;
    let r = &done.report;
    let mut out = String::new();
    if dry_run {
        for (path, size) in &r.sent {
            out.push_str(&format!("send    {path} ({})\n", HumanBytes(*size)));
        }
        for path in &r.deleted {
            out.push_str(&format!("delete  {path}\n"));
        }
    }
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    let listing = if r.kept_from_listing > 0 {
        format!(
            "\n(no record of an earlier deploy on the server: {} already there with the same \
             size and no older were kept, and nothing was deleted)",
            files(r.kept_from_listing)
        )
    } else {
        String::new()
    };
    let listing = match r.connections_taken {
        Some(n) => format!(
            "{listing}\n(the server took {n} connection{} at once and refused more: set \
             `connections: {n}` under deploy: in site.yaml to ask for no more)",
            if n == 1 { "" } else { "s" }
        ),
        None => listing,
    };
    if dry_run {
        out.push_str(&format!(
            "dry run: would send {} ({}) and delete {} on {}; {} unchanged{listing}",
            files(r.sent.len()),
            HumanBytes(r.bytes()),
            files(r.deleted.len()),
            done.target,
            r.unchanged
        ));
    } else {
        out.push_str(&format!(
            "deployed to {}: {} sent ({}), {} deleted, {} unchanged, in {:.1} s{listing}",
            done.target,
            files(r.sent.len()),
            HumanBytes(r.bytes()),
            r.deleted.len(),
            r.unchanged,
            r.elapsed.as_secs_f64()
        ));
    }
    out
}

/// warta: press releases in Markdown to a complete static news portal.
#[derive(Debug, Parser)]
#[command(name = "warta", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site folder, with site.yaml and content/; default: this folder or the nearest
        /// one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
        /// Where to write the site; default: public/ inside the site folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include releases marked `draft: true`, marked as drafts and kept out of every feed.
        #[arg(long)]
        drafts: bool,
        /// Include releases dated in the future, marked as scheduled and kept out of every feed.
        #[arg(long)]
        future: bool,
        /// Replace an output folder that warta did not create.
        #[arg(long)]
        force: bool,
        /// Publish even when the build has fewer than half the releases published before
        /// (removed on purpose, not a renamed content/ folder).
        #[arg(long)]
        allow_shrink: bool,
        /// Check the site, write nothing, and print only when its output must change next
        /// (RFC 3339), or nothing: for a cron job or a CI schedule.
        #[arg(long)]
        print_next_due: bool,
        /// Print every warning, not only the first 20.
        #[arg(long)]
        all_warnings: bool,
        /// Ignore the build cache: read, render and write every file again.
        #[arg(long)]
        clean: bool,
    },
    /// Write a new release, content/YYYY/MM/<slug>.md, dated now; never overwrites. With
    /// --from, the release is read from a pasted text (.txt, .md) or a Word file (.docx).
    New {
        /// The release's title, e.g. "Workshop Media Sosial" (optional with --from).
        #[arg(value_name = "TITLE", required_unless_present = "from")]
        title_arg: Option<String>,
        /// A press release to import: .txt, .md or .docx, or - for standard input.
        #[arg(long)]
        from: Option<PathBuf>,
        /// With --from: the title, instead of the text's first line.
        #[arg(long, requires = "from")]
        title: Option<String>,
        /// The issuing unit: a key of `units` in site.yaml (with --from: instead of the
        /// dateline); without it, the site's one unit.
        #[arg(long)]
        unit: Option<String>,
        /// The writer's initials: a key of `authors` in site.yaml (with --from: instead of the
        /// initials at the end; several as sn,ra); without it, the site's one writer.
        #[arg(long)]
        author: Option<String>,
        /// With --from: the date (2023-05-15, 2023-05-15T09:00:00, 15/5/2023 or 15 Mei 2023),
        /// instead of the one the text names.
        #[arg(long, requires = "from")]
        date: Option<String>,
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Print a release's captions for every social channel, ready to paste; without a release,
    /// the channel feeds to give a cross-posting service, the site's and each unit's.
    Social {
        /// The release's file (content/2023/05/slug.md, or its folder) or its slug.
        release: Option<String>,
        /// Only this channel's caption, exactly as it is posted (x, bluesky, mastodon, threads,
        /// telegram, instagram, facebook, whatsapp).
        #[arg(long, value_parser = parse_channel)]
        channel: Option<social::Channel>,
        /// As JSON: the release's social.json, or with --channel that caption with its link,
        /// length and limit.
        #[arg(long)]
        json: bool,
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Preview the site while you write: build it into memory (public/ is left alone), serve it
    /// on this computer, and rebuild and reload the browser at every save.
    Serve {
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
        /// The port to serve on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this computer can see 127.0.0.1; 0.0.0.0 shows the
        /// preview, drafts included, to every computer on the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include releases marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include releases dated in the future.
        #[arg(long)]
        future: bool,
        /// Open the preview in the web browser.
        #[arg(long)]
        open: bool,
    },
    /// Upload the built site to the web host that `deploy:` in site.yaml names (FTP, FTPS, SFTP
    /// or a folder), sending only what changed since the last deploy; run `warta build` first.
    /// The password comes from WARTA_DEPLOY_PASSWORD or ~/.netrc, never from site.yaml.
    Deploy {
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
        /// The built site to send; default: public/ inside the site folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// List what would be sent and deleted, and send nothing.
        #[arg(long)]
        dry_run: bool,
        /// SFTP: accept the server's host key though ~/.ssh/known_hosts does not have it (or
        /// has another), and record it there. Check the key's fingerprint with the host first.
        #[arg(long)]
        trust_host_key: bool,
        /// Look at the files the server holds: those missing there or of another size (deleted
        /// or changed on the server by hand) are sent again. Slower: the server lists them all.
        #[arg(long)]
        check_server: bool,
        /// How many files to send at once, 1 to 8; default: deploy.connections, or 4.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=8))]
        connections: Option<u8>,
        /// Send the built site as the last build left it, though a file of the site changed
        /// since (deploy stops otherwise, so that what was saved is not left out unseen).
        #[arg(long)]
        as_built: bool,
        /// Take over the server's deploy lock, which a deploy keeps while it runs so that no
        /// two run at once: only when the deploy that holds it is not running any more (its
        /// computer was turned off, or it was stopped), as its message says.
        #[arg(long)]
        unlock: bool,
    },
    /// Write the report of what the site published in a month (or a year), for the office's
    /// report upward: the releases per unit, tag and kind, and each release with its date,
    /// link and verification code. To standard output, or to --output.
    Report {
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
        /// The month, e.g. 2023-05; default: this month in the site's time zone.
        #[arg(long, value_parser = crate::report::Period::parse_month, conflicts_with = "year")]
        month: Option<crate::report::Period>,
        /// The whole year, e.g. 2023.
        #[arg(long, value_parser = crate::report::Period::parse_year)]
        year: Option<crate::report::Period>,
        /// The format; default: from --output's extension (.xlsx, .html, .json), else csv.
        #[arg(long, value_enum)]
        format: Option<crate::report::Format>,
        /// The file to write; default: standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Make the office's signing key: write the secret key file outside the site folder
    /// (~/.config/warta/keys/<host>.key) and print the public key to put in site.yaml.
    Keygen {
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
        /// Where to write the secret key; never inside the site folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace an existing key file (its signatures no longer verify with the new key).
        #[arg(long)]
        force: bool,
    },
    /// Check that a release is the office's own: its code (KWB-7Q4M-2CXH) or a saved release
    /// page, against the site's signed manifest (cek/manifest.json); exits 1 when it is not.
    Verify {
        /// A verification code, or a release page saved from the site (.html).
        #[arg(value_name = "CODE|FILE")]
        target: String,
        /// A built site (its cek/manifest.json); default: public/ of the site folder.
        #[arg(long)]
        site: Option<PathBuf>,
        /// A manifest file, with its signature (.sig) beside it.
        #[arg(long, conflicts_with = "site")]
        manifest: Option<PathBuf>,
        /// The office's public key, ed25519:…; default: trust.public_key of site.yaml.
        #[arg(long)]
        key: Option<String>,
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Create a new site: site.yaml, a sample release and the default theme.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
}

/// Parses the arguments, runs the command, prints the result or every error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C is how `warta serve` ends: it has nothing on disk to tidy.
    let serving = matches!(cli.command, Command::Serve { .. });
    let deploying = matches!(cli.command, Command::Deploy { .. });
    // Ctrl-C or SIGTERM: an unfinished build's staging folder is removed, the output is left as
    // it was. (Should the handler not install, a `kill -9`'s leftovers are swept next time.)
    let _ = ctrlc::set_handler(move || {
        if serving {
            std::process::exit(0);
        }
        if deploying {
            // The server's lock given back, so that the next deploy need not take it over.
            let lock = match crate::deploy::lock::interrupted() {
                None | Some(Ok(())) => String::new(),
                Some(Err(e)) => format!(
                    "; the server's deploy lock could not be given back ({e}): the next deploy \
                     from this computer takes it over, or run `warta deploy --unlock`"
                ),
            };
            // The progress line cleared first, on a terminal (found by helper-31, stop 66:
            // the message went on after it).
            if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                eprint!("\r\x1b[2K");
            }
            eprintln!(
                "interrupted: what was sent is recorded; run `warta deploy` again to finish{lock}"
            );
            std::process::exit(130);
        }
        crate::write::interrupted();
        // Stopped after its output was in place (found by helper-34, stop 67: "its unfinished
        // output removed" of a complete new `public/`).
        if crate::write::was_placed() {
            eprintln!(
                "interrupted: the build had already put the new site in place; what it was \
                 still doing (keeping its cache) is left to the next build"
            );
        } else {
            eprintln!("interrupted: the build was stopped and its unfinished output removed");
        }
        std::process::exit(130);
    });
    match run(cli.command) {
        Ok(message) => {
            if !message.is_empty() {
                say(&message);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", report(&e));
            ExitCode::FAILURE
        }
    }
}

/// Prints a line to standard output. A reader that closed it (`warta verify … | head -1`)
/// is no error of warta's: `println!` panicked there (found in stop 66).
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Runs one command and returns the line to print on success.
pub fn run(command: Command) -> Result<String, Error> {
    match command {
        Command::Build {
            root,
            output,
            drafts,
            future,
            force,
            allow_shrink,
            print_next_due,
            all_warnings,
            clean,
        } => {
            let root = site_root(root)?;
            let output = output.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                root,
                output: output.clone(),
                drafts,
                future,
                force,
                allow_shrink,
                now: None,
                clean,
            };
            if print_next_due {
                let due = crate::next_due(&opts.root, opts.show(), crate::build_time())?;
                return Ok(due.map(|d| d.at.iso()).unwrap_or_default());
            }
            // The process ends with the build: what it no longer needs is not freed.
            crate::leave_to_exit();
            let s = build(&opts)?;
            let limit = (!all_warnings).then_some(MAX_WARNINGS);
            print_warnings(&s.warnings[..limit.unwrap_or(usize::MAX).min(s.warnings.len())]);
            if let Some(more) =
                s.warnings.len().checked_sub(MAX_WARNINGS).filter(|&n| n > 0 && !all_warnings)
            {
                eprintln!(
                    "warning: … and {more} more warning{}; `warta build --all-warnings` lists them all",
                    if more == 1 { "" } else { "s" }
                );
            }
            let kept = match &s.kept {
                Some(p) => format!(
                    "\nthe previous contents of {} are kept in {}",
                    output.display(),
                    p.display()
                ),
                None => String::new(),
            };
            let preview = match &s.preview {
                Some(p) => format!(
                    "\na preview, with {p}: `warta deploy` will not send it; `warta build` \
                     without --drafts and --future builds the site to publish"
                ),
                None => String::new(),
            };
            let example = match &s.example_address {
                Some(address) => format!(
                    "\nnote: base_url in site.yaml is still an example address ({address}): \
                     shared links, feeds and the sitemap point there, and `warta deploy` will not \
                     send the site; write the site's own address there"
                ),
                None => String::new(),
            };
            let sample = match &s.sample_fields[..] {
                [] => String::new(),
                fields => format!(
                    "\nnote: site.yaml still holds the sample text of `warta init` in {}: every \
                     page, feed and shared link shows it, and `warta deploy` will not send the \
                     site; write the office's own there",
                    fields.join(", ")
                ),
            };
            Ok(format!(
                "built {} release{}: {} pages, {} files in {} in {:.2} s ({}){kept}{preview}{}{example}{sample}",
                s.releases,
                if s.releases == 1 { "" } else { "s" },
                s.pages,
                s.files,
                output.display(),
                s.elapsed.as_secs_f64(),
                changes(&s),
                schedule_lines(&s.schedule)
            ))
        }
        Command::New { title_arg, from: Some(from), title, unit, author, date, root } => {
            let root = site_root(root)?;
            let (input, encoding) = crate::load::import_input(&from)?;
            if let Some(w) = encoding {
                eprintln!("warning: {w}");
            }
            let over = crate::import::Overrides {
                title: title.or(title_arg),
                unit,
                authors: author
                    .iter()
                    .flat_map(|a| a.split([',', '/', ' ']))
                    .filter(|a| !a.is_empty())
                    .map(str::to_lowercase)
                    .collect(),
                date,
            };
            let (path, notes) = scaffold::import_release(&root, input, &over, crate::build_time())?;
            say(&format!("wrote {}", shown(&path).display()));
            print_warnings(&notes);
            Ok(String::new())
        }
        Command::New { title_arg, unit, author, root, .. } => {
            let Some(title) = title_arg else {
                return Err(Error::Refused("new: give a title".to_string()));
            };
            let root = site_root(root)?;
            let (unit, author) = (unit.as_deref(), author.as_deref());
            let path = scaffold::new_release(&root, &title, unit, author, crate::build_time())?;
            Ok(format!("wrote {}", shown(&path).display()))
        }
        Command::Social { release, channel, json, root } => {
            let given = root.is_some();
            let root = site_root(root)?;
            let (sources, site) = crate::load_site(&root, Show::ALL, crate::build_time())?;
            let Some(release) = release else {
                return Ok(feed_list(&site.config, channel).trim_end().to_string());
            };
            let theme = crate::theme(&site, &sources)?;
            // From content/2023/05/, `warta social x.md` means content/2023/05/x.md.
            let here = std::env::current_dir().ok().filter(|_| !given);
            let from_here = here
                .as_deref()
                .and_then(|h| h.strip_prefix(&root).ok())
                .map(|sub| sub.join(&release).to_string_lossy().replace('\\', "/"));
            let r = match from_here.and_then(|q| social::find(&site, &q).ok()) {
                Some(r) => r,
                None => social::find(&site, &release)?,
            };
            let note = unpublished_note(r);
            let words = social::Words::from_strings(&theme.strings);
            // Only the caption or the JSON on standard output, to pipe or copy; the note goes
            // to stderr.
            match (channel, json) {
                (Some(channel), false) => {
                    eprint!("{note}");
                    Ok(social::caption(&site.config, r, channel, words).text)
                }
                (Some(channel), true) => {
                    eprint!("{note}");
                    let caption = social::caption(&site.config, r, channel, words);
                    let mut value = serde_json::to_value(&caption).unwrap_or_default();
                    value["channel"] = channel.key().into();
                    Ok(value.to_string())
                }
                (None, true) => {
                    eprint!("{note}");
                    Ok(crate::render::social_json(&site.config, r, words).trim_end().to_string())
                }
                (None, false) => Ok(note + social::paste_text(&site.config, r, words).trim_end()),
            }
        }
        Command::Serve { root, port, bind, drafts, future, open } => {
            let root = site_root(root)?;
            crate::serve::run(crate::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                future,
                open,
            })?;
            Ok(String::new())
        }
        Command::Deploy {
            root,
            output,
            dry_run,
            trust_host_key,
            check_server,
            connections,
            as_built,
            unlock,
        } => {
            let root = site_root(root)?;
            let output = output.unwrap_or_else(|| root.join("public"));
            let opts = crate::deploy::DeployOptions {
                root,
                output,
                dry_run,
                trust_host_key,
                connections: connections.map(usize::from),
                as_built,
                unlock,
                check_server,
            };
            let done = crate::deploy::deploy(&opts)?;
            for w in &done.warnings {
                eprintln!("warning: {w}");
            }
            Ok(deployed(&done, dry_run))
        }
        Command::Report { root, month, year, format, output } => {
            // The format given, or the one the file's name asks for: known before the site is
            // read, so that a name warta cannot write is the first thing said.
            let format = match format {
                Some(f) => f,
                None => crate::report::Format::of(output.as_deref()).map_err(Error::Refused)?,
            };
            let root = site_root(root)?;
            let now = crate::build_time();
            let (_, site) = crate::load_site(&root, Show::PUBLISHED, now)?;
            let period = month.or(year).unwrap_or_else(|| {
                crate::report::Period::month_of(now.with_timezone(&site.config.timezone))
            });
            let report = crate::report::Report::of(&site, period);
            if report.releases.is_empty() {
                eprintln!("note: no published release is dated in {period}; the report is empty");
            }
            let Some(output) = output else {
                use std::io::{IsTerminal, Write};
                if format == crate::report::Format::Xlsx && std::io::stdout().is_terminal() {
                    return Err(Error::Refused(
                        "a workbook is a file, not text to show: give --output laporan.xlsx"
                            .to_string(),
                    ));
                }
                // The report alone on standard output, exactly: `warta report > laporan.csv`.
                let bytes = report.to(format);
                let mut out = std::io::stdout().lock();
                out.write_all(&bytes)
                    .and_then(|()| out.flush())
                    .map_err(Error::io("standard output"))?;
                return Ok(String::new());
            };
            std::fs::write(&output, report.to(format)).map_err(Error::io(&output))?;
            let n = report.releases.len();
            Ok(format!(
                "wrote {}: {n} release{} of {period}",
                shown(&output).display(),
                if n == 1 { "" } else { "s" }
            ))
        }
        Command::Keygen { root, output, force } => {
            let root = site_root(root)?;
            let site_yaml = crate::load::site_yaml(&root)?;
            let config =
                crate::config::parse(&site_yaml.path, &site_yaml.text).map_err(Error::content)?;
            keygen(&root, &config, output, force)
        }
        Command::Verify { target, site, manifest, key, root } => {
            verify(&target, site, manifest, key, root)
        }
        Command::Init { dir } => {
            let gitignore = dir.join(".gitignore");
            let own = gitignore.exists();
            let files = scaffold::init(&dir, crate::build_time())?;
            let added = if own && files.contains(&gitignore) {
                format!("; warta's lines added at the end of your {}", gitignore.display())
            } else {
                String::new()
            };
            Ok(format!(
                "created a site in {} ({} files{added}); build it with: warta build --root {}\n\
                 before it is published, write its address (base_url), its title and \
                 description, and the office's units and writers in {}",
                dir.display(),
                files.len() - usize::from(!added.is_empty()),
                dir.display(),
                dir.join("site.yaml").display()
            ))
        }
    }
}

/// A path as the user reads it: `content/…` rather than `./content/…`.
fn shown(path: &std::path::Path) -> &std::path::Path {
    path.strip_prefix(".").unwrap_or(path)
}

/// The lines after a build's summary: the releases left out as drafts, scheduled or expired,
/// whether or not others were built (found by use, stop 75: with one release built, two drafts
/// and one held back went unmentioned); and when the next scheduled change is due (`next scheduled:
/// content/2026/12/x.md at Selasa, 1 Desember 2026 09.00 WITA (2026-12-01T09:00:00+08:00)`).
fn schedule_lines(s: &Schedule) -> String {
    let mut out = String::new();
    let count = |n: usize, what: &str| {
        (n > 0).then(|| format!("{n} release{} {what}", if n == 1 { "" } else { "s" }))
    };
    let left_out: Vec<String> = [
        count(
            s.drafts,
            "marked draft: true (remove that line to publish, or preview with --drafts)",
        ),
        count(s.unwritten, "still holding the paragraph `warta new` wrote (write it to publish)"),
        count(s.scheduled, "dated in the future (preview with --future)"),
        count(s.expired, "past their 'expires' date"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !left_out.is_empty() {
        out.push_str(&format!("\nleft out: {}", left_out.join("; ")));
    }
    if let Some(d) = &s.next_due {
        let what = match d.change {
            Change::Publishes => "at",
            Change::Expires => "expires at",
        };
        out.push_str(&format!(
            "\nnext scheduled: {} {what} {} ({})",
            d.source.display(),
            d.at.full_id(),
            d.at.iso()
        ));
    }
    out
}

/// The channel feeds to give a cross-posting service, for the site (every unit's releases) and
/// for each unit (its own), with the unit's account on each channel where `site.yaml` has one;
/// only `channel`'s when given.
fn feed_list(config: &crate::config::Config, channel: Option<social::Channel>) -> String {
    let channels: Vec<social::Channel> = match channel {
        Some(c) => vec![c],
        None => social::Channel::ALL.to_vec(),
    };
    let mut out = String::from(
        "Channel feeds: give a cross-posting service (IFTTT, Zapier, dlvr.it, Buffer) the RSS \
         feed (.xml); services that read JSON Feed can take the .json beside it.\n",
    );
    let mut section = |name: &str, unit: Option<&str>, social: &crate::config::Social| {
        out.push_str(&format!("\n{name}\n"));
        for &c in &channels {
            let url = crate::render::channel_feed_url(config, unit, c);
            let account = social.handle(c).or_else(|| social.links().get(c.key()).cloned());
            let account = account.map_or(String::new(), |a| format!("  ({a})"));
            out.push_str(&format!("  {:<10} {url}{account}\n", c.label()));
        }
    };
    section(&format!("{} — every unit's releases", config.title), None, &config.social);
    for (key, u) in &config.units {
        section(&format!("{} ({})", u.name, u.short), Some(key), &u.social);
    }
    out
}

/// A channel named on the command line.
fn parse_channel(key: &str) -> Result<social::Channel, String> {
    social::Channel::from_key(key).ok_or_else(|| {
        let keys: Vec<&str> = social::Channel::ALL.iter().map(|c| c.key()).collect();
        format!("no channel {key:?}; the channels are {}", keys.join(", "))
    })
}

/// What `warta social` says first about a release that is not on the site.
fn unpublished_note(r: &Release) -> String {
    match r.publication {
        Publication::Published => String::new(),
        Publication::Draft if r.unwritten.is_some() => format!(
            "this release is held back as a draft: its body is still the text `warta new` wrote \
             (\"{}\"); it is on no page and in no feed until you write it\n\n",
            crate::scaffold::PLACEHOLDER
        ),
        Publication::Draft => "this release is a draft: it is on no page and in no feed; remove \
             'draft: true' to publish it\n\n"
            .to_string(),
        Publication::Scheduled(at) => format!(
            "this release is scheduled for {} ({}); it is not published yet: its captions reach \
             the feeds with the first build at or after that time\n\n",
            at.full_id(),
            at.iso()
        ),
        Publication::Expired(at) => format!(
            "this release expired on {} ({}): it is no longer on the site or in any feed\n\n",
            at.full_id(),
            at.iso()
        ),
        Publication::Withdrawn(at) => format!(
            "this release was withdrawn on {} ({}): its page says so, and it is in no listing \
             or feed\n\n",
            at.full_id(),
            at.iso()
        ),
    }
}

/// `warta keygen`: a new key file, 0600, outside the site; never replaces one unless `force`.
fn keygen(
    root: &std::path::Path,
    config: &crate::config::Config,
    output: Option<PathBuf>,
    force: bool,
) -> Result<String, Error> {
    use crate::trust::keys;
    let host = &config.public_host();
    let path = output.or_else(|| keys::default_path(host)).ok_or_else(|| {
        Error::Refused("no home folder (HOME is not set): name the key file with --output".into())
    })?;
    if keys::inside(root, &path) {
        return Err(Error::Refused(format!(
            "{} is inside the site folder, where the secret key could be published or \
             committed: write it elsewhere (the default is ~/.config/warta/keys/)",
            path.display()
        )));
    }
    let key = keys::SecretKey::generate().map_err(Error::Refused)?;
    let kept = match keys::write_file(&path, &key.to_text(host), force) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Refused(format!(
                "{} already exists, and warta keygen never replaces a key: the site's releases \
                 are checked with its public key. To make a new key anyway, add --force and put \
                 the new public_key in site.yaml",
                path.display()
            )))
        }
        done => done.map_err(Error::io(&path))?,
    };
    let replaces = match config.trust.public_key {
        Some(old) => format!(" (instead of {old})"),
        None => String::new(),
    };
    let kept = match kept {
        Some(old) => format!("the key it replaces was moved to {}\n", old.display()),
        None => String::new(),
    };
    Ok(format!(
        "{kept}wrote the secret key of {host} to {}\n\
         put its public key in site.yaml{replaces}:\n\n\
         trust:\n  public_key: \"{}\"\n\n\
         Copy the key file to a USB stick kept in the office safe: without it, no build can sign \
         with this key. Never email it or put it in the site folder or a repository; on another \
         computer, name its copy with {}.",
        path.display(),
        key.public(),
        keys::ENV_KEY_FILE
    ))
}

/// `warta verify`: a code or a saved page against a manifest; `Err` (exit 1) unless official.
fn verify(
    target: &str,
    site: Option<PathBuf>,
    manifest: Option<PathBuf>,
    key: Option<String>,
    root: Option<PathBuf>,
) -> Result<String, Error> {
    use crate::trust::{code, keys::PublicKey, manifest as m, verify::*};
    // What to give outside the site's folder (found by helper-30, stop 66: each case said to
    // build the site, or to make one with `warta init`).
    let saved = "save the site's manifest and its signature (cek/manifest.json and \
                 cek/manifest.sig, linked from its /cek/ page) into one folder, then give \
                 the first with --manifest, and the office's key (on the /cek/ page) with --key";
    if let Some(address) = site.as_deref().and_then(|s| s.to_str()) {
        if address.starts_with("http://") || address.starts_with("https://") {
            return Err(Error::Refused(format!(
                "warta verify works offline and does not fetch {address}: {saved}"
            )));
        }
    }
    let elsewhere = site.is_some() || manifest.is_some();
    let named = manifest.is_some();
    let here = || std::env::current_dir().ok().and_then(|h| crate::load::find_root(&h));
    let root = match root {
        Some(r) => Some(r),
        None if elsewhere => here(),
        None => Some(here().ok_or_else(|| {
            Error::Refused(format!(
                "no site.yaml here or in a folder above, so no site's manifest to check against: \
                 run it in the site's folder, or {saved}"
            ))
        })?),
    };
    // The site's key, unless --key gives one.
    let config = match (&root, &key) {
        (Some(r), None) => {
            let y = crate::load::site_yaml(r)?;
            Some(crate::config::parse(&y.path, &y.text).map_err(Error::content)?)
        }
        _ => None,
    };
    let file = match (manifest, site, &root) {
        (Some(f), _, _) => f,
        (None, Some(dir), _) => dir.join(m::FILE),
        (None, None, r) => r.clone().unwrap_or_default().join("public").join(m::FILE),
    };
    let bytes = std::fs::read(&file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound if named => {
            Error::Refused(format!("there is no file {}: {saved}", file.display()))
        }
        std::io::ErrorKind::NotFound => Error::Refused(format!(
            "no manifest at {}: build the site first (warta build), or name a built site with \
             --site or a manifest with --manifest",
            file.display()
        )),
        _ => Error::io(&file)(e),
    })?;
    let sig_file = file.with_extension("sig");
    let signature = match std::fs::read_to_string(&sig_file) {
        Ok(s) => Some(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&sig_file)(e)),
    };
    let parsed = || {
        m::Manifest::parse(&bytes).map_err(|e| Error::Refused(format!("{}: {e}", file.display())))
    };
    // A key the manifest names itself proves only that the manifest was not changed since
    // someone signed it: anyone can sign a forged list with a key of their own.
    let (key, self_named) = match (key, config.and_then(|c| c.trust.public_key)) {
        (Some(k), _) => {
            (Some(PublicKey::parse(&k).map_err(|e| Error::Refused(format!("--key: {e}")))?), false)
        }
        (None, Some(k)) => (Some(k), false),
        (None, None) => (parsed()?.key.and_then(|k| PublicKey::parse(&k).ok()), true),
    };
    let path = std::path::Path::new(target);
    let query = if path.is_file() {
        let html = std::fs::read(path).map_err(Error::io(path))?;
        page_query(&String::from_utf8_lossy(&html)).ok_or_else(|| {
            Error::Refused(format!(
                "{} has no verification code (no <meta name=\"{CODE_META}\">): give a release \
                 page saved from the site, or the release's code",
                path.display()
            ))
        })?
    } else {
        Query::Code(code::normalize(target).ok_or_else(|| {
            Error::Refused(format!(
                "{target:?} is neither a file nor a verification code like KWB-7Q4M-2CXH"
            ))
        })?)
    };
    let code = match &query {
        Query::Code(c) | Query::Page { code: c, .. } => c.clone(),
    };
    let signed = signature.is_some() && key.is_some();
    let verdict = check(&bytes, signature.as_deref(), key.as_ref(), &query)
        .map_err(|e| Error::Refused(format!("{}: {e}", file.display())))?;
    let refused = |why: String| Err(Error::Refused(why));
    match verdict {
        Verdict::Official(e) | Verdict::Removed(e) if self_named => refused(format!(
            "the manifest is signed by the key it names itself, {}, which proves only that it \
             was not changed since someone signed it, not that the office did: give the \
             office's key with --key ed25519:… (from its /cek/ page, or its site.yaml); it \
             lists {} ({}, {})",
            key.as_ref().map(ToString::to_string).unwrap_or_default(),
            e.code,
            e.title,
            e.url
        )),
        // Issued by the office, and withdrawn: not a release that stands, so not exit 0.
        Verdict::Official(e) => match &e.withdrawn {
            Some(w) => refused(format!(
                "WITHDRAWN: the office issued {} ({}, {}, {}) and withdrew it on {}: {}; it no \
                 longer stands",
                e.code, e.title, e.date, e.url, w.date, w.reason
            )),
            None => Ok(format!(
                "OFFICIAL: {}\ntitle: {}\ndate:  {}\nunit:  {}\nurl:   {}",
                e.code, e.title, e.date, e.unit, e.url
            )),
        },
        // Issued by the office, and no longer on its site: not a release that stands.
        Verdict::Removed(e) => refused(format!(
            "REMOVED: the office issued {} ({}, {}, {}), and it is no longer on the office's \
             site: it no longer stands, and its text is not listed, so no copy of it can be \
             checked; ask the office whether it still holds",
            e.code, e.title, e.date, e.url
        )),
        Verdict::NoText(e) => refused(format!(
            "this page carries no signed text (no <script id=\"{TEXT_ID}\">), so nothing it \
             shows can be checked, only its code: {} is the office's release \"{}\" ({}); read \
             it there",
            e.code, e.title, e.url
        )),
        Verdict::ShownChanged(e, Part::Layout) => refused(format!(
            "this page does not show its release as the site's pages do (a headline, <h1>, \
             followed by the text in <div class=\"content\">), so what it shows cannot be \
             compared with what the office signed: {} is the office's release \"{}\" ({}); \
             read it there",
            e.code, e.title, e.url
        )),
        Verdict::ShownChanged(e, part) => refused(format!(
            "{} this page shows differs from what the office {} for {} ({}, {}); the page's \
             hidden copy of the text is the office's, so the visible page was changed after \
             it was saved",
            part.name(),
            if signed { "signed" } else { "listed" },
            e.code,
            e.title,
            e.url
        )),
        Verdict::NotFound => refused(format!(
            "no release with code {code} in the manifest of {}: it was not issued by this \
             office, or the code is mistyped",
            parsed()?.site
        )),
        Verdict::BadSignature(why) => refused(why),
        Verdict::TextChanged(e) => {
            let mut why = format!(
                "the text of this page differs from what the office {} for {} ({}, {})",
                if signed { "signed" } else { "listed" },
                e.code,
                e.title,
                e.url
            );
            if !e.corrected.is_empty() {
                why = format!(
                    "{why}; the office corrected this release on {}: a copy saved before a \
                     correction differs from the text signed now, so compare it with the \
                     release's page and its corrections (Ralat) before calling it altered",
                    e.corrected.join(", ")
                );
            }
            refused(why)
        }
        Verdict::Unsigned(entry) => {
            let why = match signature {
                None => format!(
                    "there is no {}, so nothing proves the office wrote it",
                    sig_file.display()
                ),
                Some(_) => "no key to check it with: give the office's key with --key \
                            ed25519:… (from its /cek/ page)"
                    .to_string(),
            };
            let listed = match entry {
                Some(e) if e.removed => {
                    format!("it lists {} ({}, {}) as no longer on the site", e.code, e.title, e.url)
                }
                Some(e) => format!("it lists {} ({}, {})", e.code, e.title, e.url),
                None => format!("it has no release {code}"),
            };
            let what = match signature {
                None => "the manifest is not signed",
                Some(_) => "the manifest's signature cannot be checked",
            };
            refused(format!("{what}: {why}; {listed}"))
        }
    }
}

/// The site folder: `--root` as given, else the current folder or the nearest one above it
/// with a `site.yaml`.
fn site_root(root: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(root) = root {
        return Ok(root);
    }
    let here = std::env::current_dir().map_err(Error::io("."))?;
    match crate::load::find_root(&here) {
        Some(found) if found == here => Ok(PathBuf::from(".")),
        Some(found) => Ok(found),
        None => Err(Error::Refused(format!(
            "no site.yaml in {} or any folder above it: run warta in the site's folder or give \
             it with --root; to start a new site: warta init <folder>",
            here.display()
        ))),
    }
}

/// Warnings go to standard error, one per line, before the command's own line.
/// How many warnings a build prints unless asked for all: a site that types its initials by
/// hand at the end of 10,000 releases should not scroll them off the screen.
pub(crate) const MAX_WARNINGS: usize = 20;

fn print_warnings(warnings: &[crate::error::ContentError]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// An error and its causes, one per line, as a user should read them.
pub fn report(e: &Error) -> String {
    let mut out = format!("error: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        // A file error already says its reason on its own line.
        let s_text = s.to_string();
        if !out.contains(&s_text) {
            out.push_str(&format!("\n  caused by: {s_text}"));
        }
        source = s.source();
    }
    out
}
