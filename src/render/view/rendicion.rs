//! The accountability report as its renderers see it: every section of the
//! CPCCS form, answered or computed, as a table of header rows and body rows
//! whose cells carry the Spanish text and, for spreadsheets, the exact number.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::compute::anual::Rendicion;
use crate::compute::{FilaPresupuesto, rules};
use crate::config::Config;
use crate::format;
use crate::input::rendicion::{Fila, Respuestas, Valor};
use crate::model::formulario::{Columna, Forma, SECCIONES, Seccion, Tipo};
use crate::model::{Dataset, Medida};

/// How a spreadsheet shows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Formato {
    Entero,
    Usd,
    /// Percentage points, shown with 2 decimals.
    Puntos,
    /// A target or result in its indicator's measure.
    Medida(Medida),
}

/// A cell of the form.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Celda {
    pub texto: String,
    /// Template classes (`num`, `centro`, `etiqueta`, `total`…).
    pub clase: String,
    pub colspan: usize,
    pub rowspan: usize,
    /// The exact number behind the text, for spreadsheet cells.
    #[serde(skip)]
    pub numero: Option<(Decimal, Formato)>,
}

impl Celda {
    pub(crate) fn texto(t: impl Into<String>) -> Self {
        Celda {
            texto: t.into(),
            clase: String::new(),
            colspan: 1,
            rowspan: 1,
            numero: None,
        }
    }

    fn clase(mut self, c: &str) -> Self {
        self.clase = c.to_string();
        self
    }

    fn span(mut self, colspan: usize, rowspan: usize) -> Self {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }

    fn numero(d: Decimal, f: Formato) -> Self {
        let texto = match f {
            Formato::Entero => format::numero(d),
            Formato::Usd => format::usd(d),
            Formato::Puntos => format::pct(d),
            Formato::Medida(m) => format::valor_medida_calculado(m, d),
        };
        Celda {
            texto,
            clase: "num".into(),
            colspan: 1,
            rowspan: 1,
            numero: Some((d, f)),
        }
    }
}

/// One section of the form as a table.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Tabla {
    pub titulo: String,
    /// Sheet name in the workbook (at most 31 characters).
    pub hoja: String,
    /// Header rows (one, or two for grouped columns); empty for label/value sections.
    pub encabezado: Vec<Vec<Celda>>,
    pub filas: Vec<Vec<Celda>>,
    /// Number of columns.
    pub columnas: usize,
    /// Relative column widths (percent).
    pub anchos: Vec<u32>,
}

/// The whole report of one entity.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct VistaRendicion {
    pub entidad: String,
    pub anio: i32,
    pub secciones: Vec<Tabla>,
}

/// Texts that come from editable templates: per meta, its description and
/// the default description of its management; per objective, the narrative.
pub(crate) struct Textos {
    pub meta: Vec<String>,
    pub gestion: Vec<String>,
    /// (objective, paragraph) in report order.
    pub objetivos: Vec<(String, String)>,
}

/// Builds the report of one entity from its answers and computed sections.
pub(crate) fn vista(
    ds: &Dataset,
    config: &Config,
    r: &Rendicion,
    resp: &Respuestas,
    textos: &Textos,
) -> VistaRendicion {
    let mut secciones = Vec::new();
    let anio = config.anio;
    for s in SECCIONES {
        secciones.push(answered(ds, config, r, resp, s));
        if s.clave == "responsable_registro" {
            secciones.push(periodo(anio));
        }
        if s.clave == crate::model::formulario::ANTES_DE_CALCULADAS {
            secciones.push(programatica(ds, r, textos));
            secciones.push(narrativa(textos));
            secciones.push(presupuestaria(config, r, resp));
            secciones.push(institucional(r.presupuesto.as_ref()));
        }
    }
    VistaRendicion {
        entidad: r.nombre.clone(),
        anio,
        secciones,
    }
}

fn periodo(anio: i32) -> Tabla {
    Tabla {
        titulo: "DATOS DEL INFORME DE RENDICIÓN DE CUENTAS".into(),
        hoja: "Datos del informe".into(),
        encabezado: vec![
            vec![
                Celda::texto("PERÍODO DEL CUAL RINDE CUENTAS").span(1, 2),
                Celda::texto("FECHA").span(2, 1),
            ],
            vec![Celda::texto("INICIO"), Celda::texto("FIN")],
        ],
        filas: vec![vec![
            Celda::texto(anio.to_string()).clase("centro"),
            Celda::texto(format!("01/01/{anio}")).clase("centro"),
            Celda::texto(format!("31/12/{anio}")).clase("centro"),
        ]],
        columnas: 3,
        anchos: vec![50, 25, 25],
    }
}

/// The header rows of a section: one row, or two when columns are grouped.
fn header(cols: &[&Columna]) -> Vec<Vec<Celda>> {
    if cols.iter().all(|c| c.grupo.is_none()) {
        return vec![cols.iter().map(|c| Celda::texto(c.titulo)).collect()];
    }
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    let mut i = 0;
    while i < cols.len() {
        match cols[i].grupo {
            None => {
                top.push(Celda::texto(cols[i].titulo).span(1, 2));
                i += 1;
            }
            Some(g) => {
                let n = cols[i..].iter().take_while(|c| c.grupo == Some(g)).count();
                top.push(Celda::texto(g).span(n, 1));
                bottom.extend(cols[i..i + n].iter().map(|c| Celda::texto(c.titulo)));
                i += n;
            }
        }
    }
    vec![top, bottom]
}

/// An answered value as the form prints it.
fn cell(c: &Columna, v: &Valor) -> Celda {
    match v {
        Valor::Vacio => match c.tipo {
            Tipo::Entero | Tipo::Porcentaje | Tipo::Monto if !c.vacio.is_empty() => {
                let f = formato(c.tipo);
                Celda::numero(Decimal::ZERO, f)
            }
            _ => Celda::texto(c.vacio),
        },
        Valor::Texto(t) | Valor::Enlace(t) => Celda::texto(t.clone()),
        Valor::SiNo(b) => Celda::texto(if *b { "SI" } else { "NO" }).clase("centro"),
        Valor::NoAplica => Celda::texto("NO APLICA"),
        Valor::Numero(d) => Celda::numero(*d, formato(c.tipo)),
        Valor::Fecha(d) => Celda::texto(format::fecha(*d)).clase("centro"),
    }
}

fn formato(t: Tipo) -> Formato {
    match t {
        Tipo::Monto => Formato::Usd,
        Tipo::Porcentaje => Formato::Puntos,
        _ => Formato::Entero,
    }
}

/// Relative widths: wide for text, narrow for numbers and SI/NO; a label
/// column as wide as its longest fixed label needs.
fn widths(s: &Seccion, cols: &[&Columna]) -> Vec<u32> {
    let mut label = 0;
    let w: Vec<u32> = cols
        .iter()
        .map(|c| match c.tipo {
            Tipo::Etiqueta => {
                let longest = s
                    .filas_fijas
                    .iter()
                    .filter_map(|f| f.get(label))
                    .map(|l| l.chars().count())
                    .max()
                    .unwrap_or(60);
                label += 1;
                (longest as u32 / 2).clamp(8, 30)
            }
            Tipo::Texto => 30,
            Tipo::Enlace => 26,
            Tipo::SiNo => 9,
            Tipo::Fecha => 14,
            _ => 11,
        })
        .collect();
    let total: u32 = w.iter().sum();
    w.iter().map(|x| x * 100 / total.max(1)).collect()
}

fn answered(
    ds: &Dataset,
    config: &Config,
    r: &Rendicion,
    resp: &Respuestas,
    s: &'static Seccion,
) -> Tabla {
    let filas = resp.de(r.entidad, s.clave);
    if s.forma == Forma::Ficha {
        let fila = filas.first();
        let rows = s
            .columnas
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = fila.map_or(&Valor::Vacio, |f| &f.valores[i]);
                let value = match (v, c.clave) {
                    (Valor::Vacio, "nombre_unidad") => {
                        Celda::texto(ds.nombre_entidad(r.entidad, &config.institucion.nombre))
                    }
                    (Valor::Vacio, "pertenece_a") => {
                        Celda::texto(config.institucion.nombre.clone())
                    }
                    (Valor::Vacio, _) if fila.is_none() => Celda::texto("S/N"),
                    _ => cell(c, v),
                };
                vec![Celda::texto(c.titulo).clase("etiqueta"), value]
            })
            .collect();
        return Tabla {
            titulo: s.titulo.into(),
            hoja: hoja(s.clave),
            encabezado: Vec::new(),
            filas: rows,
            columnas: 2,
            anchos: vec![45, 55],
        };
    }
    let cols: Vec<&Columna> = s.columnas.iter().collect();
    let mut rows: Vec<Vec<Celda>> = Vec::new();
    if !s.filas_fijas.is_empty() {
        for fixed in s.filas_fijas {
            let answer = filas.iter().find(|f| labels_match(s, f, fixed));
            let mut k = 0;
            rows.push(
                cols.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if c.tipo == Tipo::Etiqueta {
                            k += 1;
                            return Celda::texto(fixed[k - 1]);
                        }
                        match answer {
                            Some(f) => cell(c, &f.valores[i]),
                            None if c.tipo == Tipo::Enlace => Celda::texto("NO APLICA"),
                            None => Celda::texto("S/N").clase("centro"),
                        }
                    })
                    .collect(),
            );
        }
    } else if filas.is_empty() {
        rows.push(
            s.vacia
                .iter()
                .zip(&cols)
                .map(|(v, c)| cell(c, &placeholder(c, v)))
                .collect(),
        );
    } else {
        rows.extend(filas.iter().map(|f| {
            cols.iter()
                .zip(&f.valores)
                .map(|(c, v)| cell(c, v))
                .collect()
        }));
    }
    if s.clave == "contratacion" {
        rows.push(contratacion_total(s, filas));
    }
    Tabla {
        titulo: s.titulo.into(),
        hoja: hoja(s.clave),
        encabezado: header(&cols),
        filas: rows,
        columnas: cols.len(),
        anchos: widths(s, &cols),
    }
}

/// A sheet name from a section key: `control_social` → `Control social`.
fn hoja(clave: &str) -> String {
    let t = clave.replace('_', " ");
    let mut c = t.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The printed placeholder of an empty free-row section, as a value.
fn placeholder(c: &Columna, text: &str) -> Valor {
    match c.tipo {
        Tipo::Entero | Tipo::Monto | Tipo::Porcentaje => {
            text.parse().map(Valor::Numero).unwrap_or(Valor::Vacio)
        }
        _ => Valor::Texto(text.to_string()),
    }
}

fn labels_match(s: &Seccion, f: &Fila, fixed: &[&str]) -> bool {
    let labels = s
        .columnas
        .iter()
        .zip(&f.valores)
        .filter(|(c, _)| c.tipo == Tipo::Etiqueta)
        .map(|(_, v)| v);
    labels.zip(fixed).all(|(v, l)| matches!(v, Valor::Texto(t) if crate::text::fold_key(t) == crate::text::fold_key(l)))
}

/// The computed total row of the procurement section.
fn contratacion_total(s: &Seccion, filas: &[Fila]) -> Vec<Celda> {
    let sum = |k: &str| -> Decimal {
        filas
            .iter()
            .map(|f| {
                if let Valor::Numero(d) = f.valor(s, k) {
                    *d
                } else {
                    Decimal::ZERO
                }
            })
            .sum()
    };
    vec![
        Celda::texto("TOTAL").clase("total"),
        Celda::numero(sum("numero_adjudicados"), Formato::Entero),
        Celda::numero(sum("valor_adjudicados"), Formato::Usd),
        Celda::numero(sum("numero_finalizados"), Formato::Entero),
        Celda::numero(sum("valor_finalizados"), Formato::Usd),
        Celda::texto(""),
    ]
    .into_iter()
    .map(|c| {
        if c.clase.is_empty() || c.clase == "num" {
            Celda {
                clase: format!("{} total", c.clase).trim().to_string(),
                ..c
            }
        } else {
            c
        }
    })
    .collect()
}

/// «CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA»: each meta with its planned and
/// achieved totals and percentage; the objective spans its metas.
fn programatica(ds: &Dataset, r: &Rendicion, textos: &Textos) -> Tabla {
    let encabezado = vec![
        vec![
            Celda::texto("OBJETIVOS ESTRATEGICOS/COMPETENCIAS EXCLUSIVAS").span(1, 2),
            Celda::texto("META POA").span(2, 1),
            Celda::texto("INDICADOR DE LA META").span(1, 2),
            Celda::texto("RESULTADOS").span(2, 1),
            Celda::texto("% CUMPLIMIENTO DE LA GESTIÓN").span(1, 2),
            Celda::texto("DESCRIPCIÓN DE LA GESTIÓN POR META").span(1, 2),
        ],
        vec![
            Celda::texto("NO. DE META"),
            Celda::texto("DESCRIPCIÓN"),
            Celda::texto("TOTALES PLANIFICADOS"),
            Celda::texto("TOTALES CUMPLIDOS"),
        ],
    ];
    let mut filas = Vec::new();
    let mut k = 0;
    while k < r.metas.len() {
        let obj = &ds.indicadores[r.metas[k].indicador].objetivo;
        let n = r.metas[k..]
            .iter()
            .take_while(|m| ds.indicadores[m.indicador].objetivo == *obj)
            .count();
        for (j, m) in r.metas[k..k + n].iter().enumerate() {
            let ind = &ds.indicadores[m.indicador];
            let valor = |v: Option<Decimal>| match v {
                Some(d) => Celda::numero(d, Formato::Medida(ind.medida)),
                None => Celda::texto("S/N").clase("centro"),
            };
            let mut row = Vec::new();
            if j == 0 {
                row.push(Celda::texto(obj.clone()).span(1, n));
            }
            row.push(Celda::numero(Decimal::from(m.numero), Formato::Entero).clase("centro"));
            row.push(Celda::texto(textos.meta[k + j].clone()));
            row.push(Celda::texto(ind.nombre.clone()));
            row.push(valor(m.anual.meta));
            row.push(valor(m.anual.real));
            row.push(match m.anual.cumplimiento {
                Some(p) => Celda::numero(rules::round_pct(p), Formato::Puntos),
                None => Celda::texto("S/N").clase("centro"),
            });
            row.push(Celda::texto(textos.gestion[k + j].clone()));
            filas.push(row);
        }
        k += n;
    }
    if filas.is_empty() {
        filas.push(vec![Celda::texto("S/N").span(8, 1)]);
    }
    filas.push(vec![
        Celda::texto("TOTAL % CUMPLIMIENTO DE LA GESTIÓN:")
            .span(6, 1)
            .clase("total"),
        match r.total {
            Some(t) => Celda::numero(rules::round_pct(t), Formato::Puntos).clase("num total"),
            None => Celda::texto("S/N").clase("total"),
        },
        Celda::texto("").clase("total"),
    ]);
    Tabla {
        titulo: "CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA".into(),
        hoja: "Ejecución programática".into(),
        encabezado,
        filas,
        columnas: 8,
        anchos: vec![18, 6, 16, 16, 10, 10, 9, 15],
    }
}

/// The narrative of each objective, from the editable template.
fn narrativa(textos: &Textos) -> Tabla {
    let filas = if textos.objetivos.is_empty() {
        vec![vec![Celda::texto("S/N"), Celda::texto("S/N")]]
    } else {
        textos
            .objetivos
            .iter()
            .map(|(o, t)| {
                vec![
                    Celda::texto(o.clone()).clase("etiqueta"),
                    Celda::texto(t.clone()),
                ]
            })
            .collect()
    };
    Tabla {
        titulo: "DESCRIPCIÓN DE LA GESTIÓN POR OBJETIVO".into(),
        hoja: "Gestión por objetivo".into(),
        encabezado: vec![vec![
            Celda::texto("OBJETIVO"),
            Celda::texto("DESCRIPCIÓN DE LA GESTIÓN"),
        ]],
        filas,
        columnas: 2,
        anchos: vec![30, 70],
    }
}

/// «CUMPLIMIENTO DE LA EJECUCIÓN PRESUPUESTARIA».
fn presupuestaria(config: &Config, r: &Rendicion, resp: &Respuestas) -> Tabla {
    let (cod, dev, pct) = r
        .presupuesto
        .as_ref()
        .map_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO), |p| {
            (p.total.codificado, p.total.devengado, p.total.porcentaje)
        });
    let enlace = resp
        .de(r.entidad, "datos_generales")
        .first()
        .and_then(|f| match f.valor(&SECCIONES[0], "enlace_presupuesto") {
            Valor::Enlace(u) => Some(u.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "NO APLICA".to_string());
    let meta = format!(
        "{}% DE EJECUCIÓN PRESUPUESTARIA",
        format::numero(config.rendicion.meta_ejecucion_presupuestaria)
    );
    let fila = |tipo: &str, desc: &str, link: &str, clase: &str| {
        vec![
            Celda::texto(tipo).clase(clase),
            Celda::texto(desc).clase(clase),
            Celda::numero(cod, Formato::Usd).clase(&format!("num {clase}")),
            Celda::numero(dev, Formato::Usd).clase(&format!("num {clase}")),
            Celda::numero(rules::round_pct(pct), Formato::Puntos).clase(&format!("num {clase}")),
            Celda::texto(link).clase(clase),
        ]
    };
    Tabla {
        titulo: "CUMPLIMIENTO DE LA EJECUCIÓN PRESUPUESTARIA".into(),
        hoja: "Ejecución presupuestaria".into(),
        encabezado: vec![
            [
                "TIPO",
                "DESCRIPCIÓN",
                "PRESUPUESTO PLANIFICADO",
                "PRESUPUESTO EJECUTADO",
                "% CUMPLIMIENTO DE LA GESTIÓN",
                "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PÁG. WEB DE LA INSTITUCIÓN",
            ]
            .into_iter()
            .map(Celda::texto)
            .collect(),
        ],
        filas: vec![
            fila("META", &meta, &enlace, ""),
            fila("Total", "TOTAL % CUMPLIMIENTO DE LA GESTIÓN:", "", "total"),
        ],
        columnas: 6,
        anchos: vec![8, 22, 16, 16, 12, 26],
    }
}

/// «PRESUPUESTO INSTITUCIONAL»: current and investment spending, planned and executed.
fn institucional(p: Option<&FilaPresupuesto>) -> Tabla {
    let z = Decimal::ZERO;
    let parts =
        |e: Option<&crate::compute::Ejecucion>| e.map_or((z, z), |e| (e.codificado, e.devengado));
    let (cc, cd) = parts(p.and_then(|p| p.corriente.as_ref()));
    let (ic, id) = parts(p.and_then(|p| p.inversion.as_ref()));
    let total = p.map_or(z, |p| p.total.codificado);
    let pct = p.map_or(z, |p| p.total.porcentaje);
    Tabla {
        titulo: "PRESUPUESTO INSTITUCIONAL".into(),
        hoja: "Presupuesto institucional".into(),
        encabezado: vec![
            [
                "TOTAL DE PRESUPUESTO INSTITUCIONAL CODIFICADO",
                "GASTO CORRIENTE PLANIFICADO",
                "GASTO CORRIENTE EJECUTADO",
                "GASTO DE INVERSIÓN PLANIFICADO",
                "GASTO DE INVERSIÓN EJECUTADO",
                "% EJECUCIÓN PRESUPUESTARIA",
            ]
            .into_iter()
            .map(Celda::texto)
            .collect(),
        ],
        filas: vec![vec![
            Celda::numero(total, Formato::Usd),
            Celda::numero(cc, Formato::Usd),
            Celda::numero(cd, Formato::Usd),
            Celda::numero(ic, Formato::Usd),
            Celda::numero(id, Formato::Usd),
            Celda::numero(rules::round_pct(pct), Formato::Puntos),
        ]],
        columnas: 6,
        anchos: vec![18, 16, 16, 16, 16, 18],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn the_procurement_total_adds_every_row() {
        let s = SECCIONES
            .iter()
            .find(|s| s.clave == "contratacion")
            .expect("the section");
        let row = |adj: i64, valor: &str| {
            let mut v = vec![Valor::Vacio; s.columnas.len()];
            for (k, val) in [
                ("numero_adjudicados", Valor::Numero(Decimal::from(adj))),
                ("valor_adjudicados", Valor::Numero(valor.parse().unwrap())),
            ] {
                let i = s.columnas.iter().position(|c| c.clave == k).unwrap();
                v[i] = val;
            }
            Fila {
                valores: v,
                origen: Location::default(),
            }
        };
        let total = contratacion_total(s, &[row(300, "4658266.22"), row(314, "1149741.23")]);
        let texts: Vec<&str> = total.iter().map(|c| c.texto.as_str()).collect();
        assert_eq!(texts[..3], ["TOTAL", "614", "$ 5.808.007,45"]);
        assert!(total.iter().all(|c| c.clase.contains("total")), "{total:?}");
    }
}
