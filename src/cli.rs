//! Command-line arguments.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hoshin",
    version,
    about = "Builds a department's annual operating policy (運営方針) into a cross-linked intranet site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages: ja or en (default: the system's)
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub lang: Option<crate::i18n::Lang>,
}

impl Cli {
    /// Parses the command line, with `--help` in the run's language.
    pub fn parse_localized() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<String> = std::env::args().collect();
        crate::i18n::set_lang(
            crate::i18n::lang_arg(&args).unwrap_or_else(crate::i18n::system_lang),
        );
        // English help is this file's doc comments; Japanese comes from the catalogue.
        let command = match crate::i18n::lang() {
            crate::i18n::Lang::Ja => localized(Cli::command(), "help"),
            crate::i18n::Lang::En => Cli::command(),
        };
        let matches = match command.try_get_matches_from(&args) {
            Ok(matches) => matches,
            Err(e) => exit_with(e),
        };
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit_with(e))
    }
}

/// The words clap writes into every help text itself, each with its message (`clap-…`):
/// replaced in the help printed, so that the help is in one language. Longer texts first,
/// as some begin with a shorter one.
const CLAP_WORDS: [(&str, &str); 12] = [
    ("Print help (see more with '--help')", "clap-help-more"),
    ("Print help (see a summary with '-h')", "clap-help-summary"),
    ("Print help for the subcommand(s)", "clap-help-subcommands"),
    (
        "Print this message or the help of the given subcommand(s)",
        "clap-help-command",
    ),
    ("Print help", "clap-help"),
    ("Print version", "clap-version"),
    ("Usage:", "clap-usage"),
    ("Commands:", "clap-commands"),
    ("Arguments:", "clap-arguments"),
    ("Options:", "clap-options"),
    ("[default: ", "clap-default"),
    ("[possible values: ", "clap-possible-values"),
];

/// Ends the run for a command line clap did not parse: clap's help or error as clap prints
/// it, except that in Japanese the help has clap's own words translated too (see
/// [`CLAP_WORDS`]) and an error is preceded by what to do.
fn exit_with(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    use std::io::Write;
    if crate::i18n::lang() == crate::i18n::Lang::En || e.kind() == ErrorKind::DisplayVersion {
        e.exit()
    }
    if !matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        eprintln!("{}", crate::t!("cli-usage-error"));
        e.exit()
    }
    let mut text = e.render().to_string();
    for (words, id) in CLAP_WORDS {
        let Some(ours) = crate::i18n::lookup(crate::i18n::Lang::Ja, id) else {
            continue;
        };
        // A message cannot hold a `[` first or the `:` closing a heading: those stay here.
        let ours = match (words.strip_prefix('['), words.strip_suffix(':')) {
            (Some(_), _) => format!("[{ours}: "),
            (None, Some(_)) => format!("{ours}:"),
            (None, None) => ours,
        };
        text = text.replace(words, &ours);
    }
    let _ = if e.use_stderr() {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    std::process::exit(e.exit_code())
}

/// `command` with its description and its arguments' help from the Japanese catalogue
/// (`help-<subcommand>` and `help-<subcommand>-<argument>`), where it has them.
fn localized(command: clap::Command, id: &str) -> clap::Command {
    let lookup = |id: &str| crate::i18n::lookup(crate::i18n::Lang::Ja, id);
    let mut command = match lookup(id) {
        Some(about) => command.about(about),
        None => command,
    };
    let args: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for arg in args {
        if let Some(help) = lookup(&format!("{id}-{arg}")) {
            command = command.mut_arg(arg, |a| a.help(help));
        }
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        command = command.mut_subcommand(&name, |s| localized(s, &format!("{id}-{name}")));
    }
    command
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: dist/)
    Build(BuildArgs),
    /// Check the sources and report every problem; writes nothing
    Check(CheckArgs),
    /// Compare two editions of the policy and write the 新旧対照表 (HTML and JSON)
    Compare(CompareArgs),
    /// Editions of the policy: `edition new` starts next fiscal year's
    #[command(subcommand)]
    Edition(EditionCommand),
    /// Make a new site from the department head's document (.docx, .txt or .md)
    Import(ImportArgs),
    /// Make a new site folder holding a short example policy to rewrite as your own
    Init(InitArgs),
    /// Print the policy, or one テーマ, to an A4 PDF with headless Chromium
    Pdf(PdfArgs),
    /// Serve the site for preview, rebuilding and reloading the browser on every save
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0: any free port)
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on; anything but a loopback address exposes the preview to the network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
}

#[derive(Debug, Subcommand)]
pub enum EditionCommand {
    /// Keep this year's content as an older edition (editions/<year>/) and move the notice
    /// on to next fiscal year, every id kept, so that the 新旧対照表 shows the edits made next
    New(SiteArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document: .docx, or text (.txt, .md) in UTF-8, Shift_JIS or UTF-16
    pub file: PathBuf,
    /// The new site's folder (must not exist, or be empty), or an existing site, which gets
    /// the document as its next edition
    #[arg(long)]
    pub into: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site's folder: made if it does not exist; if it does, it must be empty
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Site root: the folder holding hoshin.yaml and content/
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder (default: dist/ under the site root)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Keep running: rebuild into the output folder on every change of the sources
    #[arg(long)]
    pub watch: bool,
}

impl BuildArgs {
    pub fn out_dir(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| self.site.root.join("dist"))
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Rewrite source files saved as Shift_JIS or UTF-16 as UTF-8 (the originals are kept in
    /// .hoshin-backup/), then check
    #[arg(long)]
    pub fix_encoding: bool,
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// PDF file to write. Default: dist/policy.pdf (dist/policy-<ID>.pdf with
    /// --theme-id), swapped into dist/ together with a fresh build of the site
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print only the directives of this テーマ (its id, e.g. `digital`)
    #[arg(long)]
    pub theme_id: Option<String>,
    /// Print the 新旧対照表 of two editions instead (their site roots, old first).
    /// Default PDF: compare-<old year>-<new year>.pdf in the current folder
    #[arg(long, num_args = 2, value_names = ["OLD_ROOT", "NEW_ROOT"], conflicts_with = "theme_id")]
    pub compare: Option<Vec<PathBuf>>,
    /// Chromium or Chrome executable (default: chromium, chromium-browser or
    /// google-chrome on PATH)
    #[arg(long)]
    pub chromium: Option<PathBuf>,
    /// Seconds to wait for Chromium before stopping it
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub timeout: u64,
}

impl PdfArgs {
    /// The default PDF's name inside the site's output folder.
    pub fn default_file_name(&self) -> String {
        match &self.theme_id {
            None => "policy.pdf".to_string(),
            Some(id) => format!("policy-{id}.pdf"),
        }
    }
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Site root of the old edition (the folder holding its content/)
    pub old: PathBuf,
    /// Site root of the new edition
    pub new: PathBuf,
    /// Output folder for index.html and compare.json
    #[arg(long, default_value = "compare")]
    pub out: PathBuf,
    /// Also list the directives, chapters and paragraphs that did not change
    #[arg(long)]
    pub all: bool,
}
