//! `hoshin build`: render the site and swap it into the output folder.

use std::process::ExitCode;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::{print_warnings, report_failure};
use crate::pipeline;

pub fn execute(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let out = args.out_dir();
    match pipeline::build(&args.site.root, &out) {
        Ok(rendered) => {
            print_warnings(&rendered.warnings);
            let pages = rendered
                .files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .count();
            eprintln!(
                "built {} pages ({} directives) into {} in {:.0} ms",
                pages,
                rendered.site.directives.len(),
                out.display(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let code = report_failure(&failure);
            eprintln!("build failed; {} was left unchanged", out.display());
            code
        }
    }
}
