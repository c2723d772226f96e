//! Spanish (es-EC) formats of numbers, money, percentages and dates, in one
//! place: used by every renderer and registered as Tera filters.
//!
//! `$ 18.215.009,19`, `91,13 %`, `3.081.783`, `31/10/2025`.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::Medida;

/// Groups the integer digits with `.` and writes the decimals after `,`.
/// With `decimals`, rounds half away from zero and pads; without, writes the
/// value as entered (trailing zeros dropped).
pub fn numero_con(d: Decimal, decimals: Option<u32>) -> String {
    let d = match decimals {
        Some(n) => d.round_dp_with_strategy(n, RoundingStrategy::MidpointAwayFromZero),
        None => d.normalize(),
    };
    let text = match decimals {
        Some(n) => format!("{:.*}", n as usize, d.abs()),
        None => d.abs().to_string(),
    };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A number as entered, Spanish separators: `3.081.783`, `8,5`.
pub fn numero(d: Decimal) -> String {
    numero_con(d, None)
}

/// US dollars with cents: `$ 18.215.009,19`.
pub fn usd(d: Decimal) -> String {
    let n = numero_con(d.abs(), Some(2));
    if d.is_sign_negative() && !d.round_dp(2).is_zero() {
        format!("-$ {n}")
    } else {
        format!("$ {n}")
    }
}

/// Percentage points with 2 decimals and a space: `91,13 %`.
pub fn pct(points: Decimal) -> String {
    format!("{} %", numero_con(points, Some(2)))
}

/// The decimals the CPCCS form writes a percentage target or result with,
/// as a fraction: two, or as many as were entered (up to four).
pub fn decimales_fraccion(fraction: Decimal) -> u32 {
    fraction.normalize().scale().clamp(2, 4)
}

/// A percentage target or result as the CPCCS form writes it, a fraction
/// with two decimals or more: `0.85` → `0,85`, `0.8525` → `0,8525`.
pub fn fraccion(fraction: Decimal) -> String {
    numero_con(fraction, Some(decimales_fraccion(fraction)))
}

/// A fraction as the published matrix writes targets: `0.85` → `85%`,
/// `0.0646` → `6,46%` (all digits entered, no padding).
pub fn pct_fraccion(fraction: Decimal) -> String {
    format!("{}%", numero(fraction * Decimal::ONE_HUNDRED))
}

/// A target or result in its measure's format: percentages as the matrix
/// writes them (`85%`), amounts in dollars, the rest as numbers.
pub fn valor_medida(medida: Medida, d: Decimal) -> String {
    match medida {
        Medida::Porcentaje => pct_fraccion(d),
        Medida::Monto => usd(d),
        Medida::Numero | Medida::Tiempo | Medida::Indice => numero(d),
    }
}

/// A computed figure (an average, a year's total) in its measure's format,
/// rounded as shown: percentages to 2 decimals of a point, dollars to cents,
/// other numbers to 2 decimals; trailing zeros dropped.
pub fn valor_medida_calculado(medida: Medida, d: Decimal) -> String {
    let r = |d: Decimal, dp: u32| {
        d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    };
    match medida {
        Medida::Porcentaje => format!("{}%", numero(r(d * Decimal::ONE_HUNDRED, 2))),
        Medida::Monto => usd(d),
        Medida::Numero | Medida::Tiempo | Medida::Indice => numero(r(d, 2)),
    }
}

/// `31/10/2025`.
pub fn fecha(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A file size for a download link: `580 bytes`, `326 KB`, `3,2 MB`.
pub fn tamano(bytes: u64) -> String {
    const KB: u64 = 1024;
    match bytes {
        b if b < KB => format!("{b} bytes"),
        b if b < KB * KB => format!("{} KB", numero(Decimal::from(b.div_ceil(KB)))),
        b => format!(
            "{} MB",
            numero_con(Decimal::from(b) / Decimal::from(KB * KB), Some(1))
        ),
    }
}

/// Registers the formats as Tera filters: `numero`, `usd`, `pct`,
/// `pct_fraccion`, `fecha` (ISO date in), and `csv` (a quoted CSV field).
pub fn register_filters(tera: &mut tera::Tera) {
    fn dec(s: &str) -> tera::TeraResult<Decimal> {
        s.trim()
            .parse::<Decimal>()
            .map_err(|_| tera::Error::message(format!("«{s}» no es un número")))
    }
    tera.register_filter("numero", |x: String, kw: tera::Kwargs, _: &tera::State| {
        let decimales: Option<u32> = kw.get("decimales")?;
        Ok::<_, tera::Error>(numero_con(dec(&x)?, decimales))
    });
    tera.register_filter("usd", |x: String, _: tera::Kwargs, _: &tera::State| {
        Ok::<_, tera::Error>(usd(dec(&x)?))
    });
    tera.register_filter("pct", |x: String, _: tera::Kwargs, _: &tera::State| {
        Ok::<_, tera::Error>(pct(dec(&x)?))
    });
    tera.register_filter(
        "pct_fraccion",
        |x: String, _: tera::Kwargs, _: &tera::State| Ok::<_, tera::Error>(pct_fraccion(dec(&x)?)),
    );
    tera.register_filter("fecha", |x: String, _: tera::Kwargs, _: &tera::State| {
        let d = NaiveDate::parse_from_str(x.trim(), "%Y-%m-%d")
            .map_err(|_| tera::Error::message(format!("«{x}» no es una fecha AAAA-MM-DD")))?;
        Ok::<_, tera::Error>(fecha(d))
    });
    // `{{ n | cuenta(uno="unidad", varios="unidades") }}`: `1 unidad`,
    // `1.234 unidades`, `0 unidades`.
    tera.register_filter("cuenta", |x: String, kw: tera::Kwargs, _: &tera::State| {
        let n = dec(&x)?;
        let uno: String = kw.must_get("uno")?;
        let varios: String = kw.must_get("varios")?;
        let palabra = if n == Decimal::ONE { uno } else { varios };
        Ok::<_, tera::Error>(format!("{} {palabra}", numero(n)))
    });
    // `csv(calculado=true)` marks text the program wrote from numbers (a
    // negative amount `-$ 2.000.000,00`): it is quoted but not guarded.
    tera.register_filter("csv", |x: String, kw: tera::Kwargs, _: &tera::State| {
        let calculado: Option<bool> = kw.get("calculado")?;
        Ok::<_, tera::Error>(if calculado == Some(true) {
            csv_quoted(&x)
        } else {
            csv_field(&x)
        })
    });
}

/// One CSV field of text that came from a person, quoted when it needs to
/// be. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return first) gets a leading apostrophe; numbers such as
/// `-5` are left alone.
pub fn csv_field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<Decimal>().is_err();
    if risky {
        csv_quoted(&format!("'{s}"))
    } else {
        csv_quoted(s)
    }
}

/// One CSV field, quoted when it needs to be, its text unchanged: for text
/// the program itself wrote from numbers.
pub fn csv_quoted(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r', ';']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn file_sizes() {
        assert_eq!(tamano(580), "580 bytes");
        assert_eq!(tamano(334_326), "327 KB");
        assert_eq!(tamano(3_355_443), "3,2 MB");
    }

    #[test]
    fn spanish_numbers() {
        assert_eq!(numero(dec!(3081783)), "3.081.783");
        assert_eq!(numero(dec!(1440)), "1.440");
        assert_eq!(numero(dec!(472)), "472");
        assert_eq!(numero(dec!(8.50)), "8,5");
        assert_eq!(numero(dec!(-1234.5)), "-1.234,5");
        assert_eq!(numero(dec!(0)), "0");
        assert_eq!(numero(dec!(123456)), "123.456");
        assert_eq!(
            numero_con(dec!(1054666507.876), Some(2)),
            "1.054.666.507,88"
        );
        assert_eq!(numero_con(dec!(0.5), Some(0)), "1");
    }

    #[test]
    fn seed_money_and_percent_formats() {
        assert_eq!(usd(dec!(18215009.19)), "$ 18.215.009,19");
        assert_eq!(usd(dec!(16599214.93)), "$ 16.599.214,93");
        assert_eq!(usd(dec!(0)), "$ 0,00");
        assert_eq!(usd(dec!(9250000)), "$ 9.250.000,00");
        assert_eq!(usd(dec!(-5.5)), "-$ 5,50");
        assert_eq!(pct(dec!(107.0588235294)), "107,06 %");
        assert_eq!(pct(dec!(91.13)), "91,13 %");
        assert_eq!(pct(dec!(100)), "100,00 %");
        assert_eq!(pct_fraccion(dec!(0.85)), "85%");
        assert_eq!(pct_fraccion(dec!(0.0646)), "6,46%");
        assert_eq!(pct_fraccion(dec!(0.752)), "75,2%");
        assert_eq!(
            valor_medida_calculado(Medida::Indice, dec!(42.8333333333333333333)),
            "42,83"
        );
        assert_eq!(
            valor_medida_calculado(Medida::Porcentaje, dec!(0.811666666666)),
            "81,17%"
        );
        assert_eq!(
            valor_medida_calculado(Medida::Porcentaje, dec!(0.85)),
            "85%"
        );
        assert_eq!(
            valor_medida_calculado(Medida::Numero, dec!(3081783)),
            "3.081.783"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            fecha(NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()),
            "31/10/2025"
        );
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(
            csv_field("Dirección Provincial Azuay"),
            "Dirección Provincial Azuay"
        );
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("dijo \"sí\""), "\"dijo \"\"sí\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-5.25"), "-5.25");
        assert_eq!(csv_field("-ataque"), "'-ataque");
    }

    proptest::proptest! {
        #[test]
        fn no_text_reaches_a_csv_as_a_formula(s in proptest::prelude::any::<String>()) {
            let field = csv_field(&s);
            let mut rd = csv::ReaderBuilder::new().has_headers(false).from_reader(field.as_bytes());
            let read = rd.records().next().map(|r| r.map(|r| r.get(0).unwrap_or("").to_string()));
            let value = match read {
                Some(Ok(v)) => v,
                _ => String::new(),
            };
            let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
            proptest::prop_assert!(!formula || value.parse::<Decimal>().is_ok(), "{:?} → {:?}", s, value);
        }
    }

    #[test]
    fn filters_work_in_templates() {
        let mut t = tera::Tera::default();
        register_filters(&mut t);
        t.add_raw_template("x", "{{ a | usd }} {{ b | pct }} {{ c | numero }} {{ d | fecha }} {{ c | numero(decimales=2) }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("a", "18215009.19");
        ctx.insert("b", "91.125");
        ctx.insert("c", "3081783");
        ctx.insert("d", "2025-10-31");
        assert_eq!(
            t.render("x", &ctx).unwrap(),
            "$ 18.215.009,19 91,13 % 3.081.783 31/10/2025 3.081.783,00"
        );
    }
}
