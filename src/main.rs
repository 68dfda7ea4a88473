//! The `hoshin` command: parse arguments, run a subcommand, exit with its status.

use std::process::ExitCode;

use clap::Parser;
use hoshin::cli::{Cli, Command};
use hoshin::cmd;

/// mimalloc instead of the system allocator: rendering ten thousand pages and indexing
/// them allocates and frees millions of small strings from two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Lets mimalloc give memory back to the system only in whole 2 MiB pages
/// (`MIMALLOC_ALLOW_THP=2`), unless `MIMALLOC_ALLOW_THP` is set.
///
/// mimalloc asks Linux to back its arenas with transparent huge pages (2 MiB,
/// `madvise(MADV_HUGEPAGE)`; nothing changes where THP is off). A build at 10,000
/// directives touches some 250 MB of fresh memory: 63,000 page faults with 4 KiB pages,
/// some 450 with huge pages, and 8-10 % less wall time. But by default mimalloc hands
/// memory back in 64 KiB pieces, which breaks huge pages up: a build at 50,000 directives,
/// long enough for that to start, was 10 % slower than without huge pages. Given back in
/// whole huge pages, it is as fast as without them (`BENCHMARKS.md`). Peak memory counts
/// whole huge pages: some 25 MB more at 10,000 directives.
fn tune_allocator() {
    // mimalloc's number for the option, read from its header by build.rs.
    let Some(allow_thp) = option_env!("HOSHIN_MI_OPTION_ALLOW_THP") else {
        return;
    };
    let Ok(allow_thp) = allow_thp.parse() else {
        return;
    };
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options (a number it reads when it hands memory
    // back), before this program starts a second thread; no memory is read or written.
    unsafe { libmimalloc_sys::mi_option_set(allow_thp, 2) };
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => cmd::build::execute(args),
        Command::Check(args) => cmd::check::execute(args),
        Command::Compare(args) => cmd::compare::execute(args),
        Command::Serve(args) => cmd::serve::execute(args),
        Command::Pdf(args) => cmd::pdf::execute(args),
    }
}
