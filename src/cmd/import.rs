//! `hoshin import`: a new site from a document; prints the importer's report.

use std::process::ExitCode;

use crate::cli::ImportArgs;
use crate::cmd::report_error;

pub fn execute(args: &ImportArgs) -> ExitCode {
    match crate::import::import(&args.file, &args.into) {
        Ok(report) => {
            print!("{report}");
            eprintln!(
                "imported {} into {} (report: {})",
                args.file.display(),
                args.into.display(),
                args.into.join("import-report.txt").display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => report_error(&err),
    }
}
