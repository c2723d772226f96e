//! The LOTAIP of 2023: the matrix under Art. 19 numeral 1.3 and the three
//! files of the Portal Nacional de Transparencia, read back with the csv
//! crate as the portal would read them.

use std::path::Path;

use crate::common::*;

const ENLACE: &str = "https://planificacion.ejemplo.gob.ec/metas";
const COLUMNAS: [&str; 5] = [
    "Unidad",
    "Objetivo",
    "Indicador",
    "Meta cuantificable",
    "Enlace al sistema de gestión de planificación para verificación de los indicadores y metas cuantificables por procesos o niveles",
];

/// The small fixture with a planning-system link.
fn con_enlace() -> tempfile::TempDir {
    con_toml(
        &fixture("basico"),
        &format!("\n[literal_a4]\nenlace_url = \"{ENLACE}\"\n"),
    )
}

/// Every record of a CSV file, the header included, with the csv crate.
fn records(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records()
        .map(|x| {
            x.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn the_portal_trio_reads_back_with_its_columns_and_metadata_keys() {
    let entrada = con_enlace();
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let dir = out.path().join("2025-06/pnt/numeral_1.3");

    let conjunto = records(&dir.join("conjunto_de_datos.csv"));
    assert_eq!(conjunto[0], COLUMNAS);
    assert_eq!(conjunto.len(), 11, "the header and one row per indicator");
    for row in &conjunto[1..] {
        assert_eq!(row.len(), 5);
        assert!(row.iter().all(|c| !c.is_empty()), "no empty cell: {row:?}");
        assert_eq!(row[4], ENLACE);
    }
    // Every row repeats its unit and objective: no merged or blank cells.
    assert_eq!(
        conjunto[1][..4],
        [
            "Dirección General",
            "Incrementar la eficiencia operacional",
            "Porcentaje de ejecución del PAC",
            "85% semestral"
        ]
    );
    assert_eq!(conjunto[2][0], "Dirección General");
    assert!(conjunto.iter().any(|r| r[3] == "$ 2.000.000,00 trimestral"));

    let meta = records(&dir.join("metadatos.csv"));
    let claves: Vec<&str> = meta.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        claves,
        [
            "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:",
            "PERIODICIDAD DE ACTUALIZACIÓN DE LA INFORMACIÓN:",
            "UNIDAD POSEEDORA DE LA INFORMACIÓN:",
            "RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
            "CORREO ELECTRÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
            "NÚMERO TELEFÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
        ]
    );
    let valores: Vec<&str> = meta.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        valores,
        [
            "30/06/2025",
            "MENSUAL",
            "DIRECCIÓN DE PLANIFICACIÓN",
            "Responsable de Prueba",
            "prueba@ejemplo.gob.ec",
            "(02) 000-0000"
        ]
    );

    let dicc = records(&dir.join("diccionario.csv"));
    assert_eq!(dicc[0], ["Institución", "Instituto de Prueba"]);
    let campos: Vec<&str> = dicc[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(campos, COLUMNAS);
    assert!(dicc.iter().all(|r| r.len() == 2 && !r[1].is_empty()));

    // UTF-8 without a byte-order mark, every line ended by CRLF.
    for f in ["conjunto_de_datos.csv", "metadatos.csv", "diccionario.csv"] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        assert!(std::str::from_utf8(&bytes).is_ok() && !bytes.starts_with(b"\xef\xbb\xbf"));
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(lf, bytes.windows(2).filter(|w| w == b"\r\n").count(), "{f}");
        assert!(bytes.ends_with(b"\r\n"), "{f}");
    }

    // Listed for download and in the manifest.
    let index = std::fs::read_to_string(out.path().join("2025-06/index.html")).unwrap();
    assert!(index.contains("href=\"pnt/numeral_1.3/conjunto_de_datos.csv\""));
    let manifest = std::fs::read_to_string(out.path().join("2025-06/manifest.json")).unwrap();
    for f in ["conjunto_de_datos.csv", "metadatos.csv", "diccionario.csv"] {
        assert!(
            manifest.contains(&format!("\"pnt/numeral_1.3/{f}\"")),
            "{f}"
        );
    }
}

#[test]
fn the_2023_matrix_keeps_the_layout_under_the_new_title_lines() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let path = out.path().join("2025-06/numeral_1.3_2025-06.xlsx");
    assert_eq!(sheet_names(&path), ["Numeral 1.3"]);
    let s = sheet(&path, "Numeral 1.3");
    assert_eq!(
        text(&s, 0, 0),
        "Art. 19 de la Ley Orgánica de Transparencia y Acceso a la Información Pública - LOTAIP (2023)"
    );
    assert_eq!(
        text(&s, 1, 0),
        "Numeral 1.3. Metas y objetivos de las unidades administrativas de conformidad con sus programas operativos"
    );
    let headers: Vec<String> = (0..5).map(|c| text(&s, 2, c)).collect();
    assert_eq!(headers, ENCABEZADOS_MATRIZ);
    assert_eq!(text(&s, 3, 0), "PROCESOS GOBERNANTES / NIVEL DIRECTIVO");
    assert_eq!(text(&s, 7, 4), "$ 2.000.000,00 trimestral");
    let m = merged(&path, "Numeral 1.3");
    assert!(m.contains(&((11, 1), (13, 1))), "{m:?}");
    assert_eq!(
        text(&s, 19, 0),
        "UNIDAD POSEEDORA DE LA INFORMACIÓN - NUMERAL 1.3:"
    );
    assert_eq!(
        text(&s, 20, 0),
        "RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN DEL NUMERAL 1.3:"
    );
}

#[test]
fn the_numerals_label_is_a_setting() {
    let entrada = con_toml(&fixture("basico"), "\n[publicacion]\nnumeral = \"1.4\"\n");
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let files = files_under(&out.path().join("2025-06"));
    for f in [
        "numeral_1.4_2025-06.xlsx",
        "numeral_1.4_2025-06.pdf",
        "pnt/numeral_1.4/conjunto_de_datos.csv",
    ] {
        assert!(files.contains(&f.to_string()), "{f} not in {files:?}");
    }
    let s = sheet(
        &out.path().join("2025-06/numeral_1.4_2025-06.xlsx"),
        "Numeral 1.4",
    );
    assert!(text(&s, 1, 0).starts_with("Numeral 1.4. Metas y objetivos"));
    let bad = con_toml(&fixture("basico"), "\n[publicacion]\nnumeral = \"../1\"\n");
    let o = lotaip(&["validar", "--entrada", bad.path().to_str().unwrap()]);
    let (_, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("numeral"), "{stderr}");
}

#[test]
fn the_numeral_is_described_in_a_file_the_institution_can_correct() {
    let entrada = con_enlace();
    let plantillas = entrada.path().join("plantillas");
    std::fs::create_dir(&plantillas).unwrap();
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/pnt_1.3.toml"),
    )
    .unwrap();
    let corrected = builtin
        .replace("fin_de_linea = \"crlf\"", "fin_de_linea = \"lf\"")
        .replace("bom = false", "bom = true")
        .replace(
            "clave = \"PERIODICIDAD DE ACTUALIZACIÓN DE LA INFORMACIÓN:\"",
            "clave = \"PERIODICIDAD DE ACTUALIZACIÓN:\"",
        )
        .replace(
            "titulo = \"Unidad\"\ncampo = \"unidad\"",
            "titulo = \"Código\"\ncampo = \"codigo\"\ndescripcion = \"Código del indicador\"\n\n[[columnas]]\ntitulo = \"Unidad\"\ncampo = \"unidad\"",
        );
    assert_ne!(corrected, builtin);
    std::fs::write(plantillas.join("pnt_1.3.toml"), corrected).unwrap();
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let dir = out.path().join("2025-06/pnt/numeral_1.3");
    let bytes = std::fs::read(dir.join("conjunto_de_datos.csv")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbfC\xc3\xb3digo,Unidad,"));
    assert!(!bytes.contains(&b'\r'));
    let conjunto = records(&dir.join("conjunto_de_datos.csv"));
    assert_eq!(conjunto[1][0], "DG-1");
    let meta = std::fs::read_to_string(dir.join("metadatos.csv")).unwrap();
    assert!(
        meta.contains("\nPERIODICIDAD DE ACTUALIZACIÓN:,MENSUAL\n"),
        "{meta}"
    );
    let dicc = std::fs::read_to_string(dir.join("diccionario.csv")).unwrap();
    assert!(dicc.contains("\nCódigo,Código del indicador\n"), "{dicc}");

    // A description that cannot be read is named with its line.
    std::fs::write(
        plantillas.join("pnt_1.3.toml"),
        "numeral = \"1.3\"\nplazo_dia = 40\n",
    )
    .unwrap();
    let o = lotaip(&["validar", "--entrada", entrada.path().to_str().unwrap()]);
    let (_, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("plantilla pnt_1.3.toml"), "{stderr}");
}

#[test]
fn cumplimiento_csv_says_which_rows_are_percentages_and_carries_the_evidence() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let dir = out.path().join("2025-06");
    let rows = csv_rows(&dir.join("cumplimiento_2025-06.csv"));
    let dg1 = rows.iter().find(|r| r["codigo"] == "DG-1").unwrap();
    assert_eq!(dg1["medida"], "porcentaje");
    let dg2 = rows.iter().find(|r| r["codigo"] == "DG-2").unwrap();
    assert_eq!(
        dg2["medio_verificacion"],
        "https://www.ejemplo.gob.ec/doc/1"
    );
    assert!(
        rows.iter().any(|r| r["estado"] == "evaluado; real cero"),
        "{rows:?}"
    );
    let dicc = csv_rows(&dir.join("cumplimiento_2025-06_diccionario.csv"));
    let campos: Vec<&str> = dicc.iter().map(|r| r["Campo"].as_str()).collect();
    let header = records(&dir.join("cumplimiento_2025-06.csv")).remove(0);
    assert_eq!(
        campos, header,
        "the dictionary describes every column, in order"
    );
}
