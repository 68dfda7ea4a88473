//! `hoshin edition new`: next fiscal year's edition started from this year's.

use std::process::ExitCode;

use crate::cli::EditionCommand;
use crate::cmd::report_error;

pub fn execute(command: &EditionCommand) -> ExitCode {
    let EditionCommand::New(site) = command;
    match crate::editions::archive::new_edition(&site.root) {
        Ok(year) => {
            eprintln!(
                "started the edition of fiscal year {year}: last year's content is kept in {}; edit content/, then `hoshin build` shows the 新旧対照表",
                site.root.join(format!("editions/{}", year - 1)).display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => report_error(&err),
    }
}
