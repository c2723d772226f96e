//! The mutations: damage a real input file the way a broken download, a
//! hostile sender or a tired planner would. Every mutation is chosen by a
//! seeded generator, so a case is rebuilt from its seed and number alone.

use std::io::{Read, Write};

/// SplitMix64: small, fast and good enough to choose mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Numbers at the edges of what the readers and the arithmetic hold.
const NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "4.9e-324",
    "1e27",
    "-1e28",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "792281625142643375935439503350",
    "0.0000000000000000000000000001",
    "1e-28",
    "1e-40",
    "1000000000000000",
    "1000000000000001",
    "999999999999999.9999999999999",
    "NaN",
    "inf",
    "-inf",
    "-0",
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "2147483648",
    "1048576",
    "16384",
    "99999999999",
    "0.85",
    "85%",
    "-$ 2.000.000,00",
    "$ 353,233,333,33",
    "1,2,3",
    "12/13/2025",
    "2025-13",
    "45000",
    "-45000",
    "2958466",
];

/// Texts that have broken or could break a reader, a renderer or a reader's
/// terminal: control characters, scripts the fonts lack, formulas, quotes.
fn texts(rng: &mut Rng) -> String {
    match rng.below(22) {
        0 => "\u{0}".into(),
        1 => "😀 Unidad".into(),
        2 => "مرحبا".into(),
        3 => "\u{1b}[2J".into(),
        4 => "=HYPERLINK(\"http://x\",\"clic\")".into(),
        5 => "x".repeat(40_000),
        6 => "\"".into(),
        7 => "\";\"".into(),
        8 => "Azuay".into(),
        9 => "http://ñandú.gob.ec/doc/1".into(),
        10 => "\u{202e}invertido".into(),
        11 => "\u{200b}".into(),
        12 => "\r\n".into(),
        13 => "%".into(),
        14 => "Dirección Provincial Azuay".into(),
        15 => "#DIV/0!".into(),
        16 => "../../etc/passwd".into(),
        17 => "CON".into(),
        18 => "\u{feff}".into(),
        19 => "Institución".into(),
        20 => "\u{7}\u{8}\u{b}\u{c}".into(),
        _ => "ñ".repeat(1 + rng.below(3000)),
    }
}

/// A value for a cell or an attribute: mostly numbers, sometimes text.
pub fn value(rng: &mut Rng) -> String {
    if rng.chance(3) {
        texts(rng)
    } else {
        rng.pick(NUMBERS).to_string()
    }
}

/// Byte-level damage: flips, interesting bytes, truncation, holes, copies.
pub fn bytes(rng: &mut Rng, data: &mut Vec<u8>) {
    if data.is_empty() {
        data.push(0);
        return;
    }
    match rng.below(7) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(data.len());
                data[i] = *rng.pick(&[0x00, 0xFF, 0x7F, 0x80, 0xFE, 0x01]);
            }
        }
        2 => {
            let at = rng.below(data.len());
            data.truncate(at);
        }
        3 => {
            let at = rng.below(data.len());
            let len = rng.below(64).min(data.len() - at);
            data.drain(at..at + len);
        }
        4 => {
            let at = rng.below(data.len());
            let len = (1 + rng.below(256)).min(data.len() - at);
            let chunk: Vec<u8> = data[at..at + len].to_vec();
            let to = rng.below(data.len());
            data.splice(to..to, chunk);
        }
        5 => {
            // A little-endian count or length set to an extreme.
            let i = rng.below(data.len().saturating_sub(4).max(1));
            let v: u32 = *rng.pick(&[0xFFFF_FFFF, 0x7FFF_FFFF, 0x0001_0000, 0xFFFF, 0]);
            for (k, b) in v.to_le_bytes().iter().enumerate() {
                if let Some(x) = data.get_mut(i + k) {
                    *x = *b;
                }
            }
        }
        _ => {
            let at = rng.below(data.len());
            let junk = value(rng);
            data.splice(at..at, junk.bytes());
        }
    }
}

/// Text-level damage of XML: an attribute value or a text node replaced by
/// an extreme value (escaped, so the XML stays well formed, or not).
pub fn xml(rng: &mut Rng, data: &mut Vec<u8>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return bytes(rng, data);
    };
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() && spans.len() < 200_000 {
        if b[i] == b'=' && b[i + 1] == b'"' {
            let start = i + 2;
            if let Some(len) = text[start..].find('"') {
                spans.push((start, start + len));
                i = start + len;
            }
        } else if b[i] == b'>' {
            let start = i + 1;
            if let Some(len) = text[start..].find('<') {
                if len > 0 {
                    spans.push((start, start + len));
                }
                i = start + len;
            }
        }
        i += 1;
    }
    if spans.is_empty() {
        return bytes(rng, data);
    }
    let mut out = text.to_string();
    // Later spans first, so earlier offsets stay valid.
    let mut chosen: Vec<(usize, usize)> =
        (0..1 + rng.below(4)).map(|_| *rng.pick(&spans)).collect();
    chosen.sort();
    chosen.dedup();
    for (s, e) in chosen.into_iter().rev() {
        let mut v = if rng.chance(4) {
            rng.pick(&[
                "XFD1048576",
                "A0",
                "ZZZZ99999999",
                "s",
                "e",
                "b",
                "inlineStr",
                "str",
                "float",
                "percentage",
                "string",
                "date",
                "boolean",
                "true",
                "hidden",
                "veryHidden",
                "1048576",
                "999999999999",
                "-1",
            ])
            .to_string()
        } else {
            value(rng)
        };
        if !rng.chance(8) {
            v = v
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
        }
        out.replace_range(s..e, &v);
    }
    *data = out.into_bytes();
}

/// Damage inside a zip (`.xlsx`, `.ods`): an entry's XML mutated and the
/// archive written again, or the archive's own bytes damaged.
pub fn zip(rng: &mut Rng, data: &mut Vec<u8>) {
    if rng.chance(4) {
        return bytes(rng, data);
    }
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(data.clone())) else {
        return bytes(rng, data);
    };
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let Ok(mut f) = archive.by_index(i) else {
            return bytes(rng, data);
        };
        let Ok(name) = f.name().map(|n| n.to_string()) else {
            return bytes(rng, data);
        };
        let mut content = Vec::new();
        if f.read_to_end(&mut content).is_err() {
            return bytes(rng, data);
        }
        entries.push((name, content));
    }
    let xml_entries: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].0.ends_with(".xml") || entries[i].0.ends_with(".rels"))
        .collect();
    if xml_entries.is_empty() {
        return bytes(rng, data);
    }
    // The sheets and shared strings hold the data: favour them.
    let data_entries: Vec<usize> = xml_entries
        .iter()
        .copied()
        .filter(|&i| {
            let n = &entries[i].0;
            n.contains("sheet") || n.contains("sharedStrings") || n == "content.xml"
        })
        .collect();
    let target = if !data_entries.is_empty() && !rng.chance(4) {
        *rng.pick(&data_entries)
    } else {
        *rng.pick(&xml_entries)
    };
    match rng.below(6) {
        0 => bytes(rng, &mut entries[target].1),
        1 => {
            // An entry removed.
            entries.remove(target);
        }
        _ => xml(rng, &mut entries[target].1),
    }
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in &entries {
        if w.start_file(name.as_str(), options).is_err() || w.write_all(content).is_err() {
            return bytes(rng, data);
        }
    }
    match w.finish() {
        Ok(c) => *data = c.into_inner(),
        Err(_) => bytes(rng, data),
    }
}

/// Damage of a delimited text: a cell replaced, a separator or a quote
/// added or lost, a line cut, broken UTF-8.
pub fn csv(rng: &mut Rng, data: &mut Vec<u8>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return bytes(rng, data);
    };
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return bytes(rng, data);
    }
    for _ in 0..1 + rng.below(3) {
        let l = rng.below(lines.len());
        let line = &mut lines[l];
        let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
        match rng.below(8) {
            0..=2 => {
                let c = rng.below(cells.len());
                cells[c] = value(rng);
            }
            3 => {
                let c = rng.below(cells.len());
                cells[c].insert(0, '"');
            }
            4 => {
                let c = rng.below(cells.len());
                cells.insert(c, String::new());
            }
            5 => {
                if cells.len() > 1 {
                    let c = rng.below(cells.len());
                    cells.remove(c);
                }
            }
            6 => {
                let c = rng.below(cells.len());
                cells[c] = format!("\"{}\"", value(rng).replace('"', "\"\""));
            }
            _ => {
                let dup = line.clone();
                lines.insert(l, dup);
                continue;
            }
        }
        *line = cells.join(";");
    }
    let mut out = lines
        .join(if rng.chance(5) { "\r\n" } else { "\n" })
        .into_bytes();
    if rng.chance(10) {
        bytes(rng, &mut out);
    }
    *data = out;
}

/// Damage of an `.xls`: BIFF records changed (their type, their length or
/// their numbers) or the compound file's bytes damaged.
pub fn xls(rng: &mut Rng, data: &mut Vec<u8>) {
    if data.len() < 1024 || rng.chance(3) {
        return bytes(rng, data);
    }
    // Records follow the 512-byte header: type and length, little-endian.
    for _ in 0..1 + rng.below(3) {
        let at = 512 + rng.below(data.len() - 516);
        match rng.below(3) {
            0 => data[at + 2] = *rng.pick(&[0xFF, 0x00, 0x10]),
            1 => {
                data[at] = *rng.pick(&[0x00, 0x03, 0xFC, 0xFD, 0x0A, 0x85]);
                data[at + 1] = *rng.pick(&[0x00, 0x02, 0x01]);
            }
            _ => {
                for k in 0..4 {
                    data[at + k] = 0xFF;
                }
            }
        }
    }
}

/// Damage of `lotaip.toml`: a value replaced by an extreme one, a line
/// duplicated or cut, or its bytes damaged.
pub fn toml(rng: &mut Rng, data: &mut Vec<u8>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return bytes(rng, data);
    };
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() || rng.chance(4) {
        return bytes(rng, data);
    }
    let l = rng.below(lines.len());
    match rng.below(3) {
        0 => {
            if let Some((key, _)) = lines[l].split_once('=') {
                let v = value(rng);
                let v = if rng.chance(2) {
                    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
                } else {
                    v
                };
                lines[l] = format!("{key}= {v}");
            }
        }
        1 => {
            let dup = lines[l].clone();
            lines.insert(l, dup);
        }
        _ => {
            let cut = rng.below(lines[l].len() + 1);
            let mut line = lines[l].clone();
            while !line.is_char_boundary(cut.min(line.len())) {
                line.pop();
            }
            line.truncate(cut.min(line.len()));
            lines[l] = line;
        }
    }
    *data = (lines.join("\n") + "\n").into_bytes();
}
