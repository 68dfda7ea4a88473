//! PDF export: hands a print document to headless Chromium and gets an A4 PDF back. Chromium
//! runs in its own process group with a fresh profile and a time limit; a crash, hang or
//! missing PDF is an error, and nothing it started outlives the run.

use std::fs::{self, File};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::page::OutputFile;

/// Executable names tried on `PATH`, in order.
pub const CHROMIUM_NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// What to install on Debian when Chromium or the fonts are missing.
pub const INSTALL_HINT: &str = "apt-get install chromium fonts-noto-cjk";

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

/// The Chromium to run: `explicit` (it must exist), else the first [`CHROMIUM_NAMES`] on `PATH`.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        if is_executable(path) {
            return Ok(path.to_path_buf());
        }
        // A bare name is looked up on PATH, like the shell would.
        if path.components().count() == 1
            && let Some(found) = search_path(&path.to_string_lossy())
        {
            return Ok(found);
        }
        bail!(crate::t!(
            "pdf-chromium-not-at",
            path = path.display(),
            hint = INSTALL_HINT
        ));
    }
    CHROMIUM_NAMES
        .iter()
        .find_map(|name| search_path(name))
        .with_context(|| {
            crate::t!(
                "pdf-chromium-not-on-path",
                names = CHROMIUM_NAMES.join(", "),
                hint = INSTALL_HINT
            )
        })
}

fn search_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

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

/// `file://` URL of an absolute path, percent-encoded.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(*b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// Prints HTML file `html` to PDF with headless Chromium: fresh profile folder (removed after),
/// own process group, killed whole if not done after `timeout`.
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
    let mut child = Command::new(chromium)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .process_group(0)
        .spawn()
        .with_context(|| crate::t!("pdf-cannot-start", path = chromium.display()))?;
    let group = rustix::process::Pid::from_raw(child.id() as i32);
    let kill_group = || {
        if let Some(pid) = group {
            // The group may be gone already; that is the normal case.
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    };
    let started = Instant::now();
    let status: ExitStatus = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                kill_group();
                let _ = child.wait();
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
                kill_group();
                return Err(e).with_context(|| crate::t!("pdf-cannot-wait"));
            }
        }
    };
    // Helpers Chromium left behind (zygote, crash handler) go with it.
    kill_group();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/方針.html")),
            "file:///tmp/a%20b/%E6%96%B9%E9%87%9D.html"
        );
    }

    #[test]
    fn a_missing_explicit_chromium_names_the_package() {
        let err = find_chromium(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(format!("{err:#}").contains(INSTALL_HINT), "{err:#}");
    }
}
