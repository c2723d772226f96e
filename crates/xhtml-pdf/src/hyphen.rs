//! Where a word too wide for its line may take a hyphen.
//!
//! Knuth–Liang patterns (TeX's `hyph-es`, through `hypher`, which embeds
//! only the languages asked for: the Spanish automaton is ~14 KiB). Words
//! are broken this way only as a last resort, when even the word alone does
//! not fit its line; the layout first widens table columns to their widest
//! word.

/// How the words of a document are hyphenated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hyphenation {
    /// No patterns for the document's language: a word that must break is
    /// cut between characters.
    None,
    Spanish,
}

impl Hyphenation {
    /// The hyphenation of a document in `lang` (`es`, `es-EC`, … are Spanish).
    pub(crate) fn for_lang(lang: &str) -> Hyphenation {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        if primary.trim().eq_ignore_ascii_case("es") {
            Hyphenation::Spanish
        } else {
            Hyphenation::None
        }
    }

    /// Indices into `word` before which a hyphen may be inserted, ascending.
    ///
    /// Only runs of letters are hyphenated, and only in words with no digit
    /// and nothing of an address or a path (`/`, `@`, `\`, `www.`): a hyphen
    /// added to a code, a URL or an e-mail would change what it says.
    pub(crate) fn points(self, word: &[char]) -> Vec<usize> {
        if self == Hyphenation::None || !hyphenatable(word) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < word.len() {
            if !word[i].is_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < word.len() && word[i].is_alphabetic() {
                i += 1;
            }
            // hypher lowercases (so «VERIFICACIÓN» hyphenates like
            // «verificación») and applies Spanish's two-letter margins.
            let run: String = word[start..i].iter().collect();
            let mut at = start;
            let syllables = hypher::hyphenate(&run, hypher::Lang::Spanish);
            let n = syllables.len();
            for (k, syllable) in syllables.enumerate() {
                at += syllable.chars().count();
                if k + 1 < n {
                    out.push(at);
                }
            }
        }
        out
    }
}

fn hyphenatable(word: &[char]) -> bool {
    let lower: String = word.iter().flat_map(|c| c.to_lowercase()).collect();
    !word
        .iter()
        .any(|c| c.is_numeric() || matches!(c, '/' | '@' | '\\'))
        && !lower.contains("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        let points = Hyphenation::Spanish.points(&chars);
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(*c);
        }
        out
    }

    #[test]
    fn spanish_words_break_between_syllables_in_any_case() {
        assert_eq!(split("verificación"), "ve-ri-fi-ca-ción");
        assert_eq!(split("VERIFICACIÓN"), "VE-RI-FI-CA-CIÓN");
        // hyph-es keeps vowels in hiatus together.
        assert_eq!(split("AFROECUATORIANO"), "AFRO-ECUA-TO-RIANO");
        assert_eq!(split("CUMPLIMIENTO"), "CUM-PLI-MIEN-TO");
        assert_eq!(split("INTERNACIONALES"), "IN-TER-NA-CIO-NA-LES");
    }

    #[test]
    fn punctuation_around_a_word_is_kept_out_of_its_syllables() {
        assert_eq!(split("(RECOMENDACIONES),"), "(RE-CO-MEN-DA-CIO-NES),");
        assert_eq!(split("PÁG."), "PÁG.");
    }

    #[test]
    fn codes_addresses_and_other_languages_are_not_hyphenated() {
        for word in [
            "IESS-CMFIEDM-DA-2024",
            "https://www.iess.gob.ec/documentos",
            "planificacion@iess.gob.ec",
            "www.iess.gob.ec",
        ] {
            assert_eq!(split(word), word);
        }
        let chars: Vec<char> = "verificación".chars().collect();
        assert!(Hyphenation::for_lang("en").points(&chars).is_empty());
        assert_eq!(Hyphenation::for_lang("es-EC"), Hyphenation::Spanish);
        assert_eq!(Hyphenation::for_lang("ES"), Hyphenation::Spanish);
    }
}
