//! `cargo bench --bench layout`: the layout and render stages alone on generated diagrams with
//! nested groups (100, 500 and 2,000 nodes). Figures are quoted in `docs/layout.md`.

#[path = "../tests/layout_support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use zumen::layout::layout;
use zumen::render::svg;
use zumen::theme::Theme;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    let theme = Theme::builtin("default").unwrap_or_default();
    for n in [100usize, 500, 2_000] {
        let d = support::generated(n, 11);
        group.bench_function(format!("layout, {n} nodes"), |b| b.iter(|| layout(&d)));
        if let Ok(scene) = layout(&d) {
            group.bench_function(format!("render svg, {n} nodes"), |b| b.iter(|| svg(&scene, &theme, "bench")));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
