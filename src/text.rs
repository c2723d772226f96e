//! Text normalisation shared by every tolerant match (headers, provinces,
//! enumerated values, unit and indicator names).

/// Folds a string for tolerant comparison: lower case, accents removed,
/// every run of non-alphanumeric characters dropped.
///
/// `"Meta anual"`, `"meta_anual"` and `"META  ANUAL"` all fold to `"metaanual"`;
/// `"LOS RÍOS"` and `"Los Rios"` fold to `"losrios"`.
pub fn fold_key(s: &str) -> String {
    folded(s).collect()
}

/// The characters of [`fold_key`], without allocating.
pub fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(strip_accent)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Whether `s` folds to `key` (an already folded key), without allocating.
pub fn folds_to(s: &str, key: &str) -> bool {
    folded(s).eq(key.chars())
}

/// Folds a string keeping word boundaries as single spaces: used where word
/// order matters for a suggestion or a prefix test.
pub fn fold_words(s: &str) -> String {
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
pub fn clean(s: &str) -> String {
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

/// A character as messages name it: `U+0000`.
pub fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Text safe to print on a terminal: control characters (which could move
/// the cursor or clear the screen) are shown as their code, `U+001B`.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
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

/// The candidate closest to `wanted` by edit distance on folded text, if it
/// is close enough to be a plausible typo or variant (used for `¿quiso decir…?`).
pub fn closest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
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
