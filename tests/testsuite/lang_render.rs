//! Messages in both languages (--lang ja / --lang en): see src/i18n.rs. This module covers
//! the import report and its errors, edition and template problems and `hoshin pdf`'s
//! Chromium errors.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::*;

fn seed() -> PathBuf {
    repo_root().join("tests/fixtures/seed/policy-r8.txt")
}

/// `hoshin import <file> --into <tmp>/<folder> --lang <lang>`; the run and the folder.
fn import(file: &Path, tmp: &Path, folder: &str, lang: &str) -> (Run, PathBuf) {
    let into = tmp.join(folder);
    let run = run(
        &[
            "import",
            file.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
            "--lang",
            lang,
        ],
        tmp,
    );
    (run, into)
}

/// Whether `text` has `line` as one whole line.
fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l == line)
}

/// The report of importing the seed, in Japanese and in English: every line in the one
/// language, the same text printed and written to import-report.txt.
#[test]
fn the_import_report_is_in_the_language_asked_on_screen_and_in_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let plans = [
        "  plan-1 令和8年度施政方針",
        "  plan-2 令和8年度市政運営の基本方針",
        "  plan-3 第2次国分寺市総合ビジョン",
        "  plan-4 国分寺市ビジョン前期実行計画",
        "  plan-5 第2次国分寺市行政デジタル化推進計画",
        "  plan-6 第Ⅱ期 国分寺市業務改革プロジェクト",
        "  plan-7 国分寺市人材育成基本方針(第3期)",
        "  plan-8 国分寺市人材育成実施計画",
        "  plan-9 ハラスメントの防止等に関する指針",
    ];
    let report = |head: [&str; 7], tail: [&str; 3]| {
        let mut lines: Vec<&str> = head.to_vec();
        lines.extend(plans);
        lines.extend(tail);
        lines.join("\n") + "\n"
    };
    let ja = report(
        [
            "取り込み元: policy-r8.txt",
            "表題: 令和8年度市民部の運営方針",
            "日付: 令和8年4月1日",
            "章: 4",
            "方針: 19",
            "小項目: 6",
            "計画: 9",
        ],
        [
            "計画とみなさなかった「」: すべての人が主役であること、変化に対してしなやかであること、まちの心地良さを未来へつなげること",
            "置き場所が決まらなかった文: 0",
            "残りの作業: 各方針の見出しとテーマ、`plans.yaml` の計画を確かめ、`draft: true` の行を消してください。`hoshin check` が残りを警告で示します。",
        ],
    );
    let en = report(
        [
            "source: policy-r8.txt",
            "title: 令和8年度市民部の運営方針",
            "date: 令和8年4月1日",
            "chapters: 4",
            "directives: 19",
            "sub-items: 6",
            "plans: 9",
        ],
        [
            "quoted, not taken as plans: すべての人が主役であること, 変化に対してしなやかであること, まちの心地良さを未来へつなげること",
            "text not placed: 0",
            "to do: check each directive's caption and テーマ and the plans in plans.yaml, then delete the `draft: true` lines. `hoshin check` warns about what is left.",
        ],
    );
    for (lang, expected) in [("ja", &ja), ("en", &en)] {
        let (run, site) = import(&seed(), tmp.path(), lang, lang);
        assert_eq!(run.status, 0, "{lang}: {}", run.stderr);
        assert_eq!(&run.stdout, expected, "--lang {lang}: the printed report");
        let file = fs::read_to_string(site.join("import-report.txt")).unwrap();
        assert_eq!(&file, expected, "--lang {lang}: import-report.txt");
    }
    // The files written for the editor stay Japanese whatever the language of the run.
    for lang in ["ja", "en"] {
        let site = tmp.path().join(lang);
        let plans = fs::read_to_string(site.join("content/plans.yaml")).unwrap();
        assert!(
            plans.starts_with("# 取り込み時に「」で名前が挙がった計画です。"),
            "{lang}: {plans}"
        );
        let config = fs::read_to_string(site.join("hoshin.yaml")).unwrap();
        assert_eq!(
            config, "# hoshin の設定。取り込み元: policy-r8.txt\ntheme: default\n",
            "{lang}"
        );
    }
}

/// A line of the notice's heading the importer cannot place is listed with why, in the
/// language of the run.
#[test]
fn text_not_placed_is_listed_with_why_in_the_language_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("r9.txt");
    let notice = "令和９年４月１日\n\n市民部管理職　各位\n\n市民部長\n\n庶務担当\n\n\
令和９年度市民部の運営方針\n\n\
以下のとおり市民部の運営方針を策定した。各所属長は、本運営方針について理解を深められたい。\n\n\
第１　窓口サービスの向上\n\n\
１　待ち時間の短縮\n\n\
（１）予約制を広げること。\n";
    fs::write(&file, notice).unwrap();
    for (lang, count, why) in [
        (
            "ja",
            "置き場所が決まらなかった文: 1",
            "    （通知の冒頭の行ですが、日付・宛先・発信者・表題のどれでもありません）",
        ),
        (
            "en",
            "text not placed: 1",
            "    (a line of the notice's heading that is not its date, addressee, issuer or title)",
        ),
    ] {
        let (run, _) = import(&file, tmp.path(), lang, lang);
        assert_eq!(run.status, 0, "{lang}: {}", run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        let at = lines.iter().position(|l| *l == count);
        let at = at.unwrap_or_else(|| panic!("{lang}: no line {count:?}:\n{}", run.stdout));
        assert_eq!(
            lines.get(at + 1..at + 3),
            Some(&["  庶務担当", why][..]),
            "{lang}:\n{}",
            run.stdout
        );
    }
}

/// Next year's document into the bundled site: what continues, what is new and what was
/// removed, each line in the language of the run.
#[test]
fn the_next_edition_report_is_in_the_language_asked() {
    let next = fs::read_to_string(seed())
        .unwrap()
        .replace("令和8年4月1日", "令和9年4月1日")
        .replace(
            "### 令和8年度市民部の運営方針",
            "### 令和9年度市民部の運営方針",
        )
        .replace(
            "(10) 日常的に整理整頓を心掛け、安全で快適な執務環境を保持すること。\n",
            "",
        )
        + "\n(4) 窓口の案内をわかりやすくすること。\n";
    for (lang, expected) in [
        (
            "ja",
            "前年度から続く方針: 18\n新しい方針（下書き）: 1\n前年度にあってなくなった方針: 3-10\n",
        ),
        ("en", "continued: 18\nnew (draft): 1\nremoved: 3-10\n"),
    ] {
        let site = SiteCopy::bundled();
        let file = site.path("r9.txt");
        fs::write(&file, &next).unwrap();
        let args = [
            "import",
            file.to_str().unwrap(),
            "--into",
            site.root().to_str().unwrap(),
            "--lang",
            lang,
        ];
        let run = run(&args, site.root());
        assert_eq!(run.status, 0, "{lang}: {}", run.stderr);
        assert!(
            run.stdout.ends_with(expected),
            "--lang {lang}:\n{}",
            run.stdout
        );
        assert!(
            site.read("import-report.txt").ends_with(expected),
            "--lang {lang}: import-report.txt"
        );
        // The same document again is not newer than the site now is.
        let again = crate::support::run(&args, site.root());
        assert_eq!(again.status, 1, "{lang}: {}", again.stdout);
        let refused = match lang {
            "ja" => {
                "r9.txt: この文書は 2027年度のもので、サイトの 2027年度より新しくありません。新しいフォルダーに取り込んでください。"
            }
            _ => {
                "r9.txt: the document is for fiscal year 2027, not newer than the site's 2027; import it into a new folder instead"
            }
        };
        assert!(
            again.stderr.trim_end().ends_with(refused),
            "--lang {lang}: {}",
            again.stderr
        );
    }
}

/// The importer's errors: a folder that is not empty, a file it cannot import.
#[test]
fn import_errors_are_in_the_language_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    fs::create_dir(&full).unwrap();
    fs::write(full.join("memo.txt"), "x").unwrap();
    let pdf = tmp.path().join("notice.pdf");
    fs::write(&pdf, "%PDF-1.7").unwrap();
    let cases = [
        (
            "ja",
            &seed(),
            "full",
            format!(
                "{} は空のフォルダーではありません。取り込みは新しいサイトを空のフォルダーに作ります。まだないフォルダー名を `--into` に指定してください。",
                full.display()
            ),
        ),
        (
            "en",
            &seed(),
            "full",
            format!(
                "{} is not empty: import writes a new site into an empty folder",
                full.display()
            ),
        ),
        (
            "ja",
            &pdf,
            "new",
            format!(
                "{}: 取り込めるのは .docx、.txt、.md のファイルです。Word の文書は .docx で保存してから取り込んでください。",
                pdf.display()
            ),
        ),
        (
            "en",
            &pdf,
            "new",
            format!(
                "{}: hoshin imports .docx, .txt and .md files",
                pdf.display()
            ),
        ),
    ];
    for (lang, file, folder, expected) in cases {
        let (run, _) = import(file, tmp.path(), folder, lang);
        assert_eq!(run.status, 1, "{lang}: {}", run.stdout);
        assert!(
            run.stderr.trim_end().ends_with(&expected),
            "--lang {lang}: {}",
            run.stderr
        );
        assert!(!tmp.path().join("new").exists());
    }
}

/// `editions:` listing a folder without content/ and the site itself: errors at their
/// line and column of hoshin.yaml, in the language asked.
#[test]
fn edition_list_errors_are_in_the_language_asked_at_their_line() {
    let site = SiteCopy::bundled();
    let config = site.read("hoshin.yaml");
    let lines = config.lines().count();
    site.write(
        "hoshin.yaml",
        &format!("{config}editions:\n  - nowhere\n  - .\n"),
    );
    let (nowhere, dot) = (lines + 2, lines + 3);
    let ja = [
        format!(
            "hoshin.yaml:{nowhere}:5: エラー: 過去の版のフォルダー 'nowhere' に `content/` フォルダーがありません。`editions:` には、過去の版の `content/` が入ったフォルダーを書いてください（例: `editions/2025/content/` が入った `editions/2025`）。"
        ),
        format!(
            "hoshin.yaml:{dot}:5: エラー: 過去の版のフォルダー '.' は、このサイトそのものです。このサイトの `content/` はすでに最新の版なので、`editions:` から外してください。"
        ),
    ];
    let en = [
        format!(
            "hoshin.yaml:{nowhere}:5: error: edition folder 'nowhere' has no content/ folder: list folders that hold an older edition's content/ (e.g. editions/2025 holding editions/2025/content/)"
        ),
        format!(
            "hoshin.yaml:{dot}:5: error: edition folder '.' is the site itself: its content/ is already the newest edition"
        ),
    ];
    for (lang, expected) in [("ja", ja), ("en", en)] {
        let run = site.run(&["build", "--lang", lang]);
        assert_eq!(run.status, 1, "{lang}");
        for line in expected {
            assert!(
                has_line(&run.stderr, &line),
                "--lang {lang}: no line\n{line}\nin\n{}",
                run.stderr
            );
        }
    }
    assert!(!site.path("dist").exists());
}

/// `hoshin edition new` where that year's edition is archived already.
#[test]
fn an_archived_edition_in_the_way_is_reported_in_the_language_asked() {
    let site = SiteCopy::bundled();
    site.write("editions/2026/keep.txt", "kept");
    for (lang, expected) in [
        (
            "ja",
            format!(
                "{} はすでにあります（2026年度の版の保管場所です）。保管済みの版を上書きしないよう、ここで止めました。このフォルダーの中身を確かめてください。",
                site.path("editions/2026").display()
            ),
        ),
        (
            "en",
            format!(
                "{} exists already: an edition of 2026 is archived there",
                site.path("editions/2026").display()
            ),
        ),
    ] {
        let run = site.run(&["edition", "new", "--lang", lang]);
        assert_eq!(run.status, 1, "{lang}: {}", run.stderr);
        assert!(
            run.stderr.trim_end().ends_with(&expected),
            "--lang {lang}: {}",
            run.stderr
        );
    }
    assert_eq!(site.read("editions/2026/keep.txt"), "kept");
}

/// A misspelt field in the theme's own copy of a template: the template, line and column,
/// with the template engine's words after hoshin's.
#[test]
fn template_errors_are_in_the_language_asked_at_their_line() {
    let site = SiteCopy::bundled();
    site.edit(
        "themes/default/templates/plan.html",
        "{{ plan.name }}</h1>",
        "{{ plan.nmae }}</h1>",
    );
    let detail = "Field `nmae` is not defined. Available fields: count, description, id, issued, issued_iso, name, url";
    for (lang, expected, count) in [
        (
            "ja",
            format!(
                "themes/default/templates/plan.html:3:53: エラー: テンプレート（ページのひな形）の書き方に誤りがあります。示した箇所を直してください。詳しい内容: {detail}"
            ),
            "1件のエラーがあります",
        ),
        (
            "en",
            format!("themes/default/templates/plan.html:3:53: error: template error: {detail}"),
            "1 error found",
        ),
    ] {
        let run = site.run(&["build", "--lang", lang]);
        assert_eq!(run.status, 1, "{lang}");
        assert!(
            has_line(&run.stderr, &expected),
            "--lang {lang}: no line\n{expected}\nin\n{}",
            run.stderr
        );
        assert!(has_line(&run.stderr, count), "{lang}: {}", run.stderr);
    }
}

/// `theme:` naming a theme the site does not have.
#[test]
fn a_missing_theme_is_reported_in_the_language_asked() {
    let site = SiteCopy::bundled();
    site.edit("hoshin.yaml", "theme: default", "theme: nosuch");
    for (lang, expected) in [
        (
            "ja",
            "themes/nosuch: エラー: デザイン 'nosuch' が見つかりません（`themes/nosuch/` フォルダーがありません）。`hoshin.yaml` の `theme` に、`themes/` の中にあるフォルダー名を書いてください。",
        ),
        (
            "en",
            "themes/nosuch: error: theme 'nosuch' not found: no folder themes/nosuch/ (set `theme` in hoshin.yaml)",
        ),
    ] {
        let run = site.run(&["build", "--lang", lang]);
        assert_eq!(run.status, 1, "{lang}");
        assert!(
            has_line(&run.stderr, expected),
            "--lang {lang}: no line\n{expected}\nin\n{}",
            run.stderr
        );
    }
}

/// `hoshin pdf` without Chromium: what to install or pass, in the language asked.
#[test]
fn chromium_not_found_is_reported_in_the_language_asked() {
    let site = SiteCopy::bundled();
    for (lang, expected) in [
        (
            "ja",
            "/nonexistent/chromium に Chromium が見つかりません（実行できるファイルがありません）。`apt-get install chromium fonts-noto-cjk` でインストールするか、`--chromium` に Chromium か Chrome の実行ファイルの場所を指定してください。",
        ),
        (
            "en",
            "Chromium not found at /nonexistent/chromium: no such executable file. Install it with `apt-get install chromium fonts-noto-cjk`, or pass the path of a Chromium or Chrome executable with --chromium",
        ),
    ] {
        let run = site.run(&["pdf", "--chromium", "/nonexistent/chromium", "--lang", lang]);
        assert_eq!(run.status, 1, "{lang}");
        assert!(
            run.stderr.trim_end().ends_with(expected),
            "--lang {lang}: {}",
            run.stderr
        );
    }
    assert!(!site.path("dist").exists());
}
