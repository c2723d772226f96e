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

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    say_err!("{}", cli::usage_error(&e));
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
