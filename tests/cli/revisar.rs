//! `lotaip revisar`: the pre-upload review of a numeral's files, on a
//! month's publication and on trios made by hand.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A month of the small fixture with a planning-system link, published.
fn publicado() -> tempfile::TempDir {
    let entrada = con_toml(
        &fixture("basico"),
        "\n[literal_a4]\nenlace_url = \"https://planificacion.ejemplo.gob.ec/metas\"\n",
    );
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    out
}

fn pnt(out: &Path) -> PathBuf {
    out.join("2025-06/pnt/numeral_1.3")
}

/// `revisar` on a folder on a given day: exit code and stdout.
fn revisar(carpeta: &Path, hoy: &str) -> (Option<i32>, String) {
    let o = lotaip(&[
        "revisar",
        carpeta.to_str().unwrap(),
        "--hoy",
        hoy,
        "--plantillas",
        "/nonexistent",
    ]);
    let (stdout, stderr) = texts(&o);
    (o.status.code(), format!("{stdout}{stderr}"))
}

/// Changes a file's text (first match).
fn editar(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_months_publication_passes_before_the_15th() {
    let out = publicado();
    let (code, text) = revisar(&out.path().join("2025-06"), "10/07/2025");
    assert_eq!(code, Some(0), "{text}");
    for c in [
        "[cumple] Contenido completo: 10 filas",
        "[cumple] Datos abiertos",
        "[cumple] Enlaces: 11 enlaces https:// bien formados",
        "[cumple] Plazo: información de junio de 2025, actualizada al 30/06/2025: se registra en el portal hasta el 15/07/2025 (quedan 5 días)",
    ] {
        assert!(text.contains(c), "«{c}» missing:\n{text}");
    }
    // The numeral's folder itself, and the last day.
    let (code, text) = revisar(&pnt(out.path()), "15/07/2025");
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("hoy es el último día"), "{text}");
}

#[test]
fn the_sample_inputs_publication_passes() {
    let (out, o) = generar(&sample_inputs(), "2025-06");
    assert!(o.status.success());
    let (code, text) = revisar(&out.path().join("2025-06"), "01/07/2025");
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("1.801 filas"), "{text}");
}

#[test]
fn past_the_15th_the_deadline_fails() {
    let out = publicado();
    let (code, text) = revisar(&out.path().join("2025-06"), "16/07/2025");
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("[NO CUMPLE] Plazo: el plazo para registrar la información de junio de 2025 venció el 15/07/2025"),
        "{text}"
    );
    assert!(text.contains("no cumplen 1 criterio"), "{text}");
    // A date before the update is not a review of these files either.
    let (code, text) = revisar(&out.path().join("2025-06"), "29/06/2025");
    assert_eq!(code, Some(1));
    assert!(text.contains("es posterior a la de la revisión"), "{text}");
}

#[test]
fn a_missing_meta_fails_completeness_with_its_row_and_column() {
    let out = publicado();
    let f = pnt(out.path()).join("conjunto_de_datos.csv");
    editar(&f, ",100 mensual,", ",,");
    let (code, text) = revisar(&out.path().join("2025-06"), "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("[NO CUMPLE] Contenido completo: conjunto_de_datos.csv, fila 3, columna D (Meta cuantificable): vacía"),
        "{text}"
    );
}

#[test]
fn a_merged_or_blank_row_fails_open_data() {
    let out = publicado();
    let f = pnt(out.path()).join("conjunto_de_datos.csv");
    // The second row of Dirección General left blank as a merged cell
    // exports, and a blank line after it.
    editar(
        &f,
        "Dirección General,Incrementar la eficiencia operacional,Número",
        ",,Número",
    );
    editar(
        &f,
        "100 mensual,https://planificacion.ejemplo.gob.ec/metas\r\n",
        "100 mensual,https://planificacion.ejemplo.gob.ec/metas\r\n\r\n",
    );
    let (code, text) = revisar(&out.path().join("2025-06"), "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    for s in [
        "[NO CUMPLE] Datos abiertos: 3 faltas",
        "conjunto_de_datos.csv, fila 4: fila vacía",
        "conjunto_de_datos.csv, fila 3, columna A (Unidad): vacía bajo un valor (¿celda combinada en la hoja de origen?)",
        "conjunto_de_datos.csv, fila 3, columna B (Objetivo): vacía bajo un valor",
        "[NO CUMPLE] Contenido completo: 2 faltas",
    ] {
        assert!(text.contains(s), "«{s}» missing:\n{text}");
    }
    // The row after the blank line keeps its number.
    editar(&f, ",\"$ 2.000.000,00 trimestral\",", ",=B2*2,");
    let (_, text) = revisar(&out.path().join("2025-06"), "10/07/2025");
    assert!(
        text.contains("conjunto_de_datos.csv, fila 5, columna D: «=B2*2» es una fórmula"),
        "{text}"
    );
}

#[test]
fn a_bad_link_fails_links() {
    let out = publicado();
    let f = pnt(out.path()).join("conjunto_de_datos.csv");
    editar(
        &f,
        "https://planificacion.ejemplo.gob.ec/metas",
        "www.planificacion.ejemplo.gob.ec",
    );
    let m = pnt(out.path()).join("metadatos.csv");
    editar(&m, "prueba@ejemplo.gob.ec", "prueba.ejemplo.gob.ec");
    let c = out.path().join("2025-06/cumplimiento_2025-06.csv");
    editar(
        &c,
        "https://www.ejemplo.gob.ec/doc/1",
        "http://www.ejemplo.gob.ec/doc/1",
    );
    let (code, text) = revisar(&out.path().join("2025-06"), "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    for s in [
        "[NO CUMPLE] Enlaces: 3 faltas",
        "conjunto_de_datos.csv, fila 2, columna E (Enlace al sistema de gestión de planific…): «www.planificacion.ejemplo.gob.ec» no es un enlace bien formado",
        "cumplimiento_2025-06.csv, fila 3, columna M (medio_verificacion): «http://www.ejemplo.gob.ec/doc/1» usa http://",
        "metadatos.csv, fila 5: «prueba.ejemplo.gob.ec» no es un correo electrónico",
    ] {
        assert!(text.contains(s), "«{s}» missing:\n{text}");
    }
}

#[test]
fn a_trio_made_by_hand_is_found_by_its_names_and_judged() {
    let out = publicado();
    let mano = tempfile::tempdir().unwrap();
    for (de, a) in [
        (
            "conjunto_de_datos.csv",
            "1-4_metas-y-objetivos_unidades_JUNIO(conjuntoDatos).csv",
        ),
        ("metadatos.csv", "Metadatos.csv"),
        ("diccionario.csv", "Diccionario.csv"),
    ] {
        std::fs::copy(pnt(out.path()).join(de), mano.path().join(a)).unwrap();
    }
    let (code, text) = revisar(mano.path(), "10/07/2025");
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("conjunto de datos: 1-4_metas-y-objetivos_unidades_JUNIO(conjuntoDatos).csv"),
        "{text}"
    );

    // As a spreadsheet saves it in Spanish: semicolons, Windows-1252, a
    // title row above the header, the data set as a PDF beside it.
    std::fs::write(
        mano.path().join("Metadatos.csv"),
        b"FECHA ACTUALIZACI\xd3N DE LA INFORMACI\xd3N:;30/06/2025\r\n",
    )
    .unwrap();
    let conjunto = mano
        .path()
        .join("1-4_metas-y-objetivos_unidades_JUNIO(conjuntoDatos).csv");
    let text = std::fs::read_to_string(&conjunto).unwrap();
    std::fs::write(&conjunto, format!("METAS Y OBJETIVOS,,,,\r\n{text}")).unwrap();
    std::fs::write(mano.path().join("Conjunto de datos.pdf"), b"%PDF-1.7").unwrap();
    let (code, text) = revisar(mano.path(), "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    for s in [
        "Metadatos.csv, fila 1: no está en UTF-8",
        "Metadatos.csv: separa las columnas con punto y coma",
        "la fila 1 está encima del encabezado",
        "Metadatos.csv: falta «UNIDAD POSEEDORA DE LA INFORMACIÓN:»",
        "aviso: «Conjunto de datos.pdf» no es CSV",
        "[NO CUMPLE] Plazo",
    ] {
        assert!(text.contains(s), "«{s}» missing:\n{text}");
    }

    // Two data sets are one fault naming both.
    std::fs::write(mano.path().join("Conjunto de datos.csv"), "Unidad\r\n").unwrap();
    let (_, text) = revisar(mano.path(), "10/07/2025");
    assert!(
        text.contains("hay 2 archivos que parecen el conjunto de datos"),
        "{text}"
    );
}

#[test]
fn a_2004_publication_or_an_empty_folder_has_no_trio_to_upload() {
    let entrada = ley_2004(&fixture("basico"));
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success());
    let (code, text) = revisar(&out.path().join("2025-06"), "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("no se encontró el conjunto de datos"),
        "{text}"
    );
    let (code, text) = revisar(Path::new("/nonexistent/folder"), "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("no se pudo abrir la carpeta"), "{text}");
}

#[test]
fn hostile_cells_and_files_neither_crash_nor_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A control sequence in a cell, a huge count of blank lines, a link
    // in place of a file.
    let mut conjunto = String::from("Unidad,Objetivo,Indicador,Meta cuantificable,Enlace\r\n");
    conjunto.push_str("\u{1b}[2J,O,I,1,https://\u{1b}]8;;x\r\n");
    conjunto.push_str(&"U,O,I,1,https://a.ec\r\n\r\n".repeat(3_000));
    conjunto.push_str(&"\r\n".repeat(200_000));
    std::fs::write(d.join("conjunto.csv"), conjunto).unwrap();
    std::fs::write(d.join("diccionario.csv"), "\"sin cerrar\r\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", d.join("metadatos.csv")).unwrap();
    let (code, text) = revisar(d, "10/07/2025");
    assert_eq!(code, Some(1), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("U+001B"), "{text}");
    assert!(text.contains("… y 2.983 más"), "{text}");
    #[cfg(unix)]
    assert!(
        text.contains("metadatos.csv: es un enlace simbólico"),
        "{text}"
    );
}
