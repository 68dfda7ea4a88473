//! The print documents built by `hoshin build` and the PDF made by `hoshin pdf`.
//!
//! The PDF tests run the real Chromium and poppler-utils; when either is missing they
//! fail with what to install, they never skip.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};

use crate::support::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A paragraph of links of every kind, appended to directive 2-2 (テーマ digital).
const LINKS: &str = "\n\n参照：[一つ目](@1-2-1)、[法令遵守](@3-2)、[第3章](@chapter:3)、[計画](@plan:digital-plan-2)、[テーマ](@theme:digital)、[市のサイト](https://www.city.kokubunji.tokyo.jp/)。\n";

fn built_with_links() -> SiteCopy {
    let site = SiteCopy::bundled();
    let text = site.read("content/2/2-2.md");
    site.write("content/2/2-2.md", &format!("{}{LINKS}", text.trim_end()));
    let run = site.build();
    assert_eq!(run.status, 0, "build failed:\n{}", run.stderr);
    site
}

/// Every `href` of a document must be a fragment naming an id in it, or an external URL.
fn assert_links_stay_inside(path: &str, html: &str) -> usize {
    let doc = Html::parse_document(html);
    let ids: BTreeSet<&str> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let mut bad = Vec::new();
    let mut internal = 0;
    for a in doc.select(&sel("[href]")) {
        let href = a.value().attr("href").unwrap();
        if a.value().name() == "link" {
            assert!(href.ends_with("static/print-doc.css"), "{path}: {href}");
            continue;
        }
        if href.starts_with("https://") || href.starts_with("http://") {
            continue;
        }
        match href.strip_prefix('#') {
            Some(id) if ids.contains(id) => internal += 1,
            _ => bad.push(href.to_string()),
        }
    }
    assert!(
        bad.is_empty(),
        "{path}: links leaving the document or to missing anchors: {bad:?}"
    );
    internal
}

#[test]
fn print_document_links_point_inside_it_and_carry_citations() {
    let site = built_with_links();
    let html = site.read("dist/print.html");
    let internal = assert_links_stay_inside("print.html", &html);
    // The table of contents (4 chapters, 19 directives) and the added links.
    assert!(internal >= 23 + 3, "only {internal} internal links");
    for expected in [
        r##"<a href="#1-2-1" data-cite="1(2)①">一つ目</a>"##,
        r##"<a href="#d-3-2" data-cite="3(2)">法令遵守</a>"##,
        r##"<a href="#chapter-3" data-cite="3">第3章</a>"##,
        r#"<a href="https://www.city.kokubunji.tokyo.jp/">市のサイト</a>"#,
    ] {
        assert!(html.contains(expected), "print.html lacks {expected}");
    }
    // Plans and テーマ have no page in the print document: their names stay as text.
    assert!(
        html.contains("、計画、テーマ、"),
        "plan/テーマ links kept as text"
    );
    assert!(!html.contains("plan-mention"), "plan names must not link");
    assert!(!html.contains(".html"), "print.html links to another page");

    // In a テーマ's extract, targets outside it keep their citation but lose the link.
    let digital = site.read("dist/print/topics/digital.html");
    assert_links_stay_inside("print/topics/digital.html", &digital);
    assert!(digital.contains(r##"<a href="#1-2-1" data-cite="1(2)①">一つ目</a>"##));
    assert!(digital.contains(r#"<span class="xref" data-cite="3(2)">法令遵守</span>"#));
    for (path, bytes) in snapshot(&site.path("dist/print")) {
        assert_links_stay_inside(&path, std::str::from_utf8(&bytes).unwrap());
    }
    // Print CSS shows the citation and the URL after the link text.
    let css = site.read("dist/static/print-doc.css");
    assert!(css.contains(r#"[data-cite]::after { content: "（→" attr(data-cite) "）""#));
    assert!(css.contains(r#"a[href^="http"]::after"#));
}

/// Heading levels in document order.
fn heading_levels(doc: &Html) -> Vec<u8> {
    doc.select(&sel("h1, h2, h3, h4, h5, h6"))
        .map(|h| h.value().name()[1..].parse().unwrap())
        .collect()
}

fn assert_plain_document(path: &str, html: &str) {
    let doc = Html::parse_document(html);
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("ja"),
        "{path}"
    );
    for chrome in [
        "nav",
        "form",
        "input",
        "button",
        "search",
        "script",
        "[role=search]",
        "[role=navigation]",
    ] {
        assert!(
            doc.select(&sel(chrome)).next().is_none(),
            "{path} has {chrome}"
        );
    }
    assert_eq!(doc.select(&sel("main")).count(), 1, "{path}: one main");
    let levels = heading_levels(&doc);
    assert_eq!(levels.first(), Some(&1), "{path} starts with its h1");
    assert_eq!(
        levels.iter().filter(|&&l| l == 1).count(),
        1,
        "{path}: one h1"
    );
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{path}: heading levels skip: {levels:?}"
        );
    }
}

#[test]
fn print_document_is_the_whole_notice_as_issued() {
    let site = SiteCopy::bundled();
    assert_eq!(site.build().status, 0);
    let html = site.read("dist/print.html");
    assert_plain_document("print.html", &html);
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&sel("title")).next().unwrap().inner_html(),
        "令和8年度市民部の運営方針"
    );
    // The head as on the issued paper: date, addressee, issuer, then the title.
    let text = squash(&html_text(&html));
    let mut at = 0;
    for part in [
        "令和8年4月1日",
        "市民部管理職 各位",
        "市民部長 玉井理加",
        "令和8年度市民部の運営方針",
        "令和8年を迎えるに当たり",
        "目次",
        "1. 施政方針を踏まえた対応",
    ] {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order"));
        at += found + part.len();
    }
    // Chapters are h2, directives h3 with their original numbering, in policy order.
    let chapters: Vec<String> = doc
        .select(&sel("section.chapter > h2"))
        .map(|h| squash(&h.text().collect::<String>()))
        .collect();
    assert_eq!(chapters.len(), 4);
    assert!(chapters[2].starts_with("3. 適正な事務執行"), "{chapters:?}");
    let directives: Vec<&str> = doc
        .select(&sel("section.directive"))
        .map(|s| s.value().attr("id").unwrap())
        .collect();
    let json: serde_json::Value = serde_json::from_str(&site.read("dist/policy.json")).unwrap();
    let expected: Vec<String> = json["directives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("d-{}", d["id"].as_str().unwrap()))
        .collect();
    assert_eq!(directives, expected);
    let h3 = doc.select(&sel("#d-3-10 h3")).next().unwrap();
    assert!(h3.text().collect::<String>().starts_with("(10)"));
    let sub = doc.select(&sel("#d-1-2 [id='1-2-2']")).next().unwrap();
    assert!(sub.text().collect::<String>().starts_with('②'));
    // Every sentence of the seed, in order.
    let flat: String = text.split_whitespace().collect();
    let mut at = 0;
    for s in seed_sentences() {
        let s: String = s.split_whitespace().collect();
        let found = flat[at..]
            .find(&s)
            .unwrap_or_else(|| panic!("seed sentence missing or out of order: {s}"));
        at += found + s.len();
    }
    // A4 with page numbers and the title in the header.
    assert!(html.contains(r#"@page { @top-center { content: "令和8年度市民部の運営方針"; } }"#));
    let css = site.read("dist/static/print-doc.css");
    for rule in [
        "size: A4",
        r#"@bottom-center { content: counter(page) " / " counter(pages)"#,
        "break-before: page",
        "break-after: avoid",
        "\"Noto Serif CJK JP\"",
    ] {
        assert!(css.contains(rule), "print-doc.css lacks {rule}");
    }
    // Ordinary pages print through their own stylesheet, with page numbers.
    let print_css = site.read("dist/static/print.css");
    assert!(print_css.contains("counter(pages)") && print_css.contains("size: A4"));
    assert!(
        site.read("dist/index.html")
            .contains(r#"href="print.html""#)
    );
}

#[test]
fn each_topic_print_document_holds_exactly_its_directives_in_order() {
    let site = SiteCopy::bundled();
    assert_eq!(site.build().status, 0);
    let json: serde_json::Value = serde_json::from_str(&site.read("dist/policy.json")).unwrap();
    let themes = json["themes"].as_array().unwrap();
    assert!(themes.len() > 5);
    for t in themes {
        let id = t["id"].as_str().unwrap();
        let name = t["name"].as_str().unwrap();
        let path = format!("dist/print/topics/{id}.html");
        let html = site.read(&path);
        assert_plain_document(&path, &html);
        let doc = Html::parse_document(&html);
        let found: Vec<&str> = doc
            .select(&sel("section.directive"))
            .map(|s| s.value().attr("id").unwrap())
            .collect();
        let expected: Vec<String> = t["directives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("d-{}", d.as_str().unwrap()))
            .collect();
        assert_eq!(found, expected, "{path}");
        let h1: String = doc
            .select(&sel("h1"))
            .next()
            .map(|h: ElementRef| h.text().collect())
            .unwrap();
        assert!(
            h1.contains(name) && h1.contains("令和8年度市民部の運営方針"),
            "{path}: h1 {h1}"
        );
        assert!(
            html.contains(&format!("テーマ「{name}」")),
            "{path}: running header"
        );
        // The テーマ page links to it as 「印刷用」.
        let topic_page = site.read(&format!("dist/topics/{id}.html"));
        assert!(
            topic_page.contains(&format!(
                r#"<a href="../print/topics/{id}.html">印刷用</a>"#
            )),
            "topics/{id}.html has no 印刷用 link"
        );
    }
}

/// A theme's `print-chapter.html` shapes each chapter of every print document (a site's
/// `templates/` override included), and a theme made before it existed, whose `print.html`
/// lays out the chapters itself, prints the same documents as before.
#[test]
fn print_chapters_come_from_the_themes_chapter_template() {
    let site = SiteCopy::bundled();
    assert_eq!(site.build().status, 0);
    let notice = site.read("dist/print.html");
    let extract = site.read("dist/print/topics/digital.html");

    let chapter = site.read("themes/default/templates/print-chapter.html");
    let marked = chapter.replace(
        "<section class=\"chapter\"",
        "<section data-mark=\"{{ doc.kind }}\" class=\"chapter\"",
    );
    assert_ne!(marked, chapter, "the template opens a chapter's section");
    site.write("templates/print-chapter.html", &marked);
    assert_eq!(site.build().status, 0);
    let chapters = site
        .read("dist/print.html")
        .matches("<section class=\"chapter\"")
        .count();
    let policy = site
        .read("dist/print.html")
        .matches("data-mark=\"policy\"")
        .count();
    assert_eq!(
        (chapters, policy),
        (0, notice.matches("<section class=\"chapter\"").count())
    );
    assert!(
        site.read("dist/print/topics/digital.html")
            .contains("data-mark=\"topic\"")
    );

    // The theme of before: print.html with the chapter's markup in its loop, no print-chapter.html.
    fs::remove_file(site.path("templates/print-chapter.html")).unwrap();
    fs::remove_file(site.path("themes/default/templates/print-chapter.html")).unwrap();
    let print = site.read("themes/default/templates/print.html");
    let old = print.replace("{{ c.html }}", &chapter);
    assert_ne!(old, print, "print.html places each chapter");
    site.write("themes/default/templates/print.html", &old);
    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(site.read("dist/print.html"), notice);
    assert_eq!(site.read("dist/print/topics/digital.html"), extract);
}

// ---------------------------------------------------------------- PDF

/// The whole policy printed once by `hoshin pdf` (default output: into dist/), shared by
/// the PDF tests.
struct PolicyPdf {
    _site: SiteCopy,
    pdf: PathBuf,
    dist: PathBuf,
}

fn policy_pdf() -> &'static PolicyPdf {
    static PDF: OnceLock<PolicyPdf> = OnceLock::new();
    PDF.get_or_init(|| {
        let site = SiteCopy::bundled();
        let started = Instant::now();
        let run = site.run(&["pdf"]);
        assert_eq!(
            run.status, 0,
            "hoshin pdf failed (chromium and fonts-noto-cjk installed?):\n{}",
            run.stderr
        );
        eprintln!(
            "hoshin pdf took {:.1} s: {}",
            started.elapsed().as_secs_f64(),
            run.stderr.trim()
        );
        PolicyPdf {
            pdf: site.path("dist/policy.pdf"),
            dist: site.path("dist"),
            _site: site,
        }
    })
}

fn pdf_path() -> &'static str {
    policy_pdf().pdf.to_str().unwrap()
}

#[test]
fn pdf_goes_into_dist_together_with_the_site() {
    let p = policy_pdf();
    for file in ["policy.pdf", "print.html", "index.html", ".hoshin-output"] {
        assert!(p.dist.join(file).is_file(), "dist/{file} missing");
    }
}

#[test]
fn pdf_is_a4_with_the_title_and_a_sane_page_count() {
    let info = tool("pdfinfo", &[pdf_path()]);
    let field = |name: &str| -> String {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .unwrap_or_else(|| panic!("pdfinfo has no {name}:\n{info}"))
            .trim()
            .to_string()
    };
    assert_eq!(field("Title"), "令和8年度市民部の運営方針");
    let size = field("Page size");
    assert!(
        size.starts_with("595") || size.starts_with("594.9"),
        "not A4 wide: {size}"
    );
    assert!(
        size.contains("x 841.9") || size.contains("x 842"),
        "not A4 tall: {size}"
    );
    let pages: usize = field("Pages").parse().unwrap();
    // The contents, then the text flowing on as in the notice (chapters do not start pages).
    assert!((3..=6).contains(&pages), "{pages} pages");
}

/// `chapter_starts_page: true` starts each of the four chapters on a new page.
#[test]
fn chapters_start_pages_only_when_the_config_asks() {
    let pages_of = |pdf: &str| -> usize {
        let info = tool("pdfinfo", &[pdf]);
        let pages = info.lines().find_map(|l| l.strip_prefix("Pages:"));
        pages.unwrap().trim().parse().unwrap()
    };
    let flowing = pages_of(pdf_path());
    let site = SiteCopy::bundled();
    let config = site.read("hoshin.yaml") + "chapter_starts_page: true\n";
    site.write("hoshin.yaml", &config);
    let out = site.path("paged.pdf");
    let run = site.run(&["pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let pages = pages_of(out.to_str().unwrap());
    assert!(
        pages >= flowing + 2 && pages >= 5,
        "{pages} pages against {flowing} flowing"
    );
}

#[test]
fn pdf_text_has_every_caption_and_seed_sentence_in_order() {
    let text = tool("pdftotext", &["-enc", "UTF-8", pdf_path(), "-"]);
    let flat: String = text.split_whitespace().collect();
    let mut at = 0;
    for s in seed_sentences() {
        let s: String = s.split_whitespace().collect();
        let found = flat[at..]
            .find(&s)
            .unwrap_or_else(|| panic!("seed sentence missing or out of order in the PDF: {s}"));
        at += found + s.len();
    }
    // Every directive caption, in policy order, after the table of contents.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(policy_pdf().dist.join("policy.json")).unwrap()).unwrap();
    let body = flat
        .rfind("1.施政方針を踏まえた対応")
        .expect("chapter 1 in the body");
    let mut at = body;
    for d in json["directives"].as_array().unwrap() {
        let title: String = d["title"].as_str().unwrap().split_whitespace().collect();
        let found = flat[at..]
            .find(&title)
            .unwrap_or_else(|| panic!("caption missing or out of order: {title}"));
        at += found + title.len();
    }
    // Page numbers and the running header made it to paper.
    assert!(flat.contains("2/"), "no page numbers");
    assert!(
        flat.matches("令和8年度市民部の運営方針").count() >= 4,
        "no running header"
    );
}

#[test]
fn pdf_embeds_a_japanese_font() {
    let fonts = tool("pdffonts", &[pdf_path()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in the PDF:\n{fonts}");
    for row in &rows {
        // name type… encoding emb sub uni object-id: the flags sit before the id.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let flags = &cols[cols.len() - 5..cols.len() - 2];
        assert_eq!(flags[0], "yes", "font not embedded: {row}");
        assert_eq!(flags[2], "yes", "font without a Unicode map: {row}");
    }
    // Chromium embeds OpenType/CFF fonts (Noto CJK) as Type 3 glyph fonts without a
    // name, TrueType ones (IPA) as named CID fonts. Either way the glyphs come from a
    // Japanese font fontconfig has, not from a fallback without kana.
    let japanese = tool("fc-list", &[":lang=ja", "family"]);
    assert!(
        japanese.contains("Noto Serif CJK JP") || japanese.contains("IPA"),
        "no Japanese serif font installed (apt-get install fonts-noto-cjk):\n{japanese}"
    );
    assert!(
        rows.iter()
            .all(|r| !r.contains("DejaVu") && !r.contains("Liberation")),
        "Latin fallback fonts in the PDF:\n{fonts}"
    );
}

#[test]
fn pdf_first_page_renders_to_png() {
    let dir = repo_root().join("tests/artifacts/print");
    fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join("policy-page");
    let _ = fs::remove_file(dir.join("policy-page-1.png"));
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            pdf_path(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = fs::read(dir.join("policy-page-1.png")).expect("page 1 PNG");
    assert_eq!(&png[1..4], b"PNG");
    // A4 at 60 dpi: 496 × 702 pixels.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (496, 702));
    assert!(
        png.len() > 20_000,
        "page 1 looks empty ({} bytes)",
        png.len()
    );
}

#[test]
fn topic_pdf_holds_only_its_directives_and_leaves_dist_alone() {
    let site = SiteCopy::bundled();
    let out = site.path("out/digital.pdf");
    let run = site.run(&[
        "pdf",
        "--theme-id",
        "digital",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!site.path("dist").exists(), "--out must not build dist/");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "colleagues can read the PDF: {mode:o}");
    }
    let info = tool("pdfinfo", &[out.to_str().unwrap()]);
    assert!(
        info.contains("Title:           令和8年度市民部の運営方針（テーマ「デジタル化・DX」抜粋）"),
        "{info}"
    );
    let text: String = tool("pdftotext", &[out.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect();
    for caption in [
        "市民サービスの向上と行政事務の効率化",
        "デジタル化と業務改革の推進",
    ] {
        assert!(text.contains(caption), "{caption} missing");
    }
    assert!(
        !text.contains("風通しのよい職場づくり"),
        "3(6) is not digital"
    );

    let unknown = site.run(&["pdf", "--theme-id", "nope", "--out", "x.pdf"]);
    assert_eq!(unknown.status, 1);
    assert!(
        unknown.stderr.contains("no テーマ with id 'nope'"),
        "{}",
        unknown.stderr
    );
}

// ---------------------------------------------------------------- Chromium failures

#[test]
fn missing_chromium_names_the_package_to_install() {
    let site = SiteCopy::bundled();
    let run = site.run(&["pdf", "--chromium", "/nonexistent/chromium"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("apt-get install chromium fonts-noto-cjk"),
        "{}",
        run.stderr
    );
    // None on PATH either.
    let empty = tempfile::tempdir().unwrap();
    let out = hoshin()
        .args(["pdf", "--root", site.root().to_str().unwrap()])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("none of chromium, chromium-browser, google-chrome, google-chrome-stable, microsoft-edge is on PATH")
            && stderr.contains("apt-get install chromium fonts-noto-cjk"),
        "{stderr}"
    );
    assert!(!site.path("dist").exists());
}

/// A fake Chromium: a shell script with the given body.
fn fake_chromium(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-chromium");
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Runs `hoshin pdf` with a fake Chromium and a private TMPDIR (to see it cleaned up).
fn pdf_with(site: &SiteCopy, chromium: &Path, extra: &[&str]) -> (Run, PathBuf) {
    let tmp = site.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    let mut args = vec![
        "pdf",
        "--root",
        site.root().to_str().unwrap(),
        "--chromium",
        chromium.to_str().unwrap(),
    ];
    args.extend(extra);
    let run: Run = hoshin()
        .args(&args)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap()
        .into();
    (run, tmp)
}

#[test]
fn a_hanging_chromium_is_stopped_with_everything_it_started() {
    let site = SiteCopy::bundled();
    let pidfile = site.path("sleeper.pid");
    let chromium = fake_chromium(
        site.root(),
        &format!("sleep 600 &\necho $! > {}\nwait", pidfile.display()),
    );
    let started = Instant::now();
    let (run, tmp) = pdf_with(&site, &chromium, &["--timeout", "3"]);
    assert!(started.elapsed() < Duration::from_secs(60), "hoshin hung");
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("did not finish within 3 s and was stopped"),
        "{}",
        run.stderr
    );
    let pid = fs::read_to_string(&pidfile).expect("the fake Chromium started its child");
    // SIGKILL is delivered asynchronously: give the kernel a moment to end the child.
    let gone = || {
        let stat = fs::read_to_string(format!("/proc/{}/stat", pid.trim())).unwrap_or_default();
        stat.is_empty() || stat.contains(") Z ")
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while !gone() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(gone(), "Chromium's child survived");
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "temp folders left");
    assert!(!site.path("dist").exists());
}

#[test]
fn a_failing_chromium_is_an_error() {
    let site = SiteCopy::bundled();
    let crash = fake_chromium(site.root(), "echo 'Trace/breakpoint trap' >&2\nexit 133");
    let (run, tmp) = pdf_with(&site, &crash, &[]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("Chromium failed"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Trace/breakpoint trap"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "temp folders left");

    let silent = fake_chromium(site.root(), "exit 0");
    let (run, _) = pdf_with(&site, &silent, &[]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("without writing a PDF"),
        "{}",
        run.stderr
    );
    assert!(!site.path("dist").exists());
}
