//! The bundled policy builds into a complete, cross-linked site.

use std::collections::BTreeMap;
use std::path::Path;

use scraper::{Html, Selector};

use crate::support::*;

fn built() -> (SiteCopy, BTreeMap<String, Vec<u8>>) {
    let site = SiteCopy::bundled();
    let files = site.built_files();
    (site, files)
}

#[test]
fn bundled_site_has_every_page() {
    let (_site, files) = built();
    let mut expected = vec![
        "index.html".to_string(),
        "topics/index.html".into(),
        "plans/index.html".into(),
        "policy.json".into(),
        "404.html".into(),
        "static/style.css".into(),
    ];
    expected.extend((1..=4).map(|c| format!("chapters/{c}.html")));
    for (c, n) in [(1, 3), (2, 3), (3, 10), (4, 3)] {
        expected.extend((1..=n).map(|m| format!("directives/{c}-{m}.html")));
    }
    for topic in [
        "digital",
        "bpr",
        "privacy",
        "hr",
        "workstyle",
        "crisis",
        "community",
        "facilities",
        "finance",
    ] {
        expected.push(format!("topics/{topic}.html"));
    }
    for plan in [
        "shisei-hoshin-r8",
        "shisei-unei-r8",
        "sogo-vision-2",
        "vision-zenki",
        "digital-plan-2",
        "bpr-project-2",
        "jinzai-hoshin-3",
        "jinzai-plan",
        "harassment-guideline",
    ] {
        expected.push(format!("plans/{plan}.html"));
    }
    for path in &expected {
        assert!(files.contains_key(path), "{path} missing from dist/");
    }
    let directives = files
        .keys()
        .filter(|p| p.starts_with("directives/"))
        .count();
    assert_eq!(directives, 19);
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let (_site, files) = built();
    let (checked, broken) = check_internal_links(&files);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn every_seed_sentence_appears_in_the_site() {
    let (_site, files) = built();
    let text: String = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| squash(&html_text(std::str::from_utf8(b).unwrap())))
        .collect::<Vec<_>>()
        .join("\n");
    let sentences = seed_sentences();
    assert!(
        sentences.len() > 40,
        "seed parsed into {} sentences",
        sentences.len()
    );
    let missing: Vec<&String> = sentences
        .iter()
        .filter(|s| !text.contains(&squash(s)))
        .collect();
    assert!(
        missing.is_empty(),
        "sentences missing from the site: {missing:#?}"
    );
    assert!(
        !text.contains("まち の活性化"),
        "a soft break became a space"
    );
}

#[test]
fn directive_page_shows_citation_topics_plans_and_related_both_ways() {
    let (_site, files) = built();
    let p22 = page(&files, "directives/2-2.html");
    assert!(p22.contains("令和8年度市民部の運営方針 2(2)"), "citation");
    // Declared only in 1-2's front matter, shown on 2-2 too.
    assert!(
        p22.contains(r#"href="../directives/1-2.html""#),
        "backlink from 1-2"
    );
    // The plan named in the text links to its page.
    assert!(p22.contains(r#"<a class="plan-mention" href="../plans/digital-plan-2.html">第2次国分寺市行政デジタル化推進計画</a>"#));
    assert!(p22.contains(r#"href="../topics/digital.html""#));
    let p12 = page(&files, "directives/1-2.html");
    assert!(
        p12.contains(r#"id="1-2-1""#) && p12.contains(r#"id="1-2-2""#),
        "sub-item anchors"
    );
    assert!(p12.contains(r#"href="../directives/1-1.html" rel="prev""#));
    assert!(p12.contains(r#"href="../directives/1-3.html" rel="next""#));
    let plan = page(&files, "plans/digital-plan-2.html");
    for d in ["1-2", "2-2"] {
        assert!(
            plan.contains(&format!("../directives/{d}.html")),
            "plan page lists {d}"
        );
    }
    let home = page(&files, "index.html");
    assert!(home.contains("令和8年4月1日") && home.contains("2026-04-01"));
    assert!(
        home.contains("directives/1-2.html#1-2-2"),
        "home TOC goes down to sub-items"
    );
}

#[test]
fn topics_index_counts_match_policy_json() {
    let (_site, files) = built();
    let json: serde_json::Value = serde_json::from_slice(&files["policy.json"]).unwrap();
    assert_eq!(json["title"], "令和8年度市民部の運営方針");
    assert_eq!(json["issued"], "2026-04-01");
    assert_eq!(json["directives"].as_array().unwrap().len(), 19);
    let d12 = &json["directives"][1];
    assert_eq!(d12["id"], "1-2");
    assert_eq!(d12["citation"], "1(2)");
    assert_eq!(d12["sub_items"][0]["anchor"], "1-2-1");
    let topics_page = page(&files, "topics/index.html");
    for t in json["themes"].as_array().unwrap() {
        let count = t["directives"].as_array().unwrap().len();
        let name = t["name"].as_str().unwrap();
        assert!(
            topics_page.contains(&format!("{name}<span class=\"count\">（{count}件）</span>")),
            "テーマ {name} with count {count} on the index"
        );
    }
}

#[test]
fn output_is_deterministic_and_has_no_script_but_the_themes() {
    let (site, first) = built();
    assert_eq!(site.build().status, 0);
    let second = snapshot(&site.path("dist"));
    assert_eq!(first, second, "two builds differ");
    let script = Selector::parse("script").unwrap();
    for (path, bytes) in &first {
        if path.ends_with(".html") {
            let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
            for s in doc.select(&script) {
                let src = s.value().attr("src").unwrap_or("");
                assert!(
                    src.ends_with("static/site.js")
                        || (path == "search.html"
                            && ["static/search.js", "search/index.js"].contains(&src)),
                    "{path}: unexpected script {:?}",
                    s.html()
                );
            }
        }
    }
}

#[test]
fn check_writes_nothing() {
    let site = SiteCopy::bundled();
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("19 directives"), "{}", run.stderr);
    assert!(!site.path("dist").exists());
    assert!(!Path::new(&site.path(".dist.hoshin-lock")).exists());
}

#[test]
fn a_site_template_override_replaces_one_template() {
    let site = SiteCopy::bundled();
    let theme_404 = site.read("themes/default/templates/404.html");
    site.write(
        "templates/404.html",
        &theme_404.replace(
            "ページが見つかりません</h1>",
            "ページが見つかりません（上書き）</h1>",
        ),
    );
    assert_eq!(site.build().status, 0);
    assert!(site.read("dist/404.html").contains("（上書き）"));
    assert!(!site.read("dist/index.html").contains("（上書き）"));
}

#[test]
fn bundled_site_builds_without_a_themes_folder() {
    let site = SiteCopy::bundled();
    std::fs::remove_dir_all(site.path("themes")).unwrap();
    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(site.path("dist/static/style.css").exists());
}

#[test]
fn accessibility_statement_comes_from_the_site_config() {
    let site = SiteCopy::bundled();
    site.edit("hoshin.yaml", "tested: 2026-11-25", "tested: 2027-01-15");
    assert_eq!(site.build().status, 0);
    let page = site.read("dist/accessibility.html");
    assert!(
        page.contains("JIS X 8341-3:2016の適合レベルAAに準拠することを目標とします"),
        "{page}"
    );
    assert!(
        page.contains(r#"<time datetime="2027-01-15">令和9年1月15日</time>"#),
        "{page}"
    );
    assert!(page.contains("axe-core"));
    assert!(
        site.read("dist/index.html")
            .contains(r#"href="accessibility.html""#),
        "linked from every page"
    );
    site.edit("hoshin.yaml", "tested: 2027-01-15", "tested: 2027-13-01");
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("hoshin.yaml:7:11: error: '2027-13-01' is not a real calendar date"),
        "{}",
        run.stderr
    );
}

/// A rebuild links the files whose bytes did not change from the previous output
/// (same inode, nothing written) and writes the others anew; either way the output
/// equals a clean build's.
#[test]
fn rebuild_links_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = SiteCopy::bundled();
    assert_eq!(site.build().status, 0);
    let inode = |rel: &str| {
        std::fs::metadata(site.path("dist").join(rel))
            .unwrap()
            .ino()
    };
    let before = (
        inode("index.html"),
        inode("directives/1-1.html"),
        inode("plans/index.html"),
    );
    assert_eq!(site.build().status, 0);
    assert_eq!(
        inode("index.html"),
        before.0,
        "unchanged home page was rewritten"
    );
    assert_eq!(inode("directives/1-1.html"), before.1);
    let text = site.read("content/1/1-1.md");
    let body_end = text.trim_end().len();
    let mut edited = text.clone();
    edited.insert_str(body_end, "\n\n追記した一文である。");
    site.write("content/1/1-1.md", &edited);
    assert_eq!(site.build().status, 0);
    assert_ne!(
        inode("directives/1-1.html"),
        before.1,
        "changed page was not written"
    );
    assert_eq!(inode("plans/index.html"), before.2);
    let incremental = snapshot(&site.path("dist"));
    assert!(
        String::from_utf8_lossy(&incremental["directives/1-1.html"])
            .contains("追記した一文である。")
    );
    let clean = site.run(&["build", "--out", site.path("clean").to_str().unwrap()]);
    assert_eq!(clean.status, 0, "{}", clean.stderr);
    assert_eq!(incremental, snapshot(&site.path("clean")));
}
