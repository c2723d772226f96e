//! `lotaip.toml`: the institution, the people responsible for the publication,
//! the semáforo thresholds and the policies of SPEC section 2. One struct,
//! unknown settings refused, every optional setting with a documented default.

use std::path::Path;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location};

mod check;
mod toml_es;

use crate::model::Proceso;
use check::line_at;
use toml_es::traducir;

/// The whole configuration file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Year of the plan; targets and results outside it are refused. Set
    /// when the inputs are read: `anio` of the file, or else the year being
    /// published.
    #[serde(skip_deserializing)]
    pub anio: i32,
    /// `anio` as written in the file, if it is.
    #[serde(default, rename = "anio", skip_serializing)]
    pub anio_declarado: Option<i32>,
    /// The line of `anio` in the file, for the message of a contradiction.
    #[serde(skip)]
    linea_anio: Option<usize>,
    pub institucion: Institucion,
    /// The footer of every LOTAIP matrix.
    #[serde(default)]
    pub responsable: Responsable,
    /// The law whose labels the publication uses (and, under 2023, the
    /// numeral's files for the national transparency portal).
    #[serde(default)]
    pub publicacion: Publicacion,
    /// The labels of the matrix of metas y objetivos (`[matriz]`, or
    /// `[literal_a4]` as the 2004 law called it).
    #[serde(default, alias = "matriz")]
    pub literal_a4: LiteralA4,
    #[serde(default)]
    pub semaforo: Umbrales,
    #[serde(default)]
    pub politicas: Politicas,
    #[serde(default)]
    pub rendicion: Rendicion,
    #[serde(default)]
    pub avisos: Avisos,
    /// The electronic signature of every PDF (`[firma]`). Default: none.
    #[serde(default)]
    pub firma: Option<Firma>,
}

/// `[firma]`: the PKCS#12 file (`.p12`/`.pfx`) every PDF is signed with
/// (PAdES B-B) and where its password is. The password itself never goes
/// in this file nor on the command line.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, try_from = "FirmaToml")]
pub struct Firma {
    /// The PKCS#12 file, relative to the inputs folder or absolute.
    pub certificado: String,
    /// Where the password is.
    pub clave: Clave,
    /// Why the documents are signed (`/Reason`). Default: none.
    pub razon: Option<String>,
    /// Where they are signed (`/Location`). Default: none.
    pub lugar: Option<String>,
    /// Whether the signature carries the time of signing (`/M`): then the
    /// same inputs no longer give the same bytes. Default `false`.
    pub hora: bool,
}

/// Where the password of the PKCS#12 file is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Clave {
    /// An environment variable of the run.
    Variable(String),
    /// A file (relative to the inputs folder or absolute) holding only the
    /// password; a final line break is not part of it.
    Archivo(String),
}

/// `[firma]` as written, checked into [`Firma`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FirmaToml {
    certificado: String,
    clave_variable: Option<String>,
    clave_archivo: Option<String>,
    /// Refused with its own message: a password written here.
    clave: Option<toml::Value>,
    razon: Option<String>,
    lugar: Option<String>,
    #[serde(default)]
    hora: bool,
}

impl TryFrom<FirmaToml> for Firma {
    type Error = String;

    fn try_from(t: FirmaToml) -> Result<Self, String> {
        if t.clave.is_some() {
            return Err("[firma] clave: la contraseña del certificado no se escribe en lotaip.toml; indique en su lugar clave_variable (el nombre de una variable de entorno) o clave_archivo (un archivo que solo contiene la contraseña)".into());
        }
        let clave = match (t.clave_variable, t.clave_archivo) {
            (Some(v), None) if !v.trim().is_empty() => Clave::Variable(v.trim().to_string()),
            (None, Some(a)) if !a.trim().is_empty() => Clave::Archivo(a),
            (Some(_), Some(_)) => {
                return Err("[firma] clave_variable y clave_archivo se excluyen: indique solo uno de los dos".into());
            }
            _ => {
                return Err("[firma] falta dónde está la contraseña del certificado: clave_variable = \"NOMBRE_DE_LA_VARIABLE\" o clave_archivo = \"ruta del archivo\"".into());
            }
        };
        if t.certificado.trim().is_empty() {
            return Err("[firma] certificado: indique el archivo .p12 o .pfx de la firma".into());
        }
        let texto = |s: Option<String>| s.map(|s| crate::text::clean(&s)).filter(|s| !s.is_empty());
        Ok(Firma {
            certificado: t.certificado,
            clave,
            razon: texto(t.razon),
            lugar: texto(t.lugar),
            hora: t.hora,
        })
    }
}

/// Who publishes.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Institucion {
    pub nombre: String,
    pub siglas: String,
    /// Web site shown in documents; default: none.
    #[serde(default)]
    pub sitio_web: Option<String>,
}

/// The unit that holds the information and its responsible person (the footer
/// of every matrix). Default: empty, which is reported as a warning.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Responsable {
    #[serde(default)]
    pub unidad_poseedora: String,
    #[serde(default)]
    pub nombre: String,
    #[serde(default)]
    pub correo: String,
    #[serde(default)]
    pub telefono: String,
}

/// The law in force for the publication (`[publicacion]`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Publicacion {
    /// `2023` (default): the LOTAIP of 2023, Art. 19 numeral 1.3, with the
    /// national transparency portal's three CSV files; `2004`: the repealed
    /// law's Art. 7 literal a4 matrix, as published until 2023.
    pub ley: Ley,
    /// The numeral's label in titles and file names. Default `1.3` (the
    /// Defensoría's instructivo of 2024); some institutions still write `1.4`.
    pub numeral: String,
    /// Every PDF is written as PDF/A-2 for the archive. Default `true`; `false`
    /// writes plain PDF 1.7 (for a viewer that mishandles PDF/A).
    pub pdfa: bool,
}

impl Default for Publicacion {
    fn default() -> Self {
        Publicacion {
            ley: Ley::L2023,
            numeral: "1.3".into(),
            pdfa: true,
        }
    }
}

/// The LOTAIP a publication follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Ley {
    /// Registro Oficial, Segundo Suplemento 245, 7 February 2023.
    #[serde(rename = "2023")]
    L2023,
    /// Repealed in 2023; its Art. 7 literal a4 matrix (seed 002).
    #[serde(rename = "2004")]
    L2004,
}

impl<'de> Deserialize<'de> for Ley {
    /// `ley = 2023` or `ley = "2004"`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ley, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(i64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(2023) => Ok(Ley::L2023),
            Raw::N(2004) => Ok(Ley::L2004),
            Raw::S(s) if s.trim() == "2023" => Ok(Ley::L2023),
            Raw::S(s) if s.trim() == "2004" => Ok(Ley::L2004),
            _ => Err(serde::de::Error::custom(
                "[publicacion] ley: se esperaba 2023 (la LOTAIP vigente) o 2004 (la derogada)",
            )),
        }
    }
}

/// Labels of the matrix of metas y objetivos. The title lines default to
/// the chosen law's.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LiteralA4 {
    /// First title line. Default: the law's article (filled in when the configuration is read).
    pub articulo: String,
    /// Second title line. Default: the law's literal or numeral.
    pub literal: String,
    /// `PERIODICIDAD DE ACTUALIZACIÓN DE LA INFORMACIÓN`. Default `MENSUAL`.
    pub periodicidad: String,
    /// Optional footer row with a link (label and URL). Default: none.
    pub enlace_etiqueta: Option<String>,
    pub enlace_url: Option<String>,
    pub secciones: Secciones,
}

impl Default for LiteralA4 {
    fn default() -> Self {
        LiteralA4 {
            articulo: String::new(),
            literal: String::new(),
            periodicidad: "MENSUAL".into(),
            enlace_etiqueta: None,
            enlace_url: None,
            secciones: Secciones::default(),
        }
    }
}

/// Section titles of the matrix, by process level. Defaults: the published matrix's.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Secciones {
    pub gobernante: String,
    pub agregador_de_valor: String,
    pub desconcentrado: String,
    pub habilitante_asesoria: String,
    pub habilitante_apoyo: String,
}

impl Default for Secciones {
    fn default() -> Self {
        Secciones {
            gobernante: "PROCESOS GOBERNANTES / NIVEL DIRECTIVO".into(),
            agregador_de_valor: "PROCESOS AGREGADORES DE VALOR / NIVEL OPERATIVO".into(),
            desconcentrado: "PROCESOS DESCENTRALIZADOS".into(),
            habilitante_asesoria: "NIVEL DE APOYO / ASESORÍA".into(),
            habilitante_apoyo: "NIVEL DE APOYO / ASESORÍA".into(),
        }
    }
}

impl Secciones {
    /// The title of a process level's section.
    pub fn titulo(&self, p: Proceso) -> &str {
        match p {
            Proceso::Gobernante => &self.gobernante,
            Proceso::AgregadorDeValor => &self.agregador_de_valor,
            Proceso::Desconcentrado => &self.desconcentrado,
            Proceso::HabilitanteAsesoria => &self.habilitante_asesoria,
            Proceso::HabilitanteApoyo => &self.habilitante_apoyo,
        }
    }
}

/// Semáforo thresholds in percentage points: `verde` at or above the first,
/// `amarillo` at or above the second, `rojo` below. Defaults 85 and 70.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Umbrales {
    pub verde: Decimal,
    pub amarillo: Decimal,
}

impl Default for Umbrales {
    fn default() -> Self {
        Umbrales {
            verde: Decimal::from(85),
            amarillo: Decimal::from(70),
        }
    }
}

/// Policies of SPEC section 2.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Politicas {
    /// How an indicator with a target but no result counts in the averages.
    pub sin_reporte: SinReporte,
    /// How bare numbers of percentage indicators are read.
    pub porcentajes: Porcentajes,
}

/// Policy for `sin reporte` (target but no result).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SinReporte {
    /// Counted as 0 % in every average (default).
    #[default]
    Cero,
    /// Left out of the averages; still shown, in red.
    Excluir,
}

/// Convention for bare numbers of percentage indicators (SPEC 1.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Porcentajes {
    /// Fractions when every target of the row is at most 1, otherwise points (default).
    #[default]
    Auto,
    /// `0.85` means 85 %.
    Fraccion,
    /// `85` means 85 %.
    Puntos,
}

impl Porcentajes {
    /// The convention as written in `lotaip.toml` and on the command line.
    pub fn nombre(self) -> &'static str {
        match self {
            Porcentajes::Auto => "auto",
            Porcentajes::Fraccion => "fraccion",
            Porcentajes::Puntos => "puntos",
        }
    }
}

/// The yearly accountability report (CPCCS form): who reports and the
/// settings of its computed sections.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rendicion {
    /// Units (names as in `metas`) whose targets make the institution's
    /// «ejecución programática». Default: empty, meaning every unit of process
    /// level `gobernante`.
    pub unidades_institucion: Vec<String>,
    /// Provinces that report on their own: province names, or `["todas"]`.
    /// Default: none.
    pub provincias: Vec<String>,
    /// Units (names as in `metas`) that report on their own. Default: none.
    pub unidades: Vec<String>,
    /// Budget execution target of the form's «META» row, in points. Default 85.
    pub meta_ejecucion_presupuestaria: Decimal,
}

impl Default for Rendicion {
    fn default() -> Self {
        Rendicion {
            unidades_institucion: Vec::new(),
            provincias: Vec::new(),
            unidades: Vec::new(),
            meta_ejecucion_presupuestaria: Decimal::from(85),
        }
    }
}

/// Warnings that never stop a run (`[avisos]`): results far from their
/// target, and provincial targets that do not add up to the national one.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default, try_from = "AvisosToml")]
pub struct Avisos {
    /// A result more than `factor_atipico` times its target, or less than its
    /// target divided by it, is listed as `resultado atípico`. Default 3; 0
    /// turns the warning off.
    pub factor_atipico: Decimal,
    /// The part of a Dirección Provincial's indicator code that the national
    /// indicator of the same target writes as `codigo_nacional`
    /// (`IE-DNRGC-DP-10` → `IE-DNRGC-NA-10` with `-DP-` and `-NA-`). Default
    /// empty: the national indicator has the same code.
    pub codigo_provincial: String,
    /// See `codigo_provincial`.
    pub codigo_nacional: String,
    /// Kinds of warning the institution knows about (`["fila repetida"]`):
    /// counted in the run's summary but not listed one by one, so that the
    /// others stand out. They stay in the workbooks' «Avisos» sheets.
    pub conocidos: Vec<String>,
}

impl Default for Avisos {
    fn default() -> Self {
        Avisos {
            factor_atipico: Decimal::from(3),
            codigo_provincial: String::new(),
            codigo_nacional: String::new(),
            conocidos: Vec::new(),
        }
    }
}

impl Avisos {
    /// Whether warnings of `kind` are acknowledged.
    pub fn conocido(&self, kind: &str) -> bool {
        self.conocidos.iter().any(|k| k == kind)
    }
}

/// `[avisos]` as written, checked into [`Avisos`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct AvisosToml {
    factor_atipico: Decimal,
    codigo_provincial: String,
    codigo_nacional: String,
    conocidos: Vec<String>,
}

impl Default for AvisosToml {
    fn default() -> Self {
        let d = Avisos::default();
        AvisosToml {
            factor_atipico: d.factor_atipico,
            codigo_provincial: d.codigo_provincial,
            codigo_nacional: d.codigo_nacional,
            conocidos: d.conocidos,
        }
    }
}

impl TryFrom<AvisosToml> for Avisos {
    type Error = String;

    fn try_from(t: AvisosToml) -> Result<Self, String> {
        if !t.factor_atipico.is_zero()
            && (t.factor_atipico <= Decimal::ONE || t.factor_atipico > Decimal::from(1000))
        {
            return Err(format!(
                "[avisos] factor_atipico = {} no sirve: se esperaba un número mayor que 1 y hasta 1000 (p. ej. 3) o 0 para no avisar",
                t.factor_atipico
            ));
        }
        if t.codigo_provincial.is_empty() != t.codigo_nacional.is_empty() {
            return Err(
                "[avisos] codigo_provincial y codigo_nacional van juntos: escriba los dos (p. ej. \"-DP-\" y \"-NA-\") o ninguno"
                    .into(),
            );
        }
        let mut conocidos = Vec::new();
        for k in t.conocidos {
            let tipo = crate::text::clean(&k).to_lowercase();
            if !crate::error::TIPOS_DE_AVISO.contains(&tipo.as_str()) {
                let parecido =
                    crate::text::closest(&tipo, crate::error::TIPOS_DE_AVISO.iter().copied())
                        .map(|c| format!("¿quiso decir «{c}»? "))
                        .unwrap_or_default();
                return Err(format!(
                    "[avisos] conocidos: «{}» no es un tipo de aviso; {parecido}los tipos son: {}",
                    crate::text::printable(&k),
                    crate::error::TIPOS_DE_AVISO.join(", ")
                ));
            }
            if !conocidos.contains(&tipo) {
                conocidos.push(tipo);
            }
        }
        Ok(Avisos {
            factor_atipico: t.factor_atipico,
            codigo_provincial: t.codigo_provincial,
            codigo_nacional: t.codigo_nacional,
            conocidos,
        })
    }
}

/// File name of the configuration inside the inputs folder.
pub const ARCHIVO: &str = "lotaip.toml";

impl Config {
    /// Reads and checks `lotaip.toml`; errors name the line.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ARCHIVO.into());
        let loc = Location::file(&name);
        let bytes = crate::fs::read_regular(path, MAX_BYTES).map_err(|e| {
            let msg = match e.kind() {
                std::io::ErrorKind::NotFound => "no existe; créelo con «lotaip iniciar» o indique la carpeta de entrada con --entrada".to_string(),
                std::io::ErrorKind::FileTooLarge => format!("pesa más de {} KiB: no es un archivo de configuración", MAX_BYTES / 1024),
                std::io::ErrorKind::InvalidInput => "no es un archivo normal (¿un enlace a un dispositivo?)".to_string(),
                _ => format!("no se pudo leer: {}", crate::error::io_es(&e)),
            };
            Error::input(loc.clone(), msg)
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::input(
                loc,
                "no está en UTF-8; guárdelo como texto UTF-8 (el editor lo ofrece al «Guardar como»)",
            )
        })?;
        Self::parse(text.strip_prefix('\u{feff}').unwrap_or(&text), &name)
    }

    /// Parses the text of a configuration file named `name`.
    pub fn parse(text: &str, name: &str) -> Result<Config, Error> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_at(text, s.start));
            Error::input(
                Location {
                    line,
                    ..Location::file(name)
                },
                traducir(e.message()),
            )
        })?;
        config.check(text, name)?;
        let config = config.resolve();
        Ok(Config {
            anio: config.anio_declarado.unwrap_or_default(),
            linea_anio: check::setting_line(text, &["anio"]),
            ..config
        })
    }

    /// The plan's year: `anio` of the file, or else `pedido`, the year of the
    /// period or report being published. Refused, with the line of the
    /// setting, when the two differ or neither says it.
    pub(crate) fn con_anio(mut self, pedido: Option<i32>) -> Result<Config, Error> {
        let loc = Location {
            line: self.linea_anio,
            ..Location::file(ARCHIVO)
        };
        match (self.anio_declarado, pedido) {
            (Some(d), Some(p)) if d != p => Err(Error::input(
                loc,
                format!(
                    "anio = {d}, pero se publica {p}: corrija «anio» o quítelo (por omisión, el plan es del año que se publica)"
                ),
            )),
            (Some(a), _) | (None, Some(a)) => {
                self.anio = a;
                Ok(self)
            }
            (None, None) => Err(Error::input(
                loc,
                "no dice el año del plan: escriba «anio = AAAA» o indique el período (--periodo AAAA-MM) o el año (--anio AAAA)",
            )),
        }
    }

    /// Fills what defaults to the chosen law: the matrix's title lines.
    fn resolve(mut self) -> Config {
        let m = &mut self.literal_a4;
        let n = &self.publicacion.numeral;
        if m.articulo.trim().is_empty() {
            m.articulo = match self.publicacion.ley {
                Ley::L2023 => "Art. 19 de la Ley Orgánica de Transparencia y Acceso a la Información Pública - LOTAIP (2023)".into(),
                Ley::L2004 => "Art. 7 de la Ley Orgánica de Transparencia y Acceso a la Información Pública - LOTAIP".into(),
            };
        }
        if m.literal.trim().is_empty() {
            m.literal = match self.publicacion.ley {
                Ley::L2023 => format!("Numeral {n}. Metas y objetivos de las unidades administrativas de conformidad con sus programas operativos"),
                Ley::L2004 => "Literal a4) Las metas y objetivos de las unidades administrativas de conformidad con sus programas operativos".into(),
            };
        }
        self
    }

    /// The start of the matrix's file names: `numeral_1.3` under 2023,
    /// `literal_a4` under 2004.
    pub fn prefijo_matriz(&self) -> String {
        match self.publicacion.ley {
            Ley::L2023 => format!("numeral_{}", self.publicacion.numeral),
            Ley::L2004 => "literal_a4".into(),
        }
    }

    /// How the matrix is named in titles and the download page:
    /// `Numeral 1.3` or `Literal a4`.
    pub fn nombre_matriz(&self) -> String {
        match self.publicacion.ley {
            Ley::L2023 => format!("Numeral {}", self.publicacion.numeral),
            Ley::L2004 => "Literal a4".into(),
        }
    }
}

/// The largest configuration file read: a real one is about 2 KiB.
const MAX_BYTES: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMA: &str = "anio = 2025\n[institucion]\nnombre = \"Instituto Ecuatoriano de Seguridad Social\"\nsiglas = \"IESS\"\n";

    #[test]
    fn the_signature_says_where_its_password_is_and_only_once() {
        let base = format!("{MINIMA}[firma]\ncertificado = \"firma.p12\"\n");
        let e = Config::parse(&base, "lotaip.toml").unwrap_err().to_string();
        assert!(e.contains("falta dónde está la contraseña"), "{e}");
        let c = Config::parse(
            &format!("{base}clave_archivo = \"clave.txt\"\n"),
            "lotaip.toml",
        )
        .unwrap();
        let f = c.firma.unwrap();
        assert_eq!(f.clave, Clave::Archivo("clave.txt".into()));
        assert!(!f.hora && f.razon.is_none());
        let e = Config::parse(&format!("{base}clave_variable = \"  \"\n"), "lotaip.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("falta dónde está la contraseña"), "{e}");
        let e = Config::parse(&format!("{base}clave = 123\n"), "lotaip.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no se escribe en lotaip.toml"), "{e}");
    }

    #[test]
    fn defaults_fill_every_optional_setting() {
        let c = Config::parse(MINIMA, "lotaip.toml").unwrap();
        assert_eq!(c.semaforo.verde, Decimal::from(85));
        assert_eq!(c.semaforo.amarillo, Decimal::from(70));
        assert_eq!(c.politicas.sin_reporte, SinReporte::Cero);
        assert_eq!(c.politicas.porcentajes, Porcentajes::Auto);
        assert_eq!(
            c.literal_a4.secciones.titulo(Proceso::Desconcentrado),
            "PROCESOS DESCENTRALIZADOS"
        );
    }

    #[test]
    fn unknown_setting_is_refused_with_its_line() {
        let text = format!("{MINIMA}\n[semaforo]\nverde = 85\ncolor = \"rojo\"\n");
        let e = Config::parse(&text, "lotaip.toml").unwrap_err().to_string();
        assert!(e.contains("lotaip.toml, línea 8"), "{e}");
        assert!(e.contains("ajuste desconocido «color»"), "{e}");
    }

    #[test]
    fn broken_syntax_and_bad_values_name_the_line() {
        let e = Config::parse("anio = 2025\n[institucion\n", "lotaip.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("línea 2"), "{e}");
        let e = Config::parse(
            &format!("{MINIMA}[politicas]\nsin_reporte = \"nunca\"\n"),
            "lotaip.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("línea 6") && e.contains("valor desconocido «nunca»"),
            "{e}"
        );
        let e = Config::parse(
            &format!("{MINIMA}[semaforo]\nverde = 60\namarillo = 70\n"),
            "lotaip.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("lotaip.toml, línea 7: [semaforo] se esperaba 0 ≤ amarillo < verde"),
            "{e}"
        );
        for bad in [
            "verde = 150\n",
            "verde = 70\namarillo = 70\n",
            "verde = -5\n",
        ] {
            let e = Config::parse(&format!("{MINIMA}[semaforo]\n{bad}"), "lotaip.toml")
                .unwrap_err()
                .to_string();
            assert!(e.contains("lotaip.toml, línea "), "{bad}: {e}");
        }
        let e = Config::parse(&format!("{MINIMA}[semaforo]\nverde = 150\n"), "lotaip.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("línea 6: [semaforo] verde = 150 no sirve"),
            "{e}"
        );
    }

    #[test]
    fn avisos_have_documented_defaults_and_checked_values() {
        let c = Config::parse(MINIMA, "lotaip.toml").unwrap();
        assert_eq!(c.avisos.factor_atipico, Decimal::from(3));
        assert!(c.avisos.codigo_provincial.is_empty() && c.avisos.codigo_nacional.is_empty());
        let c = Config::parse(
            &format!("{MINIMA}[avisos]\nfactor_atipico = 5\ncodigo_provincial = \"-DP-\"\ncodigo_nacional = \"-NA-\"\n"),
            "lotaip.toml",
        )
        .unwrap();
        assert_eq!(c.avisos.factor_atipico, Decimal::from(5));
        assert_eq!(c.avisos.codigo_nacional, "-NA-");
        let e = Config::parse(
            &format!("{MINIMA}[avisos]\nfactor_atipico = 0.5\n"),
            "lotaip.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("lotaip.toml, línea 5: [avisos] factor_atipico = 0.5 no sirve"),
            "{e}"
        );
        let e = Config::parse(
            &format!("{MINIMA}[avisos]\ncodigo_provincial = \"-DP-\"\n"),
            "lotaip.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("codigo_provincial y codigo_nacional van juntos"),
            "{e}"
        );
        let e = Config::parse(&format!("{MINIMA}[avisos]\nfactor = 3\n"), "lotaip.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("línea 6: ajuste desconocido «factor»"), "{e}");
    }

    #[test]
    fn published_texts_are_checked_with_their_line() {
        let long = "x".repeat(40_000);
        let e = Config::parse(
            &format!("anio = 2025\n[institucion]\nnombre = \"{long}\"\nsiglas = \"IESS\"\n"),
            "lotaip.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains(
                "lotaip.toml, línea 3: institucion.nombre tiene 40.000 caracteres; el límite es 500"
            ),
            "{e}"
        );
        let e = Config::parse(
            &format!("{MINIMA}[literal_a4.secciones]\ngobernante = \"A\\u0000B\"\n"),
            "lotaip.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains(
                "línea 6: secciones.gobernante: el texto contiene el carácter de control U+0000"
            ),
            "{e}"
        );
    }

    #[test]
    fn decimal_thresholds_are_exact() {
        let c = Config::parse(
            &format!("{MINIMA}[semaforo]\nverde = 85.5\namarillo = \"70.25\"\n"),
            "lotaip.toml",
        )
        .unwrap();
        assert_eq!(c.semaforo.verde.to_string(), "85.5");
        assert_eq!(c.semaforo.amarillo.to_string(), "70.25");
    }
}
