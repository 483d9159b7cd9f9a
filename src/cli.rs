//! The command line: clap's definitions, each command turned into a library call, and the
//! exit code. `main.rs` only calls [`main`].

use crate::error::Error;
use crate::{build, scaffold, social, BuildOptions};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// Include releases marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that warta did not create.
        #[arg(long)]
        force: bool,
    },
    /// Write a new release, content/YYYY/MM/<slug>.md, dated now; never overwrites.
    New {
        /// The release's title, e.g. "Workshop Media Sosial".
        title: String,
        /// The issuing unit: a key of `units` in site.yaml.
        #[arg(long)]
        unit: String,
        /// The writer's initials: a key of `authors` in site.yaml.
        #[arg(long)]
        author: String,
        /// The site folder; default: this folder or the nearest one above it with a site.yaml.
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Print a release's captions for every social channel, ready to paste.
    Social {
        /// The release's file (content/2023/05/slug.md, or its folder) or its slug.
        release: String,
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
    match run(cli.command) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", report(&e));
            ExitCode::FAILURE
        }
    }
}

/// Runs one command and returns the line to print on success.
pub fn run(command: Command) -> Result<String, Error> {
    match command {
        Command::Build { root, output, drafts, force } => {
            let root = site_root(root)?;
            let output = output.unwrap_or_else(|| root.join("public"));
            let s =
                build(&BuildOptions { root, output: output.clone(), drafts, force, now: None })?;
            print_warnings(&s.warnings);
            let kept = match &s.kept {
                Some(p) => format!(
                    "\nthe previous contents of {} are kept in {}",
                    output.display(),
                    p.display()
                ),
                None => String::new(),
            };
            Ok(format!(
                "built {} release{}: {} pages, {} files in {} in {:.2} s{kept}",
                s.releases,
                if s.releases == 1 { "" } else { "s" },
                s.pages,
                s.files,
                output.display(),
                s.elapsed.as_secs_f64()
            ))
        }
        Command::New { title, unit, author, root } => {
            let root = site_root(root)?;
            let path = scaffold::new_release(&root, &title, &unit, &author, chrono::Utc::now())?;
            Ok(format!("wrote {}", path.display()))
        }
        Command::Social { release, root } => {
            let given = root.is_some();
            let root = site_root(root)?;
            let (_, site) = crate::load_site(&root, true, crate::build_time())?;
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
            Ok(social::paste_text(&site.config, r).trim_end().to_string())
        }
        Command::Init { dir } => {
            let files = scaffold::init(&dir, chrono::Utc::now())?;
            Ok(format!(
                "created a site in {} ({} files); build it with: warta build --root {}",
                dir.display(),
                files.len(),
                dir.display()
            ))
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
        out.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    out
}
