//! `hoshin compare OLD_ROOT NEW_ROOT`: load and resolve both editions as `build` does, compare
//! them and swap the 新旧対照表 (self-contained HTML and its JSON) into the output folder.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::CompareArgs;
use crate::cmd::{millis, print_warnings, report_error, report_failure};
use crate::diag::{Diagnostic, Diagnostics};
use crate::editions::diff::{self, Comparison};
use crate::editions::table::{self, DOC_FILE, JSON_FILE};
use crate::editions::{load_root, under};
use crate::output;
use crate::page::OutputFile;
use crate::pipeline::{self, Failure};
use crate::render::skin;

pub fn execute(args: &CompareArgs) -> ExitCode {
    let started = Instant::now();
    let out = &args.out;
    for root in [&args.old, &args.new] {
        if let Err(e) = output::check_output_dir(root, out) {
            return report_error(&e);
        }
    }
    let written = prepare(&args.old, &args.new, args.all).and_then(|prepared| {
        print_warnings(&prepared.warnings);
        pipeline::write(&args.new, out, &prepared.files)?;
        Ok(prepared)
    });
    let prepared = match written {
        Ok(p) => p,
        Err(failure) => {
            let code = report_failure(&failure);
            eprintln!("{}", crate::t!("compare-failed", out = out.display()));
            return code;
        }
    };
    eprintln!(
        "{}",
        crate::t!(
            "compare-done",
            summary = describe(&prepared.comparison),
            html = out.join(DOC_FILE).display(),
            json = out.join(JSON_FILE).display(),
            ms = millis(started)
        )
    );
    ExitCode::SUCCESS
}

/// A comparison with its stand-alone files, ready to write or print.
pub struct Prepared {
    pub comparison: Comparison,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
}

/// Loads and resolves both editions (reporting every problem, paths under the given root),
/// compares them and renders the stand-alone 新旧対照表 with the new edition's theme.
pub fn prepare(old: &Path, new: &Path, all: bool) -> Result<Prepared, Failure> {
    let mut diags = Diagnostics::new();
    let (_, old_site, problems) = load_root(old);
    diags.extend(under(old, problems));
    let (new_sources, new_site, problems) = load_root(new);
    diags.extend(under(new, problems));
    let skin = skin::load(new, &new_sources.config.theme, &mut diags);
    let (Some(old_site), Some(new_site), Some(skin)) = (old_site, new_site, skin) else {
        return Err(Failure::Input(diags.sorted()));
    };
    if diags.has_errors() {
        return Err(Failure::Input(diags.sorted()));
    }
    let (old_year, new_year) = (old_site.notice.fiscal_year, new_site.notice.fiscal_year);
    if old_year >= new_year {
        let message = crate::t!("compare-old-not-older", old = old_year, new = new_year);
        let warning = Diagnostic::file(&old_site.notice.path, message).warning();
        diags.extend(under(old, vec![warning]));
    }
    let comparison = diff::compare(&old_site, &new_site, all);
    let new_first = new_sources.config.compare_new_first;
    let files = table::standalone_files(&comparison, &skin, new_first).map_err(Failure::Input)?;
    Ok(Prepared {
        comparison,
        files,
        warnings: diags.sorted(),
    })
}

/// One line about what changed, for the terminal.
pub fn describe(cmp: &Comparison) -> String {
    let editions = format!(
        "{} → {}",
        cmp.old.fiscal_year_label, cmp.new.fiscal_year_label
    );
    if cmp.identical {
        return crate::t!("compare-identical", editions = editions);
    }
    let s = &cmp.summary;
    crate::t!(
        "compare-changes",
        editions = editions,
        changed = s.changed,
        renumbered = s.renumbered,
        added = s.added,
        removed = s.removed,
        unchanged = s.unchanged
    )
}
