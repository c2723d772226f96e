//! The run summary printed at the end of a command.

use std::collections::BTreeMap;

use lotaip::compute::Resumen;
use lotaip::config::Config;
use lotaip::error::Warning;
use lotaip::format;
use lotaip::model::Dataset;
use lotaip::publicacion::MesPublicado;

/// How many warnings are printed one by one before the rest are counted.
const WARNINGS_SHOWN: usize = 10;

pub fn imprimir(hecho: &MesPublicado) {
    let MesPublicado {
        cargado,
        informe,
        cambios,
        publicado,
        archivos: files,
        portada,
    } = hecho;
    let (config, ds) = (&cargado.config, &cargado.dataset);
    let dir = &publicado.dir;
    say!(
        "lotaip {} — {}, {}",
        env!("CARGO_PKG_VERSION"),
        config.institucion.nombre,
        informe.periodo.nombre()
    );
    entradas(ds);
    say!(
        "Cumplimiento institucional: {}",
        cifras(config, &informe.institucion)
    );
    say!("Cambios: {}", lotaip::render::resumen_cambios(cambios));
    if !cambios.lista().is_empty() {
        say!("  el detalle está en la hoja «Cambios» del libro de cumplimiento");
    }
    let bytes: u64 = publicado.manifest.salidas.iter().map(|h| h.bytes).sum();
    say!(
        "Archivos publicados en {} ({} y el manifiesto, {}):",
        dir.display(),
        files.len(),
        format::tamano(bytes)
    );
    for f in files {
        say!("  {}", f.path);
    }
    say!(
        "Manifiesto: {} (compruébelo con «lotaip verificar {}»)",
        dir.join(lotaip::publish::MANIFEST).display(),
        dir.display()
    );
    match (portada, dir.parent()) {
        (Some(why), _) => say!("Página de todas las publicaciones: {why}"),
        (None, Some(root)) => say!(
            "Todas las publicaciones: {} (el último mes siempre en {})",
            root.join("index.html").display(),
            root.join("ultimo").join("index.html").display()
        ),
        _ => {}
    }
    avisos(
        &informe.avisos,
        "; el detalle está en la hoja «Avisos» del libro de cumplimiento",
        config,
    );
}

/// The counts of what was read.
pub fn entradas(ds: &Dataset) {
    say!(
        "Entradas: {}, {}, {}, {} (lotaip.toml y {})",
        contar(ds.unidades.len(), "unidad", "unidades"),
        contar(ds.indicadores.len(), "indicador", "indicadores"),
        contar(ds.provincias().len(), "provincia", "provincias"),
        contar(
            ds.presupuesto.len(),
            "línea de presupuesto",
            "líneas de presupuesto"
        ),
        contar(ds.archivos.len(), "archivo de datos", "archivos de datos")
    );
}

/// `87,45 % (verde) — verde 1.200 · amarillo 300 · rojo 250 (40 sin reporte)`.
pub fn cifras(config: &Config, r: &Resumen) -> String {
    let promedio = match (r.promedio, r.semaforo(&config.semaforo)) {
        (Some(p), Some(s)) => format!("{} ({})", format::pct(p), s.nombre()),
        _ => "sin indicadores evaluados".to_string(),
    };
    format!(
        "{promedio} — verde {} · amarillo {} · rojo {} ({} sin reporte) · sin período cerrado {} · sin meta numérica {}",
        n(r.verde),
        n(r.amarillo),
        n(r.rojo),
        n(r.sin_reporte),
        n(r.sin_periodo),
        n(r.sin_meta)
    )
}

/// `1 provincia`, `24 provincias`, `1.801 indicadores`.
pub fn contar(v: usize, uno: &str, varios: &str) -> String {
    format!("{} {}", n(v), if v == 1 { uno } else { varios })
}

fn n(v: usize) -> String {
    format::numero(v.into())
}

/// Warnings grouped by kind, then the first few in full; `detalle` says where
/// the full list is.
pub fn avisos(avisos: &[Warning], detalle: &str, config: &Config) {
    let (conocidos, nuevos): (Vec<&Warning>, Vec<&Warning>) =
        avisos.iter().partition(|a| config.avisos.conocido(&a.kind));
    let por_tipo = |v: &[&Warning]| {
        let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
        for a in v {
            *by_kind.entry(&a.kind).or_default() += 1;
        }
        by_kind
            .iter()
            .map(|(k, v)| format!("{k}: {}", n(*v)))
            .collect::<Vec<String>>()
            .join(", ")
    };
    let conocidos_texto = if conocidos.is_empty() {
        String::new()
    } else {
        format!(
            "; además {} conocidos ({}), contados y no listados",
            n(conocidos.len()),
            por_tipo(&conocidos)
        )
    };
    if nuevos.is_empty() {
        let detalle = if conocidos.is_empty() { "" } else { detalle };
        say!("Avisos: ninguno{conocidos_texto}{detalle}");
        return;
    }
    say!(
        "Avisos: {} ({}){conocidos_texto}{detalle}",
        n(nuevos.len()),
        por_tipo(&nuevos)
    );
    for a in nuevos.iter().take(WARNINGS_SHOWN) {
        say!("  - {a}");
    }
    if nuevos.len() > WARNINGS_SHOWN {
        say!("  … y {} más", n(nuevos.len() - WARNINGS_SHOWN));
    }
}
