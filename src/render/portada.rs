//! The output root's pages, rendered in memory: `index.html` (template
//! `portada.html`) lists every publication, newest month first, and links
//! back from each month; `ultimo/` holds addresses that never change and
//! always lead to the latest month: `ultimo/index.html` to its download page
//! and `ultimo/<provincia>.html` to each province's PDF. A bookmark on a
//! phone survives every new month. Plain HTML redirects: no server logic.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::error::Error;
use crate::format;
use crate::model::{Periodo, Provincia};
use crate::output::OutputFile;
use crate::publish::raiz::{INDICE, Publicada, Tipo, ULTIMO};
use crate::render::Templates;

/// A published month as the page lists it.
#[derive(Clone, Debug, Serialize)]
struct Mes {
    periodo: String,
    nombre: String,
    /// `2025-06/index.html`.
    enlace: String,
    /// `30/06/2025`.
    fecha: String,
}

/// A province's report of the latest month, with its lasting address.
#[derive(Clone, Debug, Serialize)]
struct ProvinciaUltima {
    nombre: String,
    /// `ultimo/azuay.html`: the address to keep.
    estable: String,
    /// `2025-06/provincias/azuay_2025-06.pdf`.
    pdf: String,
}

/// A year's accountability reports.
#[derive(Clone, Debug, Serialize)]
struct Informe {
    anio: i32,
    fecha: String,
    /// The PDF of each entity: the institution first, then by name.
    archivos: Vec<Archivo>,
}

#[derive(Clone, Debug, Serialize)]
struct Archivo {
    nombre: String,
    enlace: String,
}

/// The root's pages for the publications `todas` (as [`crate::publish::raiz::listar`]
/// orders them): `index.html` and, when a month is published, `ultimo/`.
pub(crate) fn portada(
    templates: &Templates,
    config: &Config,
    todas: &[Publicada],
) -> Result<Vec<OutputFile>, Error> {
    let meses: Vec<(&Publicada, Periodo)> = todas
        .iter()
        .filter_map(|p| match p.tipo {
            Tipo::Mes(m) => Some((p, m)),
            Tipo::Anio(_) => None,
        })
        .collect();
    let lista: Vec<Mes> = meses
        .iter()
        .map(|(p, m)| Mes {
            periodo: m.to_string(),
            nombre: m.nombre(),
            enlace: format!("{}/index.html", p.carpeta),
            fecha: fecha(&p.fecha),
        })
        .collect();
    let provincias: Vec<ProvinciaUltima> = meses
        .first()
        .map(|(p, m)| provincias_de(p, *m))
        .unwrap_or_default();
    let informes: Vec<Informe> = todas
        .iter()
        .filter_map(|p| match p.tipo {
            Tipo::Anio(a) => Some(informe(p, a)),
            Tipo::Mes(_) => None,
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("institucion", &config.institucion);
    ctx.insert("responsable", &config.responsable);
    ctx.insert("meses", &lista);
    ctx.insert("ultimo", &lista.first());
    ctx.insert("provincias", &provincias);
    ctx.insert("informes", &informes);
    let html = templates.render("portada.html", &ctx)?;
    let mut files = vec![OutputFile {
        path: INDICE.into(),
        bytes: html.into_bytes(),
    }];
    if let Some(m) = lista.first() {
        files.push(redireccion(
            "index.html",
            &format!("../{}", m.enlace),
            &format!("Publicación de {}", m.nombre),
        ));
        for p in &provincias {
            files.push(redireccion(
                p.estable.trim_start_matches(&format!("{ULTIMO}/")),
                &format!("../{}", p.pdf),
                &format!("{}, {}", p.nombre, m.nombre),
            ));
        }
    }
    Ok(files)
}

/// The provinces' PDFs of a month, from its manifest, alphabetical.
fn provincias_de(p: &Publicada, m: Periodo) -> Vec<ProvinciaUltima> {
    let sufijo = format!("_{m}.pdf");
    let mut v: Vec<(usize, ProvinciaUltima)> = p
        .salidas
        .iter()
        .filter_map(|s| {
            let slug = s.strip_prefix("provincias/")?.strip_suffix(&sufijo)?;
            let provincia = Provincia::de_slug(slug)?;
            Some((
                provincia.indice(),
                ProvinciaUltima {
                    nombre: provincia.nombre().to_string(),
                    estable: format!("{ULTIMO}/{slug}.html"),
                    pdf: format!("{}/{s}", p.carpeta),
                },
            ))
        })
        .collect();
    // In the order of the provinces' names (Cañar before Carchi).
    v.sort_by_key(|(i, _)| *i);
    v.into_iter().map(|(_, p)| p).collect()
}

fn informe(p: &Publicada, anio: i32) -> Informe {
    let prefijo = format!("rendicion_{anio}_");
    // The institution, then the provinces in their order, then any other
    // entity by its file's name.
    let mut archivos: Vec<((u8, usize, String), Archivo)> = p
        .salidas
        .iter()
        .filter_map(|s| {
            let slug = s.strip_prefix(&prefijo)?.strip_suffix(".pdf")?;
            let provincia = Provincia::de_slug(slug);
            let (clave, nombre) = match (slug, provincia) {
                ("institucion", _) => ((0, 0, String::new()), "Institución".to_string()),
                (_, Some(x)) => ((1, x.indice(), String::new()), x.nombre().to_string()),
                _ => ((2, 0, slug.to_string()), slug.replace('-', " ")),
            };
            Some((
                clave,
                Archivo {
                    nombre,
                    enlace: format!("{}/{s}", p.carpeta),
                },
            ))
        })
        .collect();
    archivos.sort_by(|a, b| a.0.cmp(&b.0));
    Informe {
        anio,
        fecha: fecha(&p.fecha),
        archivos: archivos.into_iter().map(|(_, a)| a).collect(),
    }
}

/// `2025-06-30` → `30/06/2025`; another text as it is.
fn fecha(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(format::fecha)
        .unwrap_or_else(|_| iso.to_string())
}

/// A page under `ultimo/` that sends the browser on to `destino` (relative),
/// with a visible link for a browser that does not follow it.
fn redireccion(nombre: &str, destino: &str, titulo: &str) -> OutputFile {
    let destino = escape(destino);
    let titulo = escape(titulo);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"es-EC\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={destino}\">\n\
         <link rel=\"canonical\" href=\"{destino}\">\n<title>{titulo}</title>\n</head>\n\
         <body>\n<p><a href=\"{destino}\">{titulo}</a></p>\n</body>\n</html>\n"
    );
    OutputFile {
        path: format!("{ULTIMO}/{nombre}"),
        bytes: html.into_bytes(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publicada(carpeta: &str, tipo: Tipo, salidas: &[&str]) -> Publicada {
        Publicada {
            carpeta: carpeta.into(),
            tipo,
            fecha: "2025-06-30".into(),
            salidas: salidas.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_latest_month_gets_lasting_addresses() {
        let templates = Templates::load(None).unwrap();
        let config = crate::compute::ejemplo::config();
        let todas = [
            publicada(
                "2025-06",
                Tipo::Mes(Periodo { anio: 2025, mes: 6 }),
                &[
                    "index.html",
                    "provincias/los-rios_2025-06.pdf",
                    "provincias/azuay_2025-06.pdf",
                ],
            ),
            publicada(
                "2025-05",
                Tipo::Mes(Periodo { anio: 2025, mes: 5 }),
                &["provincias/azuay_2025-05.pdf"],
            ),
            publicada(
                "rendicion_2024",
                Tipo::Anio(2024),
                &["rendicion_2024_azuay.pdf", "rendicion_2024_institucion.pdf"],
            ),
        ];
        let files = portada(&templates, &config, &todas).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "index.html",
                "ultimo/index.html",
                "ultimo/azuay.html",
                "ultimo/los-rios.html"
            ]
        );
        let text = |i: usize| String::from_utf8(files[i].bytes.clone()).unwrap();
        assert!(text(1).contains("url=../2025-06/index.html"), "{}", text(1));
        assert!(text(2).contains("url=../2025-06/provincias/azuay_2025-06.pdf"));
        let index = text(0);
        let junio = index.find("2025-06/index.html").unwrap();
        let mayo = index.find("2025-05/index.html").unwrap();
        assert!(junio < mayo, "newest first");
        assert!(index.contains("ultimo/azuay.html"));
        let inst = index
            .find("rendicion_2024/rendicion_2024_institucion.pdf")
            .unwrap();
        let azuay = index
            .find("rendicion_2024/rendicion_2024_azuay.pdf")
            .unwrap();
        assert!(inst < azuay, "the institution first");
    }

    #[test]
    fn without_a_month_there_is_no_ultimo() {
        let templates = Templates::load(None).unwrap();
        let config = crate::compute::ejemplo::config();
        let files = portada(&templates, &config, &[]).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "index.html");
    }
}
