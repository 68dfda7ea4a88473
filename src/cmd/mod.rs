//! One module per subcommand: orchestration only, logic lives in the library.

pub mod build;
pub mod check;
pub mod pdf;

use std::process::ExitCode;

use crate::diagnostic::{Diagnostic, render_report};
use crate::pipeline::Failure;

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
