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

    let out = tmp.path().join("dist");
    let build = run(
        &[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(build.status, 0, "build failed:\n{}", build.stderr);
    let files = snapshot(&out);
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
