//! `hoshin serve`: build in memory, serve over HTTP, rebuild and reload on every save.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use crate::cli::ServeArgs;
use crate::cmd::{next_changes, rebuild_and_report, report_error};
use crate::diag::Diagnostic;
use crate::pipeline::session::{Session, Update};
use crate::serve::watch::Watcher;
use crate::serve::{self, Live};

pub fn execute(args: &ServeArgs) -> ExitCode {
    let addr = SocketAddr::new(args.bind, args.port);
    if !args.bind.is_loopback() {
        eprintln!(
            "{}: {}",
            crate::t!("severity-warning"),
            crate::t!("serve-public", bind = args.bind.to_string())
        );
    }
    let mut session = Session::new(&args.site.root);
    let live = Arc::new(Live::default());
    let mut watcher = match Watcher::new(session.root()) {
        Ok(w) => w,
        Err(e) => return report_error(&e),
    };
    let first = rebuild_and_report(&mut session);
    publish(&live, &session, first);
    watcher.watch_also(session.edition_dirs());
    let from_thread = Arc::clone(&live);
    std::thread::spawn(move || {
        while next_changes(&mut watcher, &session).is_some() {
            let result = rebuild_and_report(&mut session);
            publish(&from_thread, &session, result);
            watcher.watch_also(session.edition_dirs());
        }
    });
    match serve::run(addr, live, |bound| {
        eprintln!(
            "{}",
            crate::t!("serve-serving", address = bound.to_string())
        )
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report_error(&e),
    }
}

/// Serves the session's files and reloads the open pages, or shows the errors over them.
fn publish(live: &Live, session: &Session, result: Result<Update, Vec<Diagnostic>>) {
    match result {
        Ok(_) => live.publish(session.files()),
        Err(errors) => {
            eprintln!("{}", crate::t!("serve-kept"));
            live.fail(&errors);
        }
    }
}
