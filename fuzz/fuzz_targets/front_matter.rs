//! Arbitrary bytes as one source file of the bundled site: decoded like a file read from
//! disk, put in place of one file, then resolved into the model. Errors are expected; a
//! panic, a hang, or a diagnostic that cannot be shown is a bug. When the site resolves,
//! the pages that show the fuzzed file are rendered with the site's theme and must render.
//!
//! The first byte chooses the file replaced: 0 `content/1/1-1.md` (a directive),
//! 1 `topics.yaml`, 2 `plans.yaml`, 3 `_index.md` (the notice), 4 `content/1/_index.md`.

#![no_main]

use std::path::Path;
use std::sync::{LazyLock, Mutex};

use hoshin::diag::Diagnostics;
use hoshin::diag::source::SourceFile;
use hoshin::input::{self, Sources, decode};
use hoshin::page::PageKey;
use hoshin::render::Renderer;
use hoshin::render::skin::{self, Skin};
use hoshin::resolve::resolve;
use libfuzzer_sys::fuzz_target;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const DIRECTIVE: &str = "content/1/1-1.md";
const CHAPTER: &str = "content/1/_index.md";

/// The bundled site's sources and theme, read once.
static SITE: LazyLock<(Sources, Mutex<Skin>)> = LazyLock::new(|| {
    let mut diags = Diagnostics::new();
    let sources = input::load(Path::new(ROOT), &mut diags);
    let skin = skin::load(Path::new(ROOT), &sources.config.theme, &mut diags);
    assert!(!diags.has_errors(), "the bundled site loads: {diags:?}");
    let skin = skin.expect("the bundled theme loads");
    (sources, Mutex::new(skin))
});

fuzz_target!(|data: &[u8]| {
    let Some((&role, bytes)) = data.split_first() else {
        return;
    };
    let Ok((text, _)) = decode(bytes.to_vec()) else {
        return;
    };
    let (bundled, skin) = &*SITE;
    let mut sources = bundled.clone();
    let role = role % 5;
    match role {
        0 => replace(&mut sources.directives, DIRECTIVE, text),
        1 => sources.topics = Some(SourceFile::new("content/topics.yaml", text)),
        2 => sources.plans = Some(SourceFile::new("content/plans.yaml", text)),
        3 => sources.notice = Some(SourceFile::new("content/_index.md", text)),
        _ => replace(&mut sources.chapters, CHAPTER, text),
    }

    let mut diags = Diagnostics::new();
    let site = resolve(&sources, &mut diags);
    // Every diagnostic must be showable: its source line and a caret under the span.
    for d in diags.sorted() {
        let shown = d.to_string();
        assert!(shown.contains(&d.message), "{shown}");
    }
    let Some(site) = site else {
        return;
    };
    let keys: Vec<PageKey> = match role {
        0 => (0..site.directives.len())
            .filter(|&i| site.directives[i].path == Path::new(DIRECTIVE))
            .map(PageKey::Directive)
            .collect(),
        1 => (0..site.topics.len()).map(PageKey::Topic).collect(),
        2 => (0..site.plans.len()).map(PageKey::Plan).collect(),
        3 => vec![PageKey::Home],
        _ => (0..site.chapters.len())
            .filter(|&i| site.chapters[i].path == Path::new(CHAPTER))
            .map(PageKey::Chapter)
            .collect(),
    };
    let mut skin = skin.lock().unwrap_or_else(|e| e.into_inner());
    let renderer = Renderer::new(&site, &mut skin, &sources.config);
    let errors: Vec<_> = keys
        .into_iter()
        .filter_map(|key| renderer.render_page(key).err())
        .collect();
    assert!(
        errors.is_empty(),
        "a site that resolves must render: {errors:?}"
    );
});

fn replace(files: &mut [SourceFile], path: &str, text: String) {
    let file = files
        .iter_mut()
        .find(|f| f.path == Path::new(path))
        .expect("the bundled site has the file");
    *file = SourceFile::new(path, text);
}
