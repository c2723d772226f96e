//! Progress of a run: a bar on a terminal, one plain line per stage
//! otherwise (a scheduler's log, a pipe), each with the seconds elapsed.
//! Lines go to stdout with the summary, so `> /dev/null` in a crontab leaves
//! only errors.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use lotaip::format;
use lotaip::publish::Paso;

/// Reports the stages of a run.
pub struct Progreso {
    bar: Option<ProgressBar>,
    start: Instant,
}

impl Progreso {
    /// `etapas`: how many stages the run will announce (the bar's length).
    pub fn new(etapas: u64) -> Progreso {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::with_draw_target(Some(etapas), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            b.enable_steady_tick(Duration::from_millis(120));
            b
        });
        Progreso {
            bar,
            start: Instant::now(),
        }
    }

    /// A new stage starts.
    pub fn etapa(&self, texto: &str) {
        match &self.bar {
            Some(b) => {
                b.inc(1);
                b.set_message(texto.to_string());
            }
            None => say!("[{}] {texto}", self.segundos()),
        }
    }

    /// A step of the publication: file counts on the bar, nothing in logs
    /// (the stage line already said how many files).
    pub fn paso(&self, paso: Paso) {
        if let (Some(b), Paso::Escribiendo { escritos, total }) = (&self.bar, paso) {
            b.set_message(format!("Escribiendo archivos ({escritos} de {total})"));
        }
    }

    /// Seconds since the start, `1,25 s`.
    pub fn segundos(&self) -> String {
        let ms = self.start.elapsed().as_millis() as i64;
        format!(
            "{} s",
            format::numero_con(rust_decimal::Decimal::new(ms, 3), Some(2))
        )
    }

    /// Clears the bar before the summary is printed.
    pub fn terminar(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for Progreso {
    fn drop(&mut self) {
        // An error ends the run early: do not leave a half-drawn bar behind.
        self.terminar();
    }
}
