//! Errors for people: input problems that name file, sheet, row and column,
//! warnings that never stop a run, and the program-level error with its exit code.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How messages and published warnings name the inputs folder: never by its
/// path, which would differ between machines and reveal the server's layout.
pub const CARPETA: &str = "carpeta de entrada";

/// Where something was read: the file, and when known the sheet, row and column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    /// File name as the user knows it (relative to the inputs folder).
    pub file: String,
    /// Sheet name; `None` for CSV files and configuration files.
    pub sheet: Option<String>,
    /// Row (or line) number, 1-based as a spreadsheet shows it.
    pub row: Option<usize>,
    /// Column as shown to the user: a letter and the header, e.g. `F (meta_anual)`.
    pub column: Option<String>,
    /// Line of a text file (configuration, templates), where rows do not apply.
    pub line: Option<usize>,
}

impl Location {
    /// A location that names only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            ..Default::default()
        }
    }

    /// The same location narrowed to a column.
    pub fn with_column(&self, column: impl Into<String>) -> Self {
        Location {
            column: Some(column.into()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(h) = &self.sheet {
            write!(f, ", hoja «{h}»")?;
        }
        if let Some(r) = self.row {
            write!(f, ", fila {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", columna {c}")?;
        }
        if let Some(l) = self.line {
            write!(f, ", línea {l}")?;
        }
        Ok(())
    }
}

/// One problem in the inputs: where it is and what was expected, in Spanish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub location: Location,
    pub message: String,
}

impl Problem {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Problem {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A cell's text quoted in a message may hold control characters.
        let text = format!("{}: {}", self.location, self.message);
        f.write_str(&crate::text::printable(&text))
    }
}

/// A warning: shown in the run summary and in the workbooks, never stops a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Short category, stable for filtering (`medida inferida`, `meta cero`…),
    /// one of [`TIPOS_DE_AVISO`].
    pub kind: String,
    pub location: Location,
    pub message: String,
}

/// Every kind of warning, as `[avisos] conocidos` may name them.
pub const TIPOS_DE_AVISO: &[&str] = &[
    "devengado mayor al codificado",
    "enlace sin https",
    "fila de ejemplo",
    "fila repetida",
    "hoja ignorada",
    "indicador por código",
    "medida inferida",
    "meta cero",
    "real cero",
    "respuesta inverosímil",
    "resultado anual incompleto",
    "resultado atípico",
    "resultado sin meta",
    "sección sin responder",
    "sin enlace de verificación",
    "sin resultados",
    "suma por omisión",
    "suma provincial",
];

impl Warning {
    pub fn new(kind: &str, location: Location, message: impl Into<String>) -> Self {
        Warning {
            kind: kind.to_string(),
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: [{}] {}", self.location, self.kind, self.message)
    }
}

/// Everything that can stop a run. Each variant maps to a documented exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs (data, configuration or user templates) are wrong: exit code 1.
    #[error("{}", problem_list(.0))]
    Input(Vec<Problem>),
    /// Writing the publication failed: exit code 3.
    #[error("no se pudo escribir «{}»: {}", .path.display(), io_es(.source))]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output folder is not in a state a run can publish into (a file
    /// where a folder goes, a link where lotaip keeps its own file): exit code 3.
    #[error("«{}» {detalle}", .path.display())]
    Salida { path: PathBuf, detalle: String },
    /// A run that started later has already published the same thing: this
    /// one's inputs are older, so it does not replace it. Exit code 3.
    #[error(
        "otra ejecución de lotaip que empezó después de esta ya publicó «{}»; esta no la reemplaza (sus entradas son anteriores)",
        publicacion.display()
    )]
    Superada { publicacion: PathBuf },
    /// A renderer failed on valid data: exit code 3.
    #[error("no se pudo generar «{file}»: {detail}")]
    Render { file: String, detail: String },
    /// Another run holds the output folder's lock: exit code 3.
    #[error(
        "otra ejecución de lotaip{} está publicando en esta carpeta de salida (bloqueo «{}»); espere a que termine y vuelva a intentarlo",
        pid.map(|p| format!(" (proceso {p})")).unwrap_or_default(),
        lock.display()
    )]
    Bloqueado { lock: PathBuf, pid: Option<u32> },
    /// A published folder does not match its manifest: exit code 1.
    #[error(
        "la publicación «{}» no coincide con su manifiesto: {n} {}",
        carpeta.display(),
        if *n == 1 { "diferencia" } else { "diferencias" }
    )]
    Discrepancias { carpeta: PathBuf, n: usize },
    /// A numeral's files fail criteria of the pre-upload review: exit code 1.
    #[error(
        "los archivos de «{}» no cumplen {n} {} de la revisión; corríjalos antes de registrarlos en el portal",
        carpeta.display(),
        if *n == 1 { "criterio" } else { "criterios" }
    )]
    NoCumple { carpeta: PathBuf, n: usize },
}

impl Error {
    /// The process exit code: 1 bad input, 3 output failure (2 is clap's usage error).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Discrepancias { .. } | Error::NoCumple { .. } => 1,
            Error::Output { .. }
            | Error::Render { .. }
            | Error::Bloqueado { .. }
            | Error::Salida { .. }
            | Error::Superada { .. } => 3,
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn output(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Output {
            path: path.into(),
            source,
        }
    }

    /// A single input problem.
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input(vec![Problem::new(location, message)])
    }
}

fn problem_list(problems: &[Problem]) -> String {
    let n = problems.len();
    let mut s = if n == 1 {
        "hay 1 problema en los datos de entrada:".to_string()
    } else {
        format!("hay {n} problemas en los datos de entrada:")
    };
    for p in problems {
        s.push_str("\n  - ");
        s.push_str(&p.to_string());
    }
    s
}

/// Collects problems so that all of a file's problems are reported at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(&mut self, location: Location, message: impl Into<String>) {
        self.0.push(Problem::new(location, message));
    }

    pub fn extend(&mut self, others: impl IntoIterator<Item = Problem>) {
        self.0.extend(others);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was collected, otherwise every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, Error> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::Input(self.0))
        }
    }

    /// Every problem collected, as the error of a run that cannot go on.
    pub fn into_error(mut self) -> Error {
        if self.0.is_empty() {
            self.0.push(Problem::new(
                Location::default(),
                "las entradas no se pudieron leer",
            ));
        }
        Error::Input(self.0)
    }

    /// Records the problems of a failed step and keeps going.
    pub fn absorb<T>(&mut self, r: Result<T, Error>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(Error::Input(ps)) => {
                self.0.extend(ps);
                None
            }
            Err(other) => {
                self.0
                    .push(Problem::new(Location::default(), other.to_string()));
                None
            }
        }
    }
}

/// A system error in Spanish: the kinds a person meets (a missing file, a
/// folder without permission, a full disk); the rest by their code.
pub fn io_es(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "no existe",
        K::PermissionDenied => "no hay permiso para usarlo",
        K::AlreadyExists => "ya existe",
        K::NotADirectory => "no es una carpeta",
        K::IsADirectory => "es una carpeta, no un archivo",
        K::DirectoryNotEmpty => "la carpeta no está vacía",
        K::ReadOnlyFilesystem => "el sistema de archivos es de solo lectura",
        K::StorageFull => "el disco está lleno",
        K::QuotaExceeded => "se agotó la cuota de disco",
        K::FileTooLarge => "el archivo es demasiado grande",
        K::InvalidFilename => "el nombre no es válido",
        K::InvalidData => "el contenido no es válido",
        K::UnexpectedEof => "el archivo terminó antes de lo esperado",
        K::Interrupted => "la operación se interrumpió",
        K::WouldBlock | K::ResourceBusy => "está ocupado",
        K::CrossesDevices => "está en otro disco",
        K::Unsupported => "el sistema de archivos no lo permite",
        K::OutOfMemory => "no hay memoria suficiente",
        _ => match e.raw_os_error() {
            // ELOOP: a symbolic link where none may be followed.
            Some(40) => return "es un enlace simbólico, y no se siguen enlaces ahí".into(),
            Some(code) => return format!("error del sistema {code}"),
            None => "error del sistema",
        },
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_sheet_row_and_column() {
        let u = Location {
            file: "metas.xlsx".into(),
            sheet: Some("metas".into()),
            row: Some(12),
            column: Some("F (meta_anual)".into()),
            line: None,
        };
        let p = Problem::new(u, "se esperaba un número; se encontró «abc»");
        assert_eq!(
            p.to_string(),
            "metas.xlsx, hoja «metas», fila 12, columna F (meta_anual): se esperaba un número; se encontró «abc»"
        );
    }

    #[test]
    fn exit_codes() {
        assert_eq!(Error::input(Location::file("x"), "y").exit_code(), 1);
        let io = std::io::Error::other("disco lleno");
        assert_eq!(Error::output("outputs", io).exit_code(), 3);
    }
}
