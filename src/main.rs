//! The `hoshin` command: parse arguments, run a subcommand, exit with its status.

use std::process::ExitCode;

use clap::Parser;
use hoshin::allocator::Lifetime;
use hoshin::cli::{Cli, Command};
use hoshin::cmd;

/// mimalloc instead of the system allocator: rendering ten thousand pages and indexing
/// them allocates and frees millions of small strings from two threads. Tuned by
/// [`hoshin::allocator::tune`].
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lifetime = match &cli.command {
        Command::Serve(_) => Lifetime::LongRunning,
        Command::Build(args) if args.watch => Lifetime::LongRunning,
        _ => Lifetime::OneShot,
    };
    // SAFETY: no other thread runs yet (parsing the arguments starts none).
    unsafe { hoshin::allocator::tune(lifetime) };
    match &cli.command {
        Command::Build(args) => cmd::build::execute(args),
        Command::Check(args) => cmd::check::execute(args),
        Command::Compare(args) => cmd::compare::execute(args),
        Command::Serve(args) => cmd::serve::execute(args),
        Command::Pdf(args) => cmd::pdf::execute(args),
    }
}
