//! The electronic signature (`[firma]`): with a test certificate made here by
//! `openssl`, every PDF of the sample month and year is signed, validates
//! with pyHanko (`tests/comprobadores/firma.py`) and poppler's `pdfsig`,
//! stays PDF/A-2a and tagged, and is the same bytes on every run; the
//! manifest names the signer and `verificar` finds a changed PDF; a bad
//! certificate, a wrong password or a missing one is an input error in
//! Spanish before anything is written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;

/// The environment variable the tests keep the password in.
const VARIABLE: &str = "LOTAIP_PRUEBA_CLAVE";
const CLAVE: &str = "clave de prueba ñ";

/// Runs `openssl`; a missing one fails the test with instructions.
fn openssl(dir: &Path, args: &[&str]) {
    let o = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("openssl is needed for this test ({e}): apt-get install -y openssl")
        });
    assert!(o.status.success(), "openssl {args:?}: {:?}", texts(&o));
}

/// A test certification authority and the certificates it issues.
struct Autoridad {
    dir: tempfile::TempDir,
}

/// What a test certificate is like.
struct Pedido<'a> {
    nombre: &'a str,
    /// `genpkey` options of the key.
    clave: &'a [&'a str],
    desde: &'a str,
    hasta: &'a str,
    /// The extension section of `ca.cnf`.
    usos: &'a str,
    /// Extra `pkcs12 -export` options (the encryption of the file).
    p12: &'a [&'a str],
}

const RSA: &[&str] = &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];

impl<'a> Pedido<'a> {
    fn valido(nombre: &'a str) -> Self {
        Pedido {
            nombre,
            clave: RSA,
            desde: "20250101000000Z",
            hasta: "20991231235959Z",
            usos: "firma",
            p12: &[],
        }
    }
}

impl Autoridad {
    fn new() -> Autoridad {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let cnf = format!(
            "[ca]\ndefault_ca = ca_prueba\n[ca_prueba]\ndir = {}\ndatabase = $dir/index.txt\nnew_certs_dir = $dir\nserial = $dir/serial\ndefault_md = sha256\npolicy = cualquiera\nunique_subject = no\n[cualquiera]\ncountryName = optional\norganizationName = optional\ncommonName = supplied\n[firma]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, nonRepudiation\n[cifrado]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, keyEncipherment\n",
            d.display()
        );
        std::fs::write(d.join("ca.cnf"), cnf).expect("ca.cnf");
        std::fs::write(d.join("index.txt"), "").expect("index");
        std::fs::write(d.join("serial"), "1000\n").expect("serial");
        openssl(
            d,
            &[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                "ca.key",
            ],
        );
        openssl(
            d,
            &[
                "req",
                "-x509",
                "-new",
                "-utf8",
                "-key",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "36500",
                "-subj",
                "/C=EC/O=Autoridad de Prueba/CN=Autoridad de Certificación de Prueba",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        Autoridad { dir }
    }

    fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// Issues a certificate and exports it with its key and the authority's
    /// certificate to `<nombre>.p12`, protected by [`CLAVE`].
    fn emitir(&self, p: &Pedido) -> PathBuf {
        let d = self.dir.path();
        let n = p.nombre;
        let key = format!("{n}.key");
        let mut genpkey = vec!["genpkey"];
        genpkey.extend_from_slice(p.clave);
        genpkey.extend_from_slice(&["-out", &key]);
        openssl(d, &genpkey);
        let csr = format!("{n}.csr");
        let subj = format!("/C=EC/O=IESS/CN=Dirección Nacional de Planificación {n}");
        openssl(
            d,
            &[
                "req", "-new", "-utf8", "-key", &key, "-subj", &subj, "-out", &csr,
            ],
        );
        let pem = format!("{n}.pem");
        openssl(
            d,
            &[
                "ca",
                "-batch",
                "-utf8",
                "-notext",
                "-config",
                "ca.cnf",
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                &csr,
                "-out",
                &pem,
                "-startdate",
                p.desde,
                "-enddate",
                p.hasta,
                "-extensions",
                p.usos,
            ],
        );
        let p12 = format!("{n}.p12");
        let pass = format!("pass:{CLAVE}");
        let mut export = vec![
            "pkcs12",
            "-export",
            "-inkey",
            &key,
            "-in",
            &pem,
            "-certfile",
            "ca.pem",
            "-passout",
            &pass,
            "-out",
            &p12,
        ];
        export.extend_from_slice(p.p12);
        openssl(d, &export);
        d.join(p12)
    }
}

/// A copy of `entrada` signing with `p12`, plus `extra` lines in `[firma]`.
fn firmando(entrada: &Path, p12: &Path, extra: &str) -> tempfile::TempDir {
    con_toml(
        entrada,
        &format!(
            "\n[firma]\ncertificado = \"{}\"\nclave_variable = \"{VARIABLE}\"\n{extra}",
            p12.display()
        ),
    )
}

/// Runs lotaip with the password in the environment (or without it).
fn lotaip_con(clave: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lotaip"));
    c.args(args).env_remove(VARIABLE);
    if let Some(k) = clave {
        c.env(VARIABLE, k);
    }
    c.output().expect("the binary runs")
}

fn generar_firmado(entrada: &Path, salida: &Path, clave: Option<&str>, hilos: &str) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lotaip"));
    c.args([
        "generar",
        "--periodo",
        "2025-06",
        "--entrada",
        entrada.to_str().expect("utf-8"),
        "--salida",
        salida.to_str().expect("utf-8"),
    ])
    .env_remove(VARIABLE)
    .env("RAYON_NUM_THREADS", hilos);
    if let Some(k) = clave {
        c.env(VARIABLE, k);
    }
    c.output().expect("the binary runs")
}

fn pdfsig(pdf: &Path) -> String {
    let o = Command::new("pdfsig")
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| {
            panic!("pdfsig is needed for this test ({e}): apt-get install -y poppler-utils")
        });
    let (out, err) = texts(&o);
    format!("{out}{err}")
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn sha256_of_der(pem: &Path) -> String {
    let o = Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(pem)
        .output()
        .expect("openssl");
    sha256_hex(&o.stdout)
}

/// Writes `bytes` as the matrix PDF of `mes` and mends the manifest's
/// entry for it, so that only the signature can tell.
fn reemplazar_con_manifiesto(mes: &Path, bytes: &[u8]) {
    let name = "numeral_1.3_2025-06.pdf";
    std::fs::write(mes.join(name), bytes).expect("write");
    let path = mes.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("manifest")).expect("json");
    for h in m["salidas"].as_array_mut().expect("salidas") {
        if h["archivo"] == name {
            h["sha256"] = sha256_hex(bytes).into();
            h["bytes"] = bytes.len().into();
        }
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&m).expect("json")).expect("write");
}

#[test]
fn every_pdf_of_the_signed_sample_month_and_year_validates_and_stays_pdf_a_and_tagged() {
    let ca = Autoridad::new();
    let p12 = ca.emitir(&Pedido::valido("muestra"));
    let entrada = firmando(
        &sample_inputs(),
        &p12,
        "razon = \"Publicación LOTAIP\"\nlugar = \"Quito\"\n",
    );
    let e = entrada.path().to_str().expect("utf-8");
    let salida = tempfile::tempdir().expect("temp dir");
    let s = salida.path().to_str().expect("utf-8");
    let o = generar_firmado(entrada.path(), salida.path(), Some(CLAVE), "2");
    assert!(o.status.success(), "{:?}", texts(&o));
    let o = lotaip_con(
        Some(CLAVE),
        &["rendicion", "--anio", "2025", "--entrada", e, "--salida", s],
    );
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdfs = pdfs_under(salida.path());
    assert!(pdfs.len() >= 26, "{pdfs:?}");

    let (ok, out) = comprobador("firma.py", &[&ca.ca()], &pdfs);
    assert!(ok, "{out}");
    assert_eq!(out.matches("firma: válida").count(), pdfs.len(), "{out}");
    assert!(
        out.contains("Dirección Nacional de Planificación muestra"),
        "{out}"
    );
    for pdf in &pdfs {
        let said = pdfsig(pdf);
        assert!(
            said.contains("Signature is Valid."),
            "{}: {said}",
            pdf.display()
        );
        assert!(
            said.contains("Total document signed"),
            "{}: {said}",
            pdf.display()
        );
        assert!(
            said.contains("ETSI.CAdES.detached"),
            "{}: {said}",
            pdf.display()
        );
    }
    assert_pdfa_y_etiquetas(&pdfs);

    // The manifest names the certificate; verificar checks every PDF.
    let mes = salida.path().join("2025-06");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(mes.join("manifest.json")).expect("manifest"))
            .expect("json");
    let pem = ca.dir.path().join("muestra.pem");
    assert_eq!(manifest["firma"]["sha256"], sha256_of_der(&pem));
    assert_eq!(manifest["firma"]["valido_hasta"], "2099-12-31");
    assert!(
        manifest["firma"]["titular"]
            .as_str()
            .is_some_and(|t| t.contains("CN=Dirección Nacional de Planificación muestra")),
        "{manifest}"
    );
    let o = lotaip(&["verificar", mes.to_str().expect("utf-8")]);
    let (out, _) = texts(&o);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("Firma electrónica: 25 de 25 PDF firmados válidamente"),
        "{out}"
    );

    // Same inputs and certificate, one thread instead of two: same bytes.
    let otra = tempfile::tempdir().expect("temp dir");
    let o = generar_firmado(entrada.path(), otra.path(), Some(CLAVE), "1");
    assert!(o.status.success(), "{:?}", texts(&o));
    assert!(contents(&mes) == contents(&otra.path().join("2025-06")));
}

#[test]
fn verificar_finds_a_pdf_changed_after_signing_even_with_a_mended_manifest() {
    let ca = Autoridad::new();
    let p12 = ca.emitir(&Pedido::valido("cambio"));
    let entrada = firmando(&fixture("basico"), &p12, "");
    let salida = tempfile::tempdir().expect("temp dir");
    let o = generar_firmado(entrada.path(), salida.path(), Some(CLAVE), "2");
    assert!(o.status.success(), "{:?}", texts(&o));
    let mes = salida.path().join("2025-06");
    let pdf = mes.join("numeral_1.3_2025-06.pdf");
    let mut bytes = std::fs::read(&pdf).expect("pdf");
    let at = bytes
        .windows(6)
        .position(|w| w == b"/Title")
        .expect("a title");
    bytes[at + 8] ^= 1;
    reemplazar_con_manifiesto(&mes, &bytes);
    let o = lotaip(&["verificar", mes.to_str().expect("utf-8")]);
    let (out, _) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "firma no válida: numeral_1.3_2025-06.pdf (el resumen firmado no es el del archivo"
        ),
        "{out}"
    );
    let (ok, said) = comprobador("firma.py", &[&ca.ca()], std::slice::from_ref(&pdf));
    assert!(!ok && said.contains("NO VÁLIDA"), "{said}");

    // Bytes added after the signature (an incremental update).
    bytes[at + 8] ^= 1;
    bytes.extend_from_slice(b"\n%%EOF\n");
    reemplazar_con_manifiesto(&mes, &bytes);
    let o = lotaip(&["verificar", mes.to_str().expect("utf-8")]);
    let (out, _) = texts(&o);
    assert!(out.contains("la firma no cubre el archivo entero"), "{out}");
}

#[test]
fn a_bad_certificate_or_password_is_an_input_error_before_anything_is_written() {
    let ca = Autoridad::new();
    let bueno = ca.emitir(&Pedido::valido("bueno"));
    let vencido = ca.emitir(&Pedido {
        desde: "20200101000000Z",
        hasta: "20210101000000Z",
        ..Pedido::valido("vencido")
    });
    let futuro = ca.emitir(&Pedido {
        desde: "20900101000000Z",
        ..Pedido::valido("futuro")
    });
    let ec = ca.emitir(&Pedido {
        clave: &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        ..Pedido::valido("ec")
    });
    let corta = ca.emitir(&Pedido {
        clave: &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
        ..Pedido::valido("corta")
    });
    let cifrado = ca.emitir(&Pedido {
        usos: "cifrado",
        ..Pedido::valido("cifrado")
    });
    let basura = ca.dir.path().join("basura.p12");
    std::fs::write(&basura, b"esto no es un PKCS#12").expect("write");
    let cases: [(&Path, Option<&str>, &str, &str); 8] = [
        (
            &bueno,
            Some("otra clave"),
            "",
            "la contraseña no abre el certificado",
        ),
        (
            &bueno,
            None,
            "",
            "la variable de entorno LOTAIP_PRUEBA_CLAVE no está definida",
        ),
        (&vencido, Some(CLAVE), "", "venció el 01/01/2021"),
        (
            &futuro,
            Some(CLAVE),
            "",
            "aún no es válido: lo es desde el 01/01/2090",
        ),
        (&ec, Some(CLAVE), "", "la clave privada no es RSA"),
        (&corta, Some(CLAVE), "", "la clave RSA tiene 1024 bits"),
        (&cifrado, Some(CLAVE), "", "no sirve para firmar"),
        (&basura, Some(CLAVE), "", "no es un archivo PKCS#12"),
    ];
    let salida = tempfile::tempdir().expect("temp dir");
    // A previous publication that a refused run must leave as it was.
    let o = generar_en(&fixture("basico"), "2025-06", salida.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let before = contents(salida.path());
    for (p12, clave, extra, said) in cases {
        let entrada = firmando(&fixture("basico"), p12, extra);
        let o = generar_firmado(entrada.path(), salida.path(), clave, "2");
        let (out, err) = texts(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {out}{err}", p12.display());
        assert!(
            err.contains(said),
            "{}: expected «{said}» in {err}",
            p12.display()
        );
        assert!(
            err.contains(&p12.display().to_string()) || err.contains("lotaip.toml"),
            "the message names the file: {err}"
        );
        assert!(
            contents(salida.path()) == before,
            "{}: the output folder changed",
            p12.display()
        );
        // validar refuses it the same way.
        let o = lotaip_con(
            clave,
            &[
                "validar",
                "--entrada",
                entrada.path().to_str().expect("utf-8"),
            ],
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}: {:?}",
            p12.display(),
            texts(&o)
        );
    }
}

#[test]
fn the_password_is_never_in_lotaip_toml_and_comes_from_one_place() {
    let ca = Autoridad::new();
    let p12 = ca.emitir(&Pedido::valido("clave"));
    for (extra, said) in [
        (
            "clave = \"secreta\"\n",
            "la contraseña del certificado no se escribe en lotaip.toml",
        ),
        (
            "clave_archivo = \"clave.txt\"\n",
            "clave_variable y clave_archivo se excluyen",
        ),
    ] {
        let entrada = firmando(&fixture("basico"), &p12, extra);
        let salida = tempfile::tempdir().expect("temp dir");
        let o = generar_firmado(entrada.path(), salida.path(), Some(CLAVE), "2");
        let (_, err) = texts(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(said), "{err}");
        assert!(files_under(salida.path()).is_empty(), "nothing is written");
    }
}

#[test]
fn a_password_file_and_a_legacy_3des_file_sign_and_hora_adds_the_signing_time() {
    let ca = Autoridad::new();
    // The encryption of older PKCS#12 files (3DES, SHA-1 MAC).
    let p12 = ca.emitir(&Pedido {
        p12: &[
            "-keypbe",
            "PBE-SHA1-3DES",
            "-certpbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
        ..Pedido::valido("antiguo")
    });
    let entrada = con_toml(
        &fixture("basico"),
        &format!(
            "\n[firma]\ncertificado = \"{}\"\nclave_archivo = \"clave.txt\"\nhora = true\n",
            p12.display()
        ),
    );
    std::fs::write(entrada.path().join("clave.txt"), format!("{CLAVE}\n")).expect("write");
    let salida = tempfile::tempdir().expect("temp dir");
    let o = generar_firmado(entrada.path(), salida.path(), None, "2");
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdf = salida.path().join("2025-06/numeral_1.3_2025-06.pdf");
    let (ok, out) = comprobador("firma.py", &[&ca.ca()], std::slice::from_ref(&pdf));
    assert!(ok, "{out}");
    let said = pdfsig(&pdf);
    assert!(said.contains("Signature is Valid."), "{said}");
    assert!(
        !said.contains("Signing Time: Jan 01 1970"),
        "/M is written: {said}"
    );
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(
        bytes.windows(5).any(|w| w == b"/M(D:"),
        "the signing time is in /M"
    );
}
