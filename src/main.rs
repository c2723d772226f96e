//! The `lotaip` command: parses arguments, runs one command, prints its
//! summary and maps errors to the documented exit codes
//! (0 ok, 1 bad input, 2 usage, 3 output failure).

/// Prints a line of a command's report. A closed standard output
/// (`lotaip … | head`, a cron job that discards it) never stops a run.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Prints a line on standard error, ignoring a closed stream.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// Every allocation counts against the run's memory bound (`lotaip::memory`).
#[global_allocator]
static ALLOCATOR: lotaip::memory::Bounded = lotaip::memory::Bounded::new(memory_exceeded);

/// Environment variable that sets the memory bound, in MiB.
const MEMORY_VAR: &str = "LOTAIP_MEMORIA_MIB";

/// Ends a run that would pass its memory bound, with a Spanish message and
/// exit code 1 (an input made it: a damaged file, a template's loops). It
/// runs inside the allocator, so it writes without formatting into a new
/// string and ends the process without unwinding. Nothing has been
/// published: the output folder is only touched after everything is made.
fn memory_exceeded(bytes: usize) {
    use std::io::Write as _;
    let mut e = std::io::stderr().lock();
    let mib = lotaip::memory::limit() >> 20;
    let _ = write!(
        e,
        "error: la ejecución se detuvo porque necesitaba más memoria que su límite de {mib} MiB"
    );
    lotaip::memory::current_stage(&mut |stage| {
        if !stage.is_empty() {
            let _ = write!(e, " mientras {stage}");
        }
    });
    if bytes >= 64 << 20 {
        // One request that large is a size some file declared.
        let _ = write!(e, " (una sola petición de {} MiB)", bytes >> 20);
    }
    let _ = writeln!(
        e,
        ": una entrada declara o produce un tamaño desmedido (un libro dañado o alterado, una plantilla con bucles enormes). No se publicó nada. Si los datos son realmente tan grandes, suba el límite con {MEMORY_VAR}."
    );
    std::process::exit(1);
}

/// A panic the program did not contain is a defect of the program: say so
/// in Spanish, once, instead of Rust's English report.
fn panic_in_spanish() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        say_err!(
            "error interno de lotaip: {what}{at}. Es un defecto del programa, no de sus datos; la publicación anterior queda como estaba. Comuníquelo a quien mantiene lotaip con este mensaje y las entradas que lo causaron."
        );
    }));
}

fn main() -> ExitCode {
    panic_in_spanish();
    if let Some(mib) = std::env::var(MEMORY_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        lotaip::memory::set_limit(mib.saturating_mul(1 << 20));
    }
    let argv = cli::ayuda_como_opcion(std::env::args_os().collect());
    // The subcommand being parsed, for the help an error points to.
    let nombres = cli::comandos();
    let comando = argv
        .iter()
        .skip(1)
        .find_map(|a| nombres.iter().find(|c| a == c.as_str()))
        .map(String::as_str);
    let args = match cli::Cli::try_parse_from(&argv) {
        Ok(a) => a,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    say_err!("{}", cli::usage_error(&e, comando));
                    ExitCode::from(2)
                }
            };
        }
    };
    match cmd::execute(args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say_err!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
