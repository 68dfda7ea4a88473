//! Criterion benchmarks of the pipeline's stages on a generated corpus of 1,000
//! directives (examples/gen_corpus.rs, run in-process): load (read every file), resolve
//! (front matter, Markdown scan, cross-references), the whole pipeline in memory (load,
//! resolve, every output file) and write (staged write and swap). `cargo bench --bench pipeline`; for whole builds at
//! 1k–50k see scripts/bench.sh and BENCHMARKS.md.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hoshin::diag::Diagnostics;
use hoshin::{input, output, pipeline, resolve};

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
    let sources = input::load(root, &mut diags);
    assert!(!diags.has_errors(), "the generated corpus has errors");
    let Ok(rendered) = pipeline::render(root) else {
        panic!("the corpus does not build")
    };
    let files = rendered.files;

    let mut group = c.benchmark_group(format!("pipeline_{N}"));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("load", |b| {
        b.iter(|| input::load(root, &mut Diagnostics::new()))
    });
    group.bench_function("resolve", |b| {
        b.iter(|| resolve::resolve(&sources, &mut Diagnostics::new()).expect("resolves"))
    });
    group.bench_function("pipeline", |b| b.iter(|| pipeline::render(root).is_ok()));
    let out = tmp.path().join("dist");
    group.bench_function("write", |b| {
        b.iter(|| output::write_site(Path::new(&out), &files).expect("writes"))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
