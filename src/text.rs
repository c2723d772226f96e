//! Text normalisation shared by every tolerant match (headers, provinces,
//! enumerated values, unit and indicator names).

/// Folds a string for tolerant comparison: lower case, accents removed,
/// every run of non-alphanumeric characters dropped.
///
/// `"Meta anual"`, `"meta_anual"` and `"META  ANUAL"` all fold to `"metaanual"`;
/// `"LOS RÍOS"` and `"Los Rios"` fold to `"losrios"`.
pub(crate) fn fold_key(s: &str) -> String {
    folded(s).collect()
}

/// The characters of [`fold_key`], without allocating.
pub(crate) fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(strip_accent)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Whether `s` folds to `key` (an already folded key), without allocating.
pub(crate) fn folds_to(s: &str, key: &str) -> bool {
    folded(s).eq(key.chars())
}

/// Folds a string keeping word boundaries as single spaces: used where word
/// order matters for a suggestion or a prefix test.
pub(crate) fn fold_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = strip_accent(c);
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Collapses inner whitespace (including non-breaking spaces and line breaks)
/// to single spaces, drops the invisible format characters that copying
/// from a web page or a word processor leaves inside words (zero-width
/// spaces and joiners, soft hyphens, byte-order marks) and trims the ends:
/// the canonical form of free text read from a cell.
pub(crate) fn clean(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .map(|w| w.replace(is_invisible, ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A format character that shows nothing: [`clean`] drops it.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// A link a reader can follow: `http(s)://`, a host with a dot, no spaces.
/// Hosts and paths may hold any letter (`http://ñandú.gob.ec/doc/1`).
pub(crate) fn looks_like_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    let rest = l
        .strip_prefix("https://")
        .or_else(|| l.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        s.chars().count() > 10 && !s.contains(char::is_whitespace) && host.contains('.')
    })
}

/// Most characters a text read from an input may hold: a few of them make
/// one cell of a report (the accountability form's objective narrative names
/// an objective and two indicators), and a spreadsheet cell holds 32,767.
pub(crate) const MAX_TEXT_CHARS: usize = 5_000;

/// Whether a cleaned text can be published as it is; the message says why not.
pub(crate) fn publishable(t: &str) -> Result<(), String> {
    if let Some(c) = t.chars().find(|c| c.is_control()) {
        return Err(format!(
            "el texto contiene el carácter de control {}, que no se ve y dañaría los archivos publicados (suele llegar al copiar desde otro programa); bórrelo",
            codepoint(c)
        ));
    }
    if let Some(c) = t.chars().find(|c| !crate::fonts::covers(*c)) {
        return Err(format!(
            "el texto contiene «{c}» ({}), un carácter que la fuente de los documentos PDF no tiene y no se vería; quítelo o reemplácelo por letras del alfabeto latino",
            codepoint(c)
        ));
    }
    let n = t.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(format!(
            "el texto tiene {} caracteres; el límite es {}: resúmalo",
            grouped(n),
            grouped(MAX_TEXT_CHARS)
        ));
    }
    Ok(())
}

/// A count with thousands separated the Spanish way (`40.000`).
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A character as messages name it: `U+0000`.
pub(crate) fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// At most `max` characters of `s`, with `…` when some were left out.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let mut chars = s.chars();
    let corto: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{corto}…")
    } else {
        corto
    }
}

/// Text safe to print on a terminal: control characters (which could move
/// the cursor or clear the screen) are shown as their code, `U+001B`.
pub(crate) fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    codepoint(c)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Removes the accent of a Latin letter (the letters used in Spanish,
/// Portuguese, French and Catalan); other characters pass unchanged.
fn strip_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
        'Á' | 'À' | 'Ä' | 'Â' | 'Ã' | 'Å' => 'A',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'É' | 'È' | 'Ë' | 'Ê' => 'E',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ö' | 'Ô' | 'Õ' => 'O',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        _ => c,
    }
}

/// A file name built from a unit's or province's name, safe on every file
/// system: ASCII lower case letters, digits and single hyphens (accents
/// dropped, `ñ` → `n`), at most 60 characters, never empty, never a name
/// Windows reserves (`con`, `nul`, `com1`…). `Dirección Provincial Los Ríos`
/// → `direccion-provincial-los-rios`.
pub(crate) fn nombre_archivo(nombre: &str) -> String {
    const MAX: usize = 60;
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let mut slug = String::with_capacity(nombre.len().min(MAX));
    for word in fold_words(nombre).split(' ') {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.is_empty() {
            continue;
        }
        let sep = usize::from(!slug.is_empty());
        if slug.len() + sep + word.len() > MAX {
            if slug.is_empty() {
                slug.push_str(&word[..MAX]);
            }
            break;
        }
        if sep == 1 {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() {
        slug.push_str("sin-nombre");
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-archivo");
    }
    slug
}

/// The candidate closest to `wanted` by edit distance on folded text, if it
/// is close enough to be a plausible typo or variant (used for `¿quiso decir…?`).
pub(crate) fn closest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let target = fold_words(wanted);
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        let s = strsim::normalized_levenshtein(&target, &fold_words(c));
        if best.is_none_or(|(m, _)| s > m) {
            best = Some((s, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.6).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(looks_like_url(
            "https://www.iess.gob.ec/documents/10162/abc"
        ));
        assert!(looks_like_url("http://iess.gob.ec"));
        assert!(!looks_like_url("www.iess.gob.ec"));
        assert!(!looks_like_url("Memorando IESS-DNP-2025"));
        assert!(!looks_like_url("https://"));
        assert!(!looks_like_url("https://iess gob.ec"));
        assert!(looks_like_url("http://ñandú.gob.ec/doc/1"));
        assert!(looks_like_url("https://ñ.ec/€"));
        assert!(!looks_like_url("http://ññññññ"));
    }

    #[test]
    fn file_names_from_names_are_safe_everywhere() {
        assert_eq!(
            nombre_archivo("Dirección Provincial Los Ríos"),
            "direccion-provincial-los-rios"
        );
        assert_eq!(
            nombre_archivo("Unidad Provincial de Afiliación Cañar"),
            "unidad-provincial-de-afiliacion-canar"
        );
        assert_eq!(nombre_archivo("../../etc/passwd"), "etc-passwd");
        assert_eq!(nombre_archivo("C:\\Windows\\con"), "c-windows-con");
        assert_eq!(nombre_archivo("CON"), "con-archivo");
        assert_eq!(
            nombre_archivo("=HYPERLINK(\"http://x\",\"clic\")"),
            "hyperlink-http-x-clic"
        );
        assert_eq!(nombre_archivo("  ***  "), "sin-nombre");
        assert_eq!(nombre_archivo("Ωμέγα 北京"), "sin-nombre");
        let long = nombre_archivo(&"Coordinación ".repeat(20));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
        assert_eq!(nombre_archivo(&"x".repeat(100)).len(), 60);
    }

    proptest::proptest! {
        #[test]
        fn no_name_gives_an_unsafe_file_name(s in proptest::prelude::any::<String>()) {
            let f = nombre_archivo(&s);
            proptest::prop_assert!(!f.is_empty() && f.len() <= 60, "{:?}", f);
            proptest::prop_assert!(
                f.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{:?}", f
            );
            proptest::prop_assert!(!f.starts_with('-') && !f.ends_with('-') && !f.contains("--"));
        }

    }

    #[test]
    fn fold_key_ignores_case_accents_and_separators() {
        assert_eq!(fold_key("Meta anual"), "metaanual");
        assert_eq!(fold_key("meta_anual"), "metaanual");
        assert_eq!(fold_key(" META  ANUAL "), "metaanual");
        assert_eq!(fold_key("Código"), "codigo");
        assert_eq!(fold_key("LOS RÍOS"), fold_key("Los Rios"));
        assert_eq!(fold_key("Cañar"), "canar");
    }

    #[test]
    fn fold_words_keeps_boundaries() {
        assert_eq!(
            fold_words("  Dirección   Provincial-Azuay "),
            "direccion provincial azuay"
        );
    }

    #[test]
    fn clean_drops_invisible_characters_and_printable_shows_control_ones() {
        assert_eq!(
            clean("Direc\u{200b}ción\u{ad} \u{feff}Azuay"),
            "Dirección Azuay"
        );
        assert_eq!(clean("\u{200b}"), "");
        assert_eq!(printable("a\u{1b}[2Jb"), "aU+001B[2Jb");
        assert_eq!(printable("sin cambios"), "sin cambios");
    }

    #[test]
    fn clean_collapses_whitespace() {
        assert_eq!(
            clean("  Número\tde \u{a0} afiliados\n activos "),
            "Número de afiliados activos"
        );
    }

    #[test]
    fn closest_finds_the_nearest_candidate() {
        let c = [
            "Número de afiliados activos",
            "Monto recaudado",
            "Porcentaje de ejecución del PAC",
        ];
        assert_eq!(
            closest("Numero de afiliados activo", c),
            Some("Número de afiliados activos")
        );
        assert_eq!(closest("algo totalmente distinto", c), None);
    }
}
