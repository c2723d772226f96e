//! The national transparency portal's files of a numeral of Art. 19 (LOTAIP
//! 2023), in the publication's folder `pnt/numeral_<n>/`: the data set (its
//! header once, then one row per record, no merged or blank rows), the
//! metadata and the dictionary, from the numeral's description and its
//! templates. Only under the 2023 law (see `render::mensual`).

use serde::Serialize;

use super::view::meta_cuantificable;
use super::{OutputFile, RenderContext, Renderer};
use crate::error::Error;
use crate::model::numeral::{Campo, CampoMetadato, Columna, Numeral};

/// `pnt/numeral_<n>/conjunto_de_datos.csv`, `metadatos.csv`, `diccionario.csv`.
pub(crate) struct NumeralPnt;

/// A cell of the data set: its text, and whether the program wrote it from
/// numbers (the CSV formula guard leaves it alone).
#[derive(Serialize)]
struct Valor {
    texto: String,
    calculado: bool,
}

#[derive(Serialize)]
struct Clave {
    clave: String,
    valor: String,
}

/// What the three templates see as `pnt`.
#[derive(Serialize)]
struct Vista<'a> {
    numeral: &'a str,
    titulo: &'a str,
    columnas: &'a [Columna],
    filas: Vec<Vec<Valor>>,
    metadatos: Vec<Clave>,
}

/// The folder of the numeral's files inside the publication.
pub(crate) fn carpeta(ctx: &RenderContext) -> String {
    format!("pnt/numeral_{}", ctx.config.publicacion.numeral)
}

impl Renderer for NumeralPnt {
    fn name(&self) -> &'static str {
        "Portal Nacional de Transparencia (CSV)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let n = &ctx.templates.numeral;
        let mut tctx = ctx.tera_context()?;
        tctx.insert("pnt", &vista(ctx, n));
        let dir = carpeta(ctx);
        [
            ("pnt_conjunto.csv", &n.archivos.conjunto),
            ("pnt_metadatos.csv", &n.archivos.metadatos),
            ("pnt_diccionario.csv", &n.archivos.diccionario),
        ]
        .into_iter()
        .map(|(template, file)| {
            let text = ctx.templates.render(template, &tctx)?;
            Ok(OutputFile {
                path: format!("{dir}/{file}"),
                bytes: encode(&text, n),
            })
        })
        .collect()
    }
}

/// The text with the numeral's line ending and byte-order mark.
fn encode(text: &str, n: &Numeral) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if n.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let eol = n.eol();
    for line in text.lines() {
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(eol.as_bytes());
    }
    out
}

fn vista<'a>(ctx: &'a RenderContext, n: &'a Numeral) -> Vista<'a> {
    let ds = ctx.dataset;
    let cfg = ctx.config;
    let enlace = cfg.literal_a4.enlace_url.clone().unwrap_or_default();
    // Rows in the matrix's order: by section, unit and objective.
    let filas = ctx
        .a4
        .iter()
        .flat_map(|s| s.unidades.iter())
        .flat_map(|u| u.objetivos.iter().flat_map(|o| o.filas.iter()))
        .map(|fila| {
            let ind = &ds.indicadores[fila.indicador];
            let unidad = &ds.unidades[ind.unidad];
            n.columnas
                .iter()
                .map(|c| {
                    let (texto, calculado) = match c.campo {
                        Campo::Unidad => (unidad.nombre.clone(), false),
                        Campo::Objetivo => (ind.objetivo.clone(), false),
                        Campo::Indicador => (ind.nombre.clone(), false),
                        Campo::Meta => (
                            meta_cuantificable(ind, ctx.informe.periodo.mes),
                            ind.meta_cuantificable.is_none(),
                        ),
                        Campo::Enlace => (enlace.clone(), false),
                        Campo::Codigo => (ind.codigo.clone().unwrap_or_default(), false),
                        Campo::Proceso => (unidad.proceso.nombre().to_string(), false),
                        Campo::Provincia => (
                            unidad
                                .provincia
                                .map(|p| p.nombre().to_string())
                                .unwrap_or_default(),
                            false,
                        ),
                    };
                    Valor { texto, calculado }
                })
                .collect()
        })
        .collect();
    let r = &cfg.responsable;
    let metadatos = n
        .metadatos
        .iter()
        .map(|m| Clave {
            clave: m.clave.clone(),
            valor: match m.campo {
                CampoMetadato::Fecha => crate::format::fecha(ctx.informe.fecha),
                CampoMetadato::Periodicidad => cfg.literal_a4.periodicidad.clone(),
                CampoMetadato::UnidadPoseedora => r.unidad_poseedora.clone(),
                CampoMetadato::Responsable => r.nombre.clone(),
                CampoMetadato::Correo => r.correo.clone(),
                CampoMetadato::Telefono => r.telefono.clone(),
                CampoMetadato::Institucion => cfg.institucion.nombre.clone(),
                CampoMetadato::Siglas => cfg.institucion.siglas.clone(),
                CampoMetadato::Periodo => ctx.periodo(),
            },
        })
        .collect();
    Vista {
        numeral: &cfg.publicacion.numeral,
        titulo: &n.titulo,
        columnas: &n.columnas,
        filas,
        metadatos,
    }
}
