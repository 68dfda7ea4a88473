//! `hoshin edition new`: next fiscal year's edition started from this year's.

use std::process::ExitCode;

use crate::cli::EditionCommand;
use crate::cmd::report_error;

pub fn execute(command: &EditionCommand) -> ExitCode {
    let EditionCommand::New(site) = command;
    match crate::editions::archive::new_edition(&site.root) {
        Ok(year) => {
            let kept = site.root.join(format!("editions/{}", year - 1));
            eprintln!(
                "{}",
                crate::t!("edition-started", year = year, kept = kept.display())
            );
            ExitCode::SUCCESS
        }
        Err(err) => report_error(&err),
    }
}
