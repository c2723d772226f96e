//! Reads the plain-text dump of the 2025 operating plan into sheets (one per
//! unit header) holding indicator blocks and projects. Only the structure is
//! read here; target tables are paired by `block` and read by `targets`,
//! units are identified by `units`.

use crate::block::{self, Table};
use crate::number;
use crate::units::{self, Header};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Continuo,
    Discreto,
}

impl Behaviour {
    pub fn word(self) -> &'static str {
        match self {
            Behaviour::Continuo => "continuo",
            Behaviour::Discreto => "discreto",
        }
    }
}

#[derive(Debug)]
pub struct RawIndicator {
    pub line: usize,
    pub objective: String,
    pub code: String,
    pub name: String,
    pub behaviour: Option<Behaviour>,
    /// `Metas (Acumulado)` → Continuo, `Metas (Por Período)` → Discreto.
    pub metas: Option<Behaviour>,
    pub table: Table,
}

#[derive(Debug)]
pub struct Project {
    pub line: usize,
    pub name: String,
    pub budget: Decimal,
}

#[derive(Debug)]
pub struct Sheet {
    pub line: usize,
    pub header: Header,
    pub indicators: Vec<RawIndicator>,
    pub projects: Vec<Project>,
}

#[derive(Debug, Default)]
pub struct Seed {
    pub sheets: Vec<Sheet>,
    /// Irregularities, each with its line number.
    pub notes: Vec<String>,
    pub wrapped_headers: usize,
    pub behaviour_on_next_line: usize,
    pub metas_in_indicator_header: usize,
}

/// `8.25. IE-DNRGC-NA-10-Monto …` or `5.3. M130 Porcentaje …` → (code, name).
pub fn parse_indicator_header(first_cell: &str) -> Option<(String, String)> {
    let t = first_cell.trim();
    let dot1 = t.find('.')?;
    let (a, rest) = (&t[..dot1], &t[dot1 + 1..]);
    let dot2 = rest.find('.')?;
    let (b, rest) = (&rest[..dot2], rest[dot2 + 1..].trim_start());
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !numeric(a) || !numeric(b) {
        return None;
    }
    let (code, name) = split_code(rest)?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some((code, name))
}

/// `IE-DSSC-NA-18-Name`, `NC-DAIE-NA-7- Name` or `M130 Name`.
fn split_code(text: &str) -> Option<(String, &str)> {
    let upper = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase());
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    // Form `M130 Name`: one letter and digits, then a space.
    if let Some((head, name)) = text.split_once(' ') {
        let mut chars = head.chars();
        if chars.next().is_some_and(|c| c.is_ascii_uppercase()) && digits(chars.as_str()) {
            return Some((head.to_string(), name));
        }
    }
    // Form `AA-BBB-CC-12-Name`: letter groups, a number, then `-`.
    let mut offset = 0;
    for (letter_groups, piece) in text.split('-').enumerate() {
        if letter_groups >= 2 && digits(piece.trim_end()) {
            let code_end = offset + piece.len();
            let name = text[code_end..].trim_start().strip_prefix('-')?;
            return Some((text[..code_end].trim_end().to_string(), name));
        }
        if !upper(piece) {
            return None;
        }
        offset += piece.len() + 1;
    }
    None
}

const SECTIONS: [&str; 7] = [
    "Estrategia",
    "Riesgos",
    "Proyectos",
    "Atribuciones",
    "Visión",
    "Misión",
    "Proyecto",
];

fn is_no_info(first: &str) -> bool {
    first.contains("No hay información capturada")
}

/// State of the reader inside the current sheet.
#[derive(Default)]
struct Cursor {
    objective: String,
    current: Option<RawIndicator>,
    expect_behaviour: bool,
    metas_from_header: Option<Behaviour>,
    in_projects: bool,
}

fn metas_kind(text: &str) -> Option<Behaviour> {
    if text.contains("Metas (Acumulado)") {
        Some(Behaviour::Continuo)
    } else if text.contains("Metas (Por Período)") {
        Some(Behaviour::Discreto)
    } else {
        None
    }
}

fn behaviour_word(cell: &str) -> Option<Behaviour> {
    match cell.trim() {
        "Continuo" => Some(Behaviour::Continuo),
        "Discreto" => Some(Behaviour::Discreto),
        _ => None,
    }
}

pub fn read(text: &str) -> Result<Seed, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut seed = Seed::default();
    let mut sheet: Option<Sheet> = None;
    let mut cur = Cursor::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let no = i + 1;
        i += 1;
        if line.starts_with("* ") || line.starts_with("*** ") {
            let mut header_text = line.to_string();
            if line.starts_with("***")
                && !line.trim_end().ends_with("**")
                && let Some(next) = lines.get(i).filter(|n| n.starts_with('>'))
            {
                header_text = format!("{} {}", line.trim_end(), next.trim());
                seed.wrapped_headers += 1;
                i += 1;
            }
            finish_indicator(&mut cur, sheet.as_mut());
            seed.sheets.extend(sheet.take());
            cur = Cursor::default();
            let header =
                units::parse_header(&header_text).map_err(|e| format!("línea {no}: {e}"))?;
            sheet = Some(Sheet {
                line: no,
                header,
                indicators: Vec::new(),
                projects: Vec::new(),
            });
            continue;
        }
        let Some(sh) = sheet.as_mut() else { continue };
        let cells: Vec<&str> = line.split('\t').collect();
        let first = cells[0].trim();
        if let Some(rest) = first.strip_prefix("Objetivo ") {
            finish_indicator(&mut cur, Some(sh));
            cur.in_projects = false;
            let text = rest.split_once(". ").map_or(rest, |(n, t)| {
                if n.chars().all(|c| c.is_ascii_digit()) {
                    t
                } else {
                    rest
                }
            });
            cur.objective = text.split_whitespace().collect::<Vec<_>>().join(" ");
            continue;
        }
        if first == "Indicador" {
            finish_indicator(&mut cur, Some(sh));
            cur.in_projects = false;
            cur.metas_from_header = cells.iter().find_map(|c| metas_kind(c));
            continue;
        }
        if let Some((code, name)) = parse_indicator_header(first) {
            finish_indicator(&mut cur, Some(sh));
            cur.in_projects = false;
            let behaviour = cells[1..].iter().find_map(|c| behaviour_word(c));
            cur.expect_behaviour = behaviour.is_none();
            let metas = cur.metas_from_header.take();
            if metas.is_some() {
                seed.metas_in_indicator_header += 1;
                seed.notes.push(format!("línea {no}: «Metas (…)» en la cabecera «Indicador», no bajo el indicador {code}"));
            }
            cur.current = Some(RawIndicator {
                line: no,
                objective: cur.objective.clone(),
                code,
                name,
                behaviour,
                metas,
                table: Table::default(),
            });
            continue;
        }
        if let Some(ind) = cur.current.as_mut() {
            if cur.expect_behaviour
                && let Some(b) = behaviour_word(first)
            {
                ind.behaviour = Some(b);
                cur.expect_behaviour = false;
                seed.behaviour_on_next_line += 1;
                continue;
            }
            if let Some(kind) = metas_kind(first) {
                ind.metas = Some(kind);
                continue;
            }
            let table_cells: Vec<block::Cell> =
                cells.iter().map(|c| block::classify_cell(c)).collect();
            if block::is_table_line(&table_cells) {
                if ind.metas.is_some() {
                    ind.table.feed(&table_cells);
                }
                continue;
            }
            let known =
                SECTIONS.contains(&first) || first.starts_with("Nota:") || is_no_info(first);
            if !known {
                seed.notes.push(format!(
                    "línea {no}: texto inesperado tras el indicador {}: «{first}»",
                    ind.code
                ));
            }
            finish_indicator(&mut cur, Some(sh));
        }
        if SECTIONS.contains(&first) {
            cur.in_projects = first == "Proyectos" || (cur.in_projects && first == "Proyecto");
            continue;
        }
        if cur.in_projects
            && cells.len() >= 2
            && !first.is_empty()
            && number::looks_numeric(cells[1])
        {
            match number::parse(cells[1]) {
                Ok((budget, _)) => sh.projects.push(Project {
                    line: no,
                    name: first.to_string(),
                    budget,
                }),
                Err(e) => seed
                    .notes
                    .push(format!("línea {no}: presupuesto de proyecto ilegible: {e}")),
            }
        }
    }
    finish_indicator(&mut cur, sheet.as_mut());
    seed.sheets.extend(sheet);
    Ok(seed)
}

fn finish_indicator(cur: &mut Cursor, sheet: Option<&mut Sheet>) {
    cur.expect_behaviour = false;
    if let Some(mut ind) = cur.current.take() {
        ind.table.finish();
        if let Some(sh) = sheet {
            sh.indicators.push(ind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_headers() {
        let h = parse_indicator_header;
        assert_eq!(
            h("8.25. IE-DNRGC-NA-10-Monto de recuperación de cartera en mora"),
            Some((
                "IE-DNRGC-NA-10".into(),
                "Monto de recuperación de cartera en mora".into()
            ))
        );
        assert_eq!(
            h("1.1. NC-DAIE-NA-7- Porcentaje de mapas  de calor"),
            Some(("NC-DAIE-NA-7".into(), "Porcentaje de mapas de calor".into()))
        );
        assert_eq!(
            h("4.11. IE-DSSC-D-3-Porcentaje de medicamentos").unwrap().0,
            "IE-DSSC-D-3"
        );
        assert_eq!(
            h("5.2. A89 Equilibrio financiero"),
            Some(("A89".into(), "Equilibrio financiero".into()))
        );
        assert_eq!(
            h("2.80. M100 IR-02 Giro de cama"),
            Some(("M100".into(), "IR-02 Giro de cama".into()))
        );
        assert_eq!(
            h("2.4. IE-DSGRT-NA-13-Brecha financiera-Fondo Riesgos del Trabajo")
                .unwrap()
                .1,
            "Brecha financiera-Fondo Riesgos del Trabajo"
        );
        assert_eq!(h("1.1. Optimizar el gasto per capita por prestación"), None);
        assert_eq!(
            h("8.1. Fortalecer los mecanismos de gestión de cartera y coactiva."),
            None
        );
        assert_eq!(h("Objetivo 8. Objetivo Estratégico"), None);
    }

    #[test]
    fn a_small_sheet() {
        let text = "* Instituto Ecuatoriano de Seguridad Social\n\nObjetivo 8. Objetivo Estratégico N°1 Incrementar\n\nIndicador\tComportamiento\n\
8.30. IE-DSGSIF-NA-47-Suficiencia del fondo\t\t\tContinuo\nMetas (Acumulado) 2025\t\nEne-Jun\t\t\tJul-Dic\t\n0.9\t\t\t1\t\n\
8.31. IE-DNGF-NA-7-Tasa de Rentabilidad\t\n\
Discreto\t\nMetas (Por Período) 2025\nEne - Dic\n0.08\n\nEstrategia\n- 8.1. Optimizar\n\nProyectos\n\nProyecto\tPpto. Planeado\tFase Actual\tFecha de Fin\nC001 Algo\t110,000.00\tEjecución\t31/12/2025\n\
*** Instituto Ecuatoriano de Seguridad Social >2025 Procuraduría General\n>Subdirección Nacional de Patrocinio**\n";
        let seed = read(text).unwrap();
        assert_eq!(seed.sheets.len(), 2);
        assert_eq!(seed.wrapped_headers, 1);
        assert_eq!(seed.behaviour_on_next_line, 1);
        let s = &seed.sheets[0];
        assert_eq!(s.indicators.len(), 2);
        assert_eq!(
            s.indicators[0].objective,
            "Objetivo Estratégico N°1 Incrementar"
        );
        assert_eq!(s.indicators[0].behaviour, Some(Behaviour::Continuo));
        assert_eq!(s.indicators[1].metas, Some(Behaviour::Discreto));
        let t = crate::targets::targets(&s.indicators[1].table);
        assert_eq!(t.by_month[11].unwrap().to_string(), "0.08");
        assert_eq!(s.projects.len(), 1);
        assert_eq!(
            seed.sheets[1].header.segments,
            vec![
                "Procuraduría General",
                "Subdirección Nacional de Patrocinio"
            ]
        );
        assert!(seed.notes.is_empty(), "{:?}", seed.notes);
    }
}
