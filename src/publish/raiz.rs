//! The output root's own pages: which publications it holds (read from
//! their manifests) and the writing of `index.html` and `ultimo/`, each
//! replaced in one step like a publication.

use std::path::Path;

use crate::error::Error;
use crate::model::Periodo;
use crate::output::OutputFile;

use super::Manifest;
use super::swap;

/// A publication found in the output root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Publicada {
    /// Its folder's name: `2025-06` or `rendicion_2025`.
    pub(crate) carpeta: String,
    pub(crate) tipo: Tipo,
    /// The declared update date, `AAAA-MM-DD`.
    pub(crate) fecha: String,
    /// Every file of it, by path inside its folder.
    pub(crate) salidas: Vec<String>,
}

/// What a publication is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tipo {
    Mes(Periodo),
    Anio(i32),
}

/// The names of the root's own pages: no publication is called so.
pub(crate) const INDICE: &str = "index.html";
pub(crate) const ULTIMO: &str = "ultimo";

/// The months (newest first) and then the years (newest first) that
/// `root` holds: real folders named `AAAA-MM` or `rendicion_AAAA` whose
/// manifest reads. A folder that is not a publication, a damaged manifest
/// or a link is left out, never followed.
pub(crate) fn listar(root: &Path) -> Vec<Publicada> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found: Vec<Publicada> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let carpeta = e.file_name().to_str()?.to_string();
            let tipo = tipo_de(&carpeta)?;
            let m = Manifest::read(&e.path()).ok()?;
            Some(Publicada {
                carpeta,
                tipo,
                fecha: m.fecha_actualizacion,
                salidas: m.salidas.into_iter().map(|h| h.archivo).collect(),
            })
        })
        .collect();
    ordenar(&mut found);
    found
}

/// `todas` with `nueva` in its place (replacing a previous publication of
/// the same folder), as [`listar`] orders them: what the root will hold
/// once `nueva` is published.
pub(crate) fn con(mut todas: Vec<Publicada>, nueva: Publicada) -> Vec<Publicada> {
    todas.retain(|p| p.carpeta != nueva.carpeta);
    todas.push(nueva);
    ordenar(&mut todas);
    todas
}

/// Months first, newest first; then years, newest first.
fn ordenar(v: &mut [Publicada]) {
    v.sort_by_key(|p| match p.tipo {
        Tipo::Mes(m) => (0, -(i64::from(m.anio) * 100 + i64::from(m.mes))),
        Tipo::Anio(a) => (1, -i64::from(a)),
    });
}

/// A publication about to be written, as [`listar`] will find it; `fecha`
/// is its update date, `AAAA-MM-DD`.
pub(crate) fn nueva(carpeta: &str, fecha: &str, files: &[OutputFile]) -> Option<Publicada> {
    Some(Publicada {
        carpeta: carpeta.to_string(),
        tipo: tipo_de(carpeta)?,
        fecha: fecha.to_string(),
        salidas: files.iter().map(|f| f.path.clone()).collect(),
    })
}

/// `2025-06` → a month; `rendicion_2025` → a year; anything else, none.
fn tipo_de(carpeta: &str) -> Option<Tipo> {
    if let Some(anio) = carpeta.strip_prefix("rendicion_") {
        return (anio.len() == 4 && anio.bytes().all(|b| b.is_ascii_digit()))
            .then(|| anio.parse().ok().map(Tipo::Anio))
            .flatten();
    }
    let p: Periodo = carpeta.parse().ok()?;
    // Only the canonical spelling is a publication's folder.
    (p.to_string() == carpeta).then_some(Tipo::Mes(p))
}

/// The record of what the root's page is: `index.html` and its SHA-256,
/// the page being written first, then the one it replaces (a run stopped
/// between the two renames leaves either). Only pages that lotaip wrote and nobody changed since are
/// replaced: an institution's own `index.html` in its web root is never
/// overwritten.
pub(crate) const MARCA: &str = ".lotaip-portada";

/// The fingerprint of the root's page lotaip wrote last (`None` when
/// there is none yet), or why the root's pages are someone else's and must
/// be left alone.
fn nuestra(root: &Path) -> Result<Option<String>, String> {
    let indice = root.join(INDICE);
    let ultimo = root.join(ULTIMO);
    let marca = std::fs::read_to_string(root.join(MARCA)).ok();
    let existe = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let mut actual = None;
    if existe(&indice) {
        let huella = crate::fs::read_regular_nofollow(&indice, 64 << 20)
            .ok()
            .map(|bytes| super::sha256_hex(&bytes));
        let registrada = huella.as_ref().zip(marca.as_deref()).is_some_and(|(h, m)| {
            let linea = format!("{INDICE} {h}");
            m.lines().any(|l| l.trim() == linea)
        });
        if !registrada {
            return Err(format!(
                "{} no es la página que escribió lotaip (o se cambió a mano): no se reemplaza; muévala para que lotaip escriba allí la página de todas las publicaciones",
                indice.display()
            ));
        }
        actual = huella;
    }
    if existe(&ultimo) && marca.is_none() {
        return Err(format!(
            "{} no es la carpeta que escribe lotaip: no se reemplaza; muévala para que lotaip escriba allí las direcciones del último mes",
            ultimo.display()
        ));
    }
    Ok(actual)
}

/// Writes the root's pages: `index.html` replaced in one rename, and the
/// `ultimo/` folder swapped in as a publication is. Call it with the root's
/// lock held. `files` are `index.html` and files under `ultimo/`. Pages
/// that lotaip did not write are left alone: the reason is returned, to be
/// shown, and the publication stands.
pub(crate) fn escribir(root: &Path, files: &[OutputFile]) -> Result<Option<String>, Error> {
    let actual = match nuestra(root) {
        Ok(actual) => actual,
        Err(why) => return Ok(Some(why)),
    };
    let (indice, ultimo): (Vec<&OutputFile>, Vec<&OutputFile>) =
        files.iter().partition(|f| f.path == INDICE);
    let ultimo: Vec<OutputFile> = ultimo
        .into_iter()
        .filter_map(|f| {
            Some(OutputFile {
                path: f.path.strip_prefix(&format!("{ULTIMO}/"))?.to_string(),
                bytes: f.bytes.clone(),
            })
        })
        .collect();
    if !ultimo.is_empty() {
        super::preflight(root, ULTIMO)?;
        let tmp = root.join(swap::temp_name(ULTIMO));
        crate::fs::remove_any(&tmp).map_err(|e| Error::output(&tmp, e))?;
        let refs: Vec<&OutputFile> = ultimo.iter().collect();
        if let Err(e) = swap::write_tree(&tmp, &refs, &mut |_| {}) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        swap::swap_in(root, ULTIMO)?;
    }
    if let Some(f) = indice.first() {
        // The record names the new page and the one on disk, so that a run
        // stopped between the two renames leaves a page the record names.
        let mut marca = format!("{INDICE} {}\n", super::sha256_hex(&f.bytes));
        if let Some(h) = actual {
            marca.push_str(&format!("{INDICE} {h}\n"));
        }
        escribir_archivo(root, MARCA, marca.as_bytes())?;
        escribir_archivo(root, INDICE, &f.bytes)?;
    }
    Ok(None)
}

/// `<root>/<name>` replaced in one rename, synced.
fn escribir_archivo(root: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let target = root.join(name);
    let tmp = root.join(swap::temp_name(name));
    crate::fs::remove_any(&tmp).map_err(|e| Error::output(&tmp, e))?;
    let written = std::fs::File::create_new(&tmp).and_then(|mut out| {
        use std::io::Write;
        out.write_all(bytes)?;
        out.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::output(&tmp, e));
    }
    std::fs::rename(&tmp, &target).map_err(|e| Error::output(&target, e))?;
    swap::sync_dir(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_publication_folders_are_listed() {
        assert_eq!(
            tipo_de("2025-06"),
            Some(Tipo::Mes(Periodo { anio: 2025, mes: 6 }))
        );
        assert_eq!(tipo_de("rendicion_2025"), Some(Tipo::Anio(2025)));
        for no in [
            "2025-6",
            "ultimo",
            "rendicion_25",
            "rendicion_2025x",
            ".2025-06.nuevo",
            "",
        ] {
            assert_eq!(tipo_de(no), None, "{no}");
        }
    }
}
