//! `hoshin check`: the build writing nothing; every page is rendered too, to find template errors.

use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::cmd::{print_warnings, report_error, report_failure};
use crate::input;
use crate::pipeline;

pub fn execute(args: &CheckArgs) -> ExitCode {
    let root = &args.site.root;
    if args.fix_encoding {
        match input::fix_encodings(root) {
            Ok(fixed) => {
                for f in &fixed {
                    eprintln!(
                        "{}",
                        crate::t!(
                            "check-converted",
                            path = f.path.display(),
                            encoding = f.encoding.name(),
                            backup = f.backup.display()
                        )
                    );
                }
            }
            Err(err) => return report_error(&err),
        }
    }
    match pipeline::check(root) {
        Ok(rendered) => {
            print_warnings(&rendered.warnings);
            eprintln!(
                "{}",
                crate::t!(
                    "check-ok",
                    directives = rendered.site.directives.len(),
                    chapters = rendered.site.chapters.len(),
                    topics = rendered.site.topics.len(),
                    plans = rendered.site.plans.len()
                )
            );
            // The process ends now: freeing it all piece by piece would only delay the exit.
            std::mem::forget(rendered);
            ExitCode::SUCCESS
        }
        Err(failure) => report_failure(&failure),
    }
}
