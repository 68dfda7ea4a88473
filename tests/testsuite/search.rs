//! The search index: built with the site, small, and consistent with the search page.

use std::collections::BTreeMap;

use crate::support::*;

fn built() -> (SiteCopy, BTreeMap<String, Vec<u8>>) {
    let site = SiteCopy::bundled();
    let run = site.build();
    assert_eq!(run.status, 0, "build failed:\n{}", run.stderr);
    let files = snapshot(&site.path("dist"));
    (site, files)
}

#[test]
fn index_files_and_search_page_are_built() {
    let (_site, files) = built();
    for path in [
        "search.html",
        "static/search.js",
        "search/index.js",
        "search/s0.js",
        "search/d0.js",
        "search/t.js",
        "search/w.js",
    ] {
        assert!(files.contains_key(path), "{path} missing from dist/");
    }
    let index = String::from_utf8(files["search/index.js"].clone()).unwrap();
    assert!(index.starts_with("hoshinSearch.init({"), "{index}");
    assert!(index.contains(r#""docs":19"#), "{index}");
    let page = String::from_utf8(files["search.html"].clone()).unwrap();
    assert!(page.contains("<noscript>"), "{page}");
    assert!(page.contains(r#"href="topics/index.html">テーマ別索引</a>"#));
    assert!(page.contains(r#"aria-live="polite""#));
}

#[test]
fn every_page_has_a_labelled_search_box() {
    let (_site, files) = built();
    let form = scraper::Selector::parse(r#"header form[role="search"]"#).unwrap();
    let label = scraper::Selector::parse(r#"label[for="site-search-q"]"#).unwrap();
    let input = scraper::Selector::parse(r#"input#site-search-q[name="q"]"#).unwrap();
    for (path, bytes) in &files {
        // Print documents (print.html, print/topics/<id>.html) have no site chrome.
        if !path.ends_with(".html") || path == "print.html" || path.starts_with("print/") {
            continue;
        }
        let doc = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let f = doc
            .select(&form)
            .next()
            .unwrap_or_else(|| panic!("{path}: no search form"));
        let action = f.value().attr("action").unwrap();
        assert!(action.ends_with("search.html"), "{path}: {action}");
        let depth = path.matches('/').count();
        assert_eq!(
            action,
            format!("{}search.html", "../".repeat(depth)),
            "{path}"
        );
        assert!(doc.select(&label).next().is_some(), "{path}: no label");
        assert!(doc.select(&input).next().is_some(), "{path}: no input");
    }
}

#[test]
fn bundled_index_is_at_most_three_times_the_text() {
    let (_site, files) = built();
    // The searchable text: captions, bodies and テーマ names of the directives, as
    // policy.json gives them.
    let policy: serde_json::Value = serde_json::from_slice(&files["policy.json"]).unwrap();
    let themes: BTreeMap<&str, &str> = policy["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["name"].as_str().unwrap()))
        .collect();
    let text: usize = policy["directives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["title"].as_str().unwrap().len()
                + d["text"].as_str().unwrap().len()
                + d["themes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| themes[t.as_str().unwrap()].len())
                    .sum::<usize>()
        })
        .sum();
    let index: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with("search/"))
        .map(|(_, b)| b.len())
        .sum();
    eprintln!("searchable text {text} bytes, index {index} bytes");
    assert!(
        index <= 3 * text,
        "index {index} bytes is more than 3 × the text ({text} bytes)"
    );
}
