//! A month's publication on the sample inputs (the IESS plan: 1,801
//! indicators, 24 provinces), stage by stage, in memory; the two PDF
//! renderers on their own; everything again with every PDF signed (with a
//! certificate `openssl` makes for the bench, when it is installed).

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
    match firmante() {
        Some((_dir, f)) => {
            g.bench_function("renderizar todo, con cada PDF firmado", |b| {
                b.iter(|| {
                    let ctx = RenderContext::new(&config, &ds, &informe, &templates)
                        .with_firmante(Some(&f));
                    render::render_all(&ctx, &render::mensual(config.publicacion.ley))
                        .expect("render")
                })
            });
        }
        None => eprintln!("sin openssl: no se mide la publicación firmada"),
    }
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

/// A test signer: an RSA-2048 key and a self-signed certificate in a
/// PKCS#12 file made by `openssl` (kept in the returned folder).
fn firmante() -> Option<(tempfile::TempDir, lotaip::firma::Firmante)> {
    let dir = tempfile::tempdir().ok()?;
    let run = |args: &[&str]| {
        std::process::Command::new("openssl")
            .current_dir(dir.path())
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let made = run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "k.pem",
        "-out",
        "c.pem",
        "-days",
        "30",
        "-subj",
        "/CN=Banco de pruebas",
    ]) && run(&[
        "pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-passout", "pass:x", "-out",
        "f.p12",
    ]);
    std::fs::write(dir.path().join("clave"), "x").ok()?;
    let firma = lotaip::config::Firma {
        certificado: dir.path().join("f.p12").to_str()?.to_string(),
        clave: lotaip::config::Clave::Archivo(dir.path().join("clave").to_str()?.to_string()),
        razon: None,
        lugar: None,
        hora: false,
    };
    let ahora = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    let f = made
        .then(|| lotaip::firma::Firmante::cargar(&firma, dir.path(), ahora).ok())
        .flatten()?;
    Some((dir, f))
}

criterion_group!(benches, mes);
criterion_main!(benches);
