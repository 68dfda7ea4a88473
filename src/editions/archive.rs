//! Starting next year's edition: the current `content/` kept as last year's edition
//! (`editions/<fiscal year>/content/`, listed first under `editions:` in hoshin.yaml), by
//! `hoshin edition new` (a copy, with the notice moved on a year) and by `hoshin import` into
//! an existing site (the document replaces `content/`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::input::config::CONFIG_FILE;
use crate::model::Site;
use crate::model::date::Date;

/// The site at `root` resolved as `build` resolves it, or every problem found (rendered):
/// neither next year's edition nor an import starts from a site with errors.
pub fn checked_site(root: &Path) -> Result<Site, String> {
    let (_, site, diags) = crate::editions::load_root(root);
    site.ok_or_else(|| crate::diag::render_report(&diags))
}

/// Where the edition of `fiscal_year` is archived; an error if it exists already.
pub fn archive_dir(root: &Path, fiscal_year: u16) -> anyhow::Result<PathBuf> {
    let dir = root.join(format!("editions/{fiscal_year}"));
    if dir.exists() {
        bail!(crate::t!(
            "edition-archived-already",
            path = dir.display(),
            year = fiscal_year
        ));
    }
    Ok(dir)
}

/// Lists `editions/<fiscal_year>` first under `editions:` in hoshin.yaml.
pub fn list_edition(root: &Path, fiscal_year: u16) -> anyhow::Result<()> {
    let path = root.join(CONFIG_FILE);
    let config = std::fs::read_to_string(&path).unwrap_or_default();
    let config = with_edition(&config, &format!("editions/{fiscal_year}"));
    crate::output::write_file_atomic(&path, config.as_bytes())
}

/// `hoshin edition new`: copies `content/` to `editions/<its fiscal year>/content/`, lists it
/// in hoshin.yaml, and moves the notice on a year (fiscal_year, 年度 in the title, issued).
/// Every id stays, so the 新旧対照表 shows exactly the edits made afterwards. Returns the
/// new fiscal year.
pub fn new_edition(root: &Path) -> anyhow::Result<u16> {
    let site = checked_site(root).map_err(|problems| {
        let advice = crate::t!("edition-site-has-errors", root = root.display());
        anyhow::anyhow!("{problems}{advice}")
    })?;
    let (year, new_year) = (site.notice.fiscal_year, site.notice.fiscal_year + 1);
    let archive = archive_dir(root, year)?;
    let notice_path = root.join("content").join(crate::input::INDEX_FILE);
    let notice = std::fs::read_to_string(&notice_path)
        .with_context(|| crate::t!("edition-cannot-read", path = notice_path.display()))?;
    let notice = next_year_notice(&notice, year);
    let staging = root.join(format!(
        ".editions-{year}.hoshin-new-{}",
        std::process::id()
    ));
    let copied = copy_dir(&root.join("content"), &staging.join("content"));
    let placed = copied.and_then(|()| {
        std::fs::create_dir_all(root.join("editions"))?;
        crate::output::retry(&archive, || std::fs::rename(&staging, &archive))
            .with_context(|| crate::t!("edition-cannot-archive"))
    });
    if placed.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    placed?;
    crate::output::write_file_atomic(&notice_path, notice.as_bytes())?;
    list_edition(root, year)?;
    Ok(new_year)
}

/// The notice's front matter moved on from `year`: fiscal_year, the year of `issued`, and
/// 令和N年度 / YYYY年度 in the title.
fn next_year_notice(text: &str, year: u16) -> String {
    let label = Date::fiscal_year_label;
    let mut in_front = 0;
    let lines = text.split_inclusive('\n').map(|line| {
        if line.trim_end() == "---" {
            in_front += 1;
        }
        if in_front != 1 {
            return line.to_string();
        }
        if line.starts_with("fiscal_year:") || line.starts_with("issued:") {
            return line.replacen(&year.to_string(), &(year + 1).to_string(), 1);
        }
        if line.starts_with("title:") {
            let moved = line.replacen(&label(year), &label(year + 1), 1);
            return moved.replacen(&format!("{year}年度"), &format!("{}年度", year + 1), 1);
        }
        line.to_string()
    });
    lines.collect()
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| crate::t!("edition-cannot-copy", path = entry.path().display()))?;
        }
    }
    Ok(())
}

/// hoshin.yaml with `edition` listed first under `editions:`.
fn with_edition(config: &str, edition: &str) -> String {
    let mut out = Vec::new();
    let mut listed = false;
    for line in config.lines() {
        if line.trim_end() == "editions:" {
            out.push(line.to_string());
            out.push(format!("  - {edition}"));
            listed = true;
        } else if line.trim_end() == "editions: []" {
            out.extend(["editions:".to_string(), format!("  - {edition}")]);
            listed = true;
        } else {
            out.push(line.to_string());
        }
    }
    if !listed {
        out.extend(["editions:".to_string(), format!("  - {edition}")]);
    }
    out.join("\n") + "\n"
}
