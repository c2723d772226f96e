//! A whole-input fuzzer on stable Rust: the real sample `metas`, `resultados`
//! and `presupuesto` files, in one format, damaged by `mutar`, and the whole
//! month run on them in-process (`input::load`, the computation, every
//! renderer, and now and then the accountability report). A case fails when
//! it panics past the program's own containment, aborts, passes the memory
//! bound or hangs. Failing cases are kept as input folders.
//!
//! ```text
//! cargo run --release --example fuzz -- --formato xlsx --minutos 30
//! cargo run --release --example fuzz -- --formato todos --segundos 60   # smoke
//! ```
//!
//! The supervisor runs the cases in child processes (the same binary with
//! `--trabajador`), so that an abort or a hang is caught and the case that
//! caused it is kept. `.xls` and `.ods` seeds are the sample inputs converted
//! with LibreOffice (`soffice`) when it is installed, otherwise the small
//! fixtures of `tests/fixtures/formatos`.

mod mutar;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use lotaip::model::Periodo;
use lotaip::publicacion::{self, Anual, Entrada, Salida};
use lotaip::publish::Inicio;

use mutar::Rng;

/// The fuzzer's own bound: a case of the sample month needs about 400 MiB.
const MEMORY: usize = 2 << 30;

#[global_allocator]
static ALLOCATOR: lotaip::memory::Bounded = lotaip::memory::Bounded::new(over_bound);

fn over_bound(bytes: usize) {
    use std::io::Write as _;
    let mut e = std::io::stderr().lock();
    let _ = writeln!(
        e,
        "FALLO memoria: se pidieron {} MiB más del límite",
        bytes >> 20
    );
    std::process::abort();
}

const FORMATS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];
const KINDS: [&str; 3] = ["metas", "resultados", "presupuesto"];
/// A case that makes no progress for this long is a hang.
const HANG: Duration = Duration::from_secs(120);
const BATCH: u64 = 200;

struct Args {
    formats: Vec<String>,
    seconds: u64,
    seed: u64,
    dir: PathBuf,
    worker: Option<(u64, u64)>,
    /// A worker stops at this time (seconds since 1970).
    until: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        formats: vec!["xlsx".into()],
        seconds: 60,
        seed: 1,
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz"),
        worker: None,
        until: u64::MAX,
    };
    let mut it = std::env::args().skip(1);
    let mut from = 0;
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("falta el valor de {flag}"));
        match flag.as_str() {
            "--formato" => {
                let f = val()?;
                a.formats = if f == "todos" {
                    FORMATS.iter().map(|s| s.to_string()).collect()
                } else if FORMATS.contains(&f.as_str()) {
                    vec![f]
                } else {
                    return Err(format!(
                        "formato desconocido «{f}»: xlsx, xls, ods, csv o todos"
                    ));
                };
            }
            "--minutos" => a.seconds = val()?.parse::<u64>().map_err(|e| e.to_string())? * 60,
            "--segundos" => {
                a.seconds = val()?
                    .parse()
                    .map_err(|e: std::num::ParseIntError| e.to_string())?
            }
            "--semilla" => {
                a.seed = val()?
                    .parse()
                    .map_err(|e: std::num::ParseIntError| e.to_string())?
            }
            "--salida" => a.dir = PathBuf::from(val()?),
            "--hasta" => {
                a.until = val()?
                    .parse()
                    .map_err(|e: std::num::ParseIntError| e.to_string())?
            }
            "--desde" => {
                from = val()?
                    .parse()
                    .map_err(|e: std::num::ParseIntError| e.to_string())?
            }
            "--trabajador" => {
                let n = val()?
                    .parse()
                    .map_err(|e: std::num::ParseIntError| e.to_string())?;
                a.worker = Some((from, n));
            }
            other => return Err(format!("opción desconocida «{other}»")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    lotaip::memory::set_limit(MEMORY);
    if let Some((from, n)) = a.worker {
        return worker(&a.formats[0], a.seed, from, n, a.until, &a.dir);
    }
    let per_format = Duration::from_secs(a.seconds);
    let mut failures = 0;
    for f in &a.formats {
        match supervise(f, a.seed, per_format, &a.dir) {
            Ok((cases, failed, tally)) => {
                println!(
                    "{f}: {cases} casos en {} s, {failed} fallos (en {}); {}",
                    per_format.as_secs(),
                    a.dir.join(f).join("fallos").display(),
                    tally.describe()
                );
                failures += failed;
            }
            Err(e) => {
                eprintln!("error: {f}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// How far the cases got: refused at reading, at computing, or rendered.
#[derive(Default)]
struct Tally([u64; 4]);

impl Tally {
    const NAMES: [&str; 4] = [
        "rechazados (entradas)",
        "",
        "con error que no es de entrada",
        "publicables",
    ];

    fn describe(&self) -> String {
        Self::NAMES
            .iter()
            .zip(self.0)
            .filter(|(n, _)| !n.is_empty())
            .map(|(n, v)| format!("{v} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn read(path: &Path) -> Tally {
        let mut t = Tally::default();
        if let Ok(text) = std::fs::read_to_string(path) {
            for (i, v) in text.split_whitespace().enumerate().take(4) {
                t.0[i] = v.parse().unwrap_or(0);
            }
        }
        t
    }

    fn write(&self, path: &Path) {
        let text: Vec<String> = self.0.iter().map(u64::to_string).collect();
        let _ = std::fs::write(path, text.join(" "));
    }
}

/// Runs batches of cases in child processes for `time`; returns the cases
/// run, the failures kept and how far the cases got.
fn supervise(
    format: &str,
    seed: u64,
    time: Duration,
    root: &Path,
) -> Result<(u64, u64, Tally), String> {
    let dir = root.join(format);
    std::fs::create_dir_all(dir.join("fallos")).map_err(|e| e.to_string())?;
    seeds(format, &dir.join("semillas"))?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let until = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        + time.as_secs();
    let (mut next, mut failures, mut tally) = (0u64, 0u64, Tally::default());
    while start.elapsed() < time {
        let status_file = dir.join("actual.txt");
        let _ = std::fs::remove_file(&status_file);
        let _ = std::fs::remove_file(dir.join("hechos.txt"));
        let _ = std::fs::remove_file(dir.join("cuentas.txt"));
        let mut child = Command::new(&exe)
            .args(["--formato", format, "--semilla", &seed.to_string()])
            .args([
                "--salida",
                &root.to_string_lossy(),
                "--desde",
                &next.to_string(),
            ])
            .args(["--hasta", &until.to_string()])
            .args(["--trabajador", &BATCH.to_string()])
            .spawn()
            .map_err(|e| e.to_string())?;
        let mut last = (None, Instant::now());
        let outcome = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break Some(status);
            }
            let now = std::fs::read_to_string(&status_file).ok();
            if now != last.0 {
                last = (now, Instant::now());
            } else if last.1.elapsed() > HANG {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        let current: Option<u64> = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|t| t.trim().parse().ok());
        let done = std::fs::read_to_string(dir.join("hechos.txt"))
            .ok()
            .and_then(|t| t.trim().parse::<u64>().ok())
            .unwrap_or(0);
        failures += std::fs::read_to_string(dir.join("fallos_lote.txt"))
            .ok()
            .and_then(|t| t.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let _ = std::fs::remove_file(dir.join("fallos_lote.txt"));
        let batch = Tally::read(&dir.join("cuentas.txt"));
        for (t, b) in tally.0.iter_mut().zip(batch.0) {
            *t += b;
        }
        match outcome {
            Some(s) if s.success() => next += done,
            other => {
                // The case in progress aborted, passed the bound or hung.
                let case = current.unwrap_or(next);
                let why = match other {
                    Some(s) => format!("el proceso terminó con {s}"),
                    None => format!("sin avance en {} s", HANG.as_secs()),
                };
                keep(&dir, case, &why)?;
                failures += 1;
                next = case + 1;
            }
        }
    }
    Ok((next, failures, tally))
}

/// Copies the case folder of a failed case into `fallos/`.
fn keep(dir: &Path, case: u64, why: &str) -> Result<(), String> {
    let to = dir.join("fallos").join(format!("caso-{case}"));
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(&to).map_err(|e| e.to_string())?;
    let from = dir.join("caso");
    if let Ok(entries) = std::fs::read_dir(&from) {
        for e in entries.flatten() {
            let _ = std::fs::copy(e.path(), to.join(e.file_name()));
        }
    }
    std::fs::write(to.join("motivo.txt"), format!("{why}\n")).map_err(|e| e.to_string())?;
    eprintln!("FALLO caso {case}: {why} (en {})", to.display());
    Ok(())
}

/// Runs cases `from .. from + n` in this process, or until `until`.
fn worker(format: &str, seed: u64, from: u64, n: u64, until: u64, root: &Path) -> ExitCode {
    let dir = root.join(format);
    let seeds = dir.join("semillas");
    let case_dir = dir.join("caso");
    let mut failed = 0u64;
    let mut tally = Tally::default();
    for i in from..from + n {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        if now >= until {
            break;
        }
        let _ = std::fs::remove_dir_all(&case_dir);
        if build_case(format, seed, i, &seeds, &case_dir).is_err() {
            continue;
        }
        let _ = std::fs::write(dir.join("actual.txt"), i.to_string());
        let _ = lotaip::contain::take_last();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&case_dir, i)));
        match &outcome {
            Ok(Ok(stage)) => tally.0[*stage] += 1,
            Ok(Err(why)) => {
                tally.0[2] += 1;
                let _ = keep(&dir, i, why);
                failed += 1;
            }
            Err(_) => {}
        }
        // A panic the program contained is expected in a parser (it became
        // a «libro dañado»), never in lotaip's own code.
        if let Some(at) = lotaip::contain::take_last()
            && !at.contains("/.cargo/registry/")
        {
            let _ = keep(
                &dir,
                i,
                &format!("pánico contenido en el código propio: {at}"),
            );
            failed += 1;
        }
        tally.write(&dir.join("cuentas.txt"));
        if let Err(p) = outcome {
            let why = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let _ = keep(&dir, i, &format!("pánico: {why}"));
            failed += 1;
        }
        let _ = std::fs::write(dir.join("hechos.txt"), (i + 1 - from).to_string());
    }
    let _ = std::fs::write(dir.join("fallos_lote.txt"), failed.to_string());
    ExitCode::SUCCESS
}

/// The month (and sometimes the year) on one case, as `generar` and
/// `rendicion` run them: the month checked in memory, the year published
/// into the case's folder. Refusals are fine; only panics, aborts and hangs
/// fail. Returns how far it got (see [`Tally`]).
fn run(dir: &Path, case: u64) -> Result<usize, String> {
    let entrada = Entrada {
        carpeta: dir.to_path_buf(),
        plantillas: dir.join("plantillas"),
        porcentajes: None,
    };
    let mes = 1 + (case % 12) as u8;
    // An input refused is the expected outcome of most cases; any other
    // error (a renderer failing on inputs that passed every check) is a
    // defect, kept like a crash.
    let defect = |e: lotaip::error::Error| {
        format!("error que no es de entrada (código {}): {e}", e.exit_code())
    };
    match publicacion::validar(&entrada, Some(Periodo { anio: 2025, mes })) {
        Ok(_) => {}
        Err(e) if e.exit_code() == 1 => return Ok(0),
        Err(e) => return Err(defect(e)),
    }
    if case.is_multiple_of(4) {
        let anual = Anual {
            entrada,
            anio: 2025,
            salida: Salida {
                carpeta: dir.join("salida"),
                espera: Duration::from_secs(1),
            },
            fecha: None,
        };
        match publicacion::anual(&anual, Inicio::ahora()) {
            Ok(_) => {}
            Err(e) if e.exit_code() == 1 => return Ok(0),
            Err(e) => return Err(defect(e)),
        }
    }
    Ok(3)
}

/// Writes case `i`: the seeds, one or two of them damaged.
fn build_case(format: &str, seed: u64, i: u64, seeds: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    let mut rng = Rng::new(seed.wrapping_mul(0x1000_0000_01B3).wrapping_add(i));
    for e in std::fs::read_dir(seeds)?.flatten() {
        std::fs::copy(e.path(), to.join(e.file_name()))?;
    }
    let damaged = if rng.chance(4) { 2 } else { 1 };
    for _ in 0..damaged {
        let kind = rng.pick(&KINDS);
        let path = to.join(format!("{kind}.{format}"));
        let Ok(mut data) = std::fs::read(&path) else {
            continue;
        };
        for _ in 0..1 + rng.below(3) {
            match format {
                "xlsx" | "ods" => mutar::zip(&mut rng, &mut data),
                "xls" => mutar::xls(&mut rng, &mut data),
                _ => mutar::csv(&mut rng, &mut data),
            }
        }
        std::fs::write(&path, data)?;
    }
    // Now and then a template, the accountability answers or the settings too.
    if rng.chance(10) {
        let (name, text) = rng.pick(lotaip::render::BUILTIN);
        let mut data = text.as_bytes().to_vec();
        for _ in 0..1 + rng.below(3) {
            if rng.chance(3) {
                mutar::bytes(&mut rng, &mut data);
            } else {
                mutar::xml(&mut rng, &mut data);
            }
        }
        std::fs::create_dir_all(to.join("plantillas"))?;
        std::fs::write(to.join("plantillas").join(name), data)?;
    }
    if rng.chance(8) {
        let path = to.join("rendicion.xlsx");
        if let Ok(mut data) = std::fs::read(&path) {
            mutar::zip(&mut rng, &mut data);
            std::fs::write(&path, data)?;
        }
    }
    if rng.chance(16) {
        let path = to.join("lotaip.toml");
        if let Ok(mut data) = std::fs::read(&path) {
            mutar::toml(&mut rng, &mut data);
            std::fs::write(&path, data)?;
        }
    }
    Ok(())
}

/// The undamaged inputs of a format: the sample inputs' `lotaip.toml` and
/// `rendicion.xlsx`, and their three data files in `format`.
fn seeds(format: &str, to: &Path) -> Result<(), String> {
    let done = to.join("listo");
    if done.exists() {
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = root.join("inputs");
    for f in ["lotaip.toml", "rendicion.xlsx"] {
        std::fs::copy(inputs.join(f), to.join(f)).map_err(|e| format!("{f}: {e}"))?;
    }
    match format {
        "xlsx" => {
            for k in KINDS {
                let f = format!("{k}.xlsx");
                std::fs::copy(inputs.join(&f), to.join(&f)).map_err(|e| format!("{f}: {e}"))?;
            }
        }
        "csv" => {
            for k in KINDS {
                let path = inputs.join(format!("{k}.xlsx"));
                std::fs::write(to.join(format!("{k}.csv")), to_csv(&path)?)
                    .map_err(|e| e.to_string())?;
            }
        }
        _ => {
            let converted = Command::new("soffice")
                .args(["--headless", "--convert-to", format, "--outdir"])
                .arg(to)
                .args(KINDS.map(|k| inputs.join(format!("{k}.xlsx"))))
                .output();
            if !converted.is_ok_and(|o| o.status.success())
                || KINDS
                    .iter()
                    .any(|k| !to.join(format!("{k}.{format}")).exists())
            {
                // Without LibreOffice: the small fixture as metas, and
                // basico's other files.
                eprintln!(
                    "aviso: sin soffice, las semillas .{format} son tests/fixtures/formatos/metas.{format} y las de tests/fixtures/basico"
                );
                for e in std::fs::read_dir(to).map_err(|e| e.to_string())?.flatten() {
                    let _ = std::fs::remove_file(e.path());
                }
                let basico = root.join("tests/fixtures/basico");
                for f in ["lotaip.toml", "resultados.csv", "presupuesto.csv"] {
                    std::fs::copy(basico.join(f), to.join(f)).map_err(|e| e.to_string())?;
                }
                let f = format!("metas.{format}");
                std::fs::copy(root.join("tests/fixtures/formatos").join(&f), to.join(&f))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    std::fs::write(done, "").map_err(|e| e.to_string())
}

/// The first sheet of a workbook as a semicolon CSV (the Spanish convention).
fn to_csv(path: &Path) -> Result<String, String> {
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let name = wb.sheet_names().first().cloned().ok_or("sin hojas")?;
    let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let t = match c {
                    Data::Float(f) => f.to_string().replace('.', ","),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                };
                if t.contains([';', '"', '\n']) {
                    format!("\"{}\"", t.replace('"', "\"\""))
                } else {
                    t
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            out.push_str(&cells.join(";"));
            out.push('\n');
        }
    }
    Ok(out)
}
