//! The CMS `SignedData` of a PAdES B-B signature (RFC 5652, ETSI EN 319
//! 122-1): written for a PDF's byte ranges, and read back and checked.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, ObjectIdentifier as Oid, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::{Firmado, Firmante};

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
const ID_SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");

/// ESS `SigningCertificateV2` (RFC 5035), without policies.
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// ESS `ESSCertIDv2`: the hash algorithm is SHA-256, the default, so it is
/// not encoded.
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// ESS `IssuerSerial`.
#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// The `signingCertificateV2` attribute's value for `cert` (whose DER is
/// `der`), encoded.
pub(super) fn ess(cert: &Certificate, der: &[u8]) -> der::Result<Vec<u8>> {
    let tbs = cert.tbs_certificate();
    SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(der).to_vec())?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    }
    .to_der()
}

fn algorithm(oid: Oid, null: bool) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: null.then(Any::null),
    }
}

fn attribute(oid: Oid, value: Any) -> der::Result<Attribute> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value])?,
    })
}

/// The DER of the detached CMS signing the bytes `antes` and `despues`.
pub(super) fn signed_data(f: &Firmante, antes: &[u8], despues: &[u8]) -> der::Result<Vec<u8>> {
    let digest = Sha256::new()
        .chain_update(antes)
        .chain_update(despues)
        .finalize();
    let attrs = SetOfVec::try_from(vec![
        attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA)?)?,
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec())?)?,
        )?,
        attribute(ID_SIGNING_CERTIFICATE_V2, Any::from_der(&f.ess)?)?,
    ])?;
    let signature = f.clave.sign(&attrs.to_der()?).to_vec();
    let cert = f.cadena.first().ok_or(der::ErrorKind::Failed)?;
    let tbs = cert.tbs_certificate();
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: algorithm(ID_SHA256, false),
        signed_attrs: Some(attrs),
        signature_algorithm: algorithm(RSA_ENCRYPTION, true),
        signature: OctetString::new(signature)?,
        unsigned_attrs: None,
    };
    let certs: Vec<CertificateChoices> = f
        .cadena
        .iter()
        .cloned()
        .map(CertificateChoices::Certificate)
        .collect();
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![algorithm(ID_SHA256, false)])?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(certs)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer])?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&sd)?,
    }
    .to_der()
}

/// The one value of the signed attribute `oid`.
fn attr(attrs: &[Attribute], oid: Oid) -> Result<&Any, String> {
    let mut found = attrs.iter().filter(|a| a.oid == oid);
    match (found.next(), found.next()) {
        (Some(a), None) if a.values.len() == 1 => a
            .values
            .iter()
            .next()
            .ok_or_else(|| format!("el atributo {oid} está vacío")),
        (None, _) => Err(format!("falta el atributo firmado {oid}")),
        _ => Err(format!("el atributo firmado {oid} está repetido")),
    }
}

/// Checks the signature of a published PDF: one signature covering the
/// whole file but itself, a CMS whose message digest is that of the
/// covered bytes, made by the certificate `esperado` names, and an RSA
/// signature that the certificate's key verifies. Reads any bytes: a
/// damaged file is an error message, never a panic.
pub fn comprobar(pdf: &[u8], esperado: &Firmado) -> Result<(), String> {
    crate::contain::contain(|| comprobar_sin_contener(pdf, esperado))
        .unwrap_or_else(|_| Err("la firma está dañada".to_string()))
}

fn comprobar_sin_contener(pdf: &[u8], esperado: &Firmado) -> Result<(), String> {
    let s = xhtml_pdf::signed(pdf).map_err(|e| match e {
        xhtml_pdf::Unsigned::NoSignature => "no tiene una firma (o tiene más de una)".to_string(),
        xhtml_pdf::Unsigned::NotCovered => {
            "la firma no cubre el archivo entero: fue modificado después de firmarse".to_string()
        }
    })?;
    let damaged = |_| "la firma está dañada (no es un CMS válido)".to_string();
    // The reserved room is padded with zeros after the CMS.
    let (ci, _) = ContentInfo::from_der_partial(&s.signature).map_err(damaged)?;
    if ci.content_type != ID_SIGNED_DATA {
        return Err("la firma no es un SignedData de CMS".into());
    }
    let sd: SignedData = ci.content.decode_as().map_err(damaged)?;
    if sd.encap_content_info.econtent.is_some() {
        return Err("la firma no es separada (detached): contiene el documento".into());
    }
    let mut signers = sd.signer_infos.0.iter();
    let (Some(si), None) = (signers.next(), signers.next()) else {
        return Err("la firma debe tener un solo firmante".into());
    };
    if si.digest_alg.oid != ID_SHA256 {
        return Err(format!(
            "el resumen de la firma no es SHA-256 ({})",
            si.digest_alg.oid
        ));
    }
    if ![RSA_ENCRYPTION, SHA256_WITH_RSA].contains(&si.signature_algorithm.oid) {
        return Err(format!(
            "la firma no es RSA con SHA-256 ({})",
            si.signature_algorithm.oid
        ));
    }
    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or("la firma no tiene atributos firmados")?;
    let list: Vec<Attribute> = attrs.iter().cloned().collect();
    let tipo: Oid = attr(&list, ID_CONTENT_TYPE)?.decode_as().map_err(damaged)?;
    if tipo != ID_DATA {
        return Err("el tipo de contenido firmado no es id-data".into());
    }
    if list.iter().any(|a| a.oid == ID_SIGNING_TIME) {
        return Err("la firma lleva signing-time, que PAdES no admite".into());
    }
    attr(&list, ID_SIGNING_CERTIFICATE_V2)?;
    let md: OctetString = attr(&list, ID_MESSAGE_DIGEST)?
        .decode_as()
        .map_err(damaged)?;
    let digest = Sha256::new()
        .chain_update(s.before)
        .chain_update(s.after)
        .finalize();
    if md.as_bytes() != digest.as_slice() {
        return Err(
            "el resumen firmado no es el del archivo: fue modificado después de firmarse".into(),
        );
    }
    let SignerIdentifier::IssuerAndSerialNumber(id) = &si.sid else {
        return Err("el firmante no se identifica por emisor y número de serie".into());
    };
    let cert = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .find_map(|c| match c {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate().issuer() == &id.issuer
                    && c.tbs_certificate().serial_number() == &id.serial_number =>
            {
                Some(c)
            }
            _ => None,
        })
        .ok_or("la firma no incluye el certificado del firmante")?;
    let der = cert.to_der().map_err(damaged)?;
    let huella = crate::fs::sha256_hex(&der);
    if huella != esperado.sha256 {
        return Err(format!(
            "la firmó otro certificado ({}, SHA-256 {}…) y no el del manifiesto ({})",
            cert.tbs_certificate().subject(),
            huella.get(..12).unwrap_or(&huella),
            esperado.titular
        ));
    }
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(damaged)?;
    let key = <rsa::PublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(&spki)
        .map_err(|_| "la clave pública del certificado no es RSA".to_string())?;
    let signature = rsa::pkcs1v15::Signature::try_from(si.signature.as_bytes())
        .map_err(|_| "la firma RSA está dañada".to_string())?;
    rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)
        .verify(&attrs.to_der().map_err(damaged)?, &signature)
        .map_err(|_| {
            "la firma RSA no corresponde a los atributos firmados: no es válida".to_string()
        })
}
