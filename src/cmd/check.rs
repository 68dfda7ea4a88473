//! `hoshin check`: the build without writing anything; every source is checked, and
//! one page of each shape is rendered to catch template errors (see
//! [`crate::render::sample_pages`]).

use std::process::ExitCode;

use crate::cli::SiteArgs;
use crate::cmd::{print_warnings, report_failure};
use crate::pipeline;

pub fn execute(args: &SiteArgs) -> ExitCode {
    match pipeline::check(&args.root) {
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
