//! A generated corpus (examples/gen_corpus.rs) builds without errors and every internal
//! link resolves. The benchmark's corpus at a small size: checked for correctness here,
//! never timed.

use crate::support::*;

#[allow(dead_code, private_interfaces)]
#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

const N: usize = 60;

#[test]
fn generated_corpus_builds_and_every_link_resolves() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    gen_corpus::run(N, &site, 20260401).expect("generate corpus");

    let check = run(&["check", "--root", site.to_str().unwrap()], tmp.path());
    assert_eq!(check.status, 0, "check failed:\n{}", check.stderr);
    assert!(
        check.stderr.contains(&format!("{N} directives")),
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);

    let files = build(&site, tmp.path());
    let directives = files
        .keys()
        .filter(|p| p.starts_with("directives/") && p.ends_with(".html"))
        .count();
    assert_eq!(directives, N);
    for page in [
        "index.html",
        "topics/index.html",
        "plans/index.html",
        "policy.json",
    ] {
        assert!(files.contains_key(page), "{page} missing");
    }
    let (checked, broken) = check_internal_links(&files);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(checked > 20 * N, "only {checked} links checked");
}

/// Builds `site` into `work/dist` with the hoshin binary; the files built.
fn build(
    site: &std::path::Path,
    work: &std::path::Path,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = work.join("dist");
    let args = [
        "build",
        "--root",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let build = run(&args, work);
    assert_eq!(build.status, 0, "build failed:\n{}", build.stderr);
    snapshot(&out)
}

/// The ids a page's chapter navigation links to, in order, with the one marked as the
/// current page, and the navigation's text.
fn chapter_nav(html: &str) -> (Vec<String>, Vec<String>, String) {
    let start = html
        .find(r#"<nav class="chapter-nav""#)
        .expect("a chapter navigation");
    let nav = &html[start..start + html[start..].find("</nav>").expect("nav closed")];
    let mut ids = Vec::new();
    let mut current = Vec::new();
    for link in nav.split("<a href=\"").skip(1) {
        let href = &link[..link.find('"').unwrap()];
        if let Some(id) = href
            .strip_prefix("../directives/")
            .and_then(|h| h.strip_suffix(".html"))
        {
            ids.push(id.to_string());
            if link[..link.find('>').unwrap()].contains(r#"aria-current="page""#) {
                current.push(id.to_string());
            }
        }
    }
    (ids, current, html_text(nav))
}

fn ids(chapter: u32, numbers: std::ops::RangeInclusive<u32>) -> Vec<String> {
    numbers.map(|m| format!("{chapter}-{m}")).collect()
}

/// A chapter longer than the navigation's limit (the corpus's first, 50 directives) shows
/// 15 around the page, stopping at the chapter's edges, says which, and links to the
/// chapter page, which lists them all; a shorter chapter (the second, 10) is listed whole.
#[test]
fn chapter_navigation_of_a_long_chapter_is_a_window_around_the_page() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    gen_corpus::run(N, &site, 20260401).expect("generate corpus");
    let files = build(&site, tmp.path());

    for (id, shown, first, last) in [
        ("1-1", 1..=15, "(1)", "(15)"),
        ("1-8", 1..=15, "(1)", "(15)"),
        ("1-9", 2..=16, "(2)", "(16)"),
        ("1-25", 18..=32, "(18)", "(32)"),
        ("1-43", 36..=50, "(36)", "(50)"),
        ("1-50", 36..=50, "(36)", "(50)"),
    ] {
        let html = page(&files, &format!("directives/{id}.html"));
        let (listed, current, text) = chapter_nav(&html);
        assert_eq!(listed, ids(1, shown), "navigation of {id}");
        assert_eq!(current, [id], "current page in the navigation of {id}");
        assert!(
            text.contains(&format!("全50件のうち{first}〜{last}を表示")),
            "{id}: {text}"
        );
        assert!(
            html.contains(r#"<a href="../chapters/1.html">この章の方針をすべて見る（50件）</a>"#),
            "{id} links to the whole chapter"
        );
    }
    for id in ["2-1", "2-10"] {
        let html = page(&files, &format!("directives/{id}.html"));
        let (listed, current, text) = chapter_nav(&html);
        assert_eq!(listed, ids(2, 1..=10), "navigation of {id}");
        assert_eq!(current, [id]);
        assert!(!text.contains("件のうち"), "{id}: {text}");
        assert!(!html.contains("この章の方針をすべて見る"), "{id}");
    }
    let chapter = page(&files, "chapters/1.html");
    for id in ids(1, 1..=50) {
        assert!(
            chapter.contains(&format!(r#"href="../directives/{id}.html""#)),
            "chapter page lists {id}"
        );
    }
}
