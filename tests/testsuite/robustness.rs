//! Hostile, broken and odd input: it builds with at most a warning, or it is refused with
//! `path:line:col`, exit 1 and dist/ untouched. Killed or failing builds never leave a
//! partial site.

use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

fn build_ok(site: &SiteCopy) -> Run {
    let run = site.build();
    assert_eq!(run.status, 0, "build failed:\n{}", run.stderr);
    run
}

fn build_fails(site: &SiteCopy) -> String {
    let first = site.path("dist").exists();
    let before = snapshot(&site.path("dist"));
    let run = site.build();
    assert_eq!(run.status, 1, "build should fail:\n{}", run.stderr);
    if first {
        assert_eq!(snapshot(&site.path("dist")), before, "dist/ changed");
    }
    run.stderr
}

#[test]
fn bom_crlf_lone_cr_tabs_and_empty_bodies_build() {
    let site = SiteCopy::bundled();
    let text = site.read("content/3/3-2.md");
    site.write(
        "content/3/3-2.md",
        &format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    let text = site.read("content/3/3-3.md");
    site.write("content/3/3-3.md", &text.replace('\n', "\r"));
    site.edit("content/3/3-4.md", "title: ", "title:\t");
    site.edit("content/3/3-5.md", "chapter: 3\n", "chapter: 3   \n");
    let text = site.read("content/3/3-10.md");
    site.write(
        "content/3/3-10.md",
        &text[..text.find("\n---\n").unwrap() + 5],
    );
    build_ok(&site);
    let html = site.read("dist/directives/3-2.html");
    assert!(
        html.contains("根拠法令等を確認、理解し、遵守した上で"),
        "CRLF file rendered"
    );
    assert!(
        site.read("dist/directives/3-3.html")
            .contains("平常時より情報収集"),
        "CR file rendered"
    );
}

#[test]
fn shift_jis_is_decoded_with_a_warning_and_fixed_with_a_backup() {
    let site = SiteCopy::bundled();
    let text = site.read("content/4/4-2.md");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    fs::write(site.path("content/4/4-2.md"), &sjis).unwrap();
    let run = build_ok(&site);
    assert!(
        run.stderr
            .contains("content/4/4-2.md: warning: file is encoded as Shift_JIS (CP932), not UTF-8"),
        "{}",
        run.stderr
    );
    assert!(
        site.read("dist/directives/4-2.html")
            .contains("ハラスメントの防止等に関する指針")
    );
    let fix = site.run(&["check", "--fix-encoding"]);
    assert_eq!(fix.status, 0, "{}", fix.stderr);
    assert!(
        fix.stderr
            .contains("converted content/4/4-2.md from Shift_JIS (CP932) to UTF-8"),
        "{}",
        fix.stderr
    );
    assert_eq!(
        site.read("content/4/4-2.md"),
        text,
        "rewritten as the same text in UTF-8"
    );
    assert_eq!(
        fs::read(site.path(".hoshin-backup/content/4/4-2.md.bak")).unwrap(),
        sjis.as_ref(),
        "backup holds the original bytes"
    );
    assert!(
        !site.path("content/4/4-2.md.bak").exists(),
        "no backup left in content/"
    );
    let again = site.run(&["check"]);
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);
}

#[test]
fn undecodable_bytes_name_the_offset() {
    let site = SiteCopy::bundled();
    build_ok(&site);
    let mut bytes = site.read("content/4/4-1.md").into_bytes();
    bytes.splice(10..10, [0xFF, 0xFF, 0x00]);
    fs::write(site.path("content/4/4-1.md"), bytes).unwrap();
    let err = build_fails(&site);
    assert!(
        err.contains("content/4/4-1.md: error: not valid text: the byte at offset 10"),
        "{err}"
    );
}

#[test]
fn yaml_bombs_deep_nesting_duplicates_and_non_mappings_are_refused_fast() {
    let deep = format!(
        "---\nid: \"4-1\"\nchapter: 4\nnumber: 1\ntitle: x\nthemes: {}\n---\n",
        "[".repeat(300)
    );
    let cases: &[(&str, &str)] = &[
        (
            "---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n",
            "content/4/4-1.md:2:1: error: unknown field `a`",
        ),
        (&deep, "content/4/4-1.md:"),
        (
            "---\nid: \"4-1\"\nchapter: 4\nnumber: 1\ntitle: x\ntitle: y\n---\n",
            "content/4/4-1.md:",
        ),
        (
            "---\n- id\n- chapter\n---\n",
            "content/4/4-1.md:2:1: error: invalid type: sequence, expected struct",
        ),
        (
            "---\njust text\n---\n",
            "content/4/4-1.md:2:1: error: invalid type: string",
        ),
    ];
    for (text, expected) in cases {
        let site = SiteCopy::bundled();
        build_ok(&site);
        site.write("content/4/4-1.md", text);
        let started = Instant::now();
        let err = build_fails(&site);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "took {:?}",
            started.elapsed()
        );
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
}

#[test]
fn duplicate_keys_point_at_the_second_key() {
    let site = SiteCopy::bundled();
    build_ok(&site);
    site.edit("content/4/4-1.md", "number: 1\n", "number: 1\nnumber: 2\n");
    let err = build_fails(&site);
    assert!(
        err.contains("content/4/4-1.md:5:1: error: duplicate field `number`"),
        "{err}"
    );
}

#[test]
fn oversized_files_are_refused() {
    let site = SiteCopy::bundled();
    build_ok(&site);
    site.edit(
        "hoshin.yaml",
        "theme: default",
        "theme: default\nmax_file_size: 2000",
    );
    let big = format!("{}\n{}", site.read("content/4/4-1.md"), "あ".repeat(1000));
    site.write("content/4/4-1.md", &big);
    let err = build_fails(&site);
    assert!(err.contains("content/4/4-1.md: error: file is 3"), "{err}");
    assert!(err.contains("more than the limit of 2000 bytes"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlinks_loops_and_links_outside_the_root_are_not_followed() {
    let site = SiteCopy::bundled();
    build_ok(&site);
    let secret = tempfile::tempdir().unwrap();
    fs::write(
        secret.path().join("secret.md"),
        "---\nid: \"9-9\"\nchapter: 4\nnumber: 9\ntitle: 秘密\n---\n秘密の内容\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret.md"),
        site.path("content/4/leak.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(site.path("content"), site.path("content/4/loop")).unwrap();
    let err = build_fails(&site);
    assert!(
        err.contains("content/4/leak.md: error: symbolic link"),
        "{err}"
    );
    assert!(
        err.contains("content/4/loop: error: symbolic link"),
        "{err}"
    );
    assert!(!site.read("dist/index.html").contains("秘密"));
}

#[test]
fn japanese_names_and_spaces_in_paths_work() {
    let site = SiteCopy::bundled();
    fs::rename(site.path("content/4"), site.path("content/第4章 人材育成")).unwrap();
    fs::rename(
        site.path("content/第4章 人材育成/4-2.md"),
        site.path("content/第4章 人材育成/ハラスメント 防止.md"),
    )
    .unwrap();
    let out = site.path("出力 フォルダ");
    let run = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(out.join("directives/4-2.html").is_file());
}

#[test]
fn reserved_and_nul_ids_are_refused() {
    for (id, expected) in [
        ("\"CON\"", "reserved device name"),
        ("\"a\\0b\"", "contains a NUL character"),
        ("\".hidden\"", "starts or ends with a dot"),
        ("\"a\\\\b\"", "contains a path separator '\\'"),
    ] {
        let site = SiteCopy::bundled();
        build_ok(&site);
        site.edit("content/4/4-1.md", "id: \"4-1\"", &format!("id: {id}"));
        let err = build_fails(&site);
        assert!(err.contains("content/4/4-1.md:2:"), "{err}");
        assert!(
            err.contains(expected),
            "{id}: expected {expected:?} in {err}"
        );
    }
}

/// Adds `n` directives to chapter 3 so that a build takes long enough to be interrupted.
fn enlarge(site: &SiteCopy, n: usize) {
    let para = "業務の目的とアウトカムを正確に捉え、業務フロー、事務事業の見直し等を行い、行政サービスの最適化につながる改善策を積極的に取り入れること。".repeat(6);
    for i in 0..n {
        let number = 100 + i;
        site.write(
            &format!("content/3/x-{number}.md"),
            &format!(
                "---\nid: \"x-{number}\"\nchapter: 3\nnumber: {number}\ntitle: 追加の方針{number}\nthemes: [compliance]\nrelated: [\"3-1\"]\n---\n{para}\n\n①{para}\n\n②{para}\n"
            ),
        );
    }
}

#[cfg(unix)]
#[test]
fn killing_a_build_never_leaves_a_partial_site() {
    let site = SiteCopy::bundled();
    enlarge(&site, 200);
    build_ok(&site);
    let old = snapshot(&site.path("dist"));
    site.edit(
        "content/3/3-2.md",
        "適正な手続と事業運営",
        "適正な手続と事業の運営",
    );
    let started = Instant::now();
    build_ok(&site);
    let full = started.elapsed();
    let new = snapshot(&site.path("dist"));
    assert_ne!(old, new);
    // Back to the old sources, then kill builds towards the new ones at varied moments.
    site.edit(
        "content/3/3-2.md",
        "適正な手続と事業の運営",
        "適正な手続と事業運営",
    );
    build_ok(&site);
    site.edit(
        "content/3/3-2.md",
        "適正な手続と事業運営",
        "適正な手続と事業の運営",
    );
    let mut outcomes = (0, 0);
    for i in 0..10u32 {
        let delay = full.mul_f64(f64::from(i) / 8.0);
        let mut child = hoshin()
            .args(["build", "--root", site.root().to_str().unwrap()])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site.path("dist"));
        if now == old {
            outcomes.0 += 1;
        } else if now == new {
            outcomes.1 += 1;
            // Reset to the old site for the next round.
            site.edit(
                "content/3/3-2.md",
                "適正な手続と事業の運営",
                "適正な手続と事業運営",
            );
            build_ok(&site);
            site.edit(
                "content/3/3-2.md",
                "適正な手続と事業運営",
                "適正な手続と事業の運営",
            );
        } else {
            panic!(
                "after a kill at {delay:?}, dist/ is neither the old nor the new site ({} files)",
                now.len()
            );
        }
    }
    eprintln!(
        "kills: {} left the old site, {} the new one",
        outcomes.0, outcomes.1
    );
    // The next build cleans up what killed builds left behind.
    build_ok(&site);
    let leftovers: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("hoshin-stage") || n.contains("hoshin-old"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn concurrent_builds_of_one_output_never_mix() {
    let a = SiteCopy::bundled();
    let b = SiteCopy::bundled();
    enlarge(&a, 80);
    enlarge(&b, 80);
    b.edit(
        "content/3/3-2.md",
        "適正な手続と事業運営",
        "適正な手続と事業の運営",
    );
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("site");
    let expect_a = {
        let d = out.path().join("a");
        assert_eq!(a.run(&["build", "--out", d.to_str().unwrap()]).status, 0);
        snapshot(&d)
    };
    let expect_b = {
        let d = out.path().join("b");
        assert_eq!(b.run(&["build", "--out", d.to_str().unwrap()]).status, 0);
        snapshot(&d)
    };
    for _ in 0..2 {
        let spawn = |s: &SiteCopy| {
            hoshin()
                .args([
                    "build",
                    "--root",
                    s.root().to_str().unwrap(),
                    "--out",
                    out_dir.to_str().unwrap(),
                ])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (ca, cb) = (spawn(&a), spawn(&b));
        let (ra, rb) = (
            ca.wait_with_output().unwrap(),
            cb.wait_with_output().unwrap(),
        );
        assert!(
            ra.status.success(),
            "{}",
            String::from_utf8_lossy(&ra.stderr)
        );
        assert!(
            rb.status.success(),
            "{}",
            String::from_utf8_lossy(&rb.stderr)
        );
        let now = snapshot(&out_dir);
        assert!(
            now == expect_a || now == expect_b,
            "output is a mix of two builds"
        );
    }
}
