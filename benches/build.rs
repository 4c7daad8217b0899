//! `cargo bench --bench build`: the whole `zumen build` pipeline and its later stages on
//! generated 2,000- and 5,000-resource roots (issue targets: well under a second).

mod common;
use criterion::{criterion_group, criterion_main, Criterion};
use zumen::build::{build, Formats, Options};
use zumen::doc::RenderedDiagram;
use zumen::theme::Theme;

fn options(root: &std::path::Path) -> Options {
    Options {
        root: root.to_path_buf(),
        config: None,
        formats: Formats::default(),
        theme: Theme::builtin("default").unwrap_or_default(),
        catalog: None,
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for size in [2_000usize, 5_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        common::generate_root(dir.path(), size).expect("generate");
        let opts = options(dir.path());
        group.bench_function(format!("full build, {size} resources"), |b| b.iter(|| build(&opts).expect("build")));
        let model = zumen::build::model_only(dir.path(), None).expect("model");
        let catalog = zumen::catalog::Catalog::builtin();
        group.bench_function(format!("analyze, {size} resources"), |b| {
            b.iter(|| zumen::analyze::analyze(&model, &catalog))
        });
        let analysis = zumen::analyze::analyze(&model, &catalog);
        group.bench_function(format!("layout, {size} resources"), |b| {
            b.iter(|| {
                analysis
                    .diagrams
                    .iter()
                    .map(|d| zumen::layout::layout(d).map(|s| s.nodes.len()).unwrap_or(0))
                    .sum::<usize>()
            })
        });
        let scenes: Vec<_> = analysis.diagrams.iter().filter_map(|d| zumen::layout::layout(d).ok()).collect();
        let theme = Theme::builtin("default").unwrap_or_default();
        group.bench_function(format!("render, {size} resources"), |b| {
            b.iter(|| scenes.iter().map(|s| zumen::render::svg(s, &theme, "bench").len()).sum::<usize>())
        });
        let svgs: Vec<(String, String, String)> = analysis
            .diagrams
            .iter()
            .zip(&scenes)
            .map(|(d, s)| (d.id.clone(), d.title.clone(), zumen::render::svg(s, &theme, &d.title)))
            .collect();
        let rendered: Vec<RenderedDiagram<'_>> =
            svgs.iter().map(|(id, title, svg)| RenderedDiagram { id, title, svg }).collect();
        group.bench_function(format!("documents, {size} resources"), |b| {
            b.iter(|| zumen::doc::documents(&model, &analysis, &rendered, &theme, true, true).len())
        });
    }
    // One root module holding every resource: thousands of nodes in a single detail view.
    let flat = tempfile::tempdir().expect("tempdir");
    common::generate_flat_root(flat.path(), 5_000).expect("generate");
    let opts = options(flat.path());
    group.bench_function("full build, flat root, 5000 resources", |b| b.iter(|| build(&opts).expect("build")));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
