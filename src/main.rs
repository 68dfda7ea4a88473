//! The `hoshin` command: parse arguments, run a subcommand, exit with its status.

use std::process::ExitCode;

use clap::Parser;
use hoshin::cli::{Cli, Command};
use hoshin::cmd;

/// mimalloc instead of the system allocator: rendering ten thousand pages and indexing
/// them allocates and frees millions of small strings from two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => cmd::build::execute(args),
        Command::Check(args) => cmd::check::execute(args),
        Command::Compare(args) => cmd::compare::execute(args),
        Command::Serve(args) => cmd::serve::execute(args),
        Command::Pdf(args) => cmd::pdf::execute(args),
    }
}
