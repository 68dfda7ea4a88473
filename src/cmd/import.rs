//! `hoshin import`: a new site from a document; prints the importer's report.

use std::process::ExitCode;

use crate::cli::ImportArgs;
use crate::cmd::report_error;

pub fn execute(args: &ImportArgs) -> ExitCode {
    match crate::import::import(&args.file, &args.into) {
        Ok(report) => {
            print!("{report}");
            eprintln!(
                "{}",
                crate::t!(
                    "import-done",
                    file = args.file.display(),
                    into = args.into.display(),
                    report = args.into.join("import-report.txt").display()
                )
            );
            ExitCode::SUCCESS
        }
        Err(err) => report_error(&err),
    }
}
