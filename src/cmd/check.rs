//! `hoshin check`: the build without writing anything.

use std::process::ExitCode;

use crate::cli::SiteArgs;
use crate::cmd::{print_warnings, report_failure};
use crate::pipeline;

pub fn execute(args: &SiteArgs) -> ExitCode {
    match pipeline::render(&args.root) {
        Ok(rendered) => {
            print_warnings(&rendered.warnings);
            eprintln!(
                "ok: {} directives in {} chapters, {} テーマ, {} plans; no errors",
                rendered.site.directives.len(),
                rendered.site.chapters.len(),
                rendered.site.topics.len(),
                rendered.site.plans.len()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => report_failure(&failure),
    }
}
