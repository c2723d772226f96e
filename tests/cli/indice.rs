//! The download page opened in headless Chromium, as a provincial director
//! would open it: it renders, every province is listed with both links, every
//! link resolves to a file of the publication, and nothing is loaded from
//! outside. Screenshots at phone and desktop widths are kept in the target
//! folder (`capturas/`) for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// The Chromium binary: `$CHROMIUM`, or Debian's `chromium` on the PATH.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return p.into();
    }
    for dir in std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
    {
        for name in ["chromium", "chromium-browser"] {
            if dir.join(name).is_file() {
                return dir.join(name);
            }
        }
    }
    panic!(
        "this test needs Chromium to open index.html: install it (apt-get install -y chromium) or set CHROMIUM to its path"
    );
}

/// Runs headless Chromium on a page with extra arguments; returns stdout.
fn headless(page: &Path, profile: &Path, args: &[&str]) -> String {
    let url = format!("file://{}", page.display());
    let o = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every value of an attribute in a document, HTML entities decoded.
fn attributes(dom: &str, attr: &str) -> Vec<String> {
    let key = format!(" {attr}=\"");
    dom.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &dom[i + key.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// Width and height of a PNG, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let b = std::fs::read(path).expect("screenshot written");
    assert_eq!(&b[1..4], b"PNG", "{} is not a PNG", path.display());
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    (be(16), be(20))
}

#[test]
fn the_index_page_lists_every_province_with_working_links() {
    let out = tempfile::tempdir().unwrap();
    let o = generar_en(&sample_inputs(), "2025-06", out.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let dir = out.path().join("2025-06");
    let page = dir.join("index.html");
    let profile = tempfile::tempdir().unwrap();

    let dom = headless(&page, profile.path(), &["--dump-dom"]);
    assert!(dom.contains("Instituto Ecuatoriano de Seguridad Social"));
    assert!(dom.contains("Fecha de actualización: <strong>30/06/2025</strong>"));
    // Every province, each with its PDF and Excel links.
    for p in lotaip::model::provincia_nombres() {
        assert!(
            dom.contains(&format!("<td class=\"provincia\">{p}</td>")),
            "{p} missing"
        );
    }
    let hrefs = attributes(&dom, "href");
    let provincias: Vec<&String> = hrefs
        .iter()
        .filter(|h| h.starts_with("provincias/"))
        .collect();
    assert_eq!(provincias.len(), 48, "{provincias:?}");
    // Every link is relative and resolves to a file of the publication.
    for h in &hrefs {
        assert!(
            !h.contains(':') && !h.starts_with('/'),
            "{h} is not relative"
        );
        assert!(dir.join(h).is_file(), "{h} does not resolve to a file");
    }
    // Every file of the publication is offered.
    for f in files_under(&dir) {
        if f != "index.html" {
            assert!(hrefs.contains(&f), "{f} is not linked");
        }
    }
    // Nothing loads from elsewhere: no scripts, stylesheets or images.
    for attr in ["src", "srcset"] {
        assert!(attributes(&dom, attr).is_empty(), "{attr} in the page");
    }
    assert!(!dom.contains("<link "), "a linked resource in the page");

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("capturas");
    std::fs::create_dir_all(&shots).unwrap();
    for (w, h) in [(390, 844), (1280, 900), (390, 3400), (1280, 2300)] {
        let png = shots.join(format!("indice_{w}x{h}.png"));
        let _ = std::fs::remove_file(&png);
        headless(
            &page,
            profile.path(),
            &[
                &format!("--screenshot={}", png.display()),
                &format!("--window-size={w},{h}"),
            ],
        );
        assert_eq!(png_size(&png), (w, h), "{}", png.display());
        let bytes = std::fs::metadata(&png).unwrap().len();
        // A blank page compresses to a few KB; the rendered one does not.
        assert!(bytes > 20_000, "{} is almost empty", png.display());
    }
}

/// The page fits a phone: at every width from a small phone to a desktop,
/// nothing is wider than the window (no sideways scrolling, no cut-off
/// links). Measured by loading the page in frames of those widths.
#[test]
fn the_index_page_fits_phone_widths_without_scrolling_sideways() {
    let out = tempfile::tempdir().unwrap();
    let o = generar_en(&sample_inputs(), "2025-06", out.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    fits_every_width(&out.path().join("2025-06").join("index.html"));
    fits_every_width(&out.path().join("index.html"));
}

/// Loads `page` in frames from 320 to 1280 px wide and asserts that none
/// scrolls sideways.
fn fits_every_width(page: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let widths = [320, 360, 390, 768, 1280];
    let frames: String = widths
        .iter()
        .map(|w| {
            format!(
                "<iframe data-w=\"{w}\" src=\"file://{}\" style=\"width:{w}px;height:600px;border:0\"></iframe>",
                page.display()
            )
        })
        .collect();
    let wrapper = profile.path().join("medir.html");
    std::fs::write(
        &wrapper,
        format!(
            "<!DOCTYPE html><html><body>{frames}<script>\
             addEventListener('load', function () {{\
               var r = [];\
               document.querySelectorAll('iframe').forEach(function (f) {{\
                 var d = f.contentDocument.documentElement;\
                 r.push(f.dataset.w + ':' + d.scrollWidth + '/' + d.clientWidth);\
               }});\
               document.body.setAttribute('data-anchos', r.join(' '));\
             }});</script></body></html>"
        ),
    )
    .unwrap();
    let dom = headless(
        &wrapper,
        profile.path(),
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ],
    );
    let measured = attributes(&dom, "data-anchos");
    let measured = measured.first().expect("the frames were measured");
    for m in measured.split(' ') {
        let (w, sizes) = m.split_once(':').unwrap();
        let (scroll, client) = sizes.split_once('/').unwrap();
        assert_eq!(
            scroll,
            client,
            "{}: at {w} px the page is {scroll} px wide: it scrolls sideways ({measured})",
            page.display()
        );
    }
    assert_eq!(measured.split(' ').count(), widths.len(), "{measured}");
}

/// The output root has one page with every publication, newest month
/// first, and `ultimo/` addresses that lead to the latest month whatever
/// order the months were published in; each month links back.
#[test]
fn the_root_page_lists_every_month_and_ultimo_follows_the_latest() {
    let out = tempfile::tempdir().unwrap();
    for periodo in ["2025-06", "2025-05"] {
        let o = generar_en(&fixture("basico"), periodo, out.path(), &[]);
        assert!(o.status.success(), "{:?}", texts(&o));
    }
    let o = lotaip(&[
        "rendicion",
        "--anio",
        "2025",
        "--entrada",
        fixture("basico").to_str().unwrap(),
        "--salida",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let root = out.path();
    let profile = tempfile::tempdir().unwrap();
    let dom = headless(&root.join("index.html"), profile.path(), &["--dump-dom"]);
    let hrefs = attributes(&dom, "href");
    let pos = |h: &str| {
        hrefs
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h} not linked: {hrefs:?}"))
    };
    assert!(pos("2025-06/index.html") < pos("2025-05/index.html"));
    pos("ultimo/index.html");
    pos("ultimo/azuay.html");
    pos("rendicion_2025/rendicion_2025_institucion.pdf");
    for h in &hrefs {
        assert!(
            !h.contains(':') && !h.starts_with('/'),
            "{h} is not relative"
        );
        assert!(root.join(h).is_file(), "{h} does not resolve to a file");
    }
    // ultimo/ leads to June although May was published last.
    let dom = headless(
        &root.join("ultimo/index.html"),
        profile.path(),
        &["--virtual-time-budget=5000", "--dump-dom"],
    );
    assert!(
        dom.contains("Publicación de <strong>junio de 2025</strong>"),
        "{dom}"
    );
    let azuay = std::fs::read_to_string(root.join("ultimo/azuay.html")).unwrap();
    assert!(
        azuay.contains("url=../2025-06/provincias/azuay_2025-06.pdf"),
        "{azuay}"
    );
    assert!(root.join("2025-06/provincias/azuay_2025-06.pdf").is_file());
    // The month page links back to the root's page.
    let mes = std::fs::read_to_string(root.join("2025-05/index.html")).unwrap();
    assert!(mes.contains("href=\"../index.html\""));
    // Nothing half-written is left beside them.
    let hidden: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".lotaip.lock" && n != ".lotaip-portada")
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}
