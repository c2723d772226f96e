//! The electronic signature of the PDFs (PAdES B-B, ETSI EN 319 142-1):
//! `[firma]` of `lotaip.toml` names a PKCS#12 file; [`Firmante::cargar`]
//! opens it with its password and checks the certificate before anything is
//! written, [`Firmante::firmar`] signs a PDF the engine wrote with a
//! signature field, and [`comprobar`] checks a published PDF's signature
//! for `lotaip verificar`.
//!
//! The signature is a detached CMS `SignedData` (see `cms`) with the
//! signer's certificate and its chain, and the three signed attributes of
//! PAdES B-B: content type, message digest and the signing certificate
//! (ESS `signingCertificateV2`). RSA PKCS#1 v1.5 over SHA-256 is
//! deterministic, and no time is signed unless `hora = true`: the same
//! inputs and certificate give the same bytes.

mod cms;

use std::path::{Path, PathBuf};

use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};

use crate::config::{Clave, Firma};
use crate::error::{Error, Location};

pub use cms::comprobar;

/// The largest PKCS#12 file read: a certificate with its chain is a few KiB.
const MAX_P12_BYTES: u64 = 1024 * 1024;
/// The largest password file read.
const MAX_CLAVE_BYTES: u64 = 4096;
/// The smallest RSA key accepted.
const MIN_BITS: usize = 2048;

/// Who signs, as the manifest records it and `verificar` checks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Firmado {
    /// The certificate's subject (RFC 4514).
    pub titular: String,
    /// Its issuer.
    pub emisor: String,
    /// Its serial number, hexadecimal.
    pub numero_serie: String,
    /// The last day it is valid, `AAAA-MM-DD`.
    pub valido_hasta: String,
    /// Lower-case hexadecimal SHA-256 of the certificate (its DER).
    pub sha256: String,
}

/// The opened certificate and key of `[firma]`.
pub struct Firmante {
    clave: SigningKey<Sha256>,
    /// The signer's certificate first, then the rest of its chain.
    cadena: Vec<Certificate>,
    firmado: Firmado,
    razon: Option<String>,
    lugar: Option<String>,
    hora: bool,
    /// What the engine reserves for the CMS.
    capacidad: usize,
    /// The ESS attribute, encoded once.
    ess: Vec<u8>,
}

impl std::fmt::Debug for Firmante {
    /// The key stays out of every debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Firmante")
            .field("firmado", &self.firmado)
            .finish_non_exhaustive()
    }
}

/// A path of `lotaip.toml`, relative to the inputs folder.
fn ruta(entrada: &Path, p: &str) -> PathBuf {
    let p = Path::new(p.trim());
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        entrada.join(p)
    }
}

fn leer(path: &Path, max: u64, que: &str) -> Result<Vec<u8>, Error> {
    crate::fs::read_regular(path, max).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => format!("{que} no existe"),
            std::io::ErrorKind::FileTooLarge => {
                format!(
                    "{que} pesa más de {} KiB: no es el archivo esperado",
                    max / 1024
                )
            }
            std::io::ErrorKind::InvalidInput => format!("{que} no es un archivo normal"),
            _ => format!("{que} no se pudo leer: {}", crate::error::io_es(&e)),
        };
        Error::input(Location::file(path.display().to_string()), why)
    })
}

/// The password, from where `[firma]` says it is.
fn clave(c: &Clave, entrada: &Path) -> Result<String, Error> {
    let toml = || Location::file(crate::config::ARCHIVO);
    match c {
        Clave::Variable(v) => match std::env::var(v) {
            Ok(s) => Ok(s),
            Err(std::env::VarError::NotPresent) => Err(Error::input(
                toml(),
                format!(
                    "[firma] clave_variable: la variable de entorno {v} no está definida; defínala con la contraseña del certificado antes de ejecutar lotaip"
                ),
            )),
            Err(std::env::VarError::NotUnicode(_)) => Err(Error::input(
                toml(),
                format!("[firma] clave_variable: la variable de entorno {v} no es texto UTF-8"),
            )),
        },
        Clave::Archivo(a) => {
            let path = ruta(entrada, a);
            let bytes = leer(&path, MAX_CLAVE_BYTES, "el archivo de la contraseña")?;
            let mut s = String::from_utf8(bytes).map_err(|_| {
                Error::input(
                    Location::file(path.display().to_string()),
                    "el archivo de la contraseña no es texto UTF-8",
                )
            })?;
            for end in ["\r\n", "\n"] {
                if let Some(t) = s.strip_suffix(end) {
                    s = t.to_string();
                    break;
                }
            }
            Ok(s)
        }
    }
}

impl Firmante {
    /// Opens the PKCS#12 file of `firma` (paths relative to `entrada`) and
    /// checks it at `ahora`: the password opens it, it holds an RSA key of
    /// at least 2048 bits with its certificate, the certificate is valid
    /// then and may sign. Every failure is an input error in Spanish.
    pub fn cargar(
        firma: &Firma,
        entrada: &Path,
        ahora: chrono::DateTime<chrono::Utc>,
    ) -> Result<Firmante, Error> {
        let path = ruta(entrada, &firma.certificado);
        let here = || Location::file(path.display().to_string());
        let bytes = leer(&path, MAX_P12_BYTES, "el certificado de [firma]")?;
        let password = clave(&firma.clave, entrada)?;
        let opened = crate::contain::contain(|| {
            p12_keystore::KeyStore::from_pkcs12(
                &bytes,
                &password,
                p12_keystore::Pkcs12ImportPolicy::Relaxed,
            )
        })
        .map_err(|_| Error::input(here(), "el archivo PKCS#12 está dañado"))?;
        let store = opened.map_err(|e| {
            Error::input(
                here(),
                match e {
                    p12_keystore::error::Error::MacError(_) => {
                        "la contraseña no abre el certificado (revise la contraseña: distingue mayúsculas y minúsculas)".to_string()
                    }
                    p12_keystore::error::Error::UnsupportedEncryptionScheme
                    | p12_keystore::error::Error::UnsupportedMacAlgorithm => {
                        "el archivo PKCS#12 está cifrado con un método que lotaip no conoce; expórtelo de nuevo (AES-256 o 3DES)".to_string()
                    }
                    _ => "no es un archivo PKCS#12 (.p12 o .pfx) válido, o está dañado (o la contraseña no es la suya)".to_string(),
                },
            )
        })?;
        let (_, chain) = store.private_key_chain().ok_or_else(|| {
            Error::input(
                here(),
                "el archivo no contiene una clave privada con su certificado",
            )
        })?;
        const RSA: der::asn1::ObjectIdentifier =
            der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
        if chain.key().oid() != RSA {
            return Err(Error::input(
                here(),
                format!(
                    "la clave privada no es RSA (algoritmo {}); lotaip firma con claves RSA, las que emiten las entidades de certificación acreditadas en Ecuador",
                    chain.key().oid()
                ),
            ));
        }
        let key = rsa::PrivateKey::from_pkcs8_der(chain.key().as_der())
            .map_err(|_| Error::input(here(), "la clave privada RSA está dañada"))?;
        let bits = key.size() * 8;
        if bits < MIN_BITS {
            return Err(Error::input(
                here(),
                format!(
                    "la clave RSA tiene {bits} bits; una firma electrónica vigente usa al menos {MIN_BITS}"
                ),
            ));
        }
        let mut cadena = Vec::new();
        for c in chain.certs() {
            cadena.push(
                Certificate::from_der(c.as_der())
                    .map_err(|_| Error::input(here(), "un certificado del archivo está dañado"))?,
            );
        }
        let cert = cadena
            .first()
            .ok_or_else(|| Error::input(here(), "la clave privada no tiene su certificado"))?;
        let tbs = cert.tbs_certificate();
        let publica = rsa::PublicKey::from(&key);
        let spki = tbs
            .subject_public_key_info()
            .to_der()
            .map_err(|_| Error::input(here(), "el certificado está dañado"))?;
        let propia = rsa::pkcs8::EncodePublicKey::to_public_key_der(&publica)
            .map_err(|_| Error::input(here(), "la clave privada RSA está dañada"))?;
        if spki != propia.as_bytes() {
            return Err(Error::input(
                here(),
                "el certificado no corresponde a la clave privada del archivo",
            ));
        }
        let instante = |t: x509_cert::time::Time| {
            i64::try_from(t.to_unix_duration().as_secs())
                .ok()
                .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        };
        let desde = instante(tbs.validity().not_before);
        let hasta = instante(tbs.validity().not_after);
        let (Some(desde), Some(hasta)) = (desde, hasta) else {
            return Err(Error::input(
                here(),
                "las fechas de validez del certificado no se pueden leer",
            ));
        };
        let titular = tbs.subject().to_string();
        if ahora < desde {
            return Err(Error::input(
                here(),
                format!(
                    "el certificado de {titular} aún no es válido: lo es desde el {} (UTC)",
                    crate::format::fecha(desde.date_naive())
                ),
            ));
        }
        if ahora > hasta {
            return Err(Error::input(
                here(),
                format!(
                    "el certificado de {titular} venció el {} (UTC); renuévelo con su entidad de certificación",
                    crate::format::fecha(hasta.date_naive())
                ),
            ));
        }
        use x509_cert::ext::pkix::{KeyUsage, KeyUsages};
        match tbs.get_extension::<KeyUsage>() {
            Ok(None) => {}
            Ok(Some((_, ku)))
                if ku.0.contains(KeyUsages::DigitalSignature)
                    || ku.0.contains(KeyUsages::NonRepudiation) => {}
            Ok(Some(_)) => {
                return Err(Error::input(
                    here(),
                    format!(
                        "el certificado de {titular} no sirve para firmar (su uso de clave no incluye la firma digital)"
                    ),
                ));
            }
            Err(_) => {
                return Err(Error::input(
                    here(),
                    "el uso de clave del certificado está dañado",
                ));
            }
        }
        let der = cert
            .to_der()
            .map_err(|_| Error::input(here(), "el certificado está dañado"))?;
        let firmado = Firmado {
            titular: titular.clone(),
            emisor: tbs.issuer().to_string(),
            numero_serie: crate::fs::hex(tbs.serial_number().as_bytes()),
            valido_hasta: hasta.date_naive().format("%Y-%m-%d").to_string(),
            sha256: crate::fs::sha256_hex(&der),
        };
        let ess =
            cms::ess(cert, &der).map_err(|_| Error::input(here(), "el certificado está dañado"))?;
        let mut certs_bytes = 0usize;
        for c in &cadena {
            certs_bytes += c.to_der().map(|d| d.len()).unwrap_or(0);
        }
        // Certificates, attributes, the signature and room to spare,
        // rounded up to a KiB.
        let capacidad = (certs_bytes + ess.len() + key.size() + 1024).div_ceil(1024) * 1024;
        Ok(Firmante {
            clave: SigningKey::<Sha256>::new(key),
            cadena,
            firmado,
            razon: firma.razon.clone(),
            lugar: firma.lugar.clone(),
            hora: firma.hora,
            capacidad,
            ess,
        })
    }

    /// Who signs, for the manifest.
    pub fn firmado(&self) -> &Firmado {
        &self.firmado
    }

    /// The signature field the engine writes for `institucion`.
    pub fn campo(&self, institucion: &str) -> xhtml_pdf::SignatureField {
        xhtml_pdf::SignatureField {
            description: format!("Firma electrónica de {institucion}"),
            reason: self.razon.clone(),
            location: self.lugar.clone(),
            time: self
                .hora
                .then(|| ahora().format("D:%Y%m%d%H%M%SZ").to_string()),
            capacity: self.capacidad,
        }
    }

    /// Signs `pdf`, written with [`Firmante::campo`], in place.
    pub fn firmar(&self, pdf: &mut [u8]) -> Result<(), String> {
        xhtml_pdf::sign(pdf, |antes, despues| cms::signed_data(self, antes, despues)).map_err(|e| {
            match e {
                xhtml_pdf::SignError::NoField => "el PDF no tiene el campo de la firma".to_string(),
                xhtml_pdf::SignError::TooLarge { needed, reserved } => {
                    format!("la firma ocupa {needed} bytes y el PDF reservó {reserved}")
                }
                xhtml_pdf::SignError::Signer(e) => format!("la firma no se pudo codificar: {e}"),
            }
        })
    }
}

/// Opens `[firma]` of `config`, if any, on the day the run happens.
pub fn abrir(config: &crate::config::Config, entrada: &Path) -> Result<Option<Firmante>, Error> {
    match &config.firma {
        None => Ok(None),
        Some(f) => Firmante::cargar(f, entrada, ahora()).map(Some),
    }
}

/// The machine's clock, in UTC: when the certificate is checked, and the
/// signing time of `hora = true`.
fn ahora() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
}
