//! Criterion benchmarks of the pipeline's stages on a generated corpus of 1,000
//! directives (examples/gen_corpus.rs, run in-process): load (read every file), resolve
//! (front matter, Markdown scan, cross-references), render (every page in memory) and
//! write (staged write and swap). `cargo bench --bench pipeline`; for whole builds at
//! 1k–50k see scripts/bench.sh and BENCHMARKS.md.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hoshin::diagnostic::Diagnostics;
use hoshin::{load, output, render::Renderer, resolve, skin};

#[allow(dead_code, private_interfaces)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

const N: usize = 1000;

fn stages(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    gen_corpus::run(N, &root, 20260401).expect("generate corpus");
    let root = root.as_path();

    let mut diags = Diagnostics::new();
    let sources = load::load(root, &mut diags);
    let site = resolve::resolve(&sources, &mut diags).expect("corpus resolves");
    let mut skin = skin::load(root, &sources.config.theme, &mut diags).expect("theme loads");
    assert!(!diags.has_errors(), "the generated corpus has errors");
    let files = Renderer::new(&site, &mut skin, &sources.config)
        .render_all()
        .expect("corpus renders");

    let mut group = c.benchmark_group(format!("pipeline_{N}"));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("load", |b| {
        b.iter(|| load::load(root, &mut Diagnostics::new()))
    });
    group.bench_function("resolve", |b| {
        b.iter(|| resolve::resolve(&sources, &mut Diagnostics::new()).expect("resolves"))
    });
    group.bench_function("render", |b| {
        b.iter(|| {
            Renderer::new(&site, &mut skin, &sources.config)
                .render_all()
                .expect("renders")
        })
    });
    let out = tmp.path().join("dist");
    group.bench_function("write", |b| {
        b.iter(|| output::write_site(Path::new(&out), &files).expect("writes"))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
