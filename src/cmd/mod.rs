//! One module per subcommand: orchestration only, logic lives in the library.

pub mod build;
pub mod check;
pub mod compare;
pub mod pdf;
pub mod serve;

use std::process::ExitCode;

use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, render_report};
use crate::pipeline::Failure;
use crate::rebuild::{Changes, Session, Update};
use crate::serve::watch::{Waited, Watcher};

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

/// How long the sources must stay unchanged after a quick rebuild before the documents
/// it left out are made. None: they take some tens of milliseconds even at 10,000
/// directives (they are spliced, not made anew), and the file watcher already gathers
/// the events of a burst of saves ([`crate::serve::watch`]); a save that comes while they
/// are made is rebuilt right after.
pub const FINISH_AFTER: Duration = Duration::ZERO;

/// Waits for the next changes that matter to `session`; `None` when watching stopped.
/// Meanwhile, once nothing changed for [`FINISH_AFTER`], has `finish` make what a quick
/// rebuild left out ([`Session::finish`]) and serve or write it.
pub fn next_changes(
    watcher: &mut Watcher,
    session: &mut Session,
    mut finish: impl FnMut(&mut Session) -> Option<Update>,
) -> Option<Changes> {
    // Events that change nothing (a file read, an editor's swap file) do not restart
    // the wait for quiet.
    let waiting_since = Instant::now();
    loop {
        let changes = if session.has_deferred() {
            match watcher.wait_timeout(FINISH_AFTER.saturating_sub(waiting_since.elapsed())) {
                Waited::Changes(changes) => changes,
                Waited::Stopped => return None,
                Waited::Quiet => {
                    let started = Instant::now();
                    if let Some(update) = finish(session) {
                        report_timings(&update);
                        eprintln!(
                            "updated the print documents, policy.json and the search index: {} files changed in {:.0} ms",
                            update.written.len(),
                            started.elapsed().as_secs_f64() * 1000.0
                        );
                    }
                    continue;
                }
            }
        } else {
            watcher.wait()?
        };
        if session.is_relevant(&changes) {
            return Some(changes);
        }
    }
}

fn report_timings(update: &Update) {
    if std::env::var_os("HOSHIN_TIMINGS").is_some() {
        let steps: Vec<String> = update
            .timings
            .iter()
            .map(|(step, d)| format!("{step} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("timings: {}", steps.join(", "));
    }
}

/// Rebuilds after `changes` (quickly: see [`Session::rebuild_quick`]) and prints what
/// happened: the warnings and a one-line summary, or every error with its count.
pub fn rebuild_and_report(session: &mut Session, changes: &Changes) -> Rebuilt {
    let started = Instant::now();
    match session.rebuild_quick(changes) {
        Ok(update) => {
            print_warnings(&update.warnings);
            report_timings(&update);
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
