//! `hoshin build`: render the site and swap it into the output folder; with `--watch`,
//! keep rebuilding it on every change of the sources.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::{Rebuilt, next_changes, print_warnings, rebuild_and_report, report_failure};
use crate::output;
use crate::pipeline::{self, Teardown};
use crate::rebuild::{Changes, Session, Update};
use crate::render::OutputFile;
use crate::serve::watch::Watcher;

pub fn execute(args: &BuildArgs) -> ExitCode {
    if args.watch {
        return watch(args);
    }
    let started = Instant::now();
    let out = args.out_dir();
    // The process ends right after: its memory is left to the exit, not freed.
    let teardown = Teardown::Exit;
    match pipeline::build(&args.site.root, &out, teardown) {
        Ok(rendered) => {
            print_warnings(&rendered.warnings);
            let pages = rendered
                .paths
                .iter()
                .filter(|p| p.ends_with(".html"))
                .count();
            eprintln!(
                "built {} pages ({} directives) into {} in {:.0} ms",
                pages,
                rendered.site.directives.len(),
                out.display(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            teardown.dispose(rendered);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let code = report_failure(&failure);
            eprintln!("build failed; {} was left unchanged", out.display());
            code
        }
    }
}

/// `build --watch`: the first build and every rebuild go to the output folder; a failed
/// rebuild leaves it as it was.
fn watch(args: &BuildArgs) -> ExitCode {
    let out = args.out_dir();
    if let Err(e) = output::check_output_dir(&args.site.root, &out) {
        eprintln!("error: {e:#}");
        return ExitCode::from(1);
    }
    let mut session = Session::new(&args.site.root);
    let mut watcher = match Watcher::new(session.root()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(1);
        }
    };
    let mut updater = match output::Updater::new(&out) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(1);
        }
    };
    // Ctrl+C ends the process without unwinding: the copies go with it.
    let spare_dir = updater.spare_dir().to_path_buf();
    if let Err(e) = ctrlc::set_handler(move || {
        output::remove_spare_dir(&spare_dir);
        std::process::exit(130);
    }) {
        eprintln!("warning: cannot handle Ctrl+C: {e}");
    }
    // Whether dist/ holds the session's files as of the last update, so that the next
    // one may write only what changed: not before the first write, nor after a write
    // failed (then the next update writes the whole site).
    let mut dist_in_step = false;
    let mut changes = Changes::everything();
    loop {
        // Copying ahead for the next update waits while the rebuild runs.
        updater.stop_copying();
        match rebuild_and_report(&mut session, &changes) {
            Rebuilt::Ok(update) => {
                let target = Target {
                    root: &args.site.root,
                    out: &out,
                };
                match target.write(&mut updater, &session, &update, dist_in_step) {
                    Ok(()) => {
                        dist_in_step = true;
                        eprintln!(
                            "wrote {}; watching for changes (Ctrl+C to stop)",
                            out.display()
                        );
                    }
                    Err(e) => {
                        dist_in_step = false;
                        eprintln!("error: {e:#}");
                    }
                }
            }
            Rebuilt::Failed(_) => {
                eprintln!(
                    "{} was left as it was; fix the files above and save",
                    out.display()
                )
            }
        }
        watcher.watch_also(session.edition_dirs());
        let root = &args.site.root;
        let target = Target { root, out: &out };
        let next = next_changes(&mut watcher, &mut session, |session| {
            if !dist_in_step {
                return session.finish();
            }
            let (update, written) = target.finish_and_write(&mut updater, session);
            dist_in_step = written;
            update
        });
        match next {
            Some(next) => changes = next,
            None => return ExitCode::SUCCESS,
        }
    }
}

/// The site a `build --watch` writes, and where.
struct Target<'a> {
    root: &'a Path,
    out: &'a Path,
}

impl Target<'_> {
    /// Makes what the quick rebuild left out ([`Session::finish_writing`]) and writes each
    /// file as soon as it is made: the whole-site documents go to the disk while the
    /// search index is still being made. Also returns whether everything was written.
    fn finish_and_write(
        &self,
        updater: &mut output::Updater,
        session: &mut Session,
    ) -> (Option<Update>, bool) {
        let started = Instant::now();
        let ready = output::lock(self.out).and_then(|lock| {
            output::check_output_dir(self.root, self.out)?;
            Ok((lock, updater.begin()?))
        });
        let (_lock, batch) = match ready {
            Ok(ready) => ready,
            Err(e) => {
                eprintln!("error: {e:#}");
                return (session.finish(), false);
            }
        };
        match session.finish_writing(batch) {
            (update, Ok(applied)) => {
                report_written("made and written", started, &applied);
                (update, true)
            }
            (update, Err(e)) => {
                eprintln!("error: {e:#}");
                (update, false)
            }
        }
    }

    /// Writes a rebuild: the whole site with an atomic swap the first time and after
    /// full re-renders, else only the changed files, each replaced atomically.
    fn write(
        &self,
        updater: &mut output::Updater,
        session: &Session,
        update: &Update,
        dist_in_step: bool,
    ) -> anyhow::Result<()> {
        let _lock = output::lock(self.out)?;
        output::check_output_dir(self.root, self.out)?;
        if update.full || !dist_in_step {
            let files: Vec<OutputFile> = session
                .files()
                .iter()
                .map(|(path, bytes)| OutputFile {
                    path: path.clone(),
                    bytes: bytes.to_vec(),
                })
                .collect();
            output::write_site(self.out, &files)
        } else {
            let started = Instant::now();
            let applied = updater.apply(&update.written, &update.removed)?;
            report_written("written", started, &applied);
            Ok(())
        }
    }
}

/// With `HOSHIN_TIMINGS=1`: how an update was written.
fn report_written(what: &str, started: Instant, applied: &output::Applied) {
    if std::env::var_os("HOSHIN_TIMINGS").is_some() {
        eprintln!(
            "timings: {what} in {:.1} ms ({} files anew, {} patched, {:.1} MB)",
            started.elapsed().as_secs_f64() * 1000.0,
            applied.written_anew,
            applied.patched,
            applied.bytes_written as f64 / 1e6
        );
    }
}
