//! The `hoshin` command: parse arguments, run a subcommand, exit with its status.

use std::process::ExitCode;

use hoshin::cli::{Cli, Command};
use hoshin::cmd;

/// mimalloc: rendering and indexing 10,000 pages churns millions of small strings on two threads.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse_localized();
    match &cli.command {
        Command::Build(args) => cmd::build::execute(args),
        Command::Check(args) => cmd::check::execute(args),
        Command::Compare(args) => cmd::compare::execute(args),
        Command::Import(args) => cmd::import::execute(args),
        Command::Init(args) => cmd::init::execute(args),
        Command::Edition(command) => cmd::edition::execute(command),
        Command::Serve(args) => cmd::serve::execute(args),
        Command::Pdf(args) => cmd::pdf::execute(args),
    }
}
