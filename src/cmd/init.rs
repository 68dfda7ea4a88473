//! `hoshin init`: a new site folder holding the starter site; prints what was made and the
//! command to run next.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::cli::InitArgs;
use crate::cmd::report_error;
use crate::model::date::Date;

pub fn execute(args: &InitArgs) -> ExitCode {
    let now = SystemTime::now().duration_since(UNIX_EPOCH);
    let year = crate::starter::fiscal_year_at(now.map_or(0, |d| d.as_secs()));
    match crate::starter::init(&args.dir, year) {
        Ok(paths) => {
            let dir = args.dir.display().to_string();
            eprintln!(
                "{}",
                crate::t!(
                    "init-done",
                    dir = dir.as_str(),
                    year = year.to_string(),
                    label = Date::fiscal_year_label(year)
                )
            );
            for path in paths {
                eprintln!("  {path}");
            }
            // Quoted when it has a space, so that it can be copied into any shell.
            let root = if dir.contains(char::is_whitespace) {
                format!("\"{dir}\"")
            } else {
                dir.clone()
            };
            eprintln!("{}", crate::t!("init-replace"));
            eprintln!(
                "{}",
                crate::t!(
                    "init-next",
                    serve = format!("hoshin serve --root {root}"),
                    build = format!("hoshin build --root {root}"),
                    dist = args.dir.join("dist").display()
                )
            );
            ExitCode::SUCCESS
        }
        Err(err) => report_error(&err),
    }
}
