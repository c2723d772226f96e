//! Unit headers of the seed (`*** Instituto … >2025 Zona 1 (…) >Dirección
//! Provincial Carchi >Unidad Provincial de Afiliación**`) and the unit they
//! name: its unique name, process level, province and zone.

use crate::process;
use crate::provinces;

pub const ROOT: &str = "Instituto Ecuatoriano de Seguridad Social";

/// A header's path below the institution, cleaned.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub segments: Vec<String>,
    /// `>2025 …` was present (the root header has no path at all).
    pub had_year: bool,
    /// `X >X` was written; the repeated segment was collapsed.
    pub collapsed: Option<String>,
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a header line (already joined with a wrapped `>…**` line).
pub fn parse_header(line: &str) -> Result<Header, String> {
    let text = line
        .trim()
        .trim_start_matches('*')
        .trim_end()
        .trim_end_matches('*');
    let mut segments: Vec<String> = text.split('>').map(collapse_spaces).collect();
    if segments.first().map(String::as_str) != Some(ROOT) {
        return Err(format!("encabezado sin la institución: «{line}»"));
    }
    segments.remove(0);
    let mut had_year = false;
    if let Some(first) = segments.first_mut()
        && let Some(rest) = first.strip_prefix("2025")
    {
        had_year = true;
        *first = rest.trim().to_string();
    }
    segments.retain(|s| !s.is_empty());
    let mut collapsed = None;
    segments.dedup_by(|b, a| {
        let same = provinces::fold(a) == provinces::fold(b);
        if same {
            collapsed = Some(a.clone());
        }
        same
    });
    Ok(Header {
        segments,
        had_year,
        collapsed,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Root,
    Direction,
    Subunit,
    Zone,
    ProvincialDirection,
    ProvincialUnit,
}

/// A unit as it appears in the outputs.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Identity used to merge sheets that describe the same unit.
    pub key: String,
    pub name: String,
    pub level: Level,
    pub proceso: &'static str,
    pub provincia: Option<&'static str>,
    pub zona: Option<u8>,
}

fn zone_number(segment: &str) -> Option<u8> {
    let rest = segment.strip_prefix("Zona ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Identifies the unit of a header; notes list spellings that were fixed.
pub fn identify(h: &Header) -> Result<(Unit, Vec<String>), String> {
    let s = &h.segments;
    let mut notes = Vec::new();
    let Some(first) = s.first() else {
        let unit = Unit {
            key: ROOT.into(),
            name: ROOT.into(),
            level: Level::Root,
            proceso: process::GOBERNANTE,
            provincia: None,
            zona: None,
        };
        return Ok((unit, notes));
    };
    if let Some(zone) = zone_number(first) {
        let zname = provinces::zone_name(zone);
        if *first != zname {
            notes.push(format!("«{first}» → «{zname}»"));
        }
        if s.len() == 1 {
            let unit = Unit {
                key: zname.clone(),
                name: zname,
                level: Level::Zone,
                proceso: process::DESCONCENTRADO,
                provincia: None,
                zona: Some(zone),
            };
            return Ok((unit, notes));
        }
        let raw = s[1]
            .strip_prefix("Dirección Provincial ")
            .ok_or_else(|| format!("se esperaba «Dirección Provincial …»: «{}»", s[1]))?;
        let province =
            provinces::canonical(raw).ok_or_else(|| format!("provincia desconocida: «{raw}»"))?;
        if provinces::canonical(raw).is_some() && raw != province {
            notes.push(format!(
                "«Dirección Provincial {raw}» → «Dirección Provincial {province}»"
            ));
        }
        if provinces::zone_of(province) != Some(zone) {
            return Err(format!("{province} no pertenece a la zona {zone}"));
        }
        let dp = format!("Dirección Provincial {province}");
        let (name, level) = match s.len() {
            2 => (dp.clone(), Level::ProvincialDirection),
            3 => (format!("{} {province}", s[2]), Level::ProvincialUnit),
            _ => return Err(format!("ruta provincial demasiado profunda: {s:?}")),
        };
        let key = format!("{zname} > {name}");
        let unit = Unit {
            key,
            name,
            level,
            proceso: process::DESCONCENTRADO,
            provincia: Some(province),
            zona: Some(zone),
        };
        return Ok((unit, notes));
    }
    let proceso = process::of_direction(first)
        .ok_or_else(|| format!("dirección nacional sin nivel de proceso: «{first}»"))?;
    let unit = Unit {
        key: s.join(" > "),
        name: s.last().cloned().unwrap_or_default(),
        level: if s.len() == 1 {
            Level::Direction
        } else {
            Level::Subunit
        },
        proceso,
        provincia: None,
        zona: None,
    };
    Ok((unit, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(line: &str) -> Unit {
        identify(&parse_header(line).unwrap()).unwrap().0
    }

    #[test]
    fn root() {
        let u = unit("* Instituto Ecuatoriano de Seguridad Social");
        assert_eq!(
            (u.name.as_str(), u.level, u.proceso),
            (ROOT, Level::Root, "gobernante")
        );
    }

    #[test]
    fn provincial_direction_and_unit() {
        let dp = unit(
            "*** Instituto Ecuatoriano de Seguridad Social >2025 Zona 1 (Carchi, Esmeraldas, Imbabura, Sucumbíos) >Dirección Provincial Carchi**",
        );
        assert_eq!(dp.name, "Dirección Provincial Carchi");
        assert_eq!(
            (dp.level, dp.provincia, dp.zona),
            (Level::ProvincialDirection, Some("Carchi"), Some(1))
        );
        let u = unit(
            "*** Instituto Ecuatoriano de Seguridad Social >2025 Zona 5 (Bolívar, Galápagos, Guayas, Los Ríos, Santa Elena) >Dirección Provincial Guayas >Coordinación Provincial de Afiliación**",
        );
        assert_eq!(u.name, "Coordinación Provincial de Afiliación Guayas");
        assert_eq!(
            (u.level, u.proceso, u.zona),
            (Level::ProvincialUnit, "desconcentrado", Some(5))
        );
    }

    #[test]
    fn misspelled_zone_and_province() {
        let h = parse_header("*** Instituto Ecuatoriano de Seguridad Social >2025 Zona 6 (Azua y, Cañar, Morona Santiago) >Dirección Provincial Azúay >Unidad Provincial de Planificación**").unwrap();
        let (u, notes) = identify(&h).unwrap();
        assert_eq!(u.name, "Unidad Provincial de Planificación Azuay");
        assert_eq!(
            u.key,
            "Zona 6 (Azuay, Cañar, Morona Santiago) > Unidad Provincial de Planificación Azuay"
        );
        assert_eq!(notes.len(), 2);
        let z = unit(
            "*** Instituto Ecuatoriano de Seguridad Social >2025 Zona 2 (Napó, Orellana, Pichincha)**",
        );
        assert_eq!(
            (z.name.as_str(), z.level),
            ("Zona 2 (Napo, Orellana, Pichincha)", Level::Zone)
        );
    }

    #[test]
    fn national_units_without_year_and_self_nested() {
        let h = parse_header("*** Instituto Ecuatoriano de Seguridad Social >Dirección Nacional de Servicios Corporativos**").unwrap();
        assert!(!h.had_year);
        let (u, _) = identify(&h).unwrap();
        assert_eq!(
            (u.level, u.proceso),
            (Level::Direction, "habilitante de apoyo")
        );
        let h = parse_header("* Instituto Ecuatoriano de Seguridad Social >2025 Dirección Nacional de Servicios de Atención al Ciudadano >Dirección Nacional de Servicios de Atención al Ciudadano").unwrap();
        assert!(h.had_year);
        assert_eq!(
            h.collapsed.as_deref(),
            Some("Dirección Nacional de Servicios de Atención al Ciudadano")
        );
        assert_eq!(
            identify(&h).unwrap().0.key,
            "Dirección Nacional de Servicios de Atención al Ciudadano"
        );
    }

    #[test]
    fn subunits_inherit_the_process_of_their_direction() {
        let u = unit(
            "*** Instituto Ecuatoriano de Seguridad Social >2025 Dirección del Seguro General de Salud Individual y Familiar >Subdirección Nacional de Provisión de Servicios de Salud >Coordinación Nacional de Hospitales**",
        );
        assert_eq!(
            (u.name.as_str(), u.level, u.proceso),
            (
                "Coordinación Nacional de Hospitales",
                Level::Subunit,
                "agregador de valor"
            )
        );
        let u = unit(
            "*** Instituto Ecuatoriano de Seguridad Social >2025 Procuraduría General >Subdirección Nacional de Patrocinio**",
        );
        assert_eq!(
            (u.name.as_str(), u.proceso),
            (
                "Subdirección Nacional de Patrocinio",
                "habilitante de asesoría"
            )
        );
    }
}
