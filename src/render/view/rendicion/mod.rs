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

mod calculadas;
mod respondidas;

use calculadas::{institucional, narrativa, presupuestaria, programatica};
pub(crate) use respondidas::SIN_RESPONDER;
use respondidas::answered;

/// How a spreadsheet shows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Formato {
    Entero,
    Usd,
    /// Percentage points, shown with 2 decimals.
    Puntos,
    /// A target or result in its indicator's measure.
    Medida(Medida),
    /// A percentage target or result as the form writes it: a fraction
    /// (`0,85`), the same in the PDF and the workbook.
    Fraccion,
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
            Formato::Fraccion => format::fraccion(d),
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
    /// Relative column widths (percent) of the workbook.
    pub anchos: Vec<u32>,
    /// The PDF uses `anchos` too (the computed sections, whose figures and
    /// amounts are laid out by design); otherwise its columns are sized
    /// from their text, so a short answer gets a narrow column.
    pub anchos_en_pdf: bool,
    /// The entity gave no answer in this section: the report says so
    /// instead of printing stand-ins that look like answers.
    pub sin_responder: bool,
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
        // Its link is printed by the computed budget section.
        if s.clave == crate::model::formulario::ENLACE_PRESUPUESTO {
            continue;
        }
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
        anchos_en_pdf: true,
        sin_responder: false,
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

/// A sheet name from a section key: `control_social` → `Control social`.
fn hoja(clave: &str) -> String {
    let t = clave.replace('_', " ");
    let mut c = t.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
