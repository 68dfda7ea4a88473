//! Importing a document into an existing site as its next edition: the site's `content/` is
//! archived as last year's edition (`editions/<fiscal year>/content/`, listed in hoshin.yaml)
//! and the document becomes the new `content/`, each directive keeping the id, テーマ, plans
//! and related directives of the one it continues, so that the 新旧対照表 lines up.

use std::path::Path;

use anyhow::{Context, bail};

use super::{Base, outline, read_blocks, site_files};
use crate::editions::archive;
use crate::model::Site;
use crate::output::retry;

/// Imports `file` into the site at `root` as its next edition; returns the report.
pub fn next_edition(file: &Path, root: &Path) -> anyhow::Result<String> {
    let site = archive::checked_site(root).map_err(|problems| {
        let advice = crate::t!("import-site-has-errors", root = root.display());
        anyhow::anyhow!("{problems}{advice}")
    })?;
    let outline = outline::outline(&read_blocks(file)?);
    if outline.chapters.is_empty() {
        bail!(crate::t!("import-no-chapters", path = file.display()));
    }
    let old_year = site.notice.fiscal_year;
    let new_year = super::notice_fiscal_year(&outline);
    if new_year.is_none_or(|y| y <= i32::from(old_year)) {
        bail!(crate::t!(
            "import-not-newer",
            path = file.display(),
            year = new_year.map_or("?".into(), |y| y.to_string()),
            site_year = old_year
        ));
    }
    let archive = archive::archive_dir(root, old_year)?;
    let read =
        |name: &str| std::fs::read_to_string(root.join("content").join(name)).unwrap_or_default();
    let bodies: Vec<String> = (outline.chapters.iter().flat_map(|c| &c.directives))
        .map(|d| d.body.join("\n\n"))
        .collect();
    let base = Base {
        continues: continued(&bodies, &site),
        site: &site,
        topics_yaml: read("topics.yaml"),
        plans_yaml: read("plans.yaml"),
    };
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (files, mut report) = site_files(&outline, &name, Some(&base));
    report.push_str(&continuity_report(&base));

    // The new content is written beside the old, then the two are swapped by renames.
    let staging = root.join(format!(".content.hoshin-import-{}", std::process::id()));
    let content = (files.iter())
        .filter_map(|(path, text)| Some((path.strip_prefix("content/")?, text.as_str())));
    super::stage(&staging, content, || {
        std::fs::create_dir_all(&archive)?;
        let content = root.join("content");
        retry(&content, || {
            std::fs::rename(&content, archive.join("content"))
        })
        .with_context(|| crate::t!("edition-cannot-archive"))?;
        retry(&content, || std::fs::rename(&staging, &content)).or_else(|e| {
            let _ = std::fs::rename(archive.join("content"), root.join("content"));
            Err(e).with_context(|| crate::t!("import-cannot-swap"))
        })
    })?;
    archive::list_edition(root, old_year)?;
    std::fs::write(root.join("import-report.txt"), &report)?;
    Ok(report)
}

/// For each new directive body, the old directive it continues: the same text first, then
/// the most alike (shared pairs of characters, at least half), each old one at most once.
fn continued(bodies: &[String], old: &Site) -> Vec<Option<usize>> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let old_texts: Vec<String> = old
        .directives
        .iter()
        .map(|d| squash(d.body.markdown()))
        .collect();
    let new_texts: Vec<String> = bodies.iter().map(|b| squash(b)).collect();
    let mut result = vec![None; bodies.len()];
    let mut taken = vec![false; old_texts.len()];
    for (i, text) in new_texts.iter().enumerate() {
        if let Some(j) = (0..old_texts.len()).find(|&j| !taken[j] && old_texts[j] == *text) {
            (result[i], taken[j]) = (Some(j), true);
        }
    }
    let mut pairs = Vec::new();
    for (i, text) in new_texts
        .iter()
        .enumerate()
        .filter(|(i, _)| result[*i].is_none())
    {
        for (j, old_text) in old_texts.iter().enumerate().filter(|(j, _)| !taken[*j]) {
            let score = likeness(text, old_text);
            if score >= 0.5 {
                pairs.push((score, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, i, j) in pairs {
        if result[i].is_none() && !taken[j] {
            (result[i], taken[j]) = (Some(j), true);
        }
    }
    result
}

/// Dice's coefficient of the two texts' sets of adjacent character pairs.
fn likeness(a: &str, b: &str) -> f64 {
    let pairs = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        chars
            .windows(2)
            .map(|w| (w[0], w[1]))
            .collect::<std::collections::HashSet<_>>()
    };
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

fn continuity_report(base: &Base) -> String {
    let continued = base.continues.iter().flatten().count();
    let added = base.continues.len() - continued;
    let removed: Vec<&str> = (base.site.directives.iter().enumerate())
        .filter(|(j, _)| !base.continues.contains(&Some(*j)))
        .map(|(_, d)| d.id.as_str())
        .collect();
    let removed = if removed.is_empty() {
        crate::t!("import-report-none")
    } else {
        removed.join(&crate::t!("import-report-list-separator"))
    };
    format!(
        "{}\n{}\n{}\n",
        crate::t!("import-report-continued", count = continued),
        crate::t!("import-report-new", count = added),
        crate::t!("import-report-removed", ids = removed)
    )
}
