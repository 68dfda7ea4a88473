//! The starter site that `hoshin init` writes: a short example policy (hoshin.yaml, the
//! notice, one chapter, two directives that link to each other, topics.yaml, plans.yaml and
//! a .gitignore) compiled into the binary from `src/starter/site/`, so that a new site can be
//! made with nothing but `hoshin.exe`. The files name the fiscal year through two
//! placeholders, `{{year}}` (2026) and `{{年度}}` (令和8年度), filled in with the fiscal year
//! of the day the site is made (see [`fiscal_year_at`]); everything an office worker is to
//! replace is written ○○.

use std::path::Path;

use anyhow::bail;

use crate::model::date::Date;

macro_rules! starter {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("site/", $path)))),*]
    };
}

/// The starter site as compiled in: (path under the site root, text with placeholders).
const FILES: &[(&str, &str)] = starter!(
    "hoshin.yaml",
    ".gitignore",
    "content/_index.md",
    "content/topics.yaml",
    "content/plans.yaml",
    "content/1/_index.md",
    "content/1/1-1.md",
    "content/1/1-2.md",
);

/// The starter site for `fiscal_year` (the one starting on 1 April of that year): each
/// file's path under the site root and its text, placeholders filled in.
pub fn files(fiscal_year: u16) -> Vec<(&'static str, String)> {
    let label = Date::fiscal_year_label(fiscal_year);
    let year = fiscal_year.to_string();
    (FILES.iter())
        .map(|(path, text)| {
            let text = text.replace("{{年度}}", &label).replace("{{year}}", &year);
            (*path, text)
        })
        .collect()
}

/// The fiscal year (1 April to 31 March) of the day `unix_seconds` falls on in Japan
/// (UTC+9), where the department's years begin: the one a new site is made for.
pub fn fiscal_year_at(unix_seconds: u64) -> u16 {
    const JAPAN: u64 = 9 * 60 * 60;
    let day = Date::from_unix_days((unix_seconds + JAPAN) / (24 * 60 * 60));
    if day.month >= 4 {
        day.year
    } else {
        day.year - 1
    }
}

/// Writes the starter site for `fiscal_year` into `dir`, which must not exist or be empty
/// (it is created, parents too); all of it or, on any failure, nothing. Returns the paths
/// written, under `dir`.
pub fn init(dir: &Path, fiscal_year: u16) -> anyhow::Result<Vec<&'static str>> {
    if !crate::import::can_hold_new_site(dir) {
        bail!(crate::t!("init-not-empty", path = dir.display()));
    }
    let files = files(fiscal_year);
    crate::import::write_new_site(dir, files.iter().map(|(p, t)| (*p, t.as_str())))?;
    Ok(files.iter().map(|(path, _)| *path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_starter_folder_is_compiled_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/starter/site");
        let mut on_disk = Vec::new();
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&dir).unwrap();
                on_disk.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        on_disk.sort();
        let mut compiled: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        compiled.sort();
        assert_eq!(on_disk, compiled);
    }

    #[test]
    fn the_fiscal_year_is_filled_in_everywhere() {
        for (path, text) in files(2026) {
            assert!(!text.contains("{{"), "{path} keeps a placeholder:\n{text}");
        }
        let notice = &files(2026)[2];
        assert_eq!(notice.0, "content/_index.md");
        for line in [
            "title: 令和8年度○○部の運営方針",
            "fiscal_year: 2026",
            "issued: 2026-04-01",
            "市長が示した「令和8年度施政方針」を踏まえ",
        ] {
            assert!(notice.1.contains(line), "no {line:?} in:\n{}", notice.1);
        }
        assert!(files(2019)[2].1.contains("title: 令和元年度○○部の運営方針"));
    }

    #[test]
    fn the_fiscal_year_begins_on_1_april_in_japan() {
        // 2026-04-01T00:00 in Japan is 2026-03-31T15:00 UTC: 20543 days and 15 hours.
        let april_first_in_japan = 20_543 * 86_400 + 15 * 3_600;
        assert_eq!(fiscal_year_at(april_first_in_japan - 1), 2025);
        assert_eq!(fiscal_year_at(april_first_in_japan), 2026);
        assert_eq!(fiscal_year_at(0), 1969, "1970-01-01 09:00 in Japan");
        let new_year_2027_utc = 20_819 * 86_400;
        assert_eq!(fiscal_year_at(new_year_2027_utc), 2026);
    }

    /// The starter checks with no error and no warning, in an era's first year too.
    #[test]
    fn the_starter_site_checks_clean() {
        for year in [2019, 2026] {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().join("site");
            let written = init(&root, year).unwrap();
            assert_eq!(written.len(), FILES.len());
            let rendered = match crate::pipeline::check(&root) {
                Ok(rendered) => rendered,
                Err(crate::pipeline::Failure::Input(diags)) => {
                    panic!("{year}: {}", crate::diag::render_report(&diags))
                }
                Err(crate::pipeline::Failure::Output(err)) => panic!("{year}: {err:#}"),
            };
            assert!(
                rendered.warnings.is_empty(),
                "{year}: {}",
                crate::diag::render_report(&rendered.warnings)
            );
            assert_eq!(rendered.site.directives.len(), 2);
            assert_eq!(rendered.site.notice.fiscal_year, year);
        }
    }
}
