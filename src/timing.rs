//! Per-stage timings for profiling: with `HOSHIN_TIMINGS=1` in the environment, each
//! pipeline stage prints its wall time to stderr. Costs nothing when unset.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("HOSHIN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// Runs `f`, printing `stage <name>: <ms> ms` to stderr when timings are on.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let out = f();
    eprintln!(
        "stage {name}: {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    out
}
