//! `hoshin serve`: build in memory, serve over HTTP, rebuild and reload on every save.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use crate::cli::ServeArgs;
use crate::cmd::{Rebuilt, next_changes, rebuild_and_report};
use crate::rebuild::{Changes, Session};
use crate::serve::watch::Watcher;
use crate::serve::{self, Live};

pub fn execute(args: &ServeArgs) -> ExitCode {
    let addr = SocketAddr::new(args.bind, args.port);
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the preview; use --bind 127.0.0.1 to keep it private",
            args.bind
        );
    }
    let mut session = Session::new(&args.site.root);
    let live = Arc::new(Live::default());
    let mut watcher = match Watcher::new(session.root()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(1);
        }
    };
    publish(
        &live,
        rebuild_and_report(&mut session, &Changes::everything()),
        &session,
    );
    watcher.watch_also(session.edition_dirs());
    let from_thread = Arc::clone(&live);
    std::thread::spawn(move || {
        while let Some(changes) = next_changes(&mut watcher, &mut session, |session| {
            let update = session.finish()?;
            let changed: Vec<&str> = update.written.iter().map(|(p, _)| p.as_str()).collect();
            from_thread.publish_changed(session.files(), &changed);
            Some(update)
        }) {
            let result = rebuild_and_report(&mut session, &changes);
            publish(&from_thread, result, &session);
            watcher.watch_also(session.edition_dirs());
        }
    });
    match serve::run(addr, live, |bound| {
        eprintln!("serving the site at http://{bound}/ (press Ctrl+C to stop)")
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn publish(live: &Live, result: Rebuilt, session: &Session) {
    match result {
        Rebuilt::Ok(_) => live.publish(session.files()),
        Rebuilt::Failed(errors) => {
            eprintln!("still serving the last good site; fix the files above and save");
            live.fail(&errors);
        }
    }
}
