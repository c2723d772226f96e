//! A plan thirty times the IESS's: the sample units repeated under new names
//! until `metas.xlsx` has 50,000 rows, with their results in the wide layout.
//! Writes the folder `target/grande/` (kept, for measuring the binary with
//! `/usr/bin/time -v lotaip generar --entrada target/grande …`) and times
//! reading and computing it.
//!
//! `cargo bench --bench grande`

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use lotaip::model::{Dataset, MESES_CORTOS, Periodo};
use lotaip::{compute, input};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

const FILAS: usize = 50_000;

fn num(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn metas(ws: &mut Worksheet, ds: &Dataset) -> Result<(), XlsxError> {
    let mut header = vec![
        "unidad",
        "proceso",
        "provincia",
        "zona",
        "objetivo",
        "codigo",
        "indicador",
        "medida",
        "sentido",
        "comportamiento",
        "periodicidad",
    ];
    header.extend(MESES_CORTOS);
    header.extend(["meta_anual", "meta_cuantificable"]);
    ws.write_row(0, 0, header)?;
    let mut row = 1u32;
    'copies: for copia in 1.. {
        for ind in &ds.indicadores {
            if row as usize > FILAS {
                break 'copies;
            }
            let u = &ds.unidades[ind.unidad];
            ws.write_string(row, 0, format!("{} {copia}", u.nombre))?;
            ws.write_string(row, 1, u.proceso.nombre())?;
            if let Some(p) = u.provincia {
                ws.write_string(row, 2, p.nombre())?;
            }
            if let Some(z) = u.zona {
                ws.write_number(row, 3, z)?;
            }
            ws.write_string(row, 4, &ind.objetivo)?;
            if let Some(c) = &ind.codigo {
                ws.write_string(row, 5, c)?;
            }
            ws.write_string(row, 6, &ind.nombre)?;
            ws.write_string(row, 7, ind.medida.nombre())?;
            ws.write_string(row, 8, ind.sentido.nombre())?;
            ws.write_string(row, 9, ind.comportamiento.nombre())?;
            ws.write_string(row, 10, ind.periodicidad.nombre())?;
            for (k, m) in ind.metas.iter().enumerate() {
                if let Some(m) = m {
                    ws.write_number(row, 11 + k as u16, num(*m))?;
                }
            }
            if let Some(a) = ind.meta_anual {
                ws.write_number(row, 23, num(a))?;
            }
            if let Some(t) = &ind.meta_cuantificable {
                ws.write_string(row, 24, t)?;
            }
            row += 1;
        }
    }
    Ok(())
}

fn resultados(ws: &mut Worksheet, ds: &Dataset) -> Result<(), XlsxError> {
    let mut header = vec!["unidad", "codigo", "indicador"];
    header.extend(MESES_CORTOS);
    ws.write_row(0, 0, header)?;
    let mut row = 1u32;
    let mut written = 0;
    'copies: for copia in 1.. {
        for ind in &ds.indicadores {
            if written == FILAS {
                break 'copies;
            }
            written += 1;
            if ind.resultados.iter().all(Option::is_none) {
                continue;
            }
            let u = &ds.unidades[ind.unidad];
            ws.write_string(row, 0, format!("{} {copia}", u.nombre))?;
            if let Some(c) = &ind.codigo {
                ws.write_string(row, 1, c)?;
            }
            ws.write_string(row, 2, &ind.nombre)?;
            for (k, r) in ind.resultados.iter().enumerate() {
                if let Some(r) = r {
                    ws.write_number(row, 3 + k as u16, num(r.valor))?;
                }
            }
            row += 1;
        }
    }
    Ok(())
}

/// Writes `target/grande/` from the sample inputs; returns the folder.
fn write_folder() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, ds) = input::load(&root.join("inputs"), None, None).expect("sample inputs load");
    let dir = root.join("target/grande");
    std::fs::create_dir_all(&dir).expect("target/grande");
    // Percentages are written as the fractions the reader keeps.
    let toml = std::fs::read_to_string(root.join("inputs/lotaip.toml")).expect("lotaip.toml")
        + "\n[politicas]\nporcentajes = \"fraccion\"\n";
    std::fs::write(dir.join("lotaip.toml"), toml).expect("lotaip.toml");
    let mut wb = Workbook::new();
    metas(wb.add_worksheet().set_name("metas").expect("name"), &ds).expect("metas");
    wb.save(dir.join("metas.xlsx")).expect("metas.xlsx");
    let mut wb = Workbook::new();
    resultados(
        wb.add_worksheet().set_name("resultados").expect("name"),
        &ds,
    )
    .expect("resultados");
    wb.save(dir.join("resultados.xlsx"))
        .expect("resultados.xlsx");
    dir
}

fn grande(c: &mut Criterion) {
    let dir = write_folder();
    let periodo = Periodo { anio: 2025, mes: 6 };
    let (config, ds) = input::load(&dir, None, None).expect("the large plan loads");
    assert_eq!(ds.indicadores.len(), FILAS);
    let mut g = c.benchmark_group("50.000 metas");
    g.sample_size(10);
    g.bench_function("leer entradas", |b| {
        b.iter(|| input::load(black_box(&dir), None, None).expect("load"))
    });
    g.bench_function("calcular", |b| {
        b.iter(|| compute::informe(black_box(&ds), &config, periodo, periodo.ultimo_dia()))
    });
    g.finish();
}

criterion_group!(benches, grande);
criterion_main!(benches);
