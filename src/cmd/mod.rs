//! One module per subcommand: orchestration only, logic lives in the library.

pub mod build;
pub mod check;
pub mod compare;
pub mod edition;
pub mod import;
pub mod init;
pub mod pdf;
pub mod serve;

use std::process::ExitCode;
use std::time::Instant;

use crate::diag::{Diagnostic, render_report};
use crate::pipeline::Failure;
use crate::pipeline::session::{Session, Update};
use crate::serve::watch::{Changes, Watcher};

/// Prints warnings (if any) to stderr.
pub fn print_warnings(warnings: &[Diagnostic]) {
    if !warnings.is_empty() {
        eprint!("{}", render_report(warnings));
    }
}

/// Prints an error that stops the command to stderr and returns the exit status for it.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    eprintln!("{}", error_line(err));
    ExitCode::from(1)
}

/// `error: <the error and its causes>`, in the run's language.
pub fn error_line(err: &anyhow::Error) -> String {
    format!("{}: {err:#}", crate::t!("severity-error"))
}

/// Milliseconds since `started`, as printed in summaries (`38`).
pub fn millis(started: Instant) -> String {
    format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0)
}

/// Prints a failure to stderr and returns the exit status for it.
pub fn report_failure(failure: &Failure) -> ExitCode {
    match failure {
        Failure::Input(diags) => eprint!("{}", render_report(diags)),
        Failure::Output(err) => eprintln!("{}", error_line(err)),
    }
    ExitCode::from(1)
}

/// Waits for changes that matter to `session` (`None`: watching stopped), passing over those
/// to nothing the site is built from (the output folder, an editor's swap file).
pub fn next_changes(watcher: &mut Watcher, session: &Session) -> Option<Changes> {
    loop {
        let changes = watcher.wait()?;
        if changes.matter(session.root(), session.theme(), session.edition_dirs()) {
            return Some(changes);
        }
    }
}

/// Rebuilds `session` and prints the warnings and a summary, or every error with a count.
pub fn rebuild_and_report(session: &mut Session) -> Result<Update, Vec<Diagnostic>> {
    let started = Instant::now();
    match session.rebuild() {
        Ok(update) => {
            print_warnings(&update.warnings);
            eprintln!(
                "{}",
                crate::t!(
                    "rebuild-done",
                    directives = update.directives,
                    changed = update.written.len(),
                    removed = update.removed.len(),
                    ms = millis(started)
                )
            );
            Ok(update)
        }
        Err(errors) => {
            eprint!("{}", render_report(&errors));
            Err(errors)
        }
    }
}
