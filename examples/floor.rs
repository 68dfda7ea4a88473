//! The bare pipeline floor that `scripts/bench.sh` compares hoshin against.
//!
//! Usage: `floor SITE OUT`
//!
//! Does the least any static site generator must do with a hoshin site, and nothing
//! more: read every Markdown file under `SITE/content/`, split off the front matter and
//! parse it with serde_yaml, render the body with pulldown-cmark (the extensions hoshin
//! enables), and write one HTML file per source file into `OUT`. No templates, no link
//! checking, no indexes. Work is spread over the cores with rayon, like hoshin's.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE OUT");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match run(Path::new(site), Path::new(out)) {
        Ok(n) => {
            eprintln!(
                "floor: {n} files in {:.0} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(site: &Path, out: &Path) -> std::io::Result<usize> {
    let content = site.join("content");
    let files: Vec<PathBuf> = WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.strip_prefix(&content).ok()?.parent().map(|p| out.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH;
    files.par_iter().try_for_each(|path| {
        let text = fs::read_to_string(path)?;
        let (yaml, body) = split_front_matter(&text);
        let front: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(std::io::Error::other)?;
        let mut page = String::with_capacity(body.len() * 2);
        page.push_str("<!DOCTYPE html><title>");
        if let Some(title) = front.get("title").and_then(|t| t.as_str()) {
            page.push_str(title);
        }
        page.push_str("</title>\n");
        html::push_html(&mut page, Parser::new_ext(body, options));
        let rel = path.strip_prefix(&content).expect("walked from content");
        fs::write(out.join(rel).with_extension("html"), page)
    })?;
    Ok(files.len())
}

/// `---\nyaml\n---\nbody` → (yaml, body); a file without front matter is all body.
fn split_front_matter(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}
