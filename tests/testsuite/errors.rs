//! Bad input: every problem reported at once as `path:line:col: message` with the source
//! line, exit status 1, and the previous dist/ left byte-identical.

use crate::support::*;

/// Builds the bundled site, applies `breakage`, builds again; asserts the failure left
/// dist/ unchanged and returns stderr.
fn fails_keeping_dist(breakage: impl FnOnce(&SiteCopy)) -> String {
    let site = SiteCopy::bundled();
    let first = site.build();
    assert_eq!(first.status, 0, "{}", first.stderr);
    let before = snapshot(&site.path("dist"));
    breakage(&site);
    let run = site.build();
    assert_eq!(run.status, 1, "build should fail:\n{}", run.stderr);
    assert_eq!(
        snapshot(&site.path("dist")),
        before,
        "dist/ changed after a failed build"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status, 1, "check should fail too");
    run.stderr
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    let err = fails_keeping_dist(|s| {
        s.edit(
            "content/3/3-2.md",
            "themes: [privacy, compliance]",
            "themes: [privacy, compliance",
        )
    });
    // libyaml notices the unclosed `[` where the next key starts.
    assert!(
        err.contains("content/3/3-2.md:8:11: error: did not find expected ',' or ']'"),
        "{err}"
    );
    assert!(err.contains("1 error found"), "{err}");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let err = fails_keeping_dist(|s| s.edit("content/3/3-2.md", "themes:", "themez:"));
    assert!(
        err.contains("content/3/3-2.md:7:1: error: unknown field `themez`"),
        "{err}"
    );
    assert!(err.contains("did you mean `themes`?"), "{err}");
    assert!(
        err.contains(" 7 | themez: [privacy, compliance]"),
        "source line shown: {err}"
    );
}

#[test]
fn missing_and_ill_typed_fields() {
    let err = fails_keeping_dist(|s| {
        s.edit(
            "content/3/3-2.md",
            "title: 法令遵守と個人情報の適切な管理\n",
            "",
        )
    });
    assert!(
        err.contains("content/3/3-2.md:") && err.contains("missing field `title`"),
        "{err}"
    );
    let err = fails_keeping_dist(|s| s.edit("content/3/3-2.md", "number: 2", "number: two"));
    assert!(
        err.contains(
            "content/3/3-2.md:4:9: error: number: invalid type: string \"two\", expected u32"
        ),
        "{err}"
    );
}

#[test]
fn unknown_topic_gets_did_you_mean_at_its_column() {
    let err = fails_keeping_dist(|s| {
        s.edit(
            "content/3/3-2.md",
            "[privacy, compliance]",
            "[privacy, complience]",
        )
    });
    assert!(
        err.contains(
            "content/3/3-2.md:7:19: error: unknown テーマ 'complience'; did you mean 'compliance'?"
        ),
        "{err}"
    );
    assert!(err.contains("^^^^^^^^^^"), "caret under the value: {err}");
}

#[test]
fn topic_written_by_name_suggests_its_id() {
    let err = fails_keeping_dist(|s| {
        s.edit(
            "content/3/3-2.md",
            "[privacy, compliance]",
            "[個人情報保護]",
        )
    });
    assert!(
        err.contains("unknown テーマ '個人情報保護'; did you mean 'privacy'?"),
        "{err}"
    );
}

#[test]
fn unknown_plan_and_related_and_link_targets() {
    let err = fails_keeping_dist(|s| {
        s.edit(
            "content/3/3-2.md",
            "references: []",
            "references: [no-such-plan]",
        );
        s.edit(
            "content/3/3-2.md",
            "related: [\"3-7\"]",
            "related: [\"3-77\"]",
        );
        s.edit(
            "content/3/3-2.md",
            "適正な手続と事業運営を行うこと。",
            "適正な手続と事業運営を行うこと（[参照](@9-9)）。",
        );
    });
    assert!(
        err.contains("content/3/3-2.md:8:14: error: unknown plan 'no-such-plan'"),
        "{err}"
    );
    assert!(
        err.contains("content/3/3-2.md:9:12: error: unknown directive id '3-77' in related"),
        "{err}"
    );
    assert!(
        err.contains("content/3/3-2.md:11:37: error: link to unknown directive or sub-item '@9-9'"),
        "{err}"
    );
    assert!(
        err.contains("3 errors found"),
        "all reported at once: {err}"
    );
    // Sorted by position.
    let a = err.find(":8:14:").unwrap();
    let b = err.find(":9:12:").unwrap();
    let c = err.find(":11:37:").unwrap();
    assert!(a < b && b < c, "{err}");
}

#[test]
fn links_to_sub_items_resolve_and_bad_ones_do_not() {
    let site = SiteCopy::bundled();
    site.edit(
        "content/3/3-2.md",
        "適正な手続と事業運営を行うこと。",
        "適正な手続と事業運営を行うこと（[生成AI](@1-2-1)）。",
    );
    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        site.read("dist/directives/3-2.html")
            .contains(r#"href="../directives/1-2.html#1-2-1""#)
    );
    assert!(
        site.read("dist/directives/1-2.html")
            .contains("この方針を本文で参照している方針")
    );
    site.edit("content/3/3-2.md", "(@1-2-1)", "(@1-2-3)");
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("link to unknown directive or sub-item '@1-2-3'"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_and_unsafe_ids() {
    let err = fails_keeping_dist(|s| s.edit("content/3/3-2.md", "id: \"3-2\"", "id: \"3-1\""));
    assert!(
        err.contains(
            "content/3/3-2.md:2:6: error: duplicate id '3-1': also used by content/3/3-1.md"
        ),
        "{err}"
    );
    let err = fails_keeping_dist(|s| s.edit("content/3/3-2.md", "id: \"3-2\"", "id: \"../3-2\""));
    assert!(
        err.contains("content/3/3-2.md:2:6: error: id '../3-2' contains a path separator"),
        "{err}"
    );
    let err = fails_keeping_dist(|s| s.edit("content/3/3-2.md", "id: \"3-2\"", "id: 3.10"));
    assert!(
        err.contains("content/3/3-2.md:2:5: error: id: 3.1 is written as a number"),
        "{err}"
    );
}

#[test]
fn ids_differing_only_in_case_collide() {
    let err = fails_keeping_dist(|s| {
        s.write(
            "content/3/3-x.md",
            "---\nid: \"a-1\"\nchapter: 3\nnumber: 11\ntitle: x\n---\nx\n",
        );
        s.write(
            "content/3/3-y.md",
            "---\nid: \"A-1\"\nchapter: 3\nnumber: 12\ntitle: y\n---\ny\n",
        );
    });
    assert!(err.contains("only in letter case"), "{err}");
}

#[test]
fn unclosed_front_matter() {
    let err = fails_keeping_dist(|s| {
        s.edit(
            "content/3/3-2.md",
            "related: [\"3-7\"]\n---\n",
            "related: [\"3-7\"]\n",
        )
    });
    assert!(
        err.contains("content/3/3-2.md:1:1: error: front matter opened here is never closed"),
        "{err}"
    );
}

#[test]
fn template_error_names_the_template_and_line() {
    let err = fails_keeping_dist(|s| {
        let tpl = s.read("themes/default/templates/plan.html");
        s.write(
            "templates/plan.html",
            &tpl.replace("{{ plan.name }}</h1>", "{{ plan.nmae }}</h1>"),
        );
    });
    assert!(
        err.contains(
            "templates/plan.html:3:53: error: template error: Field `nmae` is not defined"
        ),
        "{err}"
    );
    let err = fails_keeping_dist(|s| {
        s.write(
            "templates/plan.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
        )
    });
    assert!(err.contains("templates/plan.html:3:"), "{err}");
}

#[test]
fn output_folder_that_is_not_hoshins_is_refused_and_untouched() {
    let site = SiteCopy::bundled();
    for bad in [".", "content", "..", "/"] {
        let run = site.run(&["build", "--out", bad]);
        assert_eq!(run.status, 1, "--out {bad} accepted");
        assert!(
            run.stderr.contains("refusing"),
            "--out {bad}: {}",
            run.stderr
        );
    }
    site.write("docs/keep.txt", "precious");
    let run = site.run(&["build", "--out", site.path("docs").to_str().unwrap()]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("not created by hoshin"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("docs/keep.txt"), "precious");
    assert!(site.path("content/_index.md").exists());
}

#[test]
fn raw_html_is_escaped_and_script_links_refused() {
    let site = SiteCopy::bundled();
    site.edit(
        "content/3/3-2.md",
        "適正な手続と事業運営を行うこと。",
        "適正な手続と事業運営を行うこと。<script>alert(1)</script><b onclick=\"x()\">太字</b>",
    );
    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: raw HTML is not allowed"),
        "{}",
        run.stderr
    );
    let html = site.read("dist/directives/3-2.html");
    let doc = scraper::Html::parse_document(&html);
    let scripts = doc
        .select(&scraper::Selector::parse("script").unwrap())
        .count();
    assert_eq!(scripts, 1, "only the theme's script");
    assert_eq!(
        doc.select(&scraper::Selector::parse("[onclick]").unwrap())
            .count(),
        0
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    site.edit(
        "content/3/3-2.md",
        "<script>alert(1)</script>",
        "[押す](javascript:alert(1))",
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("link target 'javascript:alert(1)' is not allowed"),
        "{}",
        run.stderr
    );
}

#[test]
fn vocabulary_and_notice_errors_share_one_format() {
    let err = fails_keeping_dist(|s| {
        let topics = s.read("content/topics.yaml");
        s.write(
            "content/topics.yaml",
            &format!("{topics}- id: Digital\n  name: 重複\n"),
        );
        s.edit(
            "content/_index.md",
            "plan: shisei-unei-r8",
            "plan: shisei-unei-r9",
        );
        s.edit(
            "content/1/_index.md",
            "shisei-hoshin-r8,",
            "令和8年度施政方針,",
        );
    });
    assert!(
        err.contains("content/topics.yaml:") && err.contains("duplicate テーマ id 'Digital'"),
        "{err}"
    );
    assert!(
        err.contains("content/_index.md:")
            && err.contains("unknown plan 'shisei-unei-r9'; did you mean 'shisei-unei-r8'?"),
        "{err}"
    );
    assert!(
        err.contains("unknown plan '令和8年度施政方針'; did you mean 'shisei-hoshin-r8'?"),
        "{err}"
    );
}

/// `check` renders the lists of a page (the table of contents, a chapter's directives)
/// shortened to one entry of each shape and the last: a template error on such an entry
/// is still found, with the same message as `build` gives.
#[test]
fn check_finds_a_template_error_in_the_last_entry_of_a_list() {
    let site = SiteCopy::bundled();
    let tpl = site.read("themes/default/templates/index.html");
    let broken = tpl.replace(
        "{% for s in d.sub_items %}<li>",
        "{% for s in d.sub_items %}{% if loop.last %}{{ s.nope }}{% endif %}<li>",
    );
    assert_ne!(broken, tpl, "the theme's table of contents changed");
    site.write("templates/index.html", &broken);
    let build = site.build();
    let check = site.run(&["check"]);
    assert_eq!(build.status, 1, "{}", build.stderr);
    assert_eq!(check.status, 1, "{}", check.stderr);
    let error = "templates/index.html:35:50: error: template error: Field `nope` is not defined";
    assert!(check.stderr.contains(error), "{}", check.stderr);
    assert!(
        check.stderr.ends_with("1 error found\n"),
        "{}",
        check.stderr
    );
    assert!(build.stderr.contains(error), "{}", build.stderr);
}

/// A template that works only on the whole list (it reads a chapter's last directive by
/// position) fails on the shortened list `check` renders first; `check` then renders
/// the page in full and, like `build`, finds nothing wrong.
#[test]
fn check_reports_no_error_that_only_a_shortened_list_would_cause() {
    let site = SiteCopy::bundled();
    let tpl = site.read("themes/default/templates/index.html");
    let by_position = tpl.replace(
        "<ol class=\"toc-directives\">",
        "<ol class=\"toc-directives\">{% set n = entry.chapter.count - 1 %}{{ entry.directives[n].title }}",
    );
    assert_ne!(by_position, tpl, "the theme's table of contents changed");
    site.write("templates/index.html", &by_position);
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}", check.stderr);
    assert_eq!(site.build().status, 0);
}

/// Of equally close ids, "did you mean" names the first in sorted order, the same on
/// every run (it once depended on the order of a hash map).
#[test]
fn did_you_mean_picks_the_nearest_number_of_equally_close_ids_every_time() {
    let site = SiteCopy::bundled();
    site.edit(
        "content/3/3-2.md",
        "related: [\"3-7\"]",
        "related: [\"3-11\"]",
    );
    for _ in 0..4 {
        let check = site.run(&["check"]);
        assert_eq!(check.status, 1, "{}", check.stderr);
        assert!(
            check
                .stderr
                .contains("error: unknown directive id '3-11' in related; did you mean '3-10'?"),
            "{}",
            check.stderr
        );
    }
}

/// Directives are checked in parallel; the problems of many files still come out sorted
/// by file and position, once each.
#[test]
fn problems_in_many_files_are_reported_sorted() {
    let site = SiteCopy::bundled();
    let files = [
        "content/1/1-1.md",
        "content/2/2-1.md",
        "content/3/3-1.md",
        "content/3/3-10.md",
        "content/4/4-1.md",
    ];
    // Edited in another order than the expected one.
    for f in files.iter().rev() {
        let text = site.read(f);
        site.write(f, &format!("{text}\n[参照](@no-such-id)\n"));
    }
    for args in [&["check"][..], &["build"][..]] {
        let run = site.run(args);
        assert_eq!(run.status, 1, "{}", run.stderr);
        let reported: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(": error: link to unknown directive"))
            .map(|l| l.split(':').next().unwrap())
            .collect();
        assert_eq!(reported, files, "{}", run.stderr);
        assert!(run.stderr.contains("5 errors found"), "{}", run.stderr);
    }
}

/// The slips Japanese typing makes: each pointed at exactly, named 全角, with the line as it
/// should be, and nothing else reported.
#[test]
fn full_width_slips_are_pointed_at_named_and_corrected() {
    let cases = [
        (
            "title: 法令遵守",
            "title：法令遵守",
            "content/3/3-2.md:5:6: error: full-width (全角) '：'",
            "`title: 法令遵守と個人情報の適切な管理`",
        ),
        (
            "id: \"3-2\"",
            "id：\"3-2\"",
            "content/3/3-2.md:2:3: error: full-width (全角) '：'",
            "`id: \"3-2\"`",
        ),
        (
            "number: 2",
            "number: １１",
            "content/3/3-2.md:4:9: error: full-width (全角) digits",
            "`number: 11`",
        ),
        (
            "themes: [privacy, compliance]",
            "themes: ［privacy，compliance］",
            "content/3/3-2.md:7:9: error: full-width (全角) '［'",
            "`themes: [privacy,compliance]`",
        ),
        (
            "themes: [privacy, compliance]",
            "　themes: [privacy, compliance]",
            "content/3/3-2.md:7:1: error: full-width (全角) space",
            "`themes: [privacy, compliance]`",
        ),
        (
            "id: \"3-2\"",
            "id: \"3ー2\"",
            "content/3/3-2.md:2:6: error: id '3ー2' has full-width (全角) characters",
            "\"3-2\"",
        ),
    ];
    for (from, to, at, fixed) in cases {
        let err = fails_keeping_dist(|s| s.edit("content/3/3-2.md", from, to));
        assert!(err.contains(at), "{to}:\n{err}");
        assert!(err.contains(fixed) && err.contains("全角"), "{to}:\n{err}");
        assert!(
            err.contains("1 error found"),
            "one slip, one error ({to}):\n{err}"
        );
    }
}

#[test]
fn a_link_that_looks_internal_but_leads_nowhere_is_an_error() {
    for (link, fixed) in [("[窓口](3-7)", "(@3-7)"), ("[窓口](＠3-7)", "(@3-7)")] {
        let err = fails_keeping_dist(|s| {
            s.edit(
                "content/3/3-2.md",
                "適切に運用すること。",
                &format!("適切に運用すること（{link}）。"),
            )
        });
        assert!(
            err.contains("content/3/3-2.md:13:50: error"),
            "{link}:\n{err}"
        );
        assert!(
            err.contains(fixed) && err.contains("error"),
            "{link}:\n{err}"
        );
    }
}

#[test]
fn numbering_gaps_are_reported_and_a_near_miss_id_suggests_the_nearest_number() {
    let site = SiteCopy::bundled();
    site.edit("content/3/3-10.md", "number: 10", "number: 12");
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "a gap is a warning:\n{}", run.stderr);
    assert!(
        run.stderr.contains("content/3/3-10.md:4:9: warning: numbering gap: 3(9) is followed by (12); (10) is missing"),
        "{}",
        run.stderr
    );
    let err = fails_keeping_dist(|s| {
        s.edit("content/3/3-10.md", "number: 10", "number: 11");
        s.edit("content/3/3-10.md", "id: \"3-10\"", "id: \"3-11\"");
        s.edit(
            "content/3/3-2.md",
            "related: [\"3-7\"]",
            "related: [\"3-12\"]",
        );
    });
    assert!(err.contains("did you mean '3-11'?"), "{err}");
}

/// One mistake, one error: what only follows from an unreadable file is left out, so the
/// cause is the report.
#[test]
fn problems_that_only_follow_from_an_unreadable_file_are_left_out() {
    type Breakage = fn(&SiteCopy);
    let cases: [(&str, Breakage, &str); 3] = [
        (
            "emptied chapter file",
            |s| s.write("content/3/_index.md", ""),
            "content/3/_index.md:1:1: error",
        ),
        (
            "emptied topics.yaml",
            |s| s.write("content/topics.yaml", ""),
            "content/topics.yaml:1:1: error",
        ),
        (
            "broken front matter of a linked directive",
            |s| s.edit("content/3/3-6.md", "chapter: 3", "chapter：3"),
            "content/3/3-6.md:3:8: error",
        ),
    ];
    for (what, breakage, cause) in cases {
        let err = fails_keeping_dist(breakage);
        assert!(err.contains(cause), "{what}:\n{err}");
        assert!(
            err.contains("1 error found"),
            "{what}: the cause alone:\n{err}"
        );
    }
}
