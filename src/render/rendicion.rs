//! The yearly accountability report (CPCCS form) of the institution and of
//! each province or unit that reports on its own, as XLSX and PDF.

use serde::Serialize;

use super::OutputFile;
use super::view::rendicion::{Textos, VistaRendicion, vista};
use crate::compute::anual::{Rendicion, rendicion};
use crate::compute::rules;
use crate::error::{Error, Warning};
use crate::format;
use crate::model::{Dataset, Entidad, MESES};

pub(crate) use super::ContextoAnual as Contexto;

/// Every entity's report (institution first): the files, and the warnings of
/// the inputs and of each report, for the run summary.
pub(crate) fn publicacion_anual(
    ctx: &Contexto,
    entidades: &[Entidad],
) -> Result<(Vec<OutputFile>, Vec<Warning>), Error> {
    let ds = ctx.dataset;
    let mut files = Vec::new();
    let mut avisos = ds.avisos.clone();
    avisos.extend(ctx.respuestas.avisos.iter().cloned());
    for (&e, nombre) in entidades.iter().zip(nombres(ds, entidades)) {
        let own = crate::input::rendicion::sin_responder(ctx.respuestas, &[e], |e| {
            ds.nombre_entidad(e, &ctx.config.institucion.nombre)
        });
        let (f, w) = render(ctx, e, &nombre, own)?;
        files.extend(f);
        avisos.extend(w);
    }
    Ok((files, avisos))
}

/// The files of one entity's report, and the warnings that concern it
/// (`avisos`, given, plus those its computation raised; the workbook lists them).
/// `nombre` is the entity's part of the file names (see [`nombres`]).
pub(crate) fn render(
    ctx: &Contexto,
    entidad: Entidad,
    nombre_archivo: &str,
    mut avisos: Vec<Warning>,
) -> Result<(Vec<OutputFile>, Vec<Warning>), Error> {
    let ds = ctx.dataset;
    let nombre = ds.nombre_entidad(entidad, &ctx.config.institucion.nombre);
    let r = rendicion(ds, entidad, nombre, ctx.institucion)?;
    avisos.extend(r.avisos.iter().cloned());
    let textos = textos(ctx, &r)?;
    let v = vista(ds, ctx.config, &r, ctx.respuestas, &textos);
    let base = format!("rendicion_{}_{nombre_archivo}", ctx.config.anio);
    let xlsx = super::xlsx::rendicion::libro(ctx, &v, &avisos, format!("{base}.xlsx"))?;
    let pdf = pdf(ctx, &v, format!("{base}.pdf"))?;
    Ok((vec![xlsx, pdf], avisos))
}

/// A file-name part for an entity: `institucion`, `los-rios`, or the unit's name.
pub(crate) fn slug(ds: &Dataset, e: Entidad) -> String {
    match e {
        Entidad::Institucion => "institucion".into(),
        Entidad::Provincia(p) => p.slug(),
        Entidad::Unidad(u) => crate::text::nombre_archivo(&ds.unidades[u].nombre),
    }
}

/// The file-name part of each entity, in order, never two alike: a unit
/// named like a province (`Azuay`) or like another unit once accents and
/// signs are dropped becomes `azuay-unidad`, then `azuay-unidad-2`…
pub(crate) fn nombres(ds: &Dataset, entidades: &[Entidad]) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    entidades
        .iter()
        .map(|&e| {
            let base = slug(ds, e);
            let mut name = base.clone();
            let mut n = 1;
            while !used.insert(name.clone()) {
                n += 1;
                name = match (e, n) {
                    (Entidad::Unidad(_), 2) => format!("{base}-unidad"),
                    (Entidad::Unidad(_), _) => format!("{base}-unidad-{}", n - 1),
                    _ => format!("{base}-{n}"),
                };
            }
            name
        })
        .collect()
}

fn pdf(ctx: &Contexto, v: &VistaRendicion, path: String) -> Result<OutputFile, Error> {
    let mut t = tera::Context::new();
    t.insert("institucion", &ctx.config.institucion);
    t.insert("r", v);
    t.insert("fecha", &ctx.fecha.format("%Y-%m-%d").to_string());
    let xhtml = ctx.templates.render("rendicion.html", &t)?;
    let bytes = super::pdf::to_pdf(
        &xhtml,
        "rendicion.html",
        ctx.templates,
        &path,
        ctx.config,
        ctx.firmante,
    )?;
    Ok(OutputFile { path, bytes })
}

/// A meta as the text templates see it.
#[derive(Serialize)]
struct MetaTexto {
    indicador: String,
    /// The name with a lower-case first letter (`porcentaje de ejecución…`).
    indicador_minuscula: String,
    /// The name without its leading measure (`ejecución del PAC`).
    objeto: String,
    codigo: String,
    /// The `meta_cuantificable` text of `metas`, as written (may be empty).
    meta_cuantificable: String,
    /// «NO. DE META» as the report prints it.
    numero: String,
    medida: &'static str,
    sentido: &'static str,
    periodicidad: &'static str,
    /// The year's target and result as the table writes them (`0,85`, `1.440`).
    meta: String,
    real: String,
    /// The target for a sentence: a percentage as `85,00 %`, the rest as `meta`.
    meta_prosa: String,
    cumplimiento: String,
    semaforo: String,
    meses_sin_resultado: String,
}

/// Renders the editable texts: each meta's description and default
/// management description, and each objective's narrative.
fn textos(ctx: &Contexto, r: &Rendicion) -> Result<Textos, Error> {
    let ds = ctx.dataset;
    let metas: Vec<MetaTexto> = r.metas.iter().map(|m| meta_texto(ctx, m)).collect();
    let mut out = Textos {
        meta: Vec::new(),
        gestion: Vec::new(),
        objetivos: Vec::new(),
    };
    for (m, t) in r.metas.iter().zip(&metas) {
        let mut c = tera::Context::new();
        c.insert("m", t);
        out.meta.push(cell_text(ctx, "rendicion_meta.txt", &c)?);
        let given = ctx
            .respuestas
            .gestion
            .iter()
            .find(|g| g.entidad == r.entidad && g.indicador == m.indicador);
        out.gestion.push(match given {
            Some(g) => g.texto.clone(),
            None => cell_text(ctx, "rendicion_gestion.txt", &c)?,
        });
    }
    let mut k = 0;
    while k < r.metas.len() {
        let objetivo = ds.indicadores[r.metas[k].indicador].objetivo.clone();
        let n = r.metas[k..]
            .iter()
            .take_while(|m| ds.indicadores[m.indicador].objetivo == objetivo)
            .count();
        let grupo = &r.metas[k..k + n];
        let con_valor: Vec<(usize, rust_decimal::Decimal)> = grupo
            .iter()
            .enumerate()
            .filter_map(|(j, m)| m.anual.cumplimiento.map(|p| (k + j, p)))
            .collect();
        let color = |s: &str| {
            con_valor
                .iter()
                .filter(|(_, p)| rules::semaforo(*p, &ctx.config.semaforo).nombre() == s)
                .count()
        };
        let mejor = con_valor
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1))
            .map(|(i, _)| &metas[*i]);
        let peor = con_valor
            .iter()
            .min_by(|a, b| a.1.cmp(&b.1))
            .map(|(i, _)| &metas[*i]);
        let mut c = tera::Context::new();
        c.insert("entidad", &r.nombre);
        c.insert("anio", &ctx.config.anio);
        c.insert("objetivo", &objetivo);
        c.insert("metas", &metas[k..k + n]);
        c.insert("n", &n);
        c.insert("evaluadas", &con_valor.len());
        // The uncapped mean, as the form's «TOTAL % CUMPLIMIENTO DE LA
        // GESTIÓN» (SPEC 2.3): the narrative repeats the table's figures.
        let promedio = rules::mean(con_valor.iter().map(|(_, p)| *p))
            .map_err(|_| crate::compute::desborde("el cumplimiento promedio del objetivo"))?;
        c.insert("promedio", &promedio.map(format::pct).unwrap_or_default());
        c.insert("verdes", &color("verde"));
        c.insert("amarillas", &color("amarillo"));
        c.insert("rojas", &color("rojo"));
        c.insert("mejor", &mejor);
        c.insert("peor", &peor);
        out.objetivos
            .push((objetivo, cell_text(ctx, "rendicion_objetivo.txt", &c)?));
        k += n;
    }
    Ok(out)
}

/// The most characters a spreadsheet cell holds.
const MAX_CELL_CHARS: usize = 32_767;

/// A text template rendered for one cell of the report: past a cell's
/// limit it is the template's problem, named, not a failed workbook.
fn cell_text(ctx: &Contexto, template: &str, c: &tera::Context) -> Result<String, Error> {
    let text = ctx.templates.render(template, c)?.trim().to_string();
    let n = text.chars().count();
    if n > MAX_CELL_CHARS {
        return Err(Error::input(
            crate::error::Location::file(format!("plantilla {template}")),
            format!(
                "la plantilla produce un texto de {} caracteres para una celda; una celda admite {}: acórtela",
                format::numero(n.into()),
                format::numero(MAX_CELL_CHARS.into())
            ),
        ));
    }
    Ok(text)
}

fn meta_texto(ctx: &Contexto, m: &crate::compute::anual::MetaPoa) -> MetaTexto {
    let ind = &ctx.dataset.indicadores[m.indicador];
    let a = &m.anual;
    let minuscula = lower_first(&ind.nombre);
    let objeto = ["porcentaje de ", "número de ", "numero de "]
        .iter()
        .find_map(|p| minuscula.strip_prefix(p))
        .unwrap_or(&minuscula)
        .to_string();
    // As the table writes them (a percentage as the form does, `0,85`), so
    // that the texts repeat the table's figures.
    let val = |v: Option<rust_decimal::Decimal>| {
        v.map(|d| match ind.medida {
            crate::model::Medida::Porcentaje => format::fraccion(d),
            m => format::valor_medida_calculado(m, d),
        })
        .unwrap_or_default()
    };
    // For prose, the report's one percent style: two decimals, «85,00 %».
    let prosa = |v: Option<rust_decimal::Decimal>| match ind.medida {
        crate::model::Medida::Porcentaje => v
            .map(|d| format::pct(d * rust_decimal::Decimal::ONE_HUNDRED))
            .unwrap_or_default(),
        _ => val(v),
    };
    MetaTexto {
        indicador: ind.nombre.clone(),
        indicador_minuscula: minuscula.clone(),
        objeto,
        codigo: ind.codigo.clone().unwrap_or_default(),
        meta_cuantificable: ind.meta_cuantificable.clone().unwrap_or_default(),
        numero: ind
            .numero_meta
            .clone()
            .or_else(|| ind.codigo.clone())
            .unwrap_or_else(|| m.numero.to_string()),
        medida: ind.medida.nombre(),
        sentido: ind.sentido.nombre(),
        periodicidad: ind.periodicidad.nombre(),
        meta: val(a.meta),
        real: val(a.real),
        meta_prosa: prosa(a.meta),
        cumplimiento: a.cumplimiento.map(format::pct).unwrap_or_default(),
        semaforo: a
            .cumplimiento
            .map(|p| {
                rules::semaforo(p, &ctx.config.semaforo)
                    .nombre()
                    .to_string()
            })
            .unwrap_or_default(),
        meses_sin_resultado: a
            .sin_resultado
            .iter()
            .map(|m| MESES[*m as usize - 1])
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Lower-cases the first letter unless the first word is an acronym (`PAC`);
/// a name written all in capitals (`PORCENTAJE DE EJECUCIÓN PRESUPUESTARIA`)
/// has no acronym to tell apart and is lower-cased whole.
fn lower_first(s: &str) -> String {
    if s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase) {
        return s.to_lowercase();
    }
    let first = s.split_whitespace().next().unwrap_or("");
    if first
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && first.chars().count() > 1
    {
        return s.to_string();
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_capitals_is_not_an_acronym() {
        assert_eq!(
            lower_first("PORCENTAJE DE EJECUCIÓN PRESUPUESTARIA"),
            "porcentaje de ejecución presupuestaria"
        );
        assert_eq!(lower_first("PAC ejecutado"), "PAC ejecutado");
        assert_eq!(lower_first("Porcentaje de avance"), "porcentaje de avance");
    }
}
