//! The visual theme ("skin"): Tera templates and static files from `themes/<name>/`, with
//! per-site overrides in `templates/`. The default theme is compiled in too, so a site without
//! `themes/` (a generated corpus, a fresh site) still builds.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::{display_path, is_editor_litter};

pub const THEMES_DIR: &str = "themes";
pub const TEMPLATE_OVERRIDES_DIR: &str = "templates";

/// Templates a theme may omit (the default's are used): for editions and `hoshin compare`, and
/// one chapter of a print document (themes made before it existed render chapters in `print.html`).
pub const OPTIONAL_TEMPLATES: &[&str] = &[
    "print-chapter.html",
    "compare.html",
    "compare-doc.html",
    "compare-table.html",
    "compare-style.html",
];

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "chapter.html",
    "directive.html",
    "topics.html",
    "topic.html",
    "plans.html",
    "plan.html",
    "404.html",
    "search.html",
    "print.html",
    "accessibility.html",
];

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $name)))),*]
    };
}

/// The default theme as compiled in: (path inside the theme folder, contents).
const BUILTIN: &[(&str, &str)] = builtin!(
    "templates/base.html",
    "templates/index.html",
    "templates/chapter.html",
    "templates/directive.html",
    "templates/topics.html",
    "templates/topic.html",
    "templates/plans.html",
    "templates/plan.html",
    "templates/404.html",
    "templates/search.html",
    "templates/print.html",
    "templates/print-chapter.html",
    "templates/accessibility.html",
    "templates/compare.html",
    "templates/compare-doc.html",
    "templates/compare-table.html",
    "templates/compare-style.html",
    "static/style.css",
    "static/print.css",
    "static/print-doc.css",
    "static/site.js",
    "static/search.js",
);

/// A loaded visual theme.
pub struct Skin {
    pub tera: tera::Tera,
    /// Template name → where it came from, for error messages.
    pub template_files: BTreeMap<String, SourceFile>,
    /// Static files: path under `static/` → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

/// Loads theme `theme` from `root/themes/<name>/` (or the built-in), then `templates/` overrides.
pub fn load(root: &Path, theme: &str, diags: &mut Diagnostics) -> Option<Skin> {
    let theme_dir = root.join(THEMES_DIR).join(theme);
    let mut templates: BTreeMap<String, SourceFile> = BTreeMap::new();
    let mut static_files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    if theme_dir.is_dir() {
        read_dir_into(
            root,
            &theme_dir.join("templates"),
            &mut templates,
            None,
            diags,
        );
        read_dir_into(
            root,
            &theme_dir.join("static"),
            &mut BTreeMap::new(),
            Some(&mut static_files),
            diags,
        );
    } else if theme == "default" {
        for (path, text) in BUILTIN {
            if let Some(name) = path.strip_prefix("templates/") {
                let shown = PathBuf::from(THEMES_DIR).join("default").join(path);
                templates.insert(name.to_string(), SourceFile::new(shown, *text));
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_string(), text.as_bytes().to_vec());
            }
        }
    } else {
        diags.push(Diagnostic::file(
            display_path(root, &theme_dir),
            crate::t!("theme-not-found", theme = theme),
        ));
        return None;
    }
    read_dir_into(
        root,
        &root.join(TEMPLATE_OVERRIDES_DIR),
        &mut templates,
        None,
        diags,
    );
    let site_static = root.join("static");
    read_dir_into(
        root,
        &site_static,
        &mut BTreeMap::new(),
        Some(&mut static_files),
        diags,
    );

    for name in OPTIONAL_TEMPLATES {
        if !templates.contains_key(*name)
            && let Some((path, text)) = BUILTIN
                .iter()
                .find(|(p, _)| p.strip_prefix("templates/") == Some(name))
        {
            let shown = PathBuf::from(THEMES_DIR).join("default").join(path);
            templates.insert(name.to_string(), SourceFile::new(shown, *text));
        }
    }
    for required in REQUIRED_TEMPLATES {
        if !templates.contains_key(*required) {
            diags.push(Diagnostic::file(
                display_path(root, &theme_dir.join("templates").join(required)),
                crate::t!("theme-template-missing", template = *required),
            ));
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on([".html", ".xml"]);
    let sources: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, f)| (n.as_str(), &*f.text))
        .collect();
    if let Err(err) = tera.add_raw_templates(sources) {
        diags.push(template_error(&templates, &err));
        return None;
    }
    if diags.has_errors() {
        return None;
    }
    Some(Skin {
        tera,
        template_files: templates,
        static_files,
    })
}

/// Reads every file under `dir` (recursively) into `templates` (as text) or `statics`.
fn read_dir_into(
    root: &Path,
    dir: &Path,
    templates: &mut BTreeMap<String, SourceFile>,
    mut statics: Option<&mut BTreeMap<String, Vec<u8>>>,
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                diags.push(Diagnostic::file(
                    display_path(root, dir),
                    crate::t!("theme-cannot-read", error = err.to_string()),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() || is_editor_litter(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walked from dir")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let shown = display_path(root, entry.path());
        match fs::read(entry.path()) {
            Ok(bytes) => match statics.as_deref_mut() {
                Some(statics) => {
                    statics.insert(rel, bytes);
                }
                None => match String::from_utf8(bytes) {
                    Ok(text) => {
                        templates.insert(rel, SourceFile::new(shown, text));
                    }
                    Err(_) => diags.push(Diagnostic::file(shown, crate::t!("template-not-utf8"))),
                },
            },
            Err(e) => diags.push(Diagnostic::file(
                shown,
                crate::t!("theme-cannot-read", error = e.to_string()),
            )),
        }
    }
}

/// Turns a Tera error into a diagnostic at the template's file, line and column.
pub fn template_error(templates: &BTreeMap<String, SourceFile>, err: &tera::Error) -> Diagnostic {
    use std::error::Error as _;
    let report = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = match report {
        Some(r) => r.message().to_string(),
        None => err.to_string(),
    };
    let mut cause = err.source();
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    if let Some(r) = report
        && let Some(file) = templates.get(r.filename())
    {
        let span = r.span();
        let mut d = Diagnostic::at_line_col(
            file,
            span.start_line,
            span.start_col + 1,
            crate::t!("template-error", message = &message),
        );
        if span.start_line == span.end_line && span.end_col > span.start_col {
            d.width = span.end_col - span.start_col;
        }
        return d;
    }
    let name = report.map(|r| r.filename().to_string()).unwrap_or_default();
    let path = templates
        .get(&name)
        .map(|f| f.path.clone())
        .unwrap_or_else(|| PathBuf::from(THEMES_DIR));
    Diagnostic::file(path, crate::t!("template-error", message = message))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site without `themes/` (as `hoshin init` makes) gets the whole default theme: no file
    /// of `themes/default/` is left out of the binary, and none differs from the folder's.
    #[test]
    fn every_file_of_the_default_theme_is_compiled_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk = BTreeMap::new();
        for entry in WalkDir::new(&dir) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&dir).unwrap();
                let text = fs::read_to_string(entry.path()).unwrap();
                on_disk.insert(rel.to_string_lossy().replace('\\', "/"), text);
            }
        }
        let compiled: BTreeMap<String, String> = (BUILTIN.iter())
            .map(|(path, text)| (path.to_string(), text.to_string()))
            .collect();
        assert_eq!(
            on_disk.keys().collect::<Vec<_>>(),
            compiled.keys().collect::<Vec<_>>()
        );
        assert!(
            on_disk == compiled,
            "a compiled-in file differs from its folder's"
        );
    }
}
