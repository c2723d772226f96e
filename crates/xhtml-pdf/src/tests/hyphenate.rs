//! Words that must break take a hyphen at a Spanish syllable boundary.

use super::*;

/// The text of each line of `spans` wrapped at `max` points, 8 pt bold.
fn lines(word: &str, max: f32, hy: Hyphenation) -> Vec<String> {
    let spans = [Span::new(word, true)];
    wrap(fonts(), hy, &spans, 8.0, max, true)
        .iter()
        .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
        .collect()
}

#[test]
fn a_word_wider_than_its_line_breaks_at_a_syllable_with_a_hyphen() {
    let width = fonts().bold.width("VERIFICACIÓN", 8.0);
    let got = lines("VERIFICACIÓN", width * 0.75, Hyphenation::Spanish);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got == ["VERIFICA-", "CIÓN"] || got == ["VERIFI-", "CACIÓN"],
        "{got:?}"
    );
    // Narrower still: every line but the last ends in a hyphen, and the
    // syllables put back together are the word.
    let got = lines("AFROECUATORIANO", width * 0.6, Hyphenation::Spanish);
    assert!(got.len() > 2, "{got:?}");
    assert!(
        got[..got.len() - 1].iter().all(|l| l.ends_with('-')),
        "{got:?}"
    );
    assert_eq!(got.concat().replace('-', ""), "AFROECUATORIANO");
    // hyph-es: AFRO-ECUA-TO-RIANO.
    let mut at = 0;
    for line in &got[..got.len() - 1] {
        at += line.chars().count() - 1;
        assert!([4, 8, 10].contains(&at), "{got:?}");
    }
}

#[test]
fn without_a_syllable_that_fits_the_word_is_cut_between_characters() {
    let got = lines(
        "https://www.iess.gob.ec/documentos",
        40.0,
        Hyphenation::Spanish,
    );
    assert_eq!(
        got.concat(),
        "https://www.iess.gob.ec/documentos",
        "no hyphen added"
    );
    let got = lines("VERIFICACIÓN", 30.0, Hyphenation::None);
    assert_eq!(got.concat(), "VERIFICACIÓN", "{got:?}");
}

#[test]
fn a_column_too_narrow_for_its_widest_word_hyphenates_it() {
    let mut head = String::new();
    for _ in 0..14 {
        head.push_str("<th>AFROECUATORIANO</th>");
    }
    let body =
        format!("<table><thead><tr>{head}</tr></thead><tbody><tr><td>1</td></tr></tbody></table>");
    let l = lay(&page(&body, "portrait"));
    let t = table(&l);
    let first = &t.head.cells[0].lines;
    let text: Vec<String> = first
        .iter()
        .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
        .collect();
    assert!(text.len() > 1 && text[0].ends_with('-'), "{text:?}");
    assert_eq!(text.concat().replace('-', ""), "AFROECUATORIANO");
}
