//! Tera templates: the built-in ones are embedded in the binary; a user's
//! folder overrides them one file at a time. All are parsed before anything
//! is written.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Error, Location};

/// Declares the built-in templates, embedded from the top-level `templates/` folder.
macro_rules! builtin {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),+]
    };
}

/// Every built-in template: (file name, text).
pub const BUILTIN: &[(&str, &str)] = builtin![
    "literal_a4_datos.csv",
    "literal_a4_metadatos.csv",
    "literal_a4_diccionario.csv",
    "cumplimiento.csv",
    "literal_a4.html",
    "provincia.html",
    "rendicion.html",
    "rendicion_meta.txt",
    "rendicion_gestion.txt",
    "rendicion_objetivo.txt",
    "pagina.css",
    "index.html",
    "portada.html",
    "pnt_1.3.toml",
    "pnt_conjunto.csv",
    "pnt_metadatos.csv",
    "pnt_diccionario.csv",
    "cumplimiento_diccionario.csv",
];

/// The loaded templates with the project's filters, and the description of
/// the portal's numeral (a `.toml` among them, read as data, not rendered).
pub struct Templates {
    tera: Tera,
    /// Names taken from the user's folder.
    pub overridden: Vec<String>,
    /// Numeral 1.3 of Art. 19 as `pnt_1.3.toml` describes it.
    pub numeral: crate::model::numeral::Numeral,
    /// The text of every template, to find a line of what one produced.
    fuentes: Vec<(String, String)>,
}

impl Templates {
    /// Loads the built-in templates, replaced by same-named files of
    /// `user_dir` when it exists. A file there that is not a known template
    /// name is an error (a misspelt override would silently do nothing).
    pub fn load(user_dir: Option<&Path>) -> Result<Templates, Error> {
        let mut tera = Tera::default();
        crate::format::register_filters(&mut tera);
        tera.register_function("range", range);
        let mut overridden = Vec::new();
        let mut texts: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut problems = crate::error::Problems::default();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| {
                    Error::input(
                        Location::file(dir.display().to_string()),
                        format!(
                            "no se pudo leer la carpeta de plantillas: {}",
                            crate::error::io_es(&e)
                        ),
                    )
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| !p.is_dir())
                .collect();
            entries.sort();
            for path in entries {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('.') || name.starts_with("~$") {
                    continue;
                }
                let at = Location::file(format!("plantilla {name}"));
                let Some(slot) = texts.iter_mut().find(|(n, _)| *n == name) else {
                    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                    problems.push(
                        Location::file(path.display().to_string()),
                        format!(
                            "plantilla desconocida «{name}»; las plantillas son: {}",
                            known.join(", ")
                        ),
                    );
                    continue;
                };
                match crate::fs::read_regular(&path, MAX_TEMPLATE_BYTES) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => {
                            slot.1 = text;
                            overridden.push(name);
                        }
                        Err(_) => problems.push(
                            at,
                            "la plantilla no está en UTF-8; guárdela como texto UTF-8",
                        ),
                    },
                    Err(e) => problems.push(
                        at,
                        match e.kind() {
                            std::io::ErrorKind::FileTooLarge => format!(
                                "la plantilla pesa más de {} KiB: no es una plantilla",
                                MAX_TEMPLATE_BYTES >> 10
                            ),
                            std::io::ErrorKind::InvalidInput => {
                                "no es un archivo normal (¿un enlace a un dispositivo?)".into()
                            }
                            _ => {
                                format!("no se pudo leer la plantilla: {}", crate::error::io_es(&e))
                            }
                        },
                    ),
                }
            }
        }
        let mut numeral = None;
        for (name, text) in &texts {
            if name.ends_with(".toml") {
                let shown = format!("plantilla {name}");
                numeral = problems.absorb(crate::model::numeral::Numeral::parse(text, &shown));
                continue;
            }
            let added = crate::contain::contain(|| tera.add_raw_template(name, text));
            match added {
                Ok(Ok(())) => {}
                Ok(Err(e)) => {
                    let (mut line, mut message) = spanish(&e);
                    // The engine finds a missing end tag at the end of the
                    // file; the author needs the line where the block opens.
                    if message.starts_with(SIN_CERRAR)
                        && let Some((abre, etiqueta)) = bloque_sin_cerrar(text)
                    {
                        line = Some(abre);
                        message = format!(
                            "el bloque «{{% {etiqueta} … %}}» que se abre en esta línea no se cierra: falta {{% end{etiqueta} %}}"
                        );
                    }
                    problems.push(
                        Location {
                            line,
                            ..Location::file(format!("plantilla {name}"))
                        },
                        message,
                    );
                }
                Err(_) => problems.push(
                    Location::file(format!("plantilla {name}")),
                    "el motor de plantillas no pudo leer esta plantilla; revísela o vuelva a la predeterminada",
                ),
            }
        }
        match numeral {
            Some(numeral) if problems.is_empty() => Ok(Templates {
                tera,
                overridden,
                numeral,
                fuentes: texts,
            }),
            _ => Err(problems.into_error()),
        }
    }

    /// Renders a template with a context, within 256 MiB of output and a
    /// million `range()` elements: a template's loops may not grow
    /// without bound. A panic of the engine is contained.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Error> {
        crate::memory::stage(format!("aplicaba la plantilla «{name}»"));
        RANGE_LEFT.with(|r| r.set(MAX_RANGE));
        let mut out = Bounded(Vec::new());
        let rendered = crate::contain::contain(|| self.tera.render_to(name, ctx, &mut out))
            .map_err(|_| {
                Error::input(
                    self.location(name, None),
                    "el motor de plantillas falló con esta plantilla; revísela o vuelva a la predeterminada",
                )
            })?;
        rendered.map_err(|e| self.error(name, &e))?;
        String::from_utf8(out.0).map_err(|_| {
            Error::input(
                self.location(name, None),
                "la plantilla produjo texto que no es UTF-8",
            )
        })
    }

    /// The text of the template `name`.
    pub(crate) fn fuente(&self, name: &str) -> Option<&str> {
        self.fuentes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }

    /// How messages name a template: the user's file, or the built-in one.
    fn location(&self, name: &str, line: Option<usize>) -> Location {
        Location {
            line,
            ..Location::file(format!("plantilla {name}"))
        }
    }

    fn error(&self, name: &str, e: &tera::Error) -> Error {
        let (line, message) = spanish(e);
        Error::input(self.location(name, line), message)
    }

    /// Writes the built-in templates into `dest` for customisation; existing
    /// files are left alone. Returns the files written.
    pub fn export(dest: &Path) -> Result<Vec<PathBuf>, Error> {
        std::fs::create_dir_all(dest).map_err(|e| Error::output(dest, e))?;
        let mut written = Vec::new();
        for (name, text) in BUILTIN {
            let path = dest.join(name);
            if path.exists() {
                continue;
            }
            std::fs::write(&path, text).map_err(|e| Error::output(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The largest template file read: the built-in ones are under 20 KiB.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The most bytes one template may render: the matrix of a 50,000-row plan
/// is about 30 MiB.
pub(crate) const MAX_OUTPUT: usize = 256 << 20;

/// The most elements all `range()` calls of one rendering may produce.
pub(crate) const MAX_RANGE: u64 = 1_000_000;

thread_local! {
    /// What is left of [`MAX_RANGE`] in the rendering on this thread.
    static RANGE_LEFT: std::cell::Cell<u64> = const { std::cell::Cell::new(MAX_RANGE) };
}

/// A rendering's output, refused past [`MAX_OUTPUT`].
struct Bounded(Vec<u8>);

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len().saturating_add(buf.len()) > MAX_OUTPUT {
            return Err(std::io::ErrorKind::FileTooLarge.into());
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tera's `range(start, end, step_by)`, drawing its elements from the
/// rendering's budget, so that nested loops over ranges stay bounded.
fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("range: step_by no puede ser 0"));
    }
    let len = if (step > 0 && end > start) || (step < 0 && start > end) {
        let span = end.abs_diff(start);
        span.div_ceil(step.unsigned_abs())
    } else {
        0
    };
    let left = RANGE_LEFT.with(|r| r.get());
    if len > u128::from(left) {
        return Err(tera::Error::message(format!(
            "range produciría {} elementos y la plantilla puede recorrer {} en total: reduzca sus bucles",
            len,
            crate::format::numero(MAX_RANGE.into())
        )));
    }
    RANGE_LEFT.with(|r| r.set(left - len as u64));
    Ok((0..len as i128).map(|i| start + i * step).collect())
}

/// A template error in Spanish, with its line when the engine gives one.
fn spanish(e: &tera::Error) -> (Option<usize>, String) {
    use tera::ErrorKind as K;
    match e.kind() {
        K::SyntaxError(r) | K::RenderingError(r) => {
            let line = r.span().start_line;
            (
                Some(line),
                format!(
                    "{} (columna {})",
                    message(r.message()),
                    r.span().start_col + 1
                ),
            )
        }
        K::CircularExtend { tpl, .. } => (
            None,
            format!("la plantilla «{tpl}» se extiende a sí misma en cadena"),
        ),
        K::CircularInclude { tpl, .. } => (
            None,
            format!("la plantilla «{tpl}» se incluye a sí misma en cadena"),
        ),
        K::MissingParent { parent, .. } => (
            None,
            format!("extiende la plantilla «{parent}», que no existe"),
        ),
        K::TemplateNotFound(n) => (None, format!("la plantilla «{n}» no existe")),
        K::Io(k) if *k == std::io::ErrorKind::FileTooLarge => (
            None,
            format!(
                "la plantilla produce más de {} MiB de texto: revise sus bucles",
                MAX_OUTPUT >> 20
            ),
        ),
        K::Msg(m) => (None, message(m)),
        K::InvalidArgument {
            expected_type,
            actual_type,
        } => (
            None,
            format!("un valor es de tipo {actual_type} y se esperaba {expected_type}"),
        ),
        K::MissingArgument { arg_name } => (None, format!("falta el argumento «{arg_name}»")),
        _ => (None, "la plantilla no se pudo aplicar".to_string()),
    }
}

/// The start of the message for a template that ends inside a block.
const SIN_CERRAR: &str = "la plantilla termina sin cerrar un bloque o una expresión";

/// The outermost block tag (`for`, `if`, …) of `text` that no end tag
/// closes, with its line: where a missing `{% endfor %}` belongs. `None`
/// when the tags pair up (the file ends inside an expression instead).
fn bloque_sin_cerrar(text: &str) -> Option<(usize, &'static str)> {
    const BLOQUES: [&str; 6] = ["for", "if", "block", "macro", "filter", "raw"];
    let mut abiertos: Vec<(usize, &'static str)> = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find("{%") {
        let start = offset + i;
        let after = &text[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let inner = after[..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let word = inner.split_whitespace().next().unwrap_or("");
        let en_raw = abiertos.last().is_some_and(|(_, t)| *t == "raw");
        if let Some(b) = BLOQUES.iter().find(|b| **b == word) {
            if !en_raw {
                let line = text[..start].matches('\n').count() + 1;
                abiertos.push((line, b));
            }
        } else if let Some(b) = word.strip_prefix("end")
            && (!en_raw || b == "raw")
            && abiertos.last().is_some_and(|(_, t)| *t == b)
        {
            abiertos.pop();
        }
        offset = start + 2 + end + 2;
        rest = &text[offset..];
    }
    abiertos.first().copied()
}

/// The engine's messages a template author meets, in Spanish; the project's
/// own filters already speak Spanish and pass unchanged.
fn message(m: &str) -> String {
    let m = m.trim();
    let quoted = |s: &str| {
        s.trim_matches(|c| c == '`' || c == '\'' || c == '.')
            .to_string()
    };
    if m.starts_with("Unexpected end of input") {
        return format!("{SIN_CERRAR} (¿falta {{% endfor %}}, {{% endif %}}, «%}}» o «}}}}»?)");
    }
    for (en, es) in [
        ("Unknown filter ", "filtro desconocido "),
        ("Unknown function ", "función desconocida "),
        ("Unknown test ", "prueba desconocida "),
    ] {
        if let Some(rest) = m.strip_prefix(en) {
            return format!("{es}«{}»", quoted(rest));
        }
    }
    if let Some(rest) = m.strip_prefix("Variable ") {
        let (name, rest) = rest.split_once(" is not defined.").unwrap_or((rest, ""));
        let available = rest
            .trim()
            .strip_prefix("Available variables: ")
            .map(|v| format!(" (variables disponibles: {v})"))
            .unwrap_or_default();
        return format!("la variable «{}» no existe{available}", quoted(name));
    }
    if let Some(rest) = m.strip_prefix("Field ") {
        let (name, rest) = rest.split_once(" is not defined.").unwrap_or((rest, ""));
        let available = rest
            .trim()
            .strip_prefix("Available fields: ")
            .map(|v| format!(" (campos disponibles: {v})"))
            .unwrap_or_default();
        return format!("el campo «{}» no existe{available}", quoted(name));
    }
    if let Some(rest) = m.strip_prefix("Found ") {
        if let Some((found, expected)) = rest.split_once(" but expected ") {
            return format!(
                "se encontró {found} donde se esperaba {}",
                expected.trim_end_matches('.')
            );
        }
        if let Some((found, expected)) = rest.split_once(" but was expecting ") {
            return format!(
                "se encontró {found} donde se esperaba {}",
                expected.trim_end_matches('.')
            );
        }
    }
    if let Some(rest) = m.strip_prefix("Iteration not possible on type ") {
        return format!(
            "no se puede recorrer con for un valor de tipo {}",
            quoted(rest)
        );
    }
    if m.starts_with("Cannot divide by 0") {
        return "división por cero".into();
    }
    if let Some(rest) = m.split("Unknown template `").nth(1) {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("incluye o extiende la plantilla «{name}», que no existe");
    }
    if m == "Unknown tag" {
        return "etiqueta desconocida ({% … %})".into();
    }
    if m.is_ascii() && m.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        // Another message of the engine, in English: the line says where.
        return "la plantilla tiene un error de sintaxis o de uso de valores en este punto".into();
    }
    m.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_left_open_is_found_where_it_opens() {
        let t = "<p>\n{% for u in us -%}\n{% if u.a %}x{% endif %}\n{{ u }}\n";
        assert_eq!(bloque_sin_cerrar(t), Some((2, "for")));
        let t = "{% for a in b %}\n{% for c in d %}{% endfor %}\n";
        assert_eq!(bloque_sin_cerrar(t), Some((1, "for")));
        let t = "{% raw %}{% for %}{% endraw %}{% if x %}\n{% endif %}";
        assert_eq!(bloque_sin_cerrar(t), None);
        assert_eq!(bloque_sin_cerrar("{{ x "), None);
    }

    #[test]
    fn builtins_parse() {
        let t = Templates::load(None).unwrap();
        assert!(t.overridden.is_empty());
    }

    #[test]
    fn a_user_file_overrides_and_an_unknown_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cumplimiento.csv"), "propia {{ 1 + 1 }}").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        assert_eq!(t.overridden, vec!["cumplimiento.csv".to_string()]);
        assert_eq!(
            t.render("cumplimiento.csv", &tera::Context::new()).unwrap(),
            "propia 2"
        );
        std::fs::write(dir.path().join("cumplimento.csv"), "x").unwrap();
        let e = Templates::load(Some(dir.path())).err().unwrap().to_string();
        assert!(e.contains("plantilla desconocida «cumplimento.csv»"), "{e}");
    }

    #[test]
    fn a_broken_user_template_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cumplimiento.csv"), "{% for x in %}").unwrap();
        let e = Templates::load(Some(dir.path())).err().unwrap();
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains("plantilla cumplimiento.csv"), "{e}");
    }

    #[test]
    fn export_writes_every_template_once() {
        let dir = tempfile::tempdir().unwrap();
        let written = Templates::export(dir.path()).unwrap();
        assert_eq!(written.len(), BUILTIN.len());
        assert!(Templates::export(dir.path()).unwrap().is_empty());
    }
}
