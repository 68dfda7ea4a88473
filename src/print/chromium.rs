//! Finding the browser that prints PDFs — Chromium, Chrome or Edge, wherever each system puts
//! it — and the `file://` URL it opens a print document at.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// Executable names tried on `PATH`, in order.
#[cfg(windows)]
pub const CHROMIUM_NAMES: &[&str] = &["chrome.exe", "msedge.exe", "chromium.exe"];
#[cfg(not(windows))]
pub const CHROMIUM_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
];

/// Where to get a browser, said the way this system installs things.
pub fn install_hint() -> String {
    if cfg!(windows) {
        crate::t!("pdf-install-hint-windows")
    } else if cfg!(target_os = "macos") {
        crate::t!("pdf-install-hint-macos")
    } else {
        crate::t!("pdf-install-hint-linux")
    }
}

/// The browser to run: `explicit` (it must exist; a bare name is looked up on `PATH`), else the
/// first of [`CHROMIUM_NAMES`] on `PATH`, else the first found of [`install_locations`].
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        if is_executable(path) {
            return Ok(path.to_path_buf());
        }
        if path.components().count() == 1
            && let Some(found) = search_path(&path.to_string_lossy())
        {
            return Ok(found);
        }
        bail!(crate::t!(
            "pdf-chromium-not-at",
            path = path.display(),
            hint = install_hint()
        ));
    }
    if let Some(found) = CHROMIUM_NAMES.iter().find_map(|name| search_path(name)) {
        return Ok(found);
    }
    if let Some(found) = install_locations().into_iter().find(|p| is_executable(p)) {
        return Ok(found);
    }
    bail!(crate::t!(
        "pdf-chromium-not-on-path",
        names = CHROMIUM_NAMES.join(", "),
        hint = install_hint()
    ))
}

/// Where Chrome, Chromium and Edge install themselves outside `PATH`: under Program Files and
/// the user's AppData on Windows, as app bundles on macOS.
pub fn install_locations() -> Vec<PathBuf> {
    let mut found = Vec::new();
    if cfg!(windows) {
        let apps = [
            r"Google\Chrome\Application\chrome.exe",
            r"Chromium\Application\chrome.exe",
            r"Microsoft\Edge\Application\msedge.exe",
        ];
        let roots: Vec<PathBuf> = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"]
            .iter()
            .filter_map(std::env::var_os)
            .map(PathBuf::from)
            .collect();
        for app in apps {
            found.extend(roots.iter().map(|root| root.join(app)));
        }
    } else if cfg!(target_os = "macos") {
        let bundles = [
            "Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chromium.app/Contents/MacOS/Chromium",
            "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        ];
        let mut roots = vec![PathBuf::from("/Applications")];
        roots.extend(std::env::home_dir().map(|home| home.join("Applications")));
        for bundle in bundles {
            found.extend(roots.iter().map(|root| root.join(bundle)));
        }
    }
    found
}

fn search_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Windows has no executable bit: any file will do (a wrong one fails to start, clearly).
#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// `file://` URL of an absolute path: `file:///tmp/a%20b.html`, `file:///C:/Users/a.html`,
/// `file://server/share/a.html` (a Windows network path).
pub fn file_url(path: &Path) -> String {
    let text = dunce::simplified(path).to_string_lossy();
    if cfg!(windows) {
        url_of_windows_path(&text)
    } else {
        url_of_path(&text)
    }
}

/// `file://` URL of a Unix path (`/`-separated, absolute).
fn url_of_path(path: &str) -> String {
    let mut url = String::from("file://");
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// `file://` URL of a Windows path: `C:\a b\x.html` or `\\server\share\x.html`.
fn url_of_windows_path(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    if let Some(unc) = slashed.strip_prefix("//") {
        // file://server/share/…: the host is the server.
        return format!("file://{}", &url_of_path(unc)["file://".len()..]);
    }
    let bytes = slashed.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        // The drive's colon stays as it is: file:///C:/…
        return format!(
            "file:///{}:{}",
            &slashed[..1],
            &url_of_path(&slashed[2..])["file://".len()..]
        );
    }
    url_of_path(&slashed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            url_of_path("/tmp/a b/方針.html"),
            "file:///tmp/a%20b/%E6%96%B9%E9%87%9D.html"
        );
        #[cfg(unix)]
        assert_eq!(
            file_url(Path::new("/tmp/a b/方針.html")),
            "file:///tmp/a%20b/%E6%96%B9%E9%87%9D.html"
        );
    }

    #[test]
    fn windows_paths_become_drive_and_server_urls() {
        assert_eq!(
            url_of_windows_path(r"C:\Users\市民 部\print.html"),
            "file:///C:/Users/%E5%B8%82%E6%B0%91%20%E9%83%A8/print.html"
        );
        assert_eq!(
            url_of_windows_path(r"\\fileserver\方針\print.html"),
            "file://fileserver/%E6%96%B9%E9%87%9D/print.html"
        );
        #[cfg(windows)]
        assert_eq!(
            file_url(Path::new(r"\\?\C:\site\print.html")),
            "file:///C:/site/print.html"
        );
    }

    #[test]
    fn a_missing_explicit_chromium_says_how_to_get_one() {
        let missing = std::env::temp_dir().join("no-such-dir/chromium");
        let err = find_chromium(Some(&missing)).unwrap_err();
        assert!(format!("{err:#}").contains(&install_hint()), "{err:#}");
    }
}
