//! The four criteria, each judged from the three files and the numeral's
//! description; every fault names its file, row and column.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::tabla::{Fila, Tabla};
use super::{Criterio, fecha};
use crate::format::{fecha as dmy, numero};
use crate::input::sheet::column_letter;
use crate::model::Periodo;
use crate::model::numeral::{CampoMetadato, Columna, Numeral, TipoColumna};
use crate::text::{fold_key, looks_like_url, printable};

/// What was found in the folder.
pub(super) struct Trio {
    pub(super) conjunto: Option<Tabla>,
    pub(super) metadatos: Option<Tabla>,
    pub(super) diccionario: Option<Tabla>,
    pub(super) cumplimiento: Option<Tabla>,
    /// Kinds of file not found.
    pub(super) faltan: Vec<&'static str>,
    /// Two files of one kind.
    pub(super) repetidos: Vec<String>,
    /// Files that could not be read, with the reason.
    pub(super) ilegibles: Vec<String>,
    /// A data set as XLSX, ODS or PDF.
    pub(super) otros_formatos: Vec<String>,
    /// The month of a publication, from its manifest.
    pub(super) periodo: Option<Periodo>,
}

/// Where the data set's header is and where each column of the numeral sits in it.
struct Encabezado {
    /// Index of the header among the rows.
    fila: usize,
    ancho: usize,
    /// Per column of the numeral, its index in the header.
    posiciones: Vec<Option<usize>>,
}

/// Rows above the header that are looked at for it.
const FILAS_DE_TITULO: usize = 10;

pub(super) fn todos(t: &Trio, n: &Numeral, hoy: NaiveDate) -> Vec<Criterio> {
    let enc = t.conjunto.as_ref().and_then(|c| encabezado(c, n));
    vec![
        completitud(t, n, enc.as_ref()),
        datos_abiertos(t, n, enc.as_ref()),
        enlaces(t, n, enc.as_ref()),
        plazo(t, n, hoy),
    ]
}

/// Faults listed one by one per criterion; the rest are counted.
const MAX_FALTAS: usize = 1_000;

/// A criterion's faults: the first [`MAX_FALTAS`] kept, all counted.
#[derive(Default)]
struct Faltas {
    v: Vec<String>,
    total: usize,
}

impl Faltas {
    fn una(s: String) -> Faltas {
        let mut f = Faltas::default();
        f.push(s);
        f
    }

    fn push(&mut self, s: String) {
        self.total = self.total.saturating_add(1);
        if self.v.len() < MAX_FALTAS {
            self.v.push(s);
        }
    }

    fn extend(&mut self, it: impl IntoIterator<Item = String>) {
        for s in it {
            self.push(s);
        }
    }
}

fn criterio(nombre: &'static str, d: Faltas, avisos: Vec<String>, bien: String) -> Criterio {
    // Cells and file names come from anywhere: printed on one line, with
    // control characters shown by their code.
    let linea = |s: String| printable(&s).replace('\n', " ");
    let detalles: Vec<String> = d.v.into_iter().map(linea).collect();
    let avisos = avisos.into_iter().map(linea).collect();
    let cumple = d.total == 0;
    let resumen = if cumple {
        bien
    } else {
        format!(
            "{} {}",
            numero(d.total.into()),
            if d.total == 1 { "falta" } else { "faltas" }
        )
    };
    Criterio {
        nombre,
        cumple,
        resumen,
        faltas: d.total,
        detalles,
        avisos,
    }
}

/// `columna A (Unidad)`: the letter a spreadsheet shows, and the header.
fn columna(i: usize, titulo: &str) -> String {
    format!(
        "columna {} ({})",
        column_letter(i),
        crate::text::shorten(titulo, 40)
    )
}

fn encabezado(c: &Tabla, n: &Numeral) -> Option<Encabezado> {
    c.filas
        .iter()
        .take(FILAS_DE_TITULO)
        .enumerate()
        .find_map(|(i, f)| {
            let posiciones: Vec<Option<usize>> =
                n.columnas.iter().map(|col| posicion(f, col)).collect();
            let halladas = posiciones.iter().flatten().count();
            (halladas > 0 && halladas * 2 >= n.columnas.len()).then_some(Encabezado {
                fila: i,
                ancho: f.celdas.len(),
                posiciones,
            })
        })
}

/// Where a column's header is in a row: its title folded (case, accents
/// and punctuation aside); a link column may be called «Enlace…» or «Link…».
fn posicion(f: &Fila, col: &Columna) -> Option<usize> {
    let k = fold_key(&col.titulo);
    f.celdas.iter().position(|c| fold_key(c) == k).or_else(|| {
        (col.tipo == TipoColumna::Enlace).then_some(())?;
        f.celdas.iter().position(|c| {
            let x = fold_key(c);
            x.starts_with("enlace") || x.starts_with("link")
        })
    })
}

/// The data set's rows after its header.
fn datos<'a>(c: &'a Tabla, enc: Option<&Encabezado>) -> &'a [Fila] {
    enc.map_or(&[][..], |e| c.filas.get(e.fila + 1..).unwrap_or(&[]))
}

/// The metadata row of a key, if any.
fn metadato<'a>(m: &'a Tabla, clave: &str) -> Option<&'a Fila> {
    let k = fold_key(clave);
    m.filas.iter().find(|f| fold_key(f.celda(0)) == k)
}

fn completitud(t: &Trio, n: &Numeral, enc: Option<&Encabezado>) -> Criterio {
    let mut d = Faltas::default();
    let mut avisos = Vec::new();
    for f in &t.faltan {
        d.push(format!(
            "no se encontró el {f}: un archivo .csv cuyo nombre diga «{}»",
            match *f {
                "conjunto de datos" => "conjunto",
                "metadatos" => "metadatos",
                _ => "diccionario",
            }
        ));
    }
    d.extend(t.repetidos.iter().cloned());
    d.extend(t.ilegibles.iter().cloned());
    let mut filas = 0;
    if let Some(c) = &t.conjunto {
        match enc {
            None => d.push(format!(
                "{}: no se encontró la fila de encabezado ({})",
                c.nombre,
                n.columnas
                    .iter()
                    .map(|c| c.titulo.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some(e) => {
                let cabecera = &c.filas[e.fila];
                for (col, p) in n.columnas.iter().zip(&e.posiciones) {
                    match p {
                        None => d.push(format!("{}: falta la columna «{}»", c.nombre, col.titulo)),
                        Some(i) if cabecera.celda(*i) != col.titulo => avisos.push(format!(
                            "{}: la columna «{}» se escribe «{}» en el formato del numeral",
                            c.nombre,
                            cabecera.celda(*i),
                            col.titulo
                        )),
                        Some(_) => {}
                    }
                }
                let mut vacias_opcionales = 0usize;
                for f in datos(c, enc).iter().filter(|f| !f.vacia()) {
                    filas += 1;
                    for (col, p) in n.columnas.iter().zip(&e.posiciones) {
                        let Some(i) = p else { continue };
                        if f.celda(*i).is_empty() {
                            if col.obligatoria {
                                d.push(format!(
                                    "{}, fila {}, {}: vacía",
                                    c.nombre,
                                    f.linea,
                                    columna(*i, &col.titulo)
                                ));
                            } else {
                                vacias_opcionales += 1;
                            }
                        }
                    }
                }
                if filas == 0 {
                    d.push(format!("{}: no tiene filas de datos", c.nombre));
                }
                if vacias_opcionales > 0 {
                    avisos.push(format!(
                        "{}: {} celdas vacías en columnas no obligatorias",
                        c.nombre,
                        numero(vacias_opcionales.into())
                    ));
                }
            }
        }
    }
    if let Some(m) = &t.metadatos {
        for md in &n.metadatos {
            match metadato(m, &md.clave) {
                None => d.push(format!("{}: falta «{}»", m.nombre, md.clave)),
                Some(f) if f.celda(1).is_empty() => d.push(format!(
                    "{}, fila {}: «{}» sin valor",
                    m.nombre, f.linea, md.clave
                )),
                Some(_) => {}
            }
        }
        if let (Some(primera), Some(md)) =
            (m.filas.iter().find(|f| !f.vacia()), n.metadatos.first())
            && fold_key(primera.celda(0)) != fold_key(&md.clave)
            && metadato(m, &md.clave).is_some()
        {
            avisos.push(format!(
                "{}: los metadatos empiezan por «{}»",
                m.nombre, md.clave
            ));
        }
    }
    if let Some(dc) = &t.diccionario {
        match dc.filas.iter().find(|f| !f.vacia()) {
            Some(f) if fold_key(f.celda(0)) == "institucion" && !f.celda(1).is_empty() => {}
            Some(f) => d.push(format!(
                "{}, fila {}: el diccionario empieza por «Institución» y el nombre de la institución",
                dc.nombre, f.linea
            )),
            None => d.push(format!("{}: está vacío", dc.nombre)),
        }
        // The columns the data set has, or the numeral's when it is missing.
        let columnas: Vec<String> = match (&t.conjunto, enc) {
            (Some(c), Some(e)) => c.filas[e.fila]
                .celdas
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            _ => n.columnas.iter().map(|c| c.titulo.clone()).collect(),
        };
        for col in &columnas {
            let k = fold_key(col);
            match dc.filas.iter().find(|f| fold_key(f.celda(0)) == k) {
                None => d.push(format!("{}: no describe la columna «{col}»", dc.nombre)),
                Some(f) if f.celda(1).is_empty() => d.push(format!(
                    "{}, fila {}: la columna «{col}» no tiene descripción",
                    dc.nombre, f.linea
                )),
                Some(_) => {}
            }
        }
    }
    let obligatorias = n.columnas.iter().filter(|c| c.obligatoria).count();
    criterio(
        "Contenido completo",
        d,
        avisos,
        format!(
            "{} filas en el conjunto de datos, con sus {obligatorias} columnas obligatorias llenas; los {} metadatos con valor; el diccionario describe cada columna",
            numero(filas.into()),
            n.metadatos.len()
        ),
    )
}

fn datos_abiertos(t: &Trio, n: &Numeral, enc: Option<&Encabezado>) -> Criterio {
    let mut d = Faltas::default();
    let mut avisos = Vec::new();
    for o in &t.otros_formatos {
        if t.conjunto.is_some() {
            avisos.push(format!(
                "«{o}» no es CSV: al portal se sube el conjunto de datos en CSV"
            ));
        } else {
            d.push(format!(
                "«{o}» no es CSV: el portal califica como datos abiertos el CSV, no un XLSX, ODS o PDF"
            ));
        }
    }
    if t.conjunto.is_none() && t.otros_formatos.is_empty() {
        d.push("no hay conjunto de datos en CSV que revisar".into());
    }
    for tabla in [&t.conjunto, &t.metadatos, &t.diccionario]
        .into_iter()
        .flatten()
    {
        d.extend(tabla.problemas.iter().cloned());
        d.total = d.total.saturating_add(tabla.mas_problemas);
        avisos.extend(tabla.avisos.iter().cloned());
        formulas(tabla, &mut d);
    }
    if let (Some(c), Some(e)) = (&t.conjunto, enc) {
        if e.fila > 0 {
            d.push(format!(
                "{}: {} encima del encabezado (títulos); el archivo empieza por la fila de encabezado",
                c.nombre,
                if e.fila == 1 {
                    "la fila 1 está".to_string()
                } else {
                    format!("las filas 1 a {} están", c.filas[e.fila].linea.saturating_sub(1))
                }
            ));
        }
        let cabecera: Vec<String> = c.filas[e.fila].celdas.iter().map(|s| fold_key(s)).collect();
        let mut anterior: Option<&Fila> = None;
        for f in datos(c, Some(e)) {
            if f.vacia() {
                d.push(format!("{}, fila {}: fila vacía", c.nombre, f.linea));
                continue;
            }
            if f.celdas
                .iter()
                .map(|s| fold_key(s))
                .eq(cabecera.iter().cloned())
            {
                d.push(format!(
                    "{}, fila {}: repite el encabezado",
                    c.nombre, f.linea
                ));
                continue;
            }
            if f.celdas.len() != e.ancho {
                d.push(format!(
                    "{}, fila {}: tiene {} columnas y el encabezado {}",
                    c.nombre,
                    f.linea,
                    f.celdas.len(),
                    e.ancho
                ));
            }
            if let Some(a) = anterior {
                for (col, p) in n.columnas.iter().zip(&e.posiciones) {
                    if let Some(i) = *p
                        && col.obligatoria
                        && f.celda(i).is_empty()
                        && !a.celda(i).is_empty()
                    {
                        d.push(format!(
                            "{}, fila {}, {}: vacía bajo un valor (¿celda combinada en la hoja de origen?); repita el valor en cada fila",
                            c.nombre,
                            f.linea,
                            columna(i, &col.titulo)
                        ));
                    }
                }
            }
            anterior = Some(f);
        }
    }
    for tabla in [&t.metadatos, &t.diccionario].into_iter().flatten() {
        dos_columnas(tabla, &mut d);
    }
    let ancho = enc.map_or(n.columnas.len(), |e| e.ancho);
    criterio(
        "Datos abiertos",
        d,
        avisos,
        format!(
            "CSV en UTF-8 separado por comas, una sola fila de encabezado, {ancho} columnas en cada fila, sin fórmulas, filas vacías ni celdas combinadas"
        ),
    )
}

/// A cell a spreadsheet would compute rather than show, or one holding a
/// control character (a line break inside a cell is allowed).
fn formulas(t: &Tabla, d: &mut Faltas) {
    for f in &t.filas {
        for (i, c) in f.celdas.iter().enumerate() {
            if let Some(x) = c
                .chars()
                .find(|x| x.is_control() && !matches!(x, '\n' | '\r' | '\t'))
            {
                d.push(format!(
                    "{}, fila {}, columna {}: contiene el carácter de control {}",
                    t.nombre,
                    f.linea,
                    column_letter(i),
                    crate::text::codepoint(x)
                ));
            }
            let c = c.trim();
            if c.starts_with('=') && c.len() > 1 {
                d.push(format!(
                    "{}, fila {}, columna {}: «{}» es una fórmula; guarde su valor",
                    t.nombre,
                    f.linea,
                    column_letter(i),
                    c.chars().take(40).collect::<String>()
                ));
            }
        }
    }
}

/// Key and value: two columns in every row (empty cells a spreadsheet adds
/// to the right are allowed when every row has them).
fn dos_columnas(t: &Tabla, d: &mut Faltas) {
    let anchos: BTreeSet<usize> = t.filas.iter().map(|f| f.celdas.len()).collect();
    for f in &t.filas {
        if f.vacia() {
            d.push(format!("{}, fila {}: fila vacía", t.nombre, f.linea));
            continue;
        }
        let sobra = f.celdas.iter().skip(2).any(|c| !c.trim().is_empty());
        if f.celdas.len() < 2 || sobra || anchos.len() > 1 {
            d.push(format!(
                "{}, fila {}: {}; se esperan 2 (clave y valor) en cada fila",
                t.nombre,
                f.linea,
                match f.celdas.len() {
                    1 => "tiene una sola columna".to_string(),
                    n => format!("tiene {n} columnas"),
                }
            ));
        }
    }
}

/// A link the portal accepts: `https://`, a host with a dot, no spaces.
fn enlace_https(s: &str) -> Result<(), &'static str> {
    if !looks_like_url(s) {
        Err("no es un enlace bien formado (https://servidor/ruta, sin espacios)")
    } else if !s.to_ascii_lowercase().starts_with("https://") {
        Err("usa http://; el portal pide enlaces https://")
    } else {
        Ok(())
    }
}

fn correo(s: &str) -> bool {
    let mut partes = s.split('@');
    match (partes.next(), partes.next(), partes.next()) {
        (Some(u), Some(dominio), None) => {
            !u.is_empty()
                && dominio.contains('.')
                && !dominio.starts_with('.')
                && !dominio.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        _ => false,
    }
}

fn enlaces(t: &Trio, n: &Numeral, enc: Option<&Encabezado>) -> Criterio {
    let mut d = Faltas::default();
    let mut distintos = BTreeSet::new();
    let mut total = 0usize;
    let mut revisar = |tabla: &Tabla, filas: &[Fila], i: usize, titulo: &str, d: &mut Faltas| {
        for f in filas {
            let v = f.celda(i);
            if v.is_empty() {
                continue;
            }
            total += 1;
            match enlace_https(v) {
                Ok(()) => {
                    distintos.insert(v.to_string());
                }
                Err(por) => d.push(format!(
                    "{}, fila {}, {}: «{}» {por}",
                    tabla.nombre,
                    f.linea,
                    columna(i, titulo),
                    v.chars().take(80).collect::<String>()
                )),
            }
        }
    };
    match (&t.conjunto, enc) {
        (Some(c), Some(e)) => {
            for (col, p) in n.columnas.iter().zip(&e.posiciones) {
                if let (TipoColumna::Enlace, Some(i)) = (col.tipo, p) {
                    revisar(c, datos(c, enc), *i, &col.titulo, &mut d);
                }
            }
        }
        _ => d.push(
            "sin un conjunto de datos con encabezado no se pueden revisar sus enlaces".into(),
        ),
    }
    if let Some(cu) = &t.cumplimiento
        && let Some((cab, filas)) = cu.filas.split_first()
        && let Some(i) = cab
            .celdas
            .iter()
            .position(|c| fold_key(c) == "medioverificacion")
    {
        revisar(cu, filas, i, "medio_verificacion", &mut d);
    }
    if let Some(m) = &t.metadatos {
        for md in n
            .metadatos
            .iter()
            .filter(|m| m.campo == CampoMetadato::Correo)
        {
            if let Some(f) = metadato(m, &md.clave)
                && !f.celda(1).is_empty()
                && !correo(f.celda(1))
            {
                d.push(format!(
                    "{}, fila {}: «{}» no es un correo electrónico",
                    m.nombre,
                    f.linea,
                    f.celda(1)
                ));
            }
        }
    }
    criterio(
        "Enlaces",
        d,
        Vec::new(),
        format!(
            "{} enlaces https:// bien formados ({} {}); que abran no se comprueba (sin conexión)",
            numero(total.into()),
            numero(distintos.len().into()),
            if distintos.len() == 1 {
                "distinto"
            } else {
                "distintos"
            }
        ),
    )
}

fn plazo(t: &Trio, n: &Numeral, hoy: NaiveDate) -> Criterio {
    let mal = |por: String| criterio("Plazo", Faltas::una(por), Vec::new(), String::new());
    let Some(m) = &t.metadatos else {
        return mal("sin metadatos no hay fecha de actualización de la información".into());
    };
    let Some(md) = n.metadatos.iter().find(|m| m.campo == CampoMetadato::Fecha) else {
        return mal("la descripción del numeral no tiene la fecha de actualización".into());
    };
    let Some(f) = metadato(m, &md.clave) else {
        return mal(format!("{}: falta «{}»", m.nombre, md.clave));
    };
    let Some(actualizada) = fecha(f.celda(1)) else {
        return mal(format!(
            "{}, fila {}: «{}» no es una fecha DD/MM/AAAA",
            m.nombre,
            f.linea,
            f.celda(1)
        ));
    };
    if actualizada > hoy {
        return mal(format!(
            "la fecha de actualización, {}, es posterior a la de la revisión, {}",
            dmy(actualizada),
            dmy(hoy)
        ));
    }
    let periodo = t.periodo.unwrap_or(Periodo {
        anio: actualizada.year(),
        mes: actualizada.month() as u8,
    });
    let Some(limite) = super::plazo(periodo, n.plazo_dia) else {
        return mal(format!("{periodo} no tiene plazo"));
    };
    let dias = (limite - hoy).num_days();
    if dias < 0 {
        return mal(format!(
            "el plazo para registrar la información de {} venció el {} (la revisión es del {})",
            periodo.nombre(),
            dmy(limite),
            dmy(hoy)
        ));
    }
    criterio(
        "Plazo",
        Faltas::default(),
        Vec::new(),
        format!(
            "información de {}, actualizada al {}: se registra en el portal hasta el {} ({})",
            periodo.nombre(),
            dmy(actualizada),
            dmy(limite),
            match dias {
                0 => "hoy es el último día".to_string(),
                1 => "queda 1 día".to_string(),
                d => format!("quedan {d} días"),
            }
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::revisar::tabla::desde_bytes;

    #[test]
    fn formulas_and_control_characters_are_faults() {
        let t = desde_bytes(
            "x.csv".into(),
            "a,b\r\n=SUMA(A1:A3),\"l\u{7}\"\r\n-5,=\r\n\"dos\nlíneas\",ok\r\n".as_bytes(),
        );
        let mut d = Faltas::default();
        formulas(&t, &mut d);
        assert_eq!(
            d.v,
            [
                "x.csv, fila 2, columna A: «=SUMA(A1:A3)» es una fórmula; guarde su valor",
                "x.csv, fila 2, columna B: contiene el carácter de control U+0007",
            ]
        );
    }

    #[test]
    fn links_and_mail() {
        assert!(enlace_https("https://www.iess.gob.ec/a").is_ok());
        assert!(enlace_https("HTTPS://WWW.IESS.GOB.EC").is_ok());
        assert!(
            enlace_https("http://www.iess.gob.ec")
                .unwrap_err()
                .contains("http://")
        );
        assert!(enlace_https("www.iess.gob.ec").is_err());
        assert!(enlace_https("https://iess gob.ec").is_err());
        assert!(correo("planificacion@iess.gob.ec"));
        assert!(!correo("planificacion@iess"));
        assert!(!correo("a@b@c.ec"));
        assert!(!correo("@iess.gob.ec"));
        assert!(!correo("p @iess.gob.ec"));
    }
}
