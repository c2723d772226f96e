//! The TOML parser's messages in Spanish.

/// A TOML parser's name of a kind of value, in Spanish (`string "x"` → `el texto "x"`).
fn tipo_toml(s: &str) -> String {
    let s = s.trim();
    for (en, es) in [
        ("string ", "el texto "),
        ("integer ", "el número entero "),
        ("float ", "el número "),
        ("boolean ", "el valor lógico "),
        ("floating point ", "el número "),
    ] {
        if let Some(v) = s.strip_prefix(en) {
            return format!("{es}{}", v.replace('`', ""));
        }
    }
    match s {
        "i32" | "i64" | "u8" | "u32" | "an integer" => "un número entero".into(),
        "a string" | "string" => "un texto entre comillas".into(),
        "a boolean" | "bool" => "true o false".into(),
        "f64" | "a float" => "un número".into(),
        "a Decimal type representing a fixed-point number" => {
            "un número decimal de hasta 28 cifras".into()
        }
        "a sequence" => "una lista".into(),
        "a map" | "map" | "table" => "una sección".into(),
        "sequence" => "una lista".into(),
        "a datetime" | "datetime" => "una fecha".into(),
        s if s.starts_with("one of ") || s.starts_with('`') => {
            s.replace('`', "«").replace("one of ", "uno de: ")
        }
        _ => "otro tipo de valor".into(),
    }
}

/// Puts the TOML parser's messages into Spanish; syntax errors it words
/// otherwise get a general hint (the location already says where).
pub(super) fn traducir(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (campo, esperado) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "ajuste desconocido «{}»; se esperaba uno de: {}",
            campo.trim_matches('`'),
            esperado
                .trim_start_matches("one of ")
                .replace('`', "")
                .replace(" or ", " o ")
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("falta el ajuste «{}»", rest.trim_matches('`'));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "tipo de valor no válido: se encontró {}; se esperaba {}",
            tipo_toml(found),
            tipo_toml(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (valor, esperado) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "valor desconocido «{}»; se esperaba {}",
            valor.trim_matches('`'),
            esperado
                .trim_start_matches("one of ")
                .replace('`', "")
                .replace(" or ", " o ")
        );
    }
    // The checks of a section (`[avisos] …`) already speak Spanish.
    if msg.starts_with('[') {
        return msg.to_string();
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "valor no válido: se encontró {}; se esperaba {}",
            tipo_toml(found),
            tipo_toml(expected)
        );
    }
    const SYNTAX: [(&str, &str); 9] = [
        ("unclosed table", "nombre de sección sin cerrar (falta «]»)"),
        ("unclosed array", "lista sin cerrar (falta «]»)"),
        ("duplicate key", "ajuste repetido"),
        ("invalid basic string", "texto entre comillas mal cerrado"),
        ("invalid string", "texto mal escrito"),
        ("key with no value", "ajuste sin valor (falta «= valor»)"),
        (
            "string values must be quoted",
            "los textos van entre comillas",
        ),
        ("invalid table header", "nombre de sección mal escrito"),
        (
            "invalid escape",
            "secuencia de escape no válida después de «\\»",
        ),
    ];
    // The parser's other messages are English: the line already says where.
    match SYNTAX.iter().find(|(en, _)| msg.contains(en)) {
        Some((_, es)) => format!("sintaxis TOML no válida: {es}"),
        None => "sintaxis TOML no válida: revise las comillas de los textos, los corchetes de las secciones y el signo «=» de cada ajuste".to_string(),
    }
}
