//! The download page as its template sees it: the publication's files in
//! groups, with labels and sizes, and every province with its figure, its
//! colour and links to its two reports. Built from the files actually
//! rendered, so every link points at a file of the publication.

use serde::Serialize;

use super::provincia::ResumenTexto;
use crate::format;
use crate::render::{OutputFile, RenderContext};

/// A link to one file of the publication.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Enlace {
    pub etiqueta: String,
    /// `PDF`, `Excel`, `CSV`, `JSON`.
    pub formato: String,
    /// Relative to the page (`provincias/azuay_2025-06.pdf`).
    pub href: String,
    /// `326 KB`; empty when not known (the manifest is written after the page).
    pub tamano: String,
}

/// One province of the list.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ProvinciaIndice {
    pub nombre: String,
    /// `#azuay`: the row's anchor.
    pub ancla: String,
    pub resumen: ResumenTexto,
    pub pdf: Option<Enlace>,
    pub xlsx: Option<Enlace>,
}

/// Everything the page shows besides the base context.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct VistaIndice {
    pub institucion: ResumenTexto,
    /// The semáforo thresholds in Spanish (`85`, `70`), for the legend.
    pub umbral_verde: String,
    pub umbral_amarillo: String,
    pub literal_a4: Vec<Enlace>,
    pub cumplimiento: Vec<Enlace>,
    pub datos: Vec<Enlace>,
    /// Rendered files the page has no place for (a user's extra output).
    pub otros: Vec<Enlace>,
    pub provincias: Vec<ProvinciaIndice>,
}

/// The page's view over the files rendered for the publication.
pub(crate) fn vista(ctx: &RenderContext, files: &[OutputFile]) -> VistaIndice {
    let p = ctx.periodo();
    let mut usados: Vec<&str> = Vec::new();
    let mut enlace = |href: &str, etiqueta: &str, formato: &str| -> Option<Enlace> {
        let f = files.iter().find(|f| f.path == href)?;
        usados.push(&f.path);
        Some(Enlace {
            etiqueta: etiqueta.to_string(),
            formato: formato.to_string(),
            href: href.to_string(),
            tamano: format::tamano(f.bytes.len() as u64),
        })
    };
    let m = ctx.config.prefijo_matriz();
    let matriz = format!("Matriz {}", ctx.config.nombre_matriz());
    let pnt = super::super::pnt::carpeta(ctx);
    let n = &ctx.templates.numeral.archivos;
    let literal_a4 = [
        (format!("{m}_{p}.pdf"), matriz.as_str(), "PDF"),
        (format!("{m}_{p}.xlsx"), matriz.as_str(), "Excel"),
        (format!("{m}_{p}_datos.csv"), "Datos abiertos", "CSV"),
        (format!("{m}_{p}_metadatos.csv"), "Metadatos", "CSV"),
        (
            format!("{m}_{p}_diccionario.csv"),
            "Diccionario de datos",
            "CSV",
        ),
        (
            format!("{pnt}/{}", n.conjunto),
            "Portal Nacional de Transparencia: conjunto de datos",
            "CSV",
        ),
        (
            format!("{pnt}/{}", n.metadatos),
            "Portal Nacional de Transparencia: metadatos",
            "CSV",
        ),
        (
            format!("{pnt}/{}", n.diccionario),
            "Portal Nacional de Transparencia: diccionario",
            "CSV",
        ),
    ]
    .iter()
    .filter_map(|(h, e, f)| enlace(h, e, f))
    .collect();
    let cumplimiento = [
        (
            format!("cumplimiento_{p}.xlsx"),
            "Libro de cumplimiento de la institución",
            "Excel",
        ),
        (
            format!("cumplimiento_{p}.csv"),
            "Cumplimiento por indicador",
            "CSV",
        ),
        (
            format!("cumplimiento_{p}_diccionario.csv"),
            "Diccionario del cumplimiento por indicador",
            "CSV",
        ),
    ]
    .iter()
    .filter_map(|(h, e, f)| enlace(h, e, f))
    .collect();
    let mut datos: Vec<Enlace> = [(
        format!("cifras_{p}.json"),
        "Metas y resultados del año por indicador",
        "JSON",
    )]
    .iter()
    .filter_map(|(h, e, f)| enlace(h, e, f))
    .collect();
    datos.push(Enlace {
        etiqueta: "Manifiesto: huella SHA-256 de cada archivo".to_string(),
        formato: "JSON".to_string(),
        href: crate::output::MANIFEST.to_string(),
        tamano: String::new(),
    });
    let provincias = ctx
        .informe
        .por_provincia
        .iter()
        .map(|(prov, r)| {
            let s = prov.slug();
            ProvinciaIndice {
                nombre: prov.nombre().to_string(),
                ancla: s.clone(),
                resumen: ResumenTexto::new(r, ctx.config),
                pdf: enlace(&format!("provincias/{s}_{p}.pdf"), prov.nombre(), "PDF"),
                xlsx: enlace(&format!("provincias/{s}_{p}.xlsx"), prov.nombre(), "Excel"),
            }
        })
        .collect();
    let otros = files
        .iter()
        .filter(|f| !usados.contains(&f.path.as_str()))
        .map(|f| Enlace {
            etiqueta: f.path.clone(),
            formato: f
                .path
                .rsplit_once('.')
                .map_or(String::new(), |(_, e)| e.to_uppercase()),
            href: f.path.clone(),
            tamano: format::tamano(f.bytes.len() as u64),
        })
        .collect();
    VistaIndice {
        institucion: ResumenTexto::new(&ctx.informe.institucion, ctx.config),
        umbral_verde: format::numero(ctx.config.semaforo.verde),
        umbral_amarillo: format::numero(ctx.config.semaforo.amarillo),
        literal_a4,
        cumplimiento,
        datos,
        otros,
        provincias,
    }
}
