//! convertir-semilla: turns the IESS 2025 operating plan (plain-text dump)
//! into the sample inputs of lotaip: `metas.xlsx` (real targets),
//! `resultados.xlsx` and `presupuesto.xlsx` (deterministic sample data).

mod block;
mod budget;
mod checks;
mod classify;
mod hash;
mod number;
mod period;
mod plan;
mod process;
mod provinces;
mod rendicion;
mod results;
mod seed;
mod summary;
mod targets;
mod units;
mod xlsx;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Convierte el POA 2025 del IESS (volcado de texto) en las entradas de
/// ejemplo de lotaip: metas.xlsx, resultados.xlsx y presupuesto.xlsx.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Volcado de texto del POA 2025 (000_6de103d26a7702fd.txt)
    semilla: PathBuf,
    /// Carpeta de salida (se crea si no existe)
    salida: PathBuf,
    /// Formulario de rendición de cuentas del IESS (004_7b44772bd68d0379.txt):
    /// sus respuestas pasan a rendicion.xlsx, para la institución.
    #[arg(long)]
    rendicion: Option<PathBuf>,
}

fn run(args: &Args) -> Result<bool, String> {
    let text = std::fs::read_to_string(&args.semilla)
        .map_err(|e| format!("no se pudo leer {}: {e}", args.semilla.display()))?;
    let seed = seed::read(&text)?;
    let plan = plan::build(&seed)?;
    let facts = checks::facts(&seed, &plan);
    summary::print_seed(&seed, &plan, &facts);
    let passed = summary::print_checks(&checks::verify(&facts));
    if !passed {
        return Ok(false);
    }
    std::fs::create_dir_all(&args.salida)
        .map_err(|e| format!("no se pudo crear {}: {e}", args.salida.display()))?;
    let xlsx_err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let results = results::generate(&plan);
    let budget = budget::generate(&plan);
    let metas_rows = xlsx::write_metas(&plan, &args.salida.join("metas.xlsx")).map_err(xlsx_err)?;
    let result_rows =
        xlsx::write_resultados(&results, &args.salida.join("resultados.xlsx")).map_err(xlsx_err)?;
    let budget_rows = xlsx::write_presupuesto(&budget, &args.salida.join("presupuesto.xlsx"))
        .map_err(xlsx_err)?;
    println!("\n== Salidas en {}", args.salida.display());
    println!("metas.xlsx: {metas_rows} filas");
    println!(
        "resultados.xlsx: {result_rows} filas (datos de ejemplo; con observación: {}, con medio de verificación: {})",
        results.iter().filter(|r| r.observacion.is_some()).count(),
        results.iter().filter(|r| r.medio.is_some()).count()
    );
    let units: std::collections::BTreeSet<_> = budget.iter().map(|b| b.unit.as_str()).collect();
    println!(
        "presupuesto.xlsx: {budget_rows} filas (datos de ejemplo; {} unidades, {} con inversión)",
        units.len(),
        budget
            .iter()
            .filter(|b| b.tipo == "inversion" && b.month == 1)
            .count()
    );
    if let Some(form) = &args.rendicion {
        let text = std::fs::read_to_string(form)
            .map_err(|e| format!("no se pudo leer {}: {e}", form.display()))?;
        let counts =
            rendicion::write(&text, &args.salida.join("rendicion.xlsx")).map_err(xlsx_err)?;
        let shown: Vec<String> = counts.iter().map(|(s, n)| format!("{s} {n}")).collect();
        println!(
            "rendicion.xlsx: respuestas del formulario real (semilla 004) para la institución: {}",
            shown.join(", ")
        );
    }
    Ok(true)
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("error: la semilla no cumple las comprobaciones; no se escribió nada");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
