//! A run killed at any moment leaves the published folder as the previous
//! publication or as the complete new one, never anything in between; the
//! next run repairs the leftovers and is not blocked by the dead run's lock.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A deterministic pseudo-random sequence (a 64-bit LCG, Knuth's MMIX
/// constants): the same delays on every run of the test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// What a killed run left behind.
#[derive(Debug, Default)]
struct Outcomes {
    /// Last stage the run announced → (previous publication, new publication).
    by_stage: BTreeMap<String, (usize, usize)>,
    /// Kills after which a hidden temporary folder was left for the next run.
    leftovers: usize,
}

/// The declared date of the publication in `dir`, from its manifest.
fn fecha_publicada(dir: &Path) -> String {
    let m = lotaip::publish::verify(dir).expect("a publication with its manifest");
    assert!(
        m.diferencias.is_empty(),
        "{} does not match its manifest: {:?}",
        dir.display(),
        m.diferencias
    );
    m.manifest.fecha_actualizacion
}

/// Runs `generar` `kills` times, killing it with SIGKILL after a
/// pseudo-random delay, and checks the published folder after each kill.
fn kill_repeatedly(entrada: &Path, kills: usize, seed: u64) -> Outcomes {
    let root = tempfile::tempdir().unwrap();
    let published = root.path().join("2025-06");
    let dates = ["15/06/2025", "30/06/2025"];
    // The previous publication, and how long a whole run takes here.
    let start = Instant::now();
    let o = generar_en(entrada, "2025-06", root.path(), &["--fecha", dates[0]]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let whole = start.elapsed();
    let mut rng = Lcg(seed);
    let mut out = Outcomes::default();
    for _ in 0..kills {
        let before = contents(&published);
        let old = fecha_publicada(&published);
        // Publish the other date, so that old and new differ.
        let (fecha, iso) = if old == "2025-06-15" {
            (dates[1], "2025-06-30")
        } else {
            (dates[0], "2025-06-15")
        };
        // Up to 1.2 × a whole run: some kills land after the end.
        let delay = Duration::from_micros(rng.next() % (whole.as_micros() as u64 * 6 / 5));
        let mut child = Command::new(env!("CARGO_BIN_EXE_lotaip"))
            .args(["generar", "--periodo", "2025-06", "--fecha", fecha])
            .arg("--entrada")
            .arg(entrada)
            .arg("--salida")
            .arg(root.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only if it already ended
        let mut log = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        child.wait().unwrap();
        let stage = log
            .lines()
            .rfind(|l| l.starts_with('['))
            .map(|l| l.split_once("] ").map_or(l, |(_, s)| s))
            // `Generando <output>`; of the others, the verb alone.
            .map(|s| match s.starts_with("Generando") {
                true => s.to_string(),
                false => s.split(' ').next().unwrap_or(s).to_string(),
            })
            .unwrap_or_else(|| "antes de empezar".to_string());
        let stage = if log.contains("Tiempo:") {
            "terminada".to_string()
        } else {
            stage
        };
        let after = contents(&published);
        let entry = out.by_stage.entry(stage.clone()).or_default();
        if after == before {
            entry.0 += 1;
        } else {
            assert_eq!(
                fecha_publicada(&published),
                iso,
                "killed at «{stage}»: the folder is neither the previous publication nor the new one"
            );
            entry.1 += 1;
        }
        let names = files_under(root.path());
        let stray: Vec<&String> = names
            .iter()
            .filter(|n| !n.starts_with("2025-06/") && *n != ".lotaip.lock")
            // The root's own pages, written after the month.
            .filter(|n| *n != "index.html" && *n != ".lotaip-portada" && !n.starts_with("ultimo/"))
            .collect();
        assert!(
            stray.iter().all(|n| n.starts_with(".2025-06.nuevo/")
                || n.starts_with(".ultimo.nuevo/")
                || *n == ".index.html.nuevo"
                || *n == "..lotaip-portada.nuevo"),
            "killed at «{stage}», unexpected files: {stray:?}"
        );
        if !stray.is_empty() {
            out.leftovers += 1;
        }
    }
    // The next run repairs everything and leaves only the publication.
    let o = generar_en(entrada, "2025-06", root.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let names = files_under(root.path());
    assert!(
        names.iter().all(|n| n.starts_with("2025-06/")
            || n.starts_with("ultimo/")
            || n == "index.html"
            || n == ".lotaip-portada"
            || n == ".lotaip.lock"),
        "{names:?}"
    );
    fecha_publicada(&published);
    eprintln!("{kills} kills, at the last stage announced (previous, new): {out:#?}");
    out
}

#[test]
fn killing_a_run_on_the_fixture_never_breaks_the_publication() {
    let o = kill_repeatedly(&fixture("basico"), 30, 0x10AA1F);
    // Some kills land before the swap. (How many land after it depends on
    // the machine's load, so it is reported, not asserted.)
    let old: usize = o.by_stage.values().map(|(a, _)| a).sum();
    assert!(old > 0, "{o:?}");
}

#[test]
fn killing_a_run_on_the_sample_inputs_never_breaks_the_publication() {
    kill_repeatedly(&sample_inputs(), 6, 0x5EED);
}
