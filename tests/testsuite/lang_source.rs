//! Messages in both languages (--lang ja / --lang en): see src/i18n.rs. Here: the problems
//! found in a site's sources, each reported at the same `path:line:col` with the same source
//! line and caret in both languages, the message (and the word error / warning) in the one
//! asked for, and nothing of the other.

use crate::support::*;

/// One slip in the bundled site and what `check` reports for it, in each language.
struct Slip {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// `path:line:col: `, the same in both languages.
    at: &'static str,
    en: &'static str,
    ja: &'static str,
    /// The source line and the caret line under it.
    shown: &'static str,
    /// Exit status of `check`: 1 for an error, 0 for a warning.
    status: i32,
}

const SLIPS: [Slip; 9] = [
    Slip {
        file: "content/3/3-2.md",
        from: "title: 法令遵守",
        to: "title：法令遵守",
        at: "content/3/3-2.md:5:6: ",
        en: "error: full-width (全角) '：' where YAML needs half-width: write `title: 法令遵守と個人情報の適切な管理`",
        ja: "エラー: 全角の「：」があります。半角にして `title: 法令遵守と個人情報の適切な管理` と書いてください。",
        shown: " 5 | title：法令遵守と個人情報の適切な管理\n   |      ^^\n",
        status: 1,
    },
    Slip {
        file: "content/3/3-2.md",
        from: "number: 2",
        to: "number: １１",
        at: "content/3/3-2.md:4:9: ",
        en: "error: full-width (全角) digits where YAML needs half-width: write `number: 11`",
        ja: "エラー: 全角の数字があります。半角にして `number: 11` と書いてください。",
        shown: " 4 | number: １１\n   |         ^^\n",
        status: 1,
    },
    Slip {
        // The first key of the front matter.
        file: "content/3/3-2.md",
        from: "id: \"3-2\"",
        to: "id：\"3-11\"",
        at: "content/3/3-2.md:2:3: ",
        en: "error: full-width (全角) '：' where YAML needs half-width: write `id: \"3-11\"`",
        ja: "エラー: 全角の「：」があります。半角にして `id: \"3-11\"` と書いてください。",
        shown: " 2 | id：\"3-11\"\n   |   ^^\n",
        status: 1,
    },
    Slip {
        file: "content/3/3-2.md",
        from: "適宜指導・確認を行うこと。",
        to: "適宜指導・確認を行うこと。\n\n[防災訓練](3-11)を参照。",
        at: "content/3/3-2.md:15:1: ",
        en: "error: link target '3-11' looks like a directive's id but has no '@', so it leads nowhere: write (@3-11)",
        ja: "エラー: 方針へのリンクには @ が要ります。(@3-11) と書いてください。",
        shown: " 15 | [防災訓練](3-11)を参照。\n    | ^^^^^^^^^^^^^^^^\n",
        status: 1,
    },
    Slip {
        file: "content/3/3-2.md",
        from: "themes: [privacy, compliance]",
        to: "themes: [privacy, complience]",
        at: "content/3/3-2.md:7:19: ",
        en: "error: unknown テーマ 'complience'; did you mean 'compliance'?",
        ja: "エラー: テーマ「complience」はありません。「compliance」の誤りではありませんか。",
        shown: " 7 | themes: [privacy, complience]\n   |                   ^^^^^^^^^^\n",
        status: 1,
    },
    Slip {
        // A required field left out: reported where the front matter starts.
        file: "content/3/3-2.md",
        from: "title: 法令遵守と個人情報の適切な管理\n",
        to: "",
        at: "content/3/3-2.md:2:1: ",
        en: "error: missing field `title`",
        ja: "エラー: 必要な項目 `title:` がありません。`title: …` の行を書き足してください。",
        shown: " 2 | id: \"3-2\"\n   | ^\n",
        status: 1,
    },
    Slip {
        // The YAML library's own message, in plain words in Japanese.
        file: "content/3/3-2.md",
        from: "number: 2",
        to: "number: two",
        at: "content/3/3-2.md:4:9: ",
        en: "error: number: invalid type: string \"two\", expected u32",
        ja: "エラー: `number` には、0 以上の整数（半角数字）を書いてください。いまは「two」と書かれています。",
        shown: " 4 | number: two\n   |         ^\n",
        status: 1,
    },
    Slip {
        file: "content/3/3-2.md",
        from: "themes:",
        to: "themez:",
        at: "content/3/3-2.md:7:1: ",
        en: "error: unknown field `themez`, expected one of `id`, `chapter`, `number`, `title`, `editorial_title`, `themes`, `references`, `related`, `draft`; did you mean `themes`?",
        ja: "エラー: 項目 `themez:` はありません。`themes:` の誤りではありませんか。",
        shown: " 7 | themez: [privacy, compliance]\n   | ^\n",
        status: 1,
    },
    Slip {
        // A warning: the check passes.
        file: "content/3/3-10.md",
        from: "number: 10",
        to: "number: 12",
        at: "content/3/3-10.md:4:9: ",
        en: "warning: numbering gap: 3(9) is followed by (12); (10) is missing",
        ja: "警告: 番号が飛んでいます。(10) がありません。",
        shown: " 4 | number: 12\n   |         ^^\n",
        status: 0,
    },
];

/// Runs `check --lang <lang>` on the bundled site with `slip` made.
fn check_with(slip: &Slip, lang: &str) -> Run {
    let site = SiteCopy::bundled();
    site.edit(slip.file, slip.from, slip.to);
    site.run(&["check", "--lang", lang])
}

#[test]
fn slips_are_reported_at_the_same_place_in_each_language_in_its_words() {
    for slip in &SLIPS {
        for (lang, message, other) in [("ja", slip.ja, slip.en), ("en", slip.en, slip.ja)] {
            let run = check_with(slip, lang);
            assert_eq!(
                run.status, slip.status,
                "{lang} {}:\n{}",
                slip.to, run.stderr
            );
            let expected = format!("{}{message}\n{}", slip.at, slip.shown);
            assert!(
                run.stderr.contains(&expected),
                "--lang {lang}, {:?}: expected\n{expected}\nin\n{}",
                slip.to,
                run.stderr
            );
            // The other language's message is nowhere, not even after a " / ".
            let (_, other) = other.split_once(": ").unwrap();
            assert!(
                !run.stderr.contains(other),
                "--lang {lang}: the other language's message in\n{}",
                run.stderr
            );
        }
    }
}

#[test]
fn japanese_messages_carry_no_english_words_of_the_checks() {
    let site = SiteCopy::bundled();
    site.edit("content/3/3-2.md", "title: 法令遵守", "title：法令遵守");
    site.edit(
        "content/3/3-3.md",
        "themes: [crisis, organization]",
        "themes: [crisis, organisation]",
    );
    site.edit(
        "hoshin.yaml",
        "  tested: 2026-11-25",
        "  tested: 2026-11-31",
    );
    let run = site.run(&["check", "--lang", "ja"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    for expected in [
        "content/3/3-2.md:5:6: エラー: 全角の「：」があります。",
        "content/3/3-3.md:7:18: エラー: テーマ「organisation」はありません。「organization」の誤りではありませんか。",
        "hoshin.yaml:7:11: エラー: 「2026-11-31」という日付はありません。月と日を確かめてください。",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    let headlines = run.stderr.lines().filter(|l| l.contains(": エラー: "));
    assert_eq!(headlines.clone().count(), 3, "{}", run.stderr);
    for line in headlines {
        let message = line.split_once(": エラー: ").unwrap().1;
        for english in ["error", "unknown", "did you mean", "full-width", "not a"] {
            assert!(!message.contains(english), "English in {line:?}");
        }
    }
}

#[test]
fn the_bundled_site_checks_clean_in_japanese() {
    let site = SiteCopy::bundled();
    let run = site.run(&["check", "--lang", "ja"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(": エラー: "), "{}", run.stderr);
    assert!(!run.stderr.contains(": 警告: "), "{}", run.stderr);
    assert!(run.stderr.contains("エラーはありません"), "{}", run.stderr);
}

/// In Japanese too: one mistake, one error; a near-miss id suggests the nearest number.
#[test]
fn root_cause_and_nearest_id_in_japanese() {
    let site = SiteCopy::bundled();
    site.write("content/topics.yaml", "");
    let run = site.run(&["check", "--lang", "ja"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("content/topics.yaml:1:1: エラー: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1件のエラーがあります"),
        "the cause alone:\n{}",
        run.stderr
    );
    site.write(
        "content/topics.yaml",
        &std::fs::read_to_string(repo_root().join("content/topics.yaml")).unwrap(),
    );
    site.edit("content/3/3-10.md", "id: \"3-10\"", "id: \"3-11\"");
    site.edit(
        "content/3/3-2.md",
        "related: [\"3-7\"]",
        "related: [\"3-12\"]",
    );
    let run = site.run(&["check", "--lang", "ja"]);
    assert!(
        run.stderr.contains("content/3/3-2.md:9:12: エラー: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("「3-11」"),
        "nearest number suggested:\n{}",
        run.stderr
    );
}

#[test]
fn a_mistyped_command_says_what_to_do_in_japanese() {
    let run = run(&["biuld", "--lang", "ja"], &repo_root());
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.starts_with("コマンドの書き方に誤りがあります。"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("'build'"),
        "clap's suggestion kept:\n{}",
        run.stderr
    );
}
