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
    "index.html",
];

/// The loaded templates with the project's filters.
pub struct Templates {
    tera: Tera,
    /// Names taken from the user's folder.
    pub overridden: Vec<String>,
}

impl Templates {
    /// Loads the built-in templates, replaced by same-named files of
    /// `user_dir` when it exists. A file there that is not a known template
    /// name is an error (a misspelt override would silently do nothing).
    pub fn load(user_dir: Option<&Path>) -> Result<Templates, Error> {
        let mut tera = Tera::default();
        crate::format::register_filters(&mut tera);
        let mut overridden = Vec::new();
        let mut texts: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| {
                    Error::input(
                        Location::file(dir.display().to_string()),
                        format!("no se pudo leer la carpeta de plantillas: {e}"),
                    )
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            for path in entries {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('.') {
                    continue;
                }
                let shown = path.display().to_string();
                let Some(slot) = texts.iter_mut().find(|(n, _)| *n == name) else {
                    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                    return Err(Error::input(
                        Location::file(shown),
                        format!(
                            "plantilla desconocida «{name}»; las plantillas son: {}",
                            known.join(", ")
                        ),
                    ));
                };
                slot.1 = std::fs::read_to_string(&path).map_err(|e| {
                    Error::input(
                        Location::file(shown.clone()),
                        format!("no se pudo leer la plantilla: {e}"),
                    )
                })?;
                overridden.push(name);
            }
        }
        for (name, text) in &texts {
            tera.add_raw_template(name, text)
                .map_err(|e| template_error(name, &e))?;
        }
        Ok(Templates { tera, overridden })
    }

    /// Renders a template with a context.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Error> {
        self.tera
            .render(name, ctx)
            .map_err(|e| template_error(name, &e))
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

fn template_error(name: &str, e: &tera::Error) -> Error {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    Error::input(
        Location::file(format!("plantilla {name}")),
        format!("error en la plantilla: {msg}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
