//! Where rendering time goes, by kind of page: renders every page of a site one after
//! the other (no parallelism, so the figures add up) and prints, per kind, the number of
//! pages, the total time and the bytes produced, then the time of the search index.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 10000 /tmp/c10k
//! cargo run --release --example page_costs -- /tmp/c10k
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use hoshin::diagnostic::{Diagnostics, render_report};
use hoshin::render::{Renderer, all_pages};

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: page_costs SITE");
        return ExitCode::from(2);
    };
    let root = Path::new(&root);
    let mut diags = Diagnostics::new();
    let sources = hoshin::load::load(root, &mut diags);
    let site = hoshin::resolve::resolve(&sources, &mut diags);
    let skin = hoshin::skin::load(root, &sources.config.theme, &mut diags);
    let (Some(site), Some(mut skin)) = (site, skin) else {
        eprint!("{}", render_report(&diags.sorted()));
        return ExitCode::FAILURE;
    };
    let renderer = Renderer::new(&site, &mut skin, &sources.config);
    // kind → (pages, milliseconds, bytes)
    let mut by_kind: BTreeMap<String, (u32, f64, usize)> = BTreeMap::new();
    for key in all_pages(&site) {
        let started = Instant::now();
        let file = match renderer.render_page(key) {
            Ok(file) => file,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let kind = format!("{key:?}");
        let kind = kind.split('(').next().unwrap_or_default().to_string();
        let entry = by_kind.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += ms;
        entry.2 += file.bytes.len();
    }
    println!("| page kind | pages | ms | KB |\n|---|---|---|---|");
    for (kind, (pages, ms, bytes)) in by_kind {
        println!("| {kind} | {pages} | {ms:.0} | {} |", bytes / 1024);
    }
    // Three times: the index is built in parallel, so its wall time depends on what else
    // runs; the CPU time (all threads) much less.
    for _ in 0..3 {
        let (started, cpu) = (Instant::now(), cpu_ms());
        let index = hoshin::search::index_files(&site);
        println!(
            "| search index (parallel) | {} files | {:.0} (CPU {:.0}) | {} |",
            index.len(),
            started.elapsed().as_secs_f64() * 1000.0,
            cpu_ms() - cpu,
            index.iter().map(|f| f.bytes.len()).sum::<usize>() / 1024
        );
    }
    ExitCode::SUCCESS
}

/// CPU time of this process so far (user + system, all threads), in milliseconds, from
/// `/proc/self/stat` (clock ticks of 10 ms).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) * 10.0
}
