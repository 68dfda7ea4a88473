//! One module per subcommand: orchestration only, logic lives in the library.

pub mod build;
pub mod check;
pub mod compare;
pub mod pdf;
pub mod serve;

use std::process::ExitCode;

use std::time::Instant;

use crate::diagnostic::{Diagnostic, render_report};
use crate::pipeline::Failure;
use crate::rebuild::{Changes, Session, Update};

/// Prints warnings (if any) to stderr.
pub fn print_warnings(warnings: &[Diagnostic]) {
    if !warnings.is_empty() {
        eprint!("{}", render_report(warnings));
    }
}

/// Prints a failure to stderr and returns the exit status for it.
pub fn report_failure(failure: &Failure) -> ExitCode {
    match failure {
        Failure::Input(diags) => eprint!("{}", render_report(diags)),
        Failure::Output(err) => eprintln!("error: {err:#}"),
    }
    ExitCode::from(1)
}

/// Outcome of one rebuild of a watched site.
pub enum Rebuilt {
    Ok(Update),
    Failed(Vec<Diagnostic>),
}

/// Rebuilds after `changes` and prints what happened: the warnings and a one-line summary,
/// or every error with its count.
pub fn rebuild_and_report(session: &mut Session, changes: &Changes) -> Rebuilt {
    let started = Instant::now();
    match session.rebuild(changes) {
        Ok(update) => {
            print_warnings(&update.warnings);
            if std::env::var_os("HOSHIN_TIMINGS").is_some() {
                let steps: Vec<String> = update
                    .timings
                    .iter()
                    .map(|(step, d)| format!("{step} {:.1} ms", d.as_secs_f64() * 1000.0))
                    .collect();
                eprintln!("timings: {}", steps.join(", "));
            }
            eprintln!(
                "{} {} directives: {} pages rendered, {} files changed, {} removed in {:.0} ms",
                if update.full { "built" } else { "rebuilt" },
                update.directives,
                update.rendered,
                update.written.len(),
                update.removed.len(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            Rebuilt::Ok(update)
        }
        Err(errors) => {
            eprint!("{}", render_report(&errors));
            Rebuilt::Failed(errors)
        }
    }
}
