//! `hoshin build`: render the site, swap it into the output; `--watch` rebuilds on every change.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::{
    error_line, millis, next_changes, print_warnings, rebuild_and_report, report_failure,
};
use crate::output;
use crate::page::OutputFile;
use crate::pipeline::{self, Failure, session::Session, session::Update};
use crate::serve::watch::Watcher;

pub fn execute(args: &BuildArgs) -> ExitCode {
    if args.watch {
        return watch(args);
    }
    let started = Instant::now();
    let out = args.out_dir();
    match pipeline::build(&args.site.root, &out) {
        Ok(rendered) => {
            print_warnings(&rendered.warnings);
            let pages = rendered
                .paths
                .iter()
                .filter(|p| p.ends_with(".html"))
                .count();
            eprintln!(
                "{}",
                crate::t!(
                    "build-done",
                    pages = pages,
                    directives = rendered.site.directives.len(),
                    out = out.display(),
                    ms = millis(started)
                )
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let code = report_failure(&failure);
            eprintln!("{}", crate::t!("build-failed", out = out.display()));
            code
        }
    }
}

/// `build --watch`: every build goes to the output folder; a failed rebuild leaves it as it was.
fn watch(args: &BuildArgs) -> ExitCode {
    let out = args.out_dir();
    if let Err(e) = output::check_output_dir(&args.site.root, &out) {
        eprintln!("{}", error_line(&e));
        return ExitCode::from(1);
    }
    let mut session = Session::new(&args.site.root);
    let mut watcher = match Watcher::new(session.root()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", error_line(&e));
            return ExitCode::from(1);
        }
    };
    // Whether the output holds the session's last files, so the next update may write only what
    // changed: not before the first write, nor after a failed one (then it swaps in all).
    let mut in_step = false;
    let spares = output::Spares::new(&out).ok();
    loop {
        match rebuild_and_report(&mut session) {
            Ok(update) => match write(
                &args.site.root,
                &out,
                &session,
                &update,
                in_step,
                spares.as_ref(),
            ) {
                Ok(replaced) => {
                    in_step = true;
                    eprintln!("{}", crate::t!("watch-wrote", out = out.display()));
                    // Off the time to `dist/` written: freeing the old files, making spares.
                    drop(replaced);
                    let pending = update.written.len();
                    spares.as_ref().inspect(|s| s.make(pending));
                }
                Err(failure) => {
                    in_step = false;
                    report_failure(&failure);
                }
            },
            Err(_) => eprintln!("{}", crate::t!("watch-kept", out = out.display())),
        }
        watcher.watch_also(session.edition_dirs());
        if next_changes(&mut watcher, &session).is_none() {
            return ExitCode::SUCCESS;
        }
    }
}

/// Writes a rebuild into `out`: the changed files, each replaced atomically, when `out`
/// holds the previous build; else the whole site, swapped in at once.
fn write(
    root: &Path,
    out: &Path,
    session: &Session,
    update: &Update,
    in_step: bool,
    spares: Option<&output::Spares>,
) -> Result<Vec<std::fs::File>, Failure> {
    if in_step {
        return pipeline::update(root, out, update, spares);
    }
    let files: Vec<OutputFile> = (session.files().iter())
        .map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: Arc::clone(bytes),
        })
        .collect();
    pipeline::write(root, out, &files).map(|()| Vec::new())
}
