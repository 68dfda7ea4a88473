//! PDF export: hands a print document to headless Chromium and gets an A4 PDF back. Chromium
//! runs as a process tree of its own with a fresh profile and a time limit; a crash, hang or
//! missing PDF is an error, and nothing it started outlives the run.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::process_tree::ProcessTree;
use crate::page::OutputFile;

use super::chromium::file_url;
pub use super::chromium::find_chromium;

/// Flags for a quiet, self-contained, one-shot headless run.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-pdf-header-footer",
];

/// Writes one print document and the theme's static files (all it needs) into `dir`; its path.
pub fn write_print_tree(dir: &Path, files: &[OutputFile], page: &str) -> Result<PathBuf> {
    let mut found = None;
    for f in files
        .iter()
        .filter(|f| f.path == page || f.path.starts_with("static/"))
    {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| crate::t!("pdf-cannot-create", path = parent.display()))?;
        }
        fs::write(&path, &f.bytes[..])
            .with_context(|| crate::t!("pdf-cannot-write", path = path.display()))?;
        if f.path == page {
            found = Some(path);
        }
    }
    found.with_context(|| crate::t!("pdf-no-such-page", page = page))
}

/// Prints HTML file `html` to PDF with headless Chromium: fresh profile folder (removed after),
/// its own process tree, killed whole if not done after `timeout`.
pub fn print_to_pdf(chromium: &Path, html: &Path, timeout: Duration) -> Result<Vec<u8>> {
    let work = tempfile::Builder::new()
        .prefix("hoshin-chromium-")
        .tempdir()
        .with_context(|| crate::t!("pdf-cannot-make-temp"))?;
    let profile = work.path().join("profile");
    let pdf = work.path().join("out.pdf");
    let log_path = work.path().join("chromium.log");
    let log = File::create(&log_path)
        .with_context(|| crate::t!("pdf-cannot-create", path = log_path.display()))?;
    let html = std::path::absolute(html)?;
    let mut tree = ProcessTree::spawn(
        Command::new(chromium)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(file_url(&html))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log),
    )
    .with_context(|| crate::t!("pdf-cannot-start", path = chromium.display()))?;
    let started = Instant::now();
    let status: ExitStatus = loop {
        match tree.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                tree.kill();
                bail!(
                    "{}{}",
                    crate::t!(
                        "pdf-timed-out",
                        seconds = timeout.as_secs(),
                        path = chromium.display()
                    ),
                    log_tail(&log_path)
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                tree.kill();
                return Err(e).with_context(|| crate::t!("pdf-cannot-wait"));
            }
        }
    };
    // Helpers Chromium left behind (zygote, crash handler) go with it.
    tree.kill();
    if !status.success() {
        bail!(
            "{}{}",
            crate::t!(
                "pdf-failed",
                status = status.to_string(),
                path = html.display()
            ),
            log_tail(&log_path)
        );
    }
    let bytes = fs::read(&pdf)
        .map_err(|_| anyhow::anyhow!("{}{}", crate::t!("pdf-no-pdf"), log_tail(&log_path)))?;
    if !bytes.starts_with(b"%PDF-") {
        bail!(crate::t!("pdf-not-a-pdf"));
    }
    Ok(bytes)
}

/// The last lines of Chromium's output, for error messages.
fn log_tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let tail = &lines[lines.len().saturating_sub(8)..];
    format!(
        "{}\n  {}",
        crate::t!("pdf-chromium-said"),
        tail.join("\n  ")
    )
}

/// Number of pages of a PDF written by Chromium (its page tree's `/Count`).
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Type /Pages")?;
    let rest = &text[at..];
    let count = rest.find("/Count")?;
    rest[count + 6..]
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}
