//! A CSV file as the portal would take it, read without trusting it: its
//! rows as text, with what its bytes already show against open data
//! (not UTF-8, a byte-order mark, semicolons, blank lines, mixed line
//! endings). A planner's hand-made file is read the same way as ours.

use std::path::Path;

/// Largest CSV read: a numeral's data set is a few hundred KiB.
const MAX_BYTES: u64 = 32 << 20;
/// Most columns a row may hold, and cells a file may hold, before reading stops.
const MAX_COLUMNAS: usize = 512;
const MAX_CELDAS: usize = 4_000_000;
/// Runs of blank lines listed one by one; the rest are counted.
const MAX_PROBLEMAS: usize = 1_000;

/// One record and the line of the file it starts on (1 is the first).
#[derive(Debug)]
pub(super) struct Fila {
    pub(super) linea: u64,
    pub(super) celdas: Vec<String>,
}

impl Fila {
    /// The cell at `i`, trimmed; empty when the row is shorter.
    pub(super) fn celda(&self, i: usize) -> &str {
        self.celdas.get(i).map_or("", |c| c.trim())
    }

    pub(super) fn vacia(&self) -> bool {
        self.celdas.iter().all(|c| c.trim().is_empty())
    }
}

/// A CSV file's rows, and its faults as open data found while reading.
#[derive(Debug)]
pub(super) struct Tabla {
    /// The file's name, as messages show it.
    pub(super) nombre: String,
    pub(super) filas: Vec<Fila>,
    /// Faults against open data: each makes the criterion fail.
    pub(super) problemas: Vec<String>,
    /// Observations that do not make it fail.
    pub(super) avisos: Vec<String>,
    /// Runs of blank lines beyond those listed in `problemas`.
    pub(super) mas_problemas: usize,
}

/// Reads a CSV file; the error says why it could not be read at all.
pub(super) fn leer(path: &Path) -> Result<Tabla, String> {
    let bytes = crate::fs::read_regular_nofollow(path, MAX_BYTES).map_err(|e| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            "es un enlace simbólico: copie el archivo mismo en la carpeta".to_string()
        } else {
            match e.kind() {
                std::io::ErrorKind::FileTooLarge => {
                    format!(
                        "pesa más de {} MiB: no es un archivo del numeral",
                        MAX_BYTES >> 20
                    )
                }
                std::io::ErrorKind::InvalidInput => "no es un archivo normal".to_string(),
                _ => format!("no se pudo leer: {}", crate::error::io_es(&e)),
            }
        }
    })?;
    let nombre = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(desde_bytes(nombre, &bytes))
}

/// Reads a CSV file's bytes.
pub(super) fn desde_bytes(nombre: String, bytes: &[u8]) -> Tabla {
    let mut t = Tabla {
        nombre,
        filas: Vec::new(),
        problemas: Vec::new(),
        avisos: Vec::new(),
        mas_problemas: 0,
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        t.problemas.push(format!(
            "{}: está en UTF-16; guárdelo como «CSV UTF-8 (delimitado por comas)»",
            t.nombre
        ));
        return t;
    }
    let sin_bom = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => {
            t.avisos.push(format!(
                "{}: empieza con una marca de orden de bytes (UTF-8 con BOM); el formato supuesto es UTF-8 sin BOM",
                t.nombre
            ));
            rest
        }
        None => bytes,
    };
    let texto = match std::str::from_utf8(sin_bom) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let fila = sin_bom[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            t.problemas.push(format!(
                "{}, fila {fila}: no está en UTF-8 (¿guardado como «CSV» de Windows?); guárdelo como «CSV UTF-8 (delimitado por comas)»",
                t.nombre
            ));
            String::from_utf8_lossy(sin_bom)
        }
    };
    let l = lineas(&texto);
    if l.crlf > 0 && l.lf > 0 {
        t.avisos.push(format!(
            "{}: mezcla fines de línea CRLF ({}) y LF ({})",
            t.nombre, l.crlf, l.lf
        ));
    }
    for &(a, b) in &l.vacias {
        t.problemas.push(if a == b {
            format!("{}, fila {a}: fila vacía", t.nombre)
        } else {
            format!("{}, filas {a} a {b}: filas vacías", t.nombre)
        });
    }
    t.mas_problemas = l.mas_vacias;
    let mut lector = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(texto.as_bytes());
    let mut celdas = 0usize;
    for r in lector.records() {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                let fila = e
                    .position()
                    .map_or(0, |p| l.linea(texto.as_bytes(), p.byte()));
                t.problemas.push(format!(
                    "{}, fila {fila}: no se puede leer como CSV",
                    t.nombre
                ));
                break;
            }
        };
        // The reader's own line count skips empty lines: the line is
        // counted from the record's byte offset.
        let linea = r
            .position()
            .map_or(0, |p| l.linea(texto.as_bytes(), p.byte()));
        if r.len() > MAX_COLUMNAS {
            t.problemas.push(format!(
                "{}, fila {linea}: tiene {} columnas; se leyeron las primeras {MAX_COLUMNAS}",
                t.nombre,
                r.len()
            ));
        }
        let fila = Fila {
            linea,
            celdas: r.iter().take(MAX_COLUMNAS).map(str::to_string).collect(),
        };
        // A line of spaces, already listed as blank.
        if fila.vacia() && fila.celdas.len() <= 1 {
            continue;
        }
        celdas = celdas.saturating_add(fila.celdas.len());
        t.filas.push(fila);
        if celdas > MAX_CELDAS {
            t.problemas.push(format!(
                "{}: tiene más de {MAX_CELDAS} celdas; se dejó de leer en la fila {linea}",
                t.nombre
            ));
            break;
        }
    }
    if t.filas.iter().all(|f| f.celdas.len() <= 1)
        && let Some(f) = t.filas.iter().find(|f| f.celda(0).contains([';', '\t']))
    {
        let sep = if f.celda(0).contains(';') {
            "punto y coma"
        } else {
            "tabuladores"
        };
        t.problemas.push(format!(
            "{}: separa las columnas con {sep}; el portal espera comas («CSV UTF-8 (delimitado por comas)»)",
            t.nombre
        ));
    }
    t
}

/// The line ends of a text outside quoted fields.
struct Lineas {
    crlf: usize,
    lf: usize,
    /// The first runs of lines holding nothing but spaces, first and last
    /// line (a last line without text is the file's end, not a blank
    /// row), and how many more runs.
    vacias: Vec<(u64, u64)>,
    mas_vacias: usize,
    /// Byte offset where each line after the first starts (a file read
    /// is at most 32 MiB).
    inicios: Vec<u32>,
}

impl Lineas {
    /// The 1-based line of the record the reader says starts at `offset`:
    /// the reader's offset is where it began, before the empty lines it
    /// skipped.
    fn linea(&self, texto: &[u8], offset: u64) -> u64 {
        let mut o = usize::try_from(offset).unwrap_or(usize::MAX);
        while texto.get(o).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            o += 1;
        }
        let offset = o as u64;
        self.inicios.partition_point(|&i| u64::from(i) <= offset) as u64 + 1
    }
}

/// Counts CRLF and bare LF (or CR) line ends and finds the blank lines; a
/// line end inside a quoted field is part of its cell but still a line of
/// the file.
fn lineas(texto: &str) -> Lineas {
    let mut l = Lineas {
        crlf: 0,
        lf: 0,
        vacias: Vec::new(),
        mas_vacias: 0,
        inicios: Vec::new(),
    };
    let mut entre_comillas = false;
    let mut solo_espacios = true;
    // The last blank line seen.
    let mut previa: Option<u64> = None;
    let bytes = texto.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let fin = match b {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if fin {
            if !entre_comillas {
                if b == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                    l.crlf += 1;
                } else {
                    l.lf += 1;
                }
                if solo_espacios {
                    let n = l.inicios.len() as u64 + 1;
                    let lleno = l.vacias.len() >= MAX_PROBLEMAS;
                    match l.vacias.last_mut() {
                        _ if previa == Some(n - 1) && lleno && l.mas_vacias > 0 => {}
                        Some((_, fin)) if *fin + 1 == n => *fin = n,
                        _ if !lleno => l.vacias.push((n, n)),
                        _ => l.mas_vacias += 1,
                    }
                    previa = Some(n);
                }
                solo_espacios = true;
            }
            l.inicios.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            continue;
        }
        match b {
            b'"' => {
                entre_comillas = !entre_comillas;
                solo_espacios = false;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => solo_espacios = false,
        }
    }
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tabla(s: &str) -> Tabla {
        desde_bytes("x.csv".into(), s.as_bytes())
    }

    #[test]
    fn rows_keep_their_lines() {
        let t = tabla("a,b\r\n\"c\nd\",e\r\nf,g\r\n");
        let lineas: Vec<u64> = t.filas.iter().map(|f| f.linea).collect();
        assert_eq!(lineas, [1, 2, 4]);
        assert_eq!(t.filas[1].celda(0), "c\nd");
        assert!(t.problemas.is_empty() && t.avisos.is_empty(), "{t:?}");
    }

    #[test]
    fn blank_lines_are_problems_once() {
        let t = tabla("a,b\n\nc,d\n  \n,\ne,\"f\n\ng\"\n\nh,i\n\n\r\n");
        assert_eq!(
            t.problemas,
            [
                "x.csv, fila 2: fila vacía",
                "x.csv, fila 4: fila vacía",
                "x.csv, fila 9: fila vacía",
                "x.csv, filas 11 a 12: filas vacías"
            ]
        );
        // The comma-only row is kept for the caller to judge; lines count
        // past the blank ones and the line ends inside a quoted cell.
        let lineas: Vec<u64> = t.filas.iter().map(|f| f.linea).collect();
        assert_eq!(lineas, [1, 3, 5, 6, 10]);
    }

    #[test]
    fn encodings_and_separators_are_named() {
        let t = desde_bytes("x.csv".into(), b"Unidad;Objetivo\nDirecci\xf3n;X\n");
        assert!(t.problemas[0].contains("fila 2: no está en UTF-8"), "{t:?}");
        assert!(t.problemas[1].contains("punto y coma"), "{t:?}");
        let t = desde_bytes("x.csv".into(), b"\xef\xbb\xbfa,b\r\nc,d\n");
        assert_eq!(t.filas[0].celda(0), "a");
        assert!(t.avisos[0].contains("BOM"));
        assert!(t.avisos[1].contains("CRLF (1) y LF (1)"));
        let t = desde_bytes("x.csv".into(), b"\xff\xfea\x00");
        assert!(t.problemas[0].contains("UTF-16"));
    }
}
