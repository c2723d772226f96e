//! Sample LOTAIP documents built as XHTML text: a transparency matrix with
//! long rowspans and per-province compliance reports with a chart.
//! Shared by the benchmark, the integration tests and the sample renderer.
#![allow(dead_code)]

/// Small deterministic generator (64-bit LCG).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() as usize) % (hi - lo + 1)
    }
}

const WORDS: &[&str] = &[
    "fortalecer",
    "la",
    "gestión",
    "de",
    "los",
    "procesos",
    "institucionales",
    "mediante",
    "planificación",
    "seguimiento",
    "y",
    "evaluación",
    "del",
    "cumplimiento",
    "metas",
    "en",
    "territorio",
    "incrementar",
    "cobertura",
    "servicios",
    "públicos",
    "ciudadanía",
    "porcentaje",
    "trámites",
    "atendidos",
    "dentro",
    "plazo",
    "establecido",
    "número",
    "capacitaciones",
    "ejecutadas",
    "para",
    "servidores",
    "mejorar",
    "calidad",
    "información",
    "pública",
    "transparencia",
    "acceso",
    "rendición",
    "cuentas",
    "año",
    "dirección",
    "provincial",
    "coordinación",
    "zonal",
    "presupuesto",
    "devengado",
    "sobre",
    "codificado",
    "proyectos",
    "inversión",
    "contratación",
    "obras",
    "mantenimiento",
    "vial",
    "agua",
    "potable",
    "saneamiento",
    "ambiental",
    "reducción",
    "tiempos",
    "respuesta",
    "solicitudes",
];

const UNITS: &[&str] = &[
    "Dirección de Planificación y Gestión Estratégica",
    "Dirección Administrativa Financiera",
    "Dirección de Talento Humano",
    "Dirección de Tecnologías de la Información y Comunicación",
    "Coordinación General de Asesoría Jurídica",
    "Dirección de Comunicación Social",
    "Dirección Provincial de Galápagos",
    "Dirección Provincial de Sucumbíos",
    "Dirección Provincial de Cañar",
    "Dirección de Auditoría Interna",
];

pub const PROVINCIAS: &[&str] = &[
    "Azuay",
    "Bolívar",
    "Cañar",
    "Carchi",
    "Chimborazo",
    "Cotopaxi",
    "El Oro",
    "Esmeraldas",
    "Galápagos",
    "Guayas",
    "Imbabura",
    "Loja",
    "Los Ríos",
    "Manabí",
    "Morona Santiago",
    "Napo",
    "Orellana",
    "Pastaza",
    "Pichincha",
    "Santa Elena",
    "Santo Domingo de los Tsáchilas",
    "Sucumbíos",
    "Tungurahua",
    "Zamora Chinchipe",
];

/// Text of `lo..=hi` characters (approximately), capitalised.
pub fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let target = rng.range(lo, hi);
    let mut s = String::new();
    while s.chars().count() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.range(0, WORDS.len() - 1)]);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn head(title: &str, page: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8"/>
<title>{title}</title>
<meta name="author" content="Ministerio de Prueba"/>
<meta name="subject" content="Transparencia activa LOTAIP, artículo 19"/>
<meta name="pdf:page" content="{page}"/>
<meta name="pdf:margins" content="15 12 15 12"/>
<style>
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #999; padding: 1.5mm; vertical-align: top; }}
.num {{ text-align: right; }}
.verde {{ background: #c6efce; }} .amarillo {{ background: #ffeb9c; }} .rojo {{ background: #ffc7ce; }}
.salto-pagina {{ page-break-after: always; }}
</style>
{extra}</head>
"#
    )
}

/// Transparency matrix: `rows` body rows; units span 5–40 rows, objectives span
/// parts of a unit; two title rows plus a column header row in `thead`.
pub fn matriz(rows: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut s = head("Matriz de metas e indicadores 2025", "A4 landscape", "");
    s.push_str(
        r#"<body>
<header>Ministerio de Prueba — Matriz LOTAIP art. 19, literal a4<span class="right">Período: enero – diciembre de 2025</span></header>
<footer>Fecha de corte: 31/12/2025<span class="right">Página {pagina} de {paginas}</span></footer>
<h1>Metas y objetivos de las unidades administrativas</h1>
<p>Matriz de <b>metas, objetivos e indicadores</b> de las unidades administrativas, de conformidad con sus programas operativos. Año 2025.</p>
<table data-marcador="Matriz de metas">
<colgroup><col style="width: 5%"/><col style="width: 17%"/><col style="width: 30%"/><col style="width: 36%"/><col style="width: 12%"/></colgroup>
<thead>
<tr><th colspan="5">Literal a4) Las metas y objetivos de las unidades administrativas de conformidad con sus programas operativos</th></tr>
<tr><th colspan="5">Institución: Ministerio de Prueba — Año: 2025</th></tr>
<tr><th>No.</th><th>Unidad</th><th>Objetivo de la unidad</th><th>Indicador</th><th>Meta cuantificable</th></tr>
</thead>
<tbody>
"#,
    );
    let mut n = 0;
    let mut unit = 0;
    while n < rows {
        let unit_rows = rng.range(5, 40).min(rows - n);
        let mut left_in_unit = unit_rows;
        let mut first_in_unit = true;
        while left_in_unit > 0 {
            let obj_rows = rng.range(1, 8).min(left_in_unit);
            let objective = sentence(&mut rng, 40, 200);
            for k in 0..obj_rows {
                n += 1;
                s.push_str("<tr>");
                s.push_str(&format!("<td class=\"centro\">{n}</td>"));
                if first_in_unit {
                    s.push_str(&format!(
                        "<td rowspan=\"{unit_rows}\">{}</td>",
                        UNITS[unit % UNITS.len()]
                    ));
                    first_in_unit = false;
                }
                if k == 0 {
                    s.push_str(&format!("<td rowspan=\"{obj_rows}\">{objective}</td>"));
                }
                let indicator = sentence(&mut rng, 40, 160);
                let target = format!("{},{:02} %", rng.range(50, 110), rng.range(0, 99));
                s.push_str(&format!(
                    "<td>{indicator}</td><td class=\"num\">{target}</td></tr>\n"
                ));
            }
            left_in_unit -= obj_rows;
        }
        unit += 1;
    }
    s.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    s
}

/// Per-province compliance report: chart of 12 months plus a table of about
/// `rows` indicator rows with semáforo cells, section rows and a total.
pub fn informe(provincia: &str, rows: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let title = format!("Informe de cumplimiento — {provincia}");
    let mut s = head(
        &title,
        "A4 portrait",
        "<meta name=\"pdf:fecha\" content=\"2025-12-31\"/>\n",
    );
    s.push_str(&format!(
        r#"<body>
<header>Ministerio de Prueba<span class="right">Informe de cumplimiento 2025 — {provincia}</span></header>
<footer>Elaborado por la Dirección de Planificación<span class="right">Página {{pagina}} de {{paginas}}</span></footer>
<h1>Informe de cumplimiento de metas — Provincia de {provincia}</h1>
<p>El presente informe resume el <strong>cumplimiento mensual</strong> de las metas de la Dirección Provincial de {provincia} durante el año 2025. El cumplimiento anual alcanzó el <b>107,06 %</b> de la meta programada.</p>
<h2>Evolución mensual</h2>
"#
    ));
    let months = [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic",
    ];
    s.push_str(
        r#"<figure class="grafico" data-tipo="barras" data-alto="65mm" data-max="120" data-umbral="85" data-marcador="Gráfico de cumplimiento">
<figcaption>Cumplimiento mensual 2025</figcaption>
<table><thead><tr><th>Mes</th><th>Cumplimiento (%)</th><th>Meta (%)</th></tr></thead>
<tbody>
"#,
    );
    for m in months {
        let v = rng.range(600, 1150) as f64 / 10.0;
        let class = if v >= 85.0 {
            "verde"
        } else if v >= 70.0 {
            "amarillo"
        } else {
            "rojo"
        };
        s.push_str(&format!(
            "<tr class=\"{class}\"><td>{m}</td><td>{v:.1}</td><td>100</td></tr>\n"
        ));
    }
    s.push_str("</tbody></table>\n</figure>\n<h2>Detalle por indicador</h2>\n");
    s.push_str(
        r#"<table>
<colgroup><col style="width: 7%"/><col/><col style="width: 13%"/><col style="width: 13%"/><col style="width: 15%"/></colgroup>
<thead><tr><th>No.</th><th>Indicador</th><th>Meta</th><th>Resultado</th><th>Cumplimiento</th></tr></thead>
<tbody>
"#,
    );
    let mut n = 0;
    let mut section = 0;
    while n < rows {
        section += 1;
        s.push_str(&format!(
            "<tr class=\"seccion\"><td colspan=\"5\">Objetivo {section}: {}</td></tr>\n",
            sentence(&mut rng, 30, 90)
        ));
        for _ in 0..rng.range(4, 12) {
            n += 1;
            let meta = rng.range(10, 500);
            let res = rng.range(meta / 2, meta * 6 / 5);
            let pct = res as f64 * 100.0 / meta as f64;
            let class = if pct >= 85.0 {
                "verde"
            } else if pct >= 70.0 {
                "amarillo"
            } else {
                "rojo"
            };
            let pct_txt = format!("{pct:.2}").replace('.', ",");
            s.push_str(&format!(
                "<tr><td class=\"centro\">{n}</td><td>{}</td><td class=\"num\">{meta}</td><td class=\"num\">{res}</td><td class=\"num {class}\">{pct_txt} %</td></tr>\n",
                sentence(&mut rng, 40, 140)
            ));
        }
    }
    s.push_str("<tr class=\"total\"><td colspan=\"4\">Cumplimiento promedio de la provincia</td><td class=\"num\">107,06 %</td></tr>\n");
    s.push_str("</tbody>\n</table>\n");
    s.push_str("<div class=\"salto-pagina\"></div>\n<h2>Observaciones</h2>\n<p>Año fiscal 2025. Sin observaciones adicionales.<br/>Responsable: Dirección de Planificación.</p>\n");
    s.push_str("</body>\n</html>\n");
    s
}

/// A document exercising the less common features: header rows with rowspan,
/// every cell class, a row taller than a page, long unbreakable words, lists,
/// bookmarks and a chart without semáforo classes.
pub fn casos() -> String {
    let mut rng = Rng::new(99);
    let mut s = head("Casos de prueba", "A4 portrait", "");
    s.push_str(
        r#"<body>
<header>Casos de prueba del motor PDF</header>
<footer><span class="right">Página {pagina} de {paginas}</span></footer>
<h1>Clases de celda</h1>
<table>
<colgroup><col style="width: 30mm"/><col/><col style="width: 25%"/></colgroup>
<thead>
<tr><th rowspan="2">Clase</th><th colspan="2">Ejemplo</th></tr>
<tr><th>Texto</th><th>Valor</th></tr>
</thead>
<tbody>
<tr class="seccion"><td colspan="3">Sección: celdas con semáforo</td></tr>
<tr><td class="etiqueta">verde</td><td>Meta cumplida en Galápagos</td><td class="num verde">107,06 %</td></tr>
<tr><td class="etiqueta">amarillo</td><td>Meta parcialmente cumplida en Cañar</td><td class="num amarillo">78,40 %</td></tr>
<tr><td class="etiqueta">rojo</td><td>Meta no cumplida en Sucumbíos</td><td class="num rojo">41,00 %</td></tr>
<tr><td class="etiqueta">gris</td><td class="gris">Celda con fondo gris</td><td class="centro gris">centro</td></tr>
<tr><td class="etiqueta">pequeno</td><td class="pequeno">Texto en tamaño pequeño para notas al pie de la matriz y observaciones largas.</td><td class="num pequeno">1.234,5</td></tr>
<tr><td class="etiqueta">URL larga</td><td>https://www.gobiernoelectronico.gob.ec/transparencia/lotaip/2025/literal-a4/matriz-de-metas-y-objetivos.xlsx</td><td>Supercalifragilísticoespialidosamente</td></tr>
<tr class="total"><td colspan="2">Total</td><td class="num">107,06 %</td></tr>
</tbody>
</table>
<h2>Listas y texto</h2>
<ul><li>Primer elemento con <b>negrita</b> y texto normal.</li><li>Segundo elemento, Año 2025.</li></ul>
<ol><li>Paso uno.</li><li>Paso dos.</li></ol>
<h3 data-marcador="Fila muy alta">Una fila más alta que una página</h3>
<table>
<colgroup><col style="width: 25%"/><col/></colgroup>
<thead><tr><th>Unidad</th><th>Descripción</th></tr></thead>
<tbody>
<tr><td rowspan="3">Dirección Provincial de Galápagos</td><td>Fila corta antes de la fila alta.</td></tr>
<tr><td>"#,
    );
    for _ in 0..40 {
        s.push_str(&sentence(&mut rng, 150, 300));
        s.push_str(". ");
    }
    s.push_str(
        r#"</td></tr>
<tr><td>Fila corta después de la fila alta.</td></tr>
</tbody>
</table>
<div class="salto-pagina"></div>
<h1>Gráfico sin semáforo</h1>
<figure class="grafico" data-alto="55mm" data-umbral="50" data-umbral-etiqueta="Umbral mínimo (50)">
<figcaption>Trámites atendidos por trimestre</figcaption>
<table><thead><tr><th>Trimestre</th><th>Trámites</th></tr></thead>
<tbody><tr><td>I trimestre</td><td>45</td></tr><tr><td>II trimestre</td><td>62.5</td></tr><tr><td>III trimestre</td><td>38</td></tr><tr><td>IV trimestre</td><td>71</td></tr></tbody></table>
</figure>
</body>
</html>
"#,
    );
    s
}
