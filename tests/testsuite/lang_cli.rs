//! Messages in both languages (--lang ja / --lang en): see src/i18n.rs. Here: what the
//! commands print (summaries, the closing lines of a failed build, refusals), `--help`, and the
//! preview server's error overlay, each in Japanese and in English; the language from
//! `--lang` (before or after the subcommand) or from the system's (LANG).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

#[allow(unused_imports)]
use crate::support::*;

/// `hoshin` with the system's language set to `lang` ([`hoshin`] already removes the
/// variables that would take precedence over LANG).
fn hoshin_in_system_lang(lang: &str) -> Command {
    let mut command = hoshin();
    command.env("LANG", lang);
    command
}

fn run_command(mut command: Command) -> Run {
    command.output().expect("run hoshin").into()
}

/// `args` run on `site` (with `--root`), the system's language being `system_lang`.
fn run_site(site: &SiteCopy, system_lang: &str, args: &[&str]) -> Run {
    let mut command = hoshin_in_system_lang(system_lang);
    command
        .args(args)
        .args(["--root", site.root().to_str().unwrap()])
        .current_dir(site.root());
    run_command(command)
}

/// The last `n` lines of `text`.
fn last_lines(text: &str, n: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].to_vec()
}

/// `line` with its last number (a duration, which varies) replaced by `#`.
fn time_masked(line: &str) -> String {
    // Digits are ASCII: their bytes are never inside another character's.
    let bytes = line.as_bytes();
    let end = (bytes.iter())
        .rposition(u8::is_ascii_digit)
        .unwrap_or_else(|| panic!("no number in {line:?}"));
    let start = bytes[..end]
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |i| i + 1);
    format!("{}#{}", &line[..start], &line[end + 1..])
}

/// The bundled site's numbers, from the policy.json built: directives, chapters, テーマ, plans.
fn counts(site: &SiteCopy) -> [usize; 4] {
    let json: serde_json::Value = serde_json::from_str(&site.read("dist/policy.json")).unwrap();
    ["directives", "chapters", "themes", "plans"].map(|key| json[key].as_array().unwrap().len())
}

fn html_pages(site: &SiteCopy) -> usize {
    snapshot(&site.path("dist"))
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count()
}

#[test]
fn build_and_check_summaries_are_in_the_language_asked() {
    let site = SiteCopy::bundled();
    let root = site.root().display().to_string();
    // Japanese by --lang before or after the subcommand, or by the system's language; English
    // by --lang en, also on a Japanese system.
    let ja_runs: [(&str, &[&str]); 3] = [
        ("C.UTF-8", &["--lang", "ja", "build"]),
        ("C.UTF-8", &["build", "--lang", "ja"]),
        ("ja_JP.UTF-8", &["build"]),
    ];
    for (system, args) in ja_runs {
        let run = run_site(&site, system, args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        let [directives, chapters, topics, plans] = counts(&site);
        let pages = html_pages(&site);
        assert_eq!(
            time_masked(run.stderr.trim_end()),
            format!(
                "{root}/dist に {pages}ページ（方針 {directives}件）を作りました（# ミリ秒）。"
            ),
            "LANG={system} {args:?}"
        );
        assert_eq!((directives, chapters, topics, plans), (19, 4, 14, 9));
    }
    for (system, args) in [
        ("C.UTF-8", ["build", "--lang", "en"]),
        ("ja_JP.UTF-8", ["--lang", "en", "build"]),
    ] {
        let run = run_site(&site, system, &args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        let pages = html_pages(&site);
        assert_eq!(
            time_masked(run.stderr.trim_end()),
            format!("built {pages} pages (19 directives) into {root}/dist in # ms"),
            "LANG={system} {args:?}"
        );
    }

    let ja = run_site(&site, "C.UTF-8", &["check", "--lang", "ja"]);
    assert_eq!(ja.status, 0, "{}", ja.stderr);
    assert_eq!(
        ja.stderr,
        "エラーはありません（方針 19件、4章、テーマ 14件、関連計画 9件を確かめました）。\n"
    );
    let ja = run_site(&site, "ja_JP.UTF-8", &["check"]);
    assert_eq!(
        ja.stderr,
        "エラーはありません（方針 19件、4章、テーマ 14件、関連計画 9件を確かめました）。\n"
    );
    let en = run_site(&site, "ja_JP.UTF-8", &["check", "--lang", "en"]);
    assert_eq!(en.status, 0, "{}", en.stderr);
    assert_eq!(
        en.stderr,
        "ok: 19 directives in 4 chapters, 14 テーマ, 9 plans; no errors\n"
    );
}

#[test]
fn a_failed_build_closes_with_the_count_and_the_kept_output_in_the_language_asked() {
    let site = SiteCopy::bundled();
    let root = site.root().display().to_string();
    assert_eq!(site.build().status, 0);
    let before = snapshot(&site.path("dist"));
    site.edit("content/3/3-2.md", "compliance]", "complience]");

    let ja = run_site(&site, "C.UTF-8", &["build", "--lang", "ja"]);
    assert_eq!(ja.status, 1, "{}", ja.stderr);
    assert!(
        ja.stderr.contains(": エラー: "),
        "the label is Japanese:\n{}",
        ja.stderr
    );
    assert_eq!(
        last_lines(&ja.stderr, 2),
        [
            "1件のエラーがあります".to_string(),
            format!("ビルドできませんでした。{root}/dist の中身は前のままです。"),
        ]
    );

    let en = run_site(&site, "ja_JP.UTF-8", &["build", "--lang", "en"]);
    assert_eq!(en.status, 1, "{}", en.stderr);
    assert!(en.stderr.contains(": error: "), "{}", en.stderr);
    assert_eq!(
        last_lines(&en.stderr, 2),
        [
            "1 error found".to_string(),
            format!("build failed; {root}/dist was left unchanged"),
        ]
    );
    assert!(snapshot(&site.path("dist")) == before, "dist changed");
}

#[test]
fn a_refused_output_folder_is_explained_in_the_language_asked() {
    let site = SiteCopy::bundled();
    let out = site.path("content/site");
    let out_arg = out.to_str().unwrap();
    let ja = run_site(
        &site,
        "C.UTF-8",
        &["build", "--lang", "ja", "--out", out_arg],
    );
    assert_eq!(ja.status, 1);
    assert_eq!(
        ja.stderr,
        format!(
            "エラー: {out_arg} にはサイトを書き出せません。サイトの content/ フォルダーの中だからです。--out で別のフォルダーを指定してください。\n\
             ビルドできませんでした。{out_arg} の中身は前のままです。\n"
        )
    );
    let en = run_site(
        &site,
        "C.UTF-8",
        &["build", "--lang", "en", "--out", out_arg],
    );
    assert_eq!(en.status, 1);
    assert_eq!(
        en.stderr,
        format!(
            "error: refusing to write the site to {out_arg}: it is inside the site's content/ folder\n\
             build failed; {out_arg} was left unchanged\n"
        )
    );
    assert!(!out.exists());
}

/// `hoshin <args>` (no site), its standard output; it must succeed.
fn help(system_lang: &str, args: &[&str]) -> String {
    let mut command = hoshin_in_system_lang(system_lang);
    command.args(args);
    let run = run_command(command);
    assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// Asserts that `text` has each of `lines` as a whole line.
fn assert_lines(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            text.lines().any(|l| l == *line),
            "no line {line:?} in:\n{text}"
        );
    }
}

#[test]
fn help_is_in_the_language_asked() {
    let top_ja = help("C.UTF-8", &["--lang", "ja", "--help"]);
    assert_eq!(
        top_ja.lines().next(),
        Some("部局の年度の運営方針を、互いにリンクした庁内向けのウェブサイトにします")
    );
    assert_lines(
        &top_ja,
        &[
            "使い方: hoshin [OPTIONS] <COMMAND>",
            "コマンド:",
            "  build    サイトを作り、出力先のフォルダー（指定しないときは dist/）に書き出します",
            "  help     この説明、または指定したコマンドの説明を表示します",
            "オプション:",
            "      --lang <LANG>  表示する言葉: ja（日本語）または en（英語）。指定しないときはパソコンの言語の設定に従います [指定できる値: ja, en]",
            "  -h, --help         ヘルプを表示します",
            "  -V, --version      バージョンを表示します",
        ],
    );
    assert_eq!(help("ja_JP.UTF-8", &["--help"]), top_ja, "LANG=ja_JP.UTF-8");
    assert_eq!(help("ja_JP.UTF-8", &["-h"]), top_ja, "LANG=ja_JP.UTF-8, -h");

    let build_ja = help("C.UTF-8", &["build", "--help", "--lang", "ja"]);
    assert_lines(
        &build_ja,
        &[
            "サイトを作り、出力先のフォルダー（指定しないときは dist/）に書き出します",
            "使い方: hoshin build [OPTIONS]",
            "オプション:",
            "      --root <ROOT>  サイトのフォルダー（hoshin.yaml と content/ があるフォルダー）。「.」は今いるフォルダーです [指定しないとき: .]",
            "      --out <OUT>    出力先のフォルダー（指定しないときは、サイトのフォルダーの中の dist/）",
            "      --watch        終わらずに動き続け、原稿のファイルが変わるたびに出力先へ作り直します",
            "  -h, --help         ヘルプを表示します",
        ],
    );
    assert_eq!(help("ja_JP.UTF-8", &["build", "--help"]), build_ja);
    assert_eq!(help("C.UTF-8", &["--lang=ja", "help", "build"]), build_ja);

    let build_en = help("ja_JP.UTF-8", &["--lang", "en", "build", "--help"]);
    assert_eq!(
        build_en,
        "Build the site into the output folder (default: dist/)\n\
         \n\
         Usage: hoshin build [OPTIONS]\n\
         \n\
         Options:\n      \
         --root <ROOT>  Site root: the folder holding hoshin.yaml and content/ [default: .]\n      \
         --out <OUT>    Output folder (default: dist/ under the site root)\n      \
         --watch        Keep running: rebuild into the output folder on every change of the sources\n      \
         --lang <LANG>  Language of messages: ja or en (default: the system's) [possible values: ja, en]\n  \
         -h, --help         Print help\n"
    );
    let top_en = help("ja_JP.UTF-8", &["--help", "--lang", "en"]);
    assert_lines(
        &top_en,
        &[
            "Builds a department's annual operating policy (運営方針) into a cross-linked intranet site",
            "Usage: hoshin [OPTIONS] <COMMAND>",
            "  serve    Serve the site for preview, rebuilding and reloading the browser on every save",
            "  help     Print this message or the help of the given subcommand(s)",
            "  -V, --version      Print version",
        ],
    );
}

/// Every command's help, and every option's, has its Japanese: no line of the Japanese help
/// is a line of the English one.
#[test]
fn every_command_and_option_has_japanese_help() {
    let commands: [&[&str]; 11] = [
        &[],
        &["build"],
        &["check"],
        &["compare"],
        &["edition"],
        &["edition", "new"],
        &["import"],
        &["init"],
        &["pdf"],
        &["serve"],
        &["help"],
    ];
    for command in commands {
        let with = |lang: &str| {
            let mut args = vec!["--lang", lang];
            args.extend(command);
            if command != ["help"] {
                args.push("--help");
            }
            help("C.UTF-8", &args)
        };
        let (ja, en) = (with("ja"), with("en"));
        let en_lines: Vec<&str> = en.lines().filter(|l| !l.is_empty()).collect();
        assert!(en_lines.len() >= 4, "{command:?}:\n{en}");
        for line in ja.lines().filter(|l| !l.is_empty()) {
            assert!(
                !en_lines.contains(&line),
                "hoshin {command:?} --help: {line:?} is the same in English"
            );
        }
        assert_eq!(
            ja.lines().count(),
            en.lines().count(),
            "{command:?}:\n{ja}\n{en}"
        );
    }
}

use crate::serve::Running;

/// The `data:` of the first `errors` event of the server at `port`.
fn first_errors_event(port: u16) -> serde_json::Value {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__hoshin/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut received = Vec::new();
    let mut buf = [0; 4096];
    loop {
        let n = stream.read(&mut buf).expect("read the events");
        assert!(n > 0, "the events ended");
        received.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&received);
        if let Some(at) = text.find("event: errors\ndata: ")
            && let Some(line) = text[at..].lines().nth(1)
            && text[at..].contains("\n\n")
        {
            let json = line.strip_prefix("data: ").unwrap();
            return serde_json::from_str(json).unwrap();
        }
    }
}

/// The preview server says where it serves, and its overlay shows the errors with words in
/// the language asked (the heading `ビルドエラー（N件）` that the browser tests look for).
#[test]
fn serve_and_its_error_overlay_speak_the_language_asked() {
    let site = SiteCopy::bundled();
    site.edit("content/1/1-2.md", "chapter: 1", "chapter: [1");
    for (lang, serving, kept, title, summary, close) in [
        (
            "ja",
            "サイトを http://127.0.0.1:",
            "前にビルドできたサイトを表示したままにしています。上に示したファイルを直して保存してください。",
            "ビルドエラー（1件）",
            "最後に正常にビルドされたページを表示しています。ファイルを修正して保存すると、自動的に更新されます。",
            "閉じる",
        ),
        (
            "en",
            "serving the site at http://127.0.0.1:",
            "still serving the last good site; fix the files above and save",
            "Build error (1)",
            "This is the last page that was built without errors. Fix the files and save, and the page updates by itself.",
            "Close",
        ),
    ] {
        let server = Running::start(&site, &["serve", "--port", "0", "--lang", lang]);
        let line = server.wait_line("the address", |l| l.starts_with(serving));
        let port: u16 = line[serving.len()..]
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let expected = match lang {
            "ja" => format!(
                "サイトを http://127.0.0.1:{port}/ で表示しています。このアドレスをブラウザで開いてください（終えるときは Ctrl+C を押してください）。"
            ),
            _ => format!("serving the site at http://127.0.0.1:{port}/ (press Ctrl+C to stop)"),
        };
        assert_eq!(line, expected);
        server.wait_line("the kept site", |l| l == kept);
        let overlay = first_errors_event(port);
        assert_eq!(overlay["lang"], lang);
        assert_eq!(overlay["title"], title);
        assert_eq!(overlay["summary"], summary);
        assert_eq!(overlay["close"], close);
        let errors = overlay["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{overlay}");
        assert_eq!(errors[0]["location"], "content/1/1-2.md:3:10");
        let label = if lang == "ja" { "エラー" } else { "error" };
        assert!(
            errors[0]["text"]
                .as_str()
                .unwrap()
                .starts_with(&format!("content/1/1-2.md:3:10: {label}: ")),
            "{overlay}"
        );
    }
}

/// `build --watch` says in the language asked what it wrote and that it waits.
#[test]
fn build_watch_speaks_the_language_asked() {
    let site = SiteCopy::bundled();
    let root = site.root().display().to_string();
    for (lang, rebuilt, wrote) in [
        (
            "ja",
            "方針 19件をビルドしました。変わったファイル ",
            format!(
                "{root}/dist に書き出しました。ファイルが変わるのを待っています（終えるときは Ctrl+C を押してください）。"
            ),
        ),
        (
            "en",
            "built 19 directives: ",
            format!("wrote {root}/dist; watching for changes (Ctrl+C to stop)"),
        ),
    ] {
        let watch = Running::start(&site, &["build", "--watch", "--lang", lang]);
        watch.wait_line("the written output", |l| l == wrote);
        let line = watch.wait_line("the rebuild", |l| l.starts_with(rebuilt));
        // The first build writes every file, removes none.
        let files = snapshot(&site.path("dist")).len() - 1; // without the marker file
        let expected = match lang {
            "ja" => format!("{rebuilt}{files}件、削除したファイル 0件（# ミリ秒）。"),
            _ => format!("{rebuilt}{files} files changed, 0 removed in # ms"),
        };
        assert_eq!(time_masked(&line), expected);
    }
}
