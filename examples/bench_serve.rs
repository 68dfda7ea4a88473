//! Benchmark of `hoshin serve` / `build --watch` rebuilds: on a generated corpus, edits
//! one directive's text again and again and measures the time from the save to the
//! rebuilt files being written, and the time of a full build for comparison.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 10000 /tmp/c10k
//! cargo run --release --example bench_serve -- /tmp/c10k [edits] [edits through the watcher]
//! ```
//!
//! Measurements per edit, `build --watch` first, then `serve` (each on its own edits):
//! - `build --watch`: write the file, rebuild the session for that path
//!   (`rebuild_quick`: the directive's page) and write the changed files into the output
//!   folder (each replaced atomically, into the copies made ahead after the previous
//!   update: `output::Updater`); then the print documents, `policy.json` and the search
//!   index (`Session::finish_writing`), each written as soon as it is made;
//! - `serve`: the same, but the files are handed to the server from memory;
//! - both: from the save to every rebuilt file written / served;
//! - watcher: the `build --watch` path, but the change is noticed by the real file
//!   watcher, so its debounce delay is included (what an administrator experiences).
//!
//! `BENCH_PAUSE_MS=N` waits N ms before each edit (an administrator does not save
//! several times a second; the copies for the next update are made meanwhile);
//! `BENCH_NO_COPIES=1` makes no copies ahead, to compare.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hoshin::output;
use hoshin::pipeline;
use hoshin::rebuild::{Changes, Session};
use hoshin::serve::Live;
use hoshin::serve::watch::Watcher;

/// The allocator of the `hoshin` binary (src/main.rs), so that the figures are its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // As `serve` and `build --watch` do. SAFETY: the first thing the program does; no
    // other thread runs yet.
    unsafe { hoshin::allocator::tune(hoshin::allocator::Lifetime::LongRunning) };
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: bench_serve <site root> [edits]"));
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(40);
    let root = fs::canonicalize(&root).expect("site root exists");
    let out = std::env::temp_dir().join(format!("hoshin-bench-dist-{}", std::process::id()));

    let t = Instant::now();
    let built = match pipeline::build(&root, &out, pipeline::Teardown::Free) {
        Ok(r) => r,
        Err(e) => panic!("the corpus does not build: {e:?}"),
    };
    let full_build = t.elapsed();
    let directives = built.site.directives.len();
    let files = built.paths.len();
    drop(built);
    // What `build --watch` writes updates with (copies of the large files made ahead).
    // BENCH_NO_COPIES=1: without them, to compare.
    let mut updater = output::Updater::new(&out).expect("updater");
    if std::env::var_os("BENCH_NO_COPIES").is_some() {
        updater = updater.without_copies();
    }

    let t = Instant::now();
    let mut session = Session::new(&root);
    session
        .rebuild(&Changes::everything())
        .expect("first rebuild");
    let first_session = t.elapsed();

    let file = pick_directive(&root);
    let original = fs::read_to_string(&file).unwrap();
    let body_at = original[3..]
        .find("\n---")
        .map(|i| i + 8)
        .expect("front matter");
    // Each edit changes the length of the text at its start (one to three sentences
    // added), so every position after it shifts, as when an administrator adds or
    // removes a sentence: the postings of all the directive's tokens change.
    let edit = |i: usize| -> String {
        let mut text = original.clone();
        let added = format!("改訂{i}の文を加えた。").repeat(i % 3 + 1);
        text.insert_str(body_at, &format!("{added}\n\n"));
        text
    };

    // Pipeline only.
    let live = Live::default();
    let mut served = Vec::new();
    let mut times = Vec::new();
    let mut rendered = 0;
    let mut steps: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let (mut finish_served, mut finish_written) = (Vec::new(), Vec::new());
    // Save → every rebuilt file, the two steps back to back (what `serve` and
    // `build --watch` do when no other save follows within the watcher's debounce).
    let (mut all_served, mut all_written) = (Vec::new(), Vec::new());
    // Per edit: large files patched into copies made ahead, and bytes written.
    let mut patched: Vec<(usize, usize)> = Vec::new();
    let mut finish_steps: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    // An administrator pauses between saves; BENCH_PAUSE_MS waits so long before each
    // edit, so that caches and CPUs are as cold as in real use.
    let pause = Duration::from_millis(
        std::env::var("BENCH_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    );
    // `build --watch` first: the output folder follows every edit. The whole-site
    // documents are written as soon as each is made (`Session::finish_writing`).
    for i in 0..edits {
        std::thread::sleep(pause);
        let t = Instant::now();
        fs::write(&file, edit(i)).unwrap();
        // As `build --watch` does once it notices a save.
        updater.stop_copying();
        let mut changes = Changes::default();
        changes.add(file.clone());
        let update = session.rebuild_quick(&changes).expect("rebuild");
        updater.apply(&update.written, &update.removed).unwrap();
        let page_written = t.elapsed();
        times.push(page_written);
        let t = Instant::now();
        let (rest, applied) = session.finish_writing(updater.begin().unwrap());
        let applied = applied.unwrap();
        // None with several editions: every change rebuilds that site whole, at once.
        if rest.is_none() {
            continue;
        }
        patched.push((applied.patched, applied.bytes_written));
        finish_written.push(t.elapsed());
        all_written.push(page_written + t.elapsed());
    }

    // Through the file watcher, as `build --watch` does.
    let (mut watched, mut watched_all) = (Vec::new(), Vec::new());
    let mut watcher = Watcher::new(&root).expect("watcher");
    std::thread::sleep(Duration::from_millis(200));
    let watched_edits: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(10);
    for i in 0..watched_edits {
        let t = Instant::now();
        fs::write(&file, edit(1000 + i)).unwrap();
        let changes = watcher.wait().expect("watching");
        updater.stop_copying();
        let update = session.rebuild_quick(&changes).expect("rebuild");
        updater.apply(&update.written, &update.removed).unwrap();
        watched.push(t.elapsed());
        session.finish_writing(updater.begin().unwrap()).1.unwrap();
        watched_all.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    // The output folder holds what the session made.
    updater.wait_copied();
    let on_disk = session
        .files()
        .iter()
        .all(|(path, bytes)| fs::read(out.join(path)).is_ok_and(|b| b == **bytes));

    // Then `serve`: the files handed to the server from memory.
    for i in 0..edits {
        std::thread::sleep(pause);
        let t = Instant::now();
        fs::write(&file, edit(2000 + i)).unwrap();
        let mut changes = Changes::default();
        changes.add(file.clone());
        let update = session.rebuild_quick(&changes).expect("rebuild");
        live.publish(session.files());
        let page_served = t.elapsed();
        served.push(page_served);
        rendered = update.rendered;
        for (step, d) in &update.timings {
            steps.entry(step).or_default().push(*d);
        }
        let t = Instant::now();
        let Some(rest) = session.finish() else {
            continue;
        };
        let changed: Vec<&str> = rest.written.iter().map(|(p, _)| p.as_str()).collect();
        live.publish_changed(session.files(), &changed);
        finish_served.push(t.elapsed());
        all_served.push(page_served + t.elapsed());
        for (step, d) in &rest.timings {
            finish_steps.entry(step).or_default().push(*d);
        }
    }
    fs::write(&file, &original).unwrap();

    // The incremental result must equal a clean build.
    let mut changes = Changes::default();
    changes.add(file.clone());
    session.rebuild(&changes).expect("rebuild");
    let Ok(clean) = pipeline::render(&root) else {
        panic!("the corpus no longer builds");
    };
    let same = clean.files.len() == session.files().len()
        && clean.files.iter().all(|f| {
            session
                .files()
                .get(&f.path)
                .is_some_and(|b| **b == *f.bytes)
        });
    drop(updater);
    let _ = fs::remove_dir_all(&out);

    println!(
        "corpus: {} ({directives} directives, {files} files)",
        root.display()
    );
    println!(
        "full build (hoshin build, written to disk): {}",
        ms(full_build)
    );
    println!(
        "first build of a serve session (in memory): {}",
        ms(first_session)
    );
    println!("edited file: {}", file.display());
    println!(
        "edit of one directive's text ({edits} edits, {rendered} files rendered each), save → new files served from memory by `serve`:"
    );
    report(&mut served);
    println!("save → rebuilt files written to the output folder (`build --watch`):");
    report(&mut times);
    println!("median per step of the rebuild:");
    for (step, times) in &mut steps {
        times.sort();
        println!("  {step}: {}", ms(times[times.len() / 2]));
    }
    if finish_served.is_empty() {
        println!(
            "no second step: the site has several editions, so every change rebuilds it whole in the step above"
        );
    } else {
        println!(
            "then the print documents, policy.json and search index (Session::finish), served from memory:"
        );
        report(&mut finish_served);
        println!("  … and written to the output folder:");
        report(&mut finish_written);
        println!(
            "  (the first edit after a whole-site build also finds where the bodies lie in the print documents: the max)"
        );
        println!(
            "save → every rebuilt file (the page, then the print documents, policy.json and search index), served from memory:"
        );
        report(&mut all_served);
        println!("  … and written to the output folder:");
        report(&mut all_written);
        let with_copies = patched.iter().filter(|(n, _)| *n > 0).count();
        let mut bytes: Vec<usize> = patched.iter().map(|&(_, b)| b).collect();
        bytes.sort();
        println!(
            "  (large files patched into copies made ahead in {with_copies} of {} second steps; median {:.1} MB written)",
            patched.len(),
            bytes.get(bytes.len() / 2).copied().unwrap_or(0) as f64 / 1e6
        );
        println!("median per step:");
        for (step, times) in &mut finish_steps {
            times.sort();
            println!("  {step}: {}", ms(times[times.len() / 2]));
        }
    }
    if !watched.is_empty() {
        println!(
            "the same through the file watcher (debounce included, {} edits):",
            watched.len()
        );
        report(&mut watched);
        if watched_all.len() == watched.len() {
            println!("  … and every rebuilt file written:");
            report(&mut watched_all);
        }
    }
    println!("output folder identical to the session's files: {on_disk}");
    assert!(
        on_disk,
        "the output folder differs from the session's files"
    );
    println!("incremental result identical to a clean build: {same}");
    assert!(same, "incremental rebuild differs from a clean build");
}

fn pick_directive(root: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    assert!(!files.is_empty(), "no directive files");
    files.swap_remove(files.len() / 2)
}

fn report(times: &mut [Duration]) {
    times.sort();
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "  median {}, p95 {}, min {}, max {}",
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
