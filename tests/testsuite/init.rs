//! `hoshin init`: the starter site compiled into the binary, written into a new folder and
//! built outside the repository (no themes/ folder: the built-in theme).

use std::fs;
use std::path::Path;

use crate::support::*;

/// `hoshin <args>` run in `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run(args, cwd)
}

/// The `href`s of the links inside the element `selector` of `html`.
fn links_in(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let within = scraper::Selector::parse(selector).unwrap();
    let a = scraper::Selector::parse("a[href]").unwrap();
    (doc.select(&within))
        .flat_map(|e| {
            e.select(&a)
                .map(|l| l.value().attr("href").unwrap().to_string())
        })
        .collect()
}

/// The text of the elements `selector` of `html`.
fn text_in(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let within = scraper::Selector::parse(selector).unwrap();
    doc.select(&within).flat_map(|e| e.text()).collect()
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean_with_the_binary_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap(); // the current folder: not the repository
    let site = tmp.path().join("site");
    let site_arg = site.to_str().unwrap();

    let init = run_in(elsewhere.path(), &["init", site_arg]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    assert!(
        init.stderr.starts_with("made a new site for fiscal year "),
        "{}",
        init.stderr
    );
    for line in [
        "  hoshin.yaml",
        "  .gitignore",
        "  content/_index.md",
        "  content/topics.yaml",
        "  content/plans.yaml",
        "  content/1/_index.md",
        "  content/1/1-1.md",
        "  content/1/1-2.md",
    ] {
        assert!(
            init.stderr.lines().any(|l| l == line),
            "no {line:?}:\n{}",
            init.stderr
        );
    }
    assert!(
        init.stderr
            .contains(&format!("`hoshin serve --root {site_arg}`")),
        "{}",
        init.stderr
    );
    assert!(
        init.stderr
            .contains(&format!("`hoshin build --root {site_arg}`")),
        "{}",
        init.stderr
    );
    assert!(
        !site.join("themes").exists(),
        "the theme stays in the binary"
    );
    assert!(
        fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .lines()
            .any(|l| l == "dist/")
    );
    assert!(
        snapshot(elsewhere.path()).is_empty(),
        "nothing written where it ran"
    );
    let beside: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "nothing left beside the site");

    let check = run_in(elsewhere.path(), &["check", "--root", site_arg]);
    assert_eq!(check.status, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("ok: 2 directives in 1 chapters, 3 テーマ, 2 plans; no errors"),
        "{}",
        check.stderr
    );

    let build = run_in(elsewhere.path(), &["build", "--root", site_arg]);
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    let files = snapshot(&site.join("dist"));
    let index = page(&files, "index.html");
    let title = html_text(&index);
    assert!(title.contains("年度○○部の運営方針"), "{title}");
    assert!(title.contains("○○部長 ○○ ○○"), "{title}");
    let one = page(&files, "directives/1-1.html");
    let two = page(&files, "directives/1-2.html");
    assert!(html_text(&one).contains("行政手続のオンライン化"));
    assert!(html_text(&two).contains("事務事業の見直しによる業務の効率化"));
    // Each directive's text links to the other (1-2 to 1-1's first sub-item), and each page
    // shows the other as linking to it.
    assert!(
        links_in(&one, ".policy-text")
            .iter()
            .any(|h| resolve_href("directives/1-1.html", h).0 == "directives/1-2.html"),
        "1-1 does not link to 1-2"
    );
    assert!(
        links_in(&two, ".policy-text")
            .iter()
            .any(|h| resolve_href("directives/1-2.html", h)
                == ("directives/1-1.html".to_string(), Some("1-1-1".to_string()))),
        "1-2 does not link to 1-1-1"
    );
    for (page, other) in [(&one, "1-2"), (&two, "1-1")] {
        let text = text_in(page, "section.facets");
        let linked_from = text.split("この方針を本文で参照している方針").nth(1);
        assert!(
            linked_from.is_some_and(|l| l.contains(&format!("1({})", &other[2..]))),
            "{other} is not shown as linking here:\n{text}"
        );
    }
    let digital = page(&files, "topics/digital.html");
    assert!(html_text(&digital).contains("デジタル化・DX"));
    assert!(
        links_in(&digital, "main")
            .iter()
            .any(|h| resolve_href("topics/digital.html", h).0 == "directives/1-1.html"),
        "the テーマ page lists 1-1"
    );
    let plan = page(&files, "plans/dx-plan.html");
    assert!(html_text(&plan).contains("○○市行政デジタル化推進計画"));
    assert!(files.contains_key("plans/shisei-hoshin.html"));
    assert!(
        files.contains_key("static/style.css"),
        "the built-in theme's files"
    );
    let (checked, broken) = check_internal_links(&files);
    assert!(checked > 50, "{checked} links checked");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn init_without_a_folder_writes_into_the_current_one_when_it_is_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let init = run_in(tmp.path(), &["init"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    assert!(
        init.stderr.contains("`hoshin serve --root .`"),
        "{}",
        init.stderr
    );
    let mut names: Vec<String> = (fs::read_dir(tmp.path()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".gitignore", "content", "hoshin.yaml"],
        "no staging left"
    );
    let build = run_in(tmp.path(), &["build"]);
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(build.stderr.contains("(2 directives)"), "{}", build.stderr);
}

#[test]
fn init_makes_missing_parent_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let init = run_in(tmp.path(), &["init", "sites/r8 site"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    assert!(
        init.stderr
            .contains("`hoshin build --root \"sites/r8 site\"`"),
        "a folder with a space is quoted in the next command:\n{}",
        init.stderr
    );
    assert!(tmp.path().join("sites/r8 site/content/1/1-2.md").is_file());
    let siblings: Vec<_> = fs::read_dir(tmp.path().join("sites")).unwrap().collect();
    assert_eq!(siblings.len(), 1, "nothing left beside the site");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("keep.txt"), "mine").unwrap();
    let before = snapshot(tmp.path());
    let init = run_in(tmp.path(), &["init", "site"]);
    assert_eq!(init.status, 1, "{}", init.stderr);
    assert_eq!(
        init.stderr.trim_end(),
        "error: site is not empty: init makes a new site in a folder that does not exist or is empty; name a new folder (e.g. `hoshin init r8-site`)"
    );
    assert_eq!(snapshot(tmp.path()), before, "nothing written or removed");
    let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing left beside it either");

    // The current folder, not empty: the same.
    let here = run_in(&dir, &["init"]);
    assert_eq!(here.status, 1, "{}", here.stderr);
    assert!(here.stderr.contains(". is not empty"), "{}", here.stderr);
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn init_speaks_japanese_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let init = run_in(tmp.path(), &["--lang", "ja", "init", "site"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    let lines: Vec<&str> = init.stderr.lines().collect();
    assert!(
        lines[0].starts_with("site に新しいサイト（令和")
            && lines[0].ends_with("年度の運営方針の見本）を作りました。作ったファイル:"),
        "{}",
        init.stderr
    );
    assert!(
        init.stderr.contains(
            "このサイトは見本です。「○○」の箇所と見本の文章を、部の実際の運営方針に書き換えてください。"
        ),
        "{}",
        init.stderr
    );
    assert!(
        init.stderr.contains("次に `hoshin serve --root site` を実行すると、サイトをブラウザーで確かめながら編集できます"),
        "{}",
        init.stderr
    );
    let help = run_in(tmp.path(), &["init", "--help", "--lang", "ja"]);
    assert_eq!(help.status, 0, "{}", help.stderr);
    for line in [
        "見本の運営方針が入った新しいサイトのフォルダーを作ります。これを自分の部の方針に書き換えて使います",
        "使い方: hoshin init [OPTIONS] [DIR]",
        "  [DIR]  新しいサイトのフォルダー。なければ作ります。あるときは空のフォルダーにしてください。「.」は今いるフォルダーです [指定しないとき: .]",
    ] {
        assert!(
            help.stdout.lines().any(|l| l == line),
            "no {line:?} in:\n{}",
            help.stdout
        );
    }
    let again = run_in(tmp.path(), &["init", "site", "--lang", "ja"]);
    assert_eq!(again.status, 1, "{}", again.stderr);
    assert_eq!(
        again.stderr.trim_end(),
        "エラー: site は空のフォルダーではありません。新しいサイトは、まだないフォルダーか空のフォルダーに作ります。まだないフォルダーの名前を指定してください（例: `hoshin init r8-site`）。"
    );
}
