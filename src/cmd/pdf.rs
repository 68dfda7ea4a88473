//! `hoshin pdf`: render the site in memory, print one document with headless Chromium and
//! write the PDF into dist/ with a fresh build (one atomic swap, so dist/ never holds a PDF
//! older than its pages), or to `--out FILE` without touching dist/.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cli::PdfArgs;
use crate::cmd::{print_warnings, report_error, report_failure};
use crate::editions::table::DOC_FILE;
use crate::output;
use crate::page::PRINT_URL;
use crate::page::{OutputFile, PageKey};
use crate::pipeline::{self, Rendered};
use crate::print::pdf;
use crate::t;

pub fn execute(args: &PdfArgs) -> ExitCode {
    let started = Instant::now();
    // Fail fast, before rendering, when there is no Chromium.
    let chromium = match pdf::find_chromium(args.chromium.as_deref()) {
        Ok(c) => c,
        Err(e) => return report_error(&e),
    };
    if let Some(roots) = &args.compare {
        return compare(args, &roots[0], &roots[1], &chromium, started);
    }
    // Refuse an output folder hoshin may not replace before spending time on Chromium.
    if args.out.is_none()
        && let Err(e) = output::check_output_dir(&args.site.root, &args.site.root.join("dist"))
    {
        return report_error(&e);
    }
    let rendered = match pipeline::render(&args.site.root) {
        Ok(r) => r,
        Err(failure) => return report_failure(&failure),
    };
    print_warnings(&rendered.warnings);
    let bytes = match print(args, &rendered, &chromium) {
        Ok(b) => b,
        Err(e) => return report_error(&e),
    };
    let target = match &args.out {
        Some(file) => {
            if let Err(e) = output::write_file_atomic(file, &bytes) {
                return report_error(&e);
            }
            file.clone()
        }
        None => {
            let out_dir = args.site.root.join("dist");
            let name = args.default_file_name();
            let mut files = rendered.files;
            files.push(OutputFile {
                path: name.clone(),
                bytes: bytes.clone().into(),
            });
            if let Err(failure) = pipeline::write(&args.site.root, &out_dir, &files) {
                let code = report_failure(&failure);
                eprintln!("{}", t!("pdf-command-failed", out = out_dir.display()));
                return code;
            }
            out_dir.join(name)
        }
    };
    eprintln!(
        "{}",
        t!(
            "pdf-wrote",
            file = target.display(),
            size = size(&bytes),
            seconds = seconds(started)
        )
    );
    ExitCode::SUCCESS
}

/// Picks the print document and prints it in a temporary folder.
fn print(args: &PdfArgs, rendered: &Rendered, chromium: &Path) -> Result<Vec<u8>> {
    let site = &rendered.site;
    let page = match &args.theme_id {
        None => PRINT_URL.to_string(),
        Some(id) => match site.topics.iter().position(|t| &t.id == id) {
            Some(i) => PageKey::TopicPrint(i).path(site),
            None => bail!(t!(
                "pdf-no-theme",
                id = id,
                ids = site
                    .topics
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
    };
    print_page(&rendered.files, &page, chromium, args.timeout)
}

/// Writes `page` of `files` and the static files into a temporary folder and prints it.
fn print_page(files: &[OutputFile], page: &str, chromium: &Path, timeout: u64) -> Result<Vec<u8>> {
    let work = tempfile::Builder::new()
        .prefix("hoshin-print-")
        .tempdir()
        .with_context(|| t!("pdf-no-temporary-folder"))?;
    let html = pdf::write_print_tree(work.path(), files, page)?;
    pdf::print_to_pdf(chromium, &html, Duration::from_secs(timeout))
}

/// `hoshin pdf --compare OLD NEW`: the 新旧対照表 of two editions, printed.
fn compare(args: &PdfArgs, old: &Path, new: &Path, chromium: &Path, started: Instant) -> ExitCode {
    let prepared = match crate::cmd::compare::prepare(old, new, false) {
        Ok(p) => p,
        Err(failure) => return report_failure(&failure),
    };
    print_warnings(&prepared.warnings);
    let cmp = &prepared.comparison;
    let target = args.out.clone().unwrap_or_else(|| {
        format!(
            "compare-{}-{}.pdf",
            cmp.old.fiscal_year, cmp.new.fiscal_year
        )
        .into()
    });
    let printed = print_page(&prepared.files, DOC_FILE, chromium, args.timeout).and_then(|bytes| {
        output::write_file_atomic(&target, &bytes)?;
        Ok(bytes)
    });
    let bytes = match printed {
        Ok(b) => b,
        Err(e) => return report_error(&e),
    };
    eprintln!(
        "{}",
        t!(
            "pdf-compare-wrote",
            summary = crate::cmd::compare::describe(cmp),
            file = target.display(),
            size = size(&bytes),
            seconds = seconds(started)
        )
    );
    ExitCode::SUCCESS
}

/// A PDF's size as printed: `12 pages, 345 KiB` (without the pages if they cannot be counted).
fn size(bytes: &[u8]) -> String {
    let kib = bytes.len().div_ceil(1024);
    match pdf::page_count(bytes) {
        Some(pages) => t!("pdf-size-pages", pages = pages, kib = kib),
        None => t!("pdf-size", kib = kib),
    }
}

/// Seconds since `started`, as printed in summaries (`3.2`).
fn seconds(started: Instant) -> String {
    format!("{:.1}", started.elapsed().as_secs_f64())
}
