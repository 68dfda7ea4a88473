//! Shared helpers: running the binary, copying the bundled site, reading output.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (holds the bundled site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real hoshin binary built by cargo for this test run, in English whatever the
/// developer's locale (a test asks for Japanese with `--lang ja` or its own `LANG`).
pub fn hoshin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoshin"));
    command.env("LANG", "C.UTF-8");
    for var in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        command.env_remove(var);
    }
    command
}

/// Result of one run of the binary.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            status: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn run(args: &[&str], cwd: &Path) -> Run {
    hoshin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run hoshin")
        .into()
}

/// A temporary copy of the bundled site (hoshin.yaml, content/, themes/).
pub struct SiteCopy {
    pub dir: tempfile::TempDir,
}

impl SiteCopy {
    pub fn bundled() -> SiteCopy {
        let dir = tempfile::tempdir().expect("temp dir");
        for item in ["hoshin.yaml", "content", "themes"] {
            copy_tree(&repo_root().join(item), &dir.path().join(item));
        }
        SiteCopy { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Replaces the first occurrence of `from` in a file; panics if absent.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let mut full = args.to_vec();
        full.extend(["--root", self.root().to_str().unwrap()]);
        run(&full, self.root())
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Builds into `dist/` (the build must succeed) and returns every file built.
    pub fn built_files(&self) -> BTreeMap<String, Vec<u8>> {
        let run = self.build();
        assert_eq!(run.status, 0, "build failed:\n{}", run.stderr);
        snapshot(&self.path("dist"))
    }
}

/// A built file as text; panics if it is missing.
pub fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} missing"))
            .clone(),
    )
    .unwrap()
}

pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Visible text of an HTML document (scripts and styles dropped).
pub fn html_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    doc.select(&body)
        .next()
        .map(|b| b.text().collect::<String>())
        .unwrap_or_default()
}

/// The seed notice's sentences (split at 。), with the numbering markup removed.
pub fn seed_sentences() -> Vec<String> {
    let seed = fs::read_to_string(repo_root().join("tests/fixtures/seed/policy-r8.txt")).unwrap();
    // Join the one sentence the PDF extraction broke over two lines.
    let seed = seed.replace("まち\n\nの活性化", "まちの活性化");
    let mut sentences = Vec::new();
    for line in seed.lines() {
        let mut line = line.trim().trim_start_matches('#').trim();
        if let Some(rest) = line.strip_prefix('(')
            && let Some(close) = rest.find(')')
            && rest[..close].chars().all(|c| c.is_ascii_digit())
        {
            line = rest[close + 1..].trim_start();
        }
        line = line.trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
        for s in line.split_inclusive('。') {
            let s = s.trim();
            if !s.is_empty() {
                sentences.push(s.to_string());
            }
        }
    }
    sentences
}

/// Collapses all whitespace, so that text can be compared across markup line breaks.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Resolves `href` found on page `from` to a site path and fragment.
pub fn resolve_href(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: link {href} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), fragment)
}

/// Checks every link of every HTML page in `files` (path → bytes, as from [`snapshot`]):
/// the target file exists and so does the fragment's id. Returns the number of internal
/// links checked and a description of each broken one (external links count as broken:
/// the intranet site must not point outside).
pub fn check_internal_links(files: &BTreeMap<String, Vec<u8>>) -> (usize, Vec<String>) {
    use scraper::{Html, Selector};
    let link_sel = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let id_sel = Selector::parse("[id]").unwrap();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut docs = BTreeMap::new();
    for (path, bytes) in files {
        if path.ends_with(".html") {
            let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
            let set = doc
                .select(&id_sel)
                .map(|e| e.value().attr("id").unwrap().to_string())
                .collect();
            ids.insert(path.clone(), set);
            docs.insert(path.clone(), doc);
        }
    }
    let mut checked = 0;
    let mut broken = Vec::new();
    for (path, doc) in &docs {
        for el in doc.select(&link_sel) {
            let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                broken.push(format!("{path}: external link {href}"));
                continue;
            }
            assert!(
                !href.starts_with('/'),
                "{path}: absolute link {href} breaks file:// use"
            );
            checked += 1;
            let (target, fragment) = resolve_href(path, href);
            if !files.contains_key(&target) {
                broken.push(format!("{path}: {href} → missing {target}"));
                continue;
            }
            if let Some(f) = fragment
                && !ids.get(&target).is_some_and(|s| s.contains(&f))
            {
                broken.push(format!("{path}: {href} → no id '{f}' in {target}"));
            }
        }
    }
    eprintln!("checked {checked} internal links in {} pages", docs.len());
    (checked, broken)
}

/// Runs a poppler or fontconfig tool; a missing tool fails the test with what to install.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {name} ({e}): install it with `apt-get install poppler-utils`")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
