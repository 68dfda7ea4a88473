//! Command-line arguments.

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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: dist/)
    Build(BuildArgs),
    /// Check the sources and report every problem; writes nothing
    Check(CheckArgs),
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
    /// Rewrite source files saved as Shift_JIS or UTF-16 as UTF-8 (the original is kept as
    /// <file>.bak), then check
    #[arg(long)]
    pub fix_encoding: bool,
}
