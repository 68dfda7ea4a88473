//! `hoshin import`: the seed notice (as text, Shift_JIS, UTF-16 and .docx) into a site.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::docx_fixture::{Numbering, seed_docx};
use crate::support::*;

/// Imports `file` into `<tmp>/site`; the run and the site folder.
fn import(file: &Path, tmp: &Path) -> (Run, std::path::PathBuf) {
    let into = tmp.join("site");
    let run = run(
        &[
            "import",
            file.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
        ],
        tmp,
    );
    (run, into)
}

/// The Markdown body (after the front matter) of a source file.
fn body(text: &str) -> String {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    rest[end + 5..].trim().to_string()
}

/// The content/ folder's files, by path under it.
fn content(site: &Path) -> BTreeMap<String, String> {
    (snapshot(&site.join("content")).into_iter())
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn seed() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/seed/policy-r8.txt")
}

#[test]
fn the_seed_imports_into_a_site_that_builds_with_the_bundled_bodies_and_every_sentence_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (imported_run, site) = import(&seed(), tmp.path());
    assert_eq!(imported_run.status, 0, "{}", imported_run.stderr);
    for line in ["chapters: 4", "directives: 19", "sub-items: 6", "plans: 9"] {
        assert!(
            imported_run.stdout.contains(line),
            "report lacks {line}:\n{}",
            imported_run.stdout
        );
    }
    let imported = content(&site);
    let bundled = content(&repo_root());
    let directives: Vec<&String> = (bundled.keys())
        .filter(|p| p.ends_with(".md") && !p.ends_with("_index.md"))
        .collect();
    assert_eq!(directives.len(), 19);
    for path in &directives {
        let got = imported.get(*path).unwrap_or_else(|| panic!("no {path}"));
        assert_eq!(body(got), body(&bundled[*path]), "body of {path}");
        assert!(
            got.contains("draft: true"),
            "{path} is marked for the editor"
        );
    }
    assert_eq!(
        body(&imported["_index.md"]),
        body(&bundled["_index.md"]),
        "preamble"
    );
    let notice = &imported["_index.md"];
    for field in [
        "title: 令和8年度市民部の運営方針",
        "fiscal_year: 2026",
        "issued: 2026-04-01",
        "issuer: 市民部長 玉井理加",
        "addressee: 市民部管理職 各位",
        "date: 2026-02-20",
        "date: 2026-03-19",
    ] {
        assert!(notice.contains(field), "notice lacks {field}:\n{notice}");
    }
    // Chapters and headings: the seed's, in its order.
    assert!(imported["3/_index.md"].contains("title: 適正な事務執行の確保に向けた対応"));
    assert!(
        imported["1/1-3.md"].contains("title: 旧庁舎用地利活用事業を通じた庁内連携と市民の参画")
    );
    assert!(imported["1/1-3.md"].contains("editorial_title: false"));
    assert!(imported["3/3-10.md"].contains("editorial_title: true"));
    assert!(imported["plans.yaml"].contains("name: 国分寺市人材育成基本方針(第3期)"));

    // Every sentence of the seed in exactly one file (sentences are never split over lines).
    let report = fs::read_to_string(site.join("import-report.txt")).unwrap();
    let mut all: Vec<String> = imported.values().cloned().collect();
    all.push(fs::read_to_string(site.join("hoshin.yaml")).unwrap());
    all.push(report);
    for sentence in seed_sentences().iter().filter(|s| s.ends_with('。')) {
        let files = all.iter().filter(|t| t.contains(sentence.as_str())).count();
        let times: usize = all
            .iter()
            .map(|t| t.matches(sentence.as_str()).count())
            .sum();
        assert_eq!((files, times), (1, 1), "{sentence}");
    }

    let build = run(&["build", "--root", site.to_str().unwrap()], tmp.path());
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(build.stderr.contains("19 directives"), "{}", build.stderr);
    let check = run(&["check", "--root", site.to_str().unwrap()], tmp.path());
    assert_eq!(check.status, 0, "{}", check.stderr);
    assert_eq!(
        check.stderr.matches("imported, not yet confirmed").count(),
        28,
        "19 directives and 9 plans to confirm:\n{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("content/3/3-10.md:"),
        "{}",
        check.stderr
    );
}

#[test]
fn shift_jis_and_utf16_text_import_as_utf8_does() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(seed()).unwrap();
    let (utf8, site) = import(&seed(), tmp.path());
    assert_eq!(utf8.status, 0, "{}", utf8.stderr);
    let expected = content(&site);
    let sjis = encoding_rs::SHIFT_JIS.encode(&text).0.into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [("sjis.txt", sjis), ("utf16.txt", utf16)] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap();
        let (imported_run, site) = import(&file, dir.path());
        assert_eq!(imported_run.status, 0, "{name}: {}", imported_run.stderr);
        assert_eq!(content(&site), expected, "{name}");
    }
}

#[test]
fn the_seed_as_word_documents_typed_or_automatically_numbered_gives_the_same_content() {
    let tmp = tempfile::tempdir().unwrap();
    let (imported_run, site) = import(&seed(), tmp.path());
    assert_eq!(imported_run.status, 0, "{}", imported_run.stderr);
    let expected = content(&site);
    for (name, numbering) in [
        ("typed.docx", Numbering::Typed),
        ("word.docx", Numbering::Word),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        fs::write(&file, seed_docx(numbering)).unwrap();
        let (imported_run, site) = import(&file, dir.path());
        assert_eq!(imported_run.status, 0, "{name}: {}", imported_run.stderr);
        assert_eq!(content(&site), expected, "{name}");
    }
}

#[test]
fn four_levels_of_numbering_import_with_the_fourth_as_a_list_inside_its_sub_item() {
    let tmp = tempfile::tempdir().unwrap();
    let notice = "令和９年４月１日\n\n市民部管理職　各位\n\n市民部長\n\n令和９年度市民部の運営方針\n\n\
以下のとおり市民部の運営方針を策定した。各所属長は、本運営方針について理解を深められたい。\n\n\
第１　窓口サービスの向上\n\n\
１　待ち時間の短縮\n\n\
（１）予約制を広げること。\n\n\
ア　オンライン予約を案内すること。\n\n\
イ　電話予約を続けること。\n\n\
（２）混雑状況を知らせること。\n\n\
２　案内の改善\n\n\
（１）表示を見直すこと。\n\n\
第２　職員の育成\n\n\
１　研修を計画的に行うこと。\n";
    let file = tmp.path().join("notice.txt");
    fs::write(&file, notice).unwrap();
    let (imported_run, site) = import(&file, tmp.path());
    assert_eq!(imported_run.status, 0, "{}", imported_run.stderr);
    let c = content(&site);
    let keys: Vec<&str> = c.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "1/1-1.md",
            "1/1-2.md",
            "1/_index.md",
            "2/2-1.md",
            "2/_index.md",
            "_index.md",
            "plans.yaml",
            "topics.yaml"
        ]
    );
    assert!(c["1/_index.md"].contains("title: 窓口サービスの向上"));
    assert!(c["1/1-1.md"].contains("title: 待ち時間の短縮"));
    assert_eq!(
        body(&c["1/1-1.md"]),
        "①予約制を広げること。\n\n- ア オンライン予約を案内すること。\n\n- イ 電話予約を続けること。\n\n②混雑状況を知らせること。"
    );
    assert!(
        c["_index.md"].contains("fiscal_year: 2027"),
        "{}",
        c["_index.md"]
    );
    assert!(c["_index.md"].contains("issued: 2027-04-01"));
    assert!(
        imported_run.stdout.contains("sub-items: 3"),
        "{}",
        imported_run.stdout
    );
    let build = run(&["build", "--root", site.to_str().unwrap()], tmp.path());
    assert_eq!(build.status, 0, "{}", build.stderr);
    let page = fs::read_to_string(site.join("dist/directives/1-1.html")).unwrap();
    assert!(page.contains("オンライン予約を案内すること。"));
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("site");
    fs::create_dir(&into).unwrap();
    fs::write(into.join("keep.txt"), "mine").unwrap();
    let (imported_run, _) = import(&seed(), tmp.path());
    assert_eq!(imported_run.status, 1);
    assert!(
        imported_run.stderr.contains("is not empty"),
        "{}",
        imported_run.stderr
    );
    assert_eq!(
        snapshot(tmp.path()).len(),
        1,
        "nothing written beside it either"
    );
    let missing = run(&["import", "missing.txt", "--into", "other"], tmp.path());
    assert_eq!(missing.status, 1, "a missing file is an error");
    assert!(missing.stderr.contains("missing.txt"), "{}", missing.stderr);
    assert!(!tmp.path().join("other").exists());
}

#[test]
fn next_years_document_imports_as_the_next_edition_keeping_ids_so_the_table_shows_only_the_edits() {
    let site = SiteCopy::bundled();
    let seed = fs::read_to_string(seed()).unwrap();
    let next = seed
        .replace("令和8年4月1日", "令和9年4月1日")
        .replace(
            "### 令和8年度市民部の運営方針",
            "### 令和9年度市民部の運営方針",
        )
        .replace("適正な手続と事業運営", "適正かつ迅速な手続と事業運営")
        .replace(
            "(10) 日常的に整理整頓を心掛け、安全で快適な執務環境を保持すること。\n",
            "",
        )
        + "\n(4) 窓口の案内をわかりやすくすること。\n";
    let file = site.path("r9.txt");
    fs::write(&file, next).unwrap();
    let old_content = snapshot(&site.path("content"));
    let into = site.root().to_str().unwrap();
    let imported = run(
        &["import", file.to_str().unwrap(), "--into", into],
        site.root(),
    );
    assert_eq!(imported.status, 0, "{}", imported.stderr);
    assert!(
        imported.stdout.contains("continued: 18"),
        "{}",
        imported.stdout
    );
    assert!(
        imported.stdout.contains("removed: 3-10"),
        "{}",
        imported.stdout
    );
    assert_eq!(
        snapshot(&site.path("editions/2026/content")),
        old_content,
        "last year archived as it was"
    );
    let config = site.read("hoshin.yaml");
    assert!(config.contains("editions:\n  - editions/2026"), "{config}");
    assert!(!config.contains("令和8年度"), "{config}");

    // Continued directives keep their id, テーマ and caption; the new one is a draft.
    let changed = site.read("content/3/3-2.md");
    assert!(
        changed.contains("id: 3-2")
            && changed.contains("- privacy")
            && changed.contains("draft: false"),
        "{changed}"
    );
    assert!(
        changed.contains("title: 法令遵守と個人情報の適切な管理"),
        "{changed}"
    );
    let added = site.read("content/4/4-4.md");
    assert!(
        added.contains("id: 4-4") && added.contains("draft: true"),
        "{added}"
    );
    assert!(!site.path("content/3/3-10.md").exists());

    let built = site.build();
    assert_eq!(built.status, 0, "{}", built.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("dist/compare/2026-2027.json")).unwrap();
    let summary = &json["summary"];
    assert_eq!(
        (
            &summary["changed"],
            &summary["added"],
            &summary["removed"],
            &summary["chapters_changed"],
            &summary["preamble_changed"]
        ),
        (&1.into(), &1.into(), &1.into(), &0.into(), &0.into()),
        "{summary}"
    );

    // A document that is not newer is refused, and nothing changes.
    let before = snapshot(site.root());
    let again = run(
        &["import", file.to_str().unwrap(), "--into", into],
        site.root(),
    );
    assert_eq!(again.status, 1);
    assert!(
        again.stderr.contains("not newer than the site's 2027"),
        "{}",
        again.stderr
    );
    assert_eq!(snapshot(site.root()), before);
}
