//! Command-line arguments, with help and messages in Spanish.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use lotaip::config::Porcentajes;
use lotaip::model::Periodo;

const TEMPLATE: &str =
    "{name} {version}\n{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";
const SUB_TEMPLATE: &str = "{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";

/// Generates the LOTAIP publications from planned goals and results.
#[derive(Debug, Parser)]
#[command(
    name = "lotaip",
    version,
    about = "Genera las matrices LOTAIP de metas y objetivos (Art. 19 numeral 1.3, o el Literal a4 de la ley de 2004) con los archivos del Portal Nacional de Transparencia, los informes de cumplimiento por provincia y la rendición de cuentas a partir de las metas y resultados de una institución.",
    help_template = TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Comandos",
    subcommand_value_name = "COMANDO",
    after_help = "Ayuda de un comando, con ejemplos: lotaip help <COMANDO> (o lotaip <COMANDO> --help).\nCódigos de salida: 0 correcto, 1 entradas con errores (o, en verificar, una publicación que no coincide con su manifiesto), 2 uso incorrecto, 3 fallo al escribir la salida (o carpeta de salida bloqueada por otra ejecución)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Muestra esta ayuda.
    #[arg(short = 'h', long = "help", action = ArgAction::HelpShort, global = true, help_heading = "Opciones generales")]
    help: Option<bool>,
    /// Muestra la versión.
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Opciones generales")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Genera la publicación de un mes: la matriz de metas y objetivos (XLSX y PDF), sus archivos CSV para el Portal Nacional de Transparencia, cumplimiento, un PDF y un XLSX por provincia, index.html y manifest.json.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip generar --periodo <AAAA-MM> [OPCIONES]", after_help = "Ejemplos:\n  lotaip generar --periodo 2025-06\n  lotaip generar --periodo 2025-06 --entrada /srv/lotaip/inputs --salida /var/www/transparencia\n  lotaip generar --periodo 2025-06 --fecha 05/07/2025 --espera 600")]
    Generar(Generar),
    /// Genera el informe anual de rendición de cuentas (formulario del CPCCS) de la institución y de cada provincia o unidad que rinde cuentas por separado.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip rendicion --anio <AAAA> [OPCIONES]", after_help = "Ejemplos:\n  lotaip rendicion --anio 2025\n  lotaip rendicion --anio 2025 --fecha 31/03/2026 --salida /var/www/transparencia")]
    Rendicion(Rendicion),
    /// Revisa las entradas y las plantillas sin escribir nada.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip validar [OPCIONES]", after_help = "Ejemplos:\n  lotaip validar\n  lotaip validar --periodo 2025-06 --entrada /srv/lotaip/inputs")]
    Validar(Validar),
    /// Escribe entradas iniciales: lotaip.toml y libros vacíos con los encabezados correctos.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip iniciar [CARPETA] [--formulario]", after_help = "Ejemplos:\n  lotaip iniciar\n  lotaip iniciar /srv/lotaip/inputs\n  lotaip iniciar --formulario")]
    Iniciar(Iniciar),
    /// Copia las plantillas predeterminadas a una carpeta para personalizarlas.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip plantillas [--destino <CARPETA>]", after_help = "Ejemplos:\n  lotaip plantillas\n  lotaip plantillas --destino /srv/lotaip/inputs/plantillas")]
    Plantillas(Plantillas),
    /// Comprueba una carpeta publicada contra su manifest.json: archivos que faltan, sobran o cambiaron.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip verificar <CARPETA> [--entrada <CARPETA>]", after_help = "Ejemplos:\n  lotaip verificar outputs/2025-06\n  lotaip verificar outputs/2025-06 --entrada inputs")]
    Verificar(Verificar),
    /// Revisa los archivos de un numeral para el Portal Nacional de Transparencia (los de una publicación o hechos a mano) contra los criterios que se juzgan sin conexión: contenido completo, datos abiertos, enlaces y plazo.
    #[command(help_template = SUB_TEMPLATE, override_usage = "lotaip revisar <CARPETA> [--hoy <DD/MM/AAAA>]", after_help = "Ejemplos:\n  lotaip revisar outputs/2025-06\n  lotaip revisar outputs/2025-06 --hoy 10/07/2025\n  lotaip revisar ~/Descargas/numeral-1.3")]
    Revisar(Revisar),
}

/// Where the inputs are.
#[derive(Debug, Args)]
pub struct Entrada {
    /// Carpeta con lotaip.toml, metas, resultados y presupuesto (por omisión, inputs).
    #[arg(
        long,
        value_name = "CARPETA",
        default_value = "inputs",
        hide_default_value = true,
        help_heading = "Opciones"
    )]
    pub entrada: PathBuf,
    /// Carpeta de plantillas propias (por omisión, <entrada>/plantillas).
    #[arg(long, value_name = "CARPETA", help_heading = "Opciones")]
    pub plantillas: Option<PathBuf>,
    /// Cómo leer los porcentajes sin «%»: auto (fracciones si todas las metas de la fila son ≤ 1), fraccion o puntos.
    #[arg(
        long,
        value_name = "CONVENCIÓN",
        value_parser = parse_porcentajes,
        help_heading = "Opciones"
    )]
    pub porcentajes: Option<Porcentajes>,
}

impl Entrada {
    /// The inputs as the pipeline takes them.
    pub fn publicacion(&self) -> lotaip::publicacion::Entrada {
        lotaip::publicacion::Entrada {
            carpeta: self.entrada.clone(),
            plantillas: self
                .plantillas
                .clone()
                .unwrap_or_else(|| self.entrada.join("plantillas")),
            porcentajes: self.porcentajes,
        }
    }
}

fn parse_porcentajes(s: &str) -> Result<Porcentajes, String> {
    [
        Porcentajes::Auto,
        Porcentajes::Fraccion,
        Porcentajes::Puntos,
    ]
    .into_iter()
    .find(|p| p.nombre() == s.trim().to_lowercase())
    .ok_or_else(|| format!("«{s}» no es una convención; se esperaba auto, fraccion o puntos"))
}

#[derive(Debug, Args)]
pub struct Generar {
    /// Mes del informe, AAAA-MM (p. ej. 2025-06).
    #[arg(long, value_name = "AAAA-MM", value_parser = parse_periodo, help_heading = "Opciones")]
    pub periodo: Periodo,
    #[command(flatten)]
    pub entrada: Entrada,
    /// Carpeta donde se publica; cada mes va en su subcarpeta AAAA-MM (por omisión, outputs).
    #[arg(
        long,
        value_name = "CARPETA",
        default_value = "outputs",
        hide_default_value = true,
        help_heading = "Opciones"
    )]
    pub salida: PathBuf,
    /// Fecha de actualización declarada, DD/MM/AAAA (por omisión, el último día del mes).
    #[arg(long, value_name = "DD/MM/AAAA", value_parser = parse_fecha, help_heading = "Opciones")]
    pub fecha: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub espera: Espera,
}

#[derive(Debug, Args)]
pub struct Rendicion {
    /// Año del informe (también el del plan, si lotaip.toml no dice «anio»).
    #[arg(long, value_name = "AAAA", help_heading = "Opciones")]
    pub anio: i32,
    #[command(flatten)]
    pub entrada: Entrada,
    /// Carpeta donde se publica; el informe va en su subcarpeta rendicion_AAAA (por omisión, outputs).
    #[arg(
        long,
        value_name = "CARPETA",
        default_value = "outputs",
        hide_default_value = true,
        help_heading = "Opciones"
    )]
    pub salida: PathBuf,
    /// Fecha del informe, DD/MM/AAAA (por omisión, el 31 de diciembre del año).
    #[arg(long, value_name = "DD/MM/AAAA", value_parser = parse_fecha, help_heading = "Opciones")]
    pub fecha: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub espera: Espera,
}

/// How long a run waits for another one that is publishing in the same folder.
#[derive(Debug, Args)]
pub struct Espera {
    /// Segundos que espera si otra ejecución está publicando en la misma carpeta de salida (por omisión, 60; 0 no espera).
    #[arg(
        long = "espera",
        value_name = "SEGUNDOS",
        default_value_t = 60,
        hide_default_value = true,
        help_heading = "Opciones"
    )]
    pub segundos: u64,
}

impl Espera {
    pub fn duracion(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.segundos)
    }
}

#[derive(Debug, Args)]
pub struct Validar {
    #[command(flatten)]
    pub entrada: Entrada,
    /// Además, calcula el mes indicado y muestra sus avisos.
    #[arg(long, value_name = "AAAA-MM", value_parser = parse_periodo, help_heading = "Opciones")]
    pub periodo: Option<Periodo>,
}

#[derive(Debug, Args)]
pub struct Iniciar {
    /// Carpeta donde escribir las entradas iniciales (por omisión, inputs).
    #[arg(
        value_name = "CARPETA",
        default_value = "inputs",
        hide_default_value = true,
        help_heading = "Argumentos"
    )]
    pub carpeta: PathBuf,
    /// Escribe rendicion.xlsx con el diseño del formulario del CPCCS (una hoja por sección con su título, los títulos de columna del formulario y sus filas fijas) en lugar de una hoja por clave de sección con «entidad».
    #[arg(long, help_heading = "Opciones")]
    pub formulario: bool,
}

#[derive(Debug, Args)]
pub struct Plantillas {
    /// Carpeta de destino (por omisión, inputs/plantillas).
    #[arg(
        long,
        value_name = "CARPETA",
        default_value = "inputs/plantillas",
        hide_default_value = true,
        help_heading = "Opciones"
    )]
    pub destino: PathBuf,
}

#[derive(Debug, Args)]
pub struct Verificar {
    /// Carpeta publicada, con su manifest.json (p. ej. outputs/2025-06).
    #[arg(value_name = "CARPETA", help_heading = "Argumentos")]
    pub carpeta: PathBuf,
    /// Además, comprueba que los archivos de esta carpeta de entrada sean los del manifiesto.
    #[arg(long, value_name = "CARPETA", help_heading = "Opciones")]
    pub entrada: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Revisar {
    /// Carpeta del mes publicado (p. ej. outputs/2025-06), su pnt/numeral_1.3, o una carpeta con el conjunto de datos, los metadatos y el diccionario en CSV.
    #[arg(value_name = "CARPETA", help_heading = "Argumentos")]
    pub carpeta: PathBuf,
    /// Fecha contra la que se juzga el plazo (por omisión, la de hoy).
    #[arg(long, value_name = "DD/MM/AAAA", value_parser = parse_fecha, help_heading = "Opciones")]
    pub hoy: Option<chrono::NaiveDate>,
    /// Carpeta de plantillas propias, con pnt_1.3.toml si la institución lo corrigió (por omisión, inputs/plantillas).
    #[arg(
        long,
        value_name = "CARPETA",
        default_value = "inputs/plantillas",
        hide_default_value = true,
        help_heading = "Opciones"
    )]
    pub plantillas: PathBuf,
}

fn parse_periodo(s: &str) -> Result<Periodo, String> {
    s.parse()
}

fn parse_fecha(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y")
        .map_err(|_| format!("«{s}» no es una fecha DD/MM/AAAA"))
}

/// Puts clap's usage errors into Spanish; `comando` is the subcommand
/// being parsed, whose help the message points to.
pub fn usage_error(e: &clap::Error, comando: Option<&str>) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let sugerencia = |kind: ContextKind| {
        let s = ctx(kind);
        if s.is_empty() {
            String::new()
        } else {
            format!("; ¿quiso decir «{s}»?")
        }
    };
    let msg = match e.kind() {
        ErrorKind::UnknownArgument => format!(
            "argumento desconocido «{arg}»{}",
            sugerencia(ContextKind::SuggestedArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "comando desconocido «{}»{}; los comandos son {}",
            ctx(ContextKind::InvalidSubcommand),
            sugerencia(ContextKind::SuggestedSubcommand),
            enumeracion(&comandos(), "y")
        ),
        ErrorKind::MissingRequiredArgument => format!("falta el argumento obligatorio {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("falta el comando: {}", enumeracion(&comandos(), "o"))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = ctx(ContextKind::InvalidValue);
            let valid = ctx(ContextKind::ValidValue);
            let why = e.source().map(|s| s.to_string()).unwrap_or_default();
            if value.trim().is_empty() {
                return con_ayuda(&format!("falta el valor de {arg}"), comando);
            }
            let mut m = format!("valor no válido «{value}» para {arg}");
            if !valid.is_empty() {
                m.push_str(&format!("; valores posibles: {valid}"));
            }
            if !why.is_empty() {
                m.push_str(&format!(": {why}"));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            format!("el argumento {arg} no se puede usar junto con otro indicado")
        }
        ErrorKind::TooManyValues | ErrorKind::NoEquals => format!("uso incorrecto de {arg}"),
        _ => e.to_string(),
    };
    con_ayuda(&msg, comando)
}

/// The message and where to read more: the subcommand's help when there is one.
fn con_ayuda(msg: &str, comando: Option<&str>) -> String {
    match comando {
        Some(c) => format!("error: {msg}\nPara más información, use «lotaip {c} --help»."),
        None => format!("error: {msg}\nPara más información, use «lotaip --help»."),
    }
}

/// The names of the commands, as written on the command line, in the
/// order of the help.
pub fn comandos() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// `a, b y c` (or `o`).
fn enumeracion(v: &[String], conjuncion: &str) -> String {
    match v.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjuncion} {last}", rest.join(", "))
        }
        _ => v.join(""),
    }
}

/// `lotaip help [COMANDO]` (or `ayuda`) as `lotaip [COMANDO] --help`.
pub fn ayuda_como_opcion(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_some_and(|a| a == "help" || a == "ayuda") {
        args.remove(1);
        args.insert(args.len().min(2), "--help".into());
    }
    args
}

use std::error::Error as _;
