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
        /// The site folder, with site.yaml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
        /// The issuing unit: a key of `units` in site.yaml (with --from: instead of the dateline).
        #[arg(long, required_unless_present = "from")]
        unit: Option<String>,
        /// The writer's initials: a key of `authors` in site.yaml (with --from: instead of the
        /// initials at the end; several as sn,ra).
        #[arg(long, required_unless_present = "from")]
        author: Option<String>,
        /// With --from: the date (2023-05-15, 2023-05-15T09:00:00, 15/5/2023 or 15 Mei 2023),
        /// instead of the one the text names.
        #[arg(long, requires = "from")]
        date: Option<String>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print a release's captions for every social channel, ready to paste.
    Social {
        /// The release's file (content/2023/05/slug.md, or its folder) or its slug.
        release: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
            if !message.is_empty() {
                println!("{message}");
            }
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
        Command::New { title_arg, from: Some(from), title, unit, author, date, root } => {
            let input = crate::load::import_input(&from)?;
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
            println!("wrote {}", shown(&path).display());
            print_warnings(&notes);
            Ok(String::new())
        }
        Command::New { title_arg, unit, author, root, .. } => {
            let (Some(title), Some(unit), Some(author)) = (title_arg, unit, author) else {
                return Err(Error::Refused("new: give a title, --unit and --author".to_string()));
            };
            let path = scaffold::new_release(&root, &title, &unit, &author, chrono::Utc::now())?;
            Ok(format!("wrote {}", shown(&path).display()))
        }
        Command::Social { release, root } => {
            let (_, site) = crate::load_site(&root, true, crate::build_time())?;
            let r = social::find(&site, &release)?;
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

/// A path as the user reads it: `content/…` rather than `./content/…`.
fn shown(path: &std::path::Path) -> &std::path::Path {
    path.strip_prefix(".").unwrap_or(path)
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
