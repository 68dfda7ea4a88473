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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: dist/)
    Build(BuildArgs),
    /// Check the sources and report every problem; writes nothing
    Check(SiteArgs),
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
