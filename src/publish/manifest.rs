//! `manifest.json`: what a publication is made of and from. The tool and its
//! version, the period and the declared report date, the options that change
//! the figures, counts, and the SHA-256 and size of every input file and of
//! every output file (except the manifest itself). It holds no clock time, so
//! the same inputs give the same manifest.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::output::OutputFile;

pub use crate::fs::sha256_hex;
pub use crate::output::MANIFEST;

/// A publication's manifest. Keys are Spanish: the file is published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// `lotaip`.
    pub herramienta: String,
    /// The program version that wrote the publication.
    pub version: String,
    /// What was published: `mensual` (a month) or another kind of publication.
    pub publicacion: String,
    /// The report period (`2025-06`, or `2025` for a year).
    pub periodo: String,
    /// The declared update date, `AAAA-MM-DD`.
    pub fecha_actualizacion: String,
    pub institucion: String,
    /// Options given on the command line that change the outputs.
    pub opciones: BTreeMap<String, String>,
    /// Counts of what was read and found (`unidades`, `indicadores`, `avisos`…).
    pub cuentas: BTreeMap<String, usize>,
    /// Every input file, by name relative to the inputs folder, sorted.
    pub entradas: Vec<Huella>,
    /// Every output file except the manifest, by path inside the publication, sorted.
    pub salidas: Vec<Huella>,
    /// Who signed the PDFs (`[firma]`); absent when they are not signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firma: Option<crate::firma::Firmado>,
}

/// A file's fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Huella {
    /// `/`-separated path.
    pub archivo: String,
    pub bytes: u64,
    /// Lower-case hexadecimal SHA-256.
    pub sha256: String,
}

impl Huella {
    /// The fingerprint of some bytes.
    pub fn of(archivo: &str, bytes: &[u8]) -> Huella {
        Huella {
            archivo: archivo.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    }

    /// The fingerprint of a file on disk, named `archivo`, read in blocks.
    pub fn of_file(archivo: &str, path: &Path) -> Result<Huella, Error> {
        let (bytes, sha256) = std::fs::File::open(path)
            .and_then(crate::fs::hash)
            .map_err(|e| Error::output(path, e))?;
        Ok(Huella {
            archivo: archivo.to_string(),
            bytes,
            sha256,
        })
    }

    /// Whether the entry can be checked: a path confined to its folder and
    /// a digest of 64 hexadecimal digits.
    fn valid(&self) -> bool {
        crate::fs::safe_relative(&self.archivo).is_some() && hex64(&self.sha256)
    }
}

/// 64 lower-case hexadecimal digits: a SHA-256 as the manifest writes it.
fn hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The largest manifest read: a 50,000-row plan's has a few hundred lines.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

impl Manifest {
    /// Fills `salidas` from the files of the publication, sorted by path.
    pub fn with_outputs(mut self, files: &[OutputFile]) -> Manifest {
        self.salidas = files
            .iter()
            .map(|f| Huella::of(&f.path, &f.bytes))
            .collect();
        self.salidas.sort_by(|a, b| a.archivo.cmp(&b.archivo));
        self.entradas.sort_by(|a, b| a.archivo.cmp(&b.archivo));
        self
    }

    /// The manifest as published: pretty JSON with a final newline.
    pub fn to_file(&self) -> OutputFile {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest always serialises");
        bytes.push(b'\n');
        OutputFile {
            path: MANIFEST.to_string(),
            bytes,
        }
    }

    /// Reads a publication's manifest (a regular file, not a link, of at
    /// most 16 MiB) and checks every entry: a path outside the folder or a
    /// digest that is not one is an input error naming the entry.
    pub fn read(dir: &Path) -> Result<Manifest, Error> {
        use crate::error::{Location, Problems};
        let path = dir.join(MANIFEST);
        let loc = Location::file(path.display().to_string());
        let bytes = crate::fs::read_regular_nofollow(&path, MAX_MANIFEST_BYTES).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no existe: la carpeta no es una publicación de lotaip, o se publicó con una versión sin manifiesto".to_string(),
                std::io::ErrorKind::FileTooLarge => "pesa más de 16 MiB: no es un manifiesto de lotaip".to_string(),
                std::io::ErrorKind::InvalidInput => "no es un archivo normal: no es un manifiesto de lotaip".to_string(),
                _ => format!("no se pudo leer: {}", crate::error::io_es(&e)),
            };
            Error::input(loc.clone(), why)
        })?;
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            Error::input(
                Location {
                    line: Some(e.line()),
                    ..loc.clone()
                },
                "no es un manifiesto válido de lotaip (el JSON está dañado o no tiene los campos de un manifiesto)",
            )
        })?;
        let mut problems = Problems::default();
        for (lista, huellas) in [("salidas", &m.salidas), ("entradas", &m.entradas)] {
            for (i, _) in huellas.iter().enumerate().filter(|(_, h)| !h.valid()) {
                problems.push(
                    loc.clone(),
                    format!(
                        "la entrada {} de «{lista}» no es válida: «archivo» debe ser una ruta dentro de la carpeta y «sha256», 64 cifras hexadecimales; el manifiesto fue alterado",
                        i + 1
                    ),
                );
            }
        }
        if let Some(f) = &m.firma
            && !hex64(&f.sha256)
        {
            problems.push(
                loc.clone(),
                "«firma» no es válida: «sha256» debe tener 64 cifras hexadecimales; el manifiesto fue alterado",
            );
        }
        problems.into_result(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_a_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn outputs_are_sorted_and_the_text_round_trips() {
        let files = [
            OutputFile {
                path: "z.csv".into(),
                bytes: b"1".to_vec(),
            },
            OutputFile {
                path: "provincias/azuay.pdf".into(),
                bytes: b"22".to_vec(),
            },
        ];
        let m = Manifest {
            herramienta: "lotaip".into(),
            periodo: "2025-06".into(),
            ..Default::default()
        }
        .with_outputs(&files);
        assert_eq!(m.salidas[0].archivo, "provincias/azuay.pdf");
        assert_eq!(m.salidas[0].bytes, 2);
        let f = m.to_file();
        let back: Manifest = serde_json::from_slice(&f.bytes).unwrap();
        assert_eq!(back, m);
    }
}
