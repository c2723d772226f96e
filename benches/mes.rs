//! A month's publication on the sample inputs (the IESS plan: 1,801
//! indicators, 24 provinces), stage by stage, in memory; the two PDF
//! renderers on their own.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use lotaip::model::Periodo;
use lotaip::render::{self, RenderContext, Templates};
use lotaip::{compute, input};

fn mes(c: &mut Criterion) {
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let periodo = Periodo { anio: 2025, mes: 6 };
    let (config, ds) = input::load(&inputs, None, None).expect("sample inputs load");
    let templates = Templates::load(None).expect("templates");
    let informe = compute::informe(&ds, &config, periodo, periodo.ultimo_dia()).expect("compute");

    let mut g = c.benchmark_group("mes 2025-06");
    g.sample_size(10);
    g.bench_function("leer entradas", |b| {
        b.iter(|| input::load(black_box(&inputs), None, None).expect("load"))
    });
    g.bench_function("calcular", |b| {
        b.iter(|| compute::informe(black_box(&ds), &config, periodo, periodo.ultimo_dia()))
    });
    g.bench_function("renderizar todo (XLSX, CSV, PDF)", |b| {
        b.iter(|| {
            let ctx = RenderContext::new(&config, &ds, &informe, &templates);
            render::render_all(&ctx, &render::mensual(config.publicacion.ley)).expect("render")
        })
    });
    let ctx = RenderContext::new(&config, &ds, &informe, &templates);
    let tctx = ctx.tera_context().expect("context");
    g.bench_function("plantilla literal_a4.html", |b| {
        b.iter(|| {
            templates
                .render("literal_a4.html", black_box(&tctx))
                .expect("xhtml")
        })
    });
    let renderers = render::mensual(config.publicacion.ley);
    let renderer = |name: &str| {
        renderers
            .iter()
            .find(|r| r.name() == name)
            .expect("a renderer of the month")
    };
    let (a4, provincias) = (
        renderer("Matriz de metas y objetivos (PDF)"),
        renderer("Provincias (PDF)"),
    );
    g.bench_function("PDF matriz de metas y objetivos", |b| {
        b.iter(|| a4.render(black_box(&ctx)).expect("pdf"))
    });
    g.bench_function("PDF 24 provincias", |b| {
        b.iter(|| provincias.render(black_box(&ctx)).expect("pdf"))
    });
    g.finish();
}

criterion_group!(benches, mes);
criterion_main!(benches);
