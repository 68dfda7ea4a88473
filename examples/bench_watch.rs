//! Benchmark of an edit under `hoshin build --watch`, measured from outside the process:
//! from the save of one directive file to the moment the running `hoshin` says it has
//! written the whole of `dist/` (its `wrote …` line, printed after the last file).
//!
//! ```text
//! cargo run --release --example gen_corpus -- 10000 /tmp/c10k
//! cargo run --release --example bench_watch -- target/release/hoshin /tmp/c10k [edits]
//! ```
//!
//! Each edit adds one to three sentences at the start of the same directive's body (so
//! every later position in its text shifts, as when an administrator adds a sentence),
//! after a pause (`BENCH_PAUSE_MS`, default 300: nobody saves several times a second).
//! The file is restored at the end. Prints the median, the fastest and the slowest edit,
//! and checks that `dist/` then equals a clean build. `BENCH_DONE` names the start of the
//! line that marks `dist/` complete (default `wrote `), to measure other versions.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: bench_watch <hoshin binary> <site root> [edits]";
    let hoshin = PathBuf::from(args.get(1).expect(usage));
    let root = std::fs::canonicalize(args.get(2).expect(usage)).expect("site root exists");
    let edits: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20);
    let pause = Duration::from_millis(
        std::env::var("BENCH_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300),
    );
    let out = std::env::temp_dir().join(format!("hoshin-bench-watch-{}", std::process::id()));
    let file = pick_directive(&root);
    let original = std::fs::read_to_string(&file).expect("directive file");
    let body_at = original[3..].find("\n---").expect("front matter") + 8;

    let mut child = Command::new(&hoshin)
        .args(["build", "--watch", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hoshin build --watch");
    // Each `wrote …` line: the moment it was read.
    let (tx, written) = mpsc::channel();
    let stderr = child.stderr.take().expect("stderr");
    let done = std::env::var("BENCH_DONE").unwrap_or_else(|_| "wrote ".into());
    let mut started = false;
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // The first build is done at its `wrote …` line, whatever marks an edit's end.
            if line.starts_with(&done) || (!started && line.starts_with("wrote ")) {
                started = true;
                let _ = tx.send(Instant::now());
            } else if line.contains("error") {
                eprintln!("hoshin: {line}");
            }
        }
    });
    let first = written
        .recv_timeout(Duration::from_secs(300))
        .expect("the first build");
    let _ = first;

    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        std::thread::sleep(pause);
        let mut text = original.clone();
        text.insert_str(
            body_at,
            &format!("{}\n\n", "改訂の文を加えた。".repeat(i % 3 + 1)),
        );
        let saved = Instant::now();
        std::fs::write(&file, text).expect("save the edit");
        let done = written
            .recv_timeout(Duration::from_secs(60))
            .expect("dist/ written after the edit");
        times.push(done - saved);
    }
    std::fs::write(&file, &original).expect("restore the directive");
    written
        .recv_timeout(Duration::from_secs(60))
        .expect("dist/ written after the restore");
    let _ = child.kill();
    let _ = child.wait();

    // dist/ must be what a clean build writes.
    let clean = out.with_extension("clean");
    let status = Command::new(&hoshin)
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&clean)
        .stderr(Stdio::null())
        .status()
        .expect("clean build");
    assert!(status.success(), "the clean build failed");
    let same = Command::new("diff")
        .args(["-rq", "--exclude=.hoshin-output"])
        .arg(&out)
        .arg(&clean)
        .status()
        .expect("diff");
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&clean);
    assert!(same.success(), "dist/ differs from a clean build");

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} edits of {}: save -> dist/ written, median {:.0} ms, min {:.0} ms, max {:.0} ms (dist/ equals a clean build)",
        times.len(),
        file.strip_prefix(&root).unwrap_or(&file).display(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

/// A directive of chapter 1: the first `.md` file other than `_index.md`.
fn pick_directive(root: &Path) -> PathBuf {
    let chapter = root.join("content/1");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&chapter)
        .expect("content/1")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    names.sort();
    names.into_iter().next().expect("a directive in content/1")
}
