//! Arbitrary bytes as the path of a request to the preview server (`hoshin serve`): as
//! they are (when UTF-8) and as the path of the request target the HTTP server parses from
//! them, mapped by `serve::route`, which is all the server does with a path. Must never
//! panic, and:
//! - `site_path` gives a relative path of plain segments (no `.`/`..`, no empty segment,
//!   no backslash, NUL or control character, nothing absolute), so the file it names is
//!   inside the output root, whatever the percent-encoding;
//! - a file served is one of the site's, under that key;
//! - a redirect is a path on the same server (one leading `/`, never `//` or `/\`), a
//!   valid header value, and leads to the index page of a folder of the site.

#![no_main]

use std::path::{Component, Path};

use hoshin::serve::{Route, content_type, route, site_path};
use libfuzzer_sys::fuzz_target;

/// Keys of a built site: pages, folders with an index page, static files, and names that
/// look like traversal once decoded.
const FILES: &[&str] = &[
    "index.html",
    "404.html",
    "search.html",
    "topics/index.html",
    "topics/digital.html",
    "directives/1-2.html",
    "plans/index.html",
    "print/topics/digital.html",
    "static/style.css",
    "search/s0.js",
    "テーマ/index.html",
    "a b/index.html",
    "%2e%2e/index.html",
    "x/%2F/index.html",
];

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = std::str::from_utf8(data) {
        check(raw);
    }
    if let Ok(uri) = http::Uri::try_from(data) {
        check(uri.path());
    }
});

fn check(raw: &str) {
    let key = site_path(raw);
    if let Some(key) = &key {
        check_key(raw, key);
    }
    match route(raw, |k| FILES.contains(&k)) {
        Route::File(file) => {
            assert!(FILES.contains(&file.as_str()), "{raw:?} → {file:?}");
            assert_eq!(key.as_deref(), Some(file.as_str()), "{raw:?}");
        }
        Route::Redirect(location) => {
            let folder = key.expect("a redirect for a plain path");
            assert!(
                location.starts_with('/') && !location[1..].starts_with(['/', '\\']),
                "{raw:?} → Location {location:?} leaves the server"
            );
            assert!(
                http::HeaderValue::from_str(&location).is_ok(),
                "{raw:?} → Location {location:?} is no header value"
            );
            assert!(
                !location.contains(['?', '#']),
                "{raw:?} → Location {location:?}"
            );
            let target = format!("{folder}/index.html");
            assert!(FILES.contains(&target.as_str()), "{raw:?} → {location:?}");
            assert_eq!(
                site_path(&location).as_deref(),
                Some(target.as_str()),
                "{raw:?} → Location {location:?}"
            );
        }
        Route::NotFound => {
            let key = key.expect("not found for a plain path");
            assert!(!FILES.contains(&key.as_str()), "{raw:?}");
        }
        Route::BadRequest => assert_eq!(key, None, "{raw:?}"),
    }
}

fn check_key(raw: &str, key: &str) {
    let _ = content_type(key);
    assert!(!key.is_empty(), "{raw:?} → empty key");
    assert!(!key.starts_with('/'), "{raw:?} → {key:?}");
    assert!(!key.contains(['\0', '\\']), "{raw:?} → {key:?}");
    for segment in key.split('/') {
        assert!(!segment.is_empty(), "{raw:?} → {key:?}: empty segment");
        assert!(segment != "." && segment != "..", "{raw:?} → {key:?}");
        assert!(!segment.chars().any(char::is_control), "{raw:?} → {key:?}");
    }
    let root = Path::new("/srv/site");
    let joined = root.join(key);
    assert!(joined.starts_with(root), "{raw:?} → {key:?}");
    assert!(
        Path::new(key)
            .components()
            .all(|c| matches!(c, Component::Normal(_))),
        "{raw:?} → {key:?}"
    );
    assert_eq!(
        joined.components().count(),
        root.components().count() + key.split('/').count(),
        "{raw:?} → {key:?}: a segment vanished or split"
    );
}
