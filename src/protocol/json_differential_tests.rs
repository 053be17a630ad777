//! Differential tests of the JSON parser against serde_json: both must accept and reject
//! the same documents and read the same values from those they accept.
//!
//! Documents come from the fuzz corpus, a table of edge cases, and a generator of random
//! documents and random corruptions of them. Numbers compare as text when serde_json
//! reads them as integers, and as doubles otherwise. serde_json's default float parsing
//! is not always correctly rounded, so doubles may differ in the last two bits.
//!
//! The two parsers disagree, by design, only on numbers within a few units in the last
//! place of `f64::MAX`: this parser decides overflow from the exact digits. No document
//! here comes that close.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::json::{self, Value};
use super::test_random::Lcg;

type Theirs = serde_json::Value;

/// Checks that both parsers accept `document` or both reject it, and that accepted
/// documents read the same.
fn check_agreement(document: &[u8], label: &str) {
    let ours = json::parse(document);
    let theirs = serde_json::from_slice::<Theirs>(document);
    match (&ours, &theirs) {
        (Ok(ours), Ok(theirs)) => check_same(ours, theirs, &mut String::from("$"), label),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(error)) => panic!("{label}: accepted here, rejected by serde_json ({error}): {}", shown(document)),
        (Err(error), Ok(_)) => panic!("{label}: rejected here ({error}), accepted by serde_json: {}", shown(document)),
    }
}

/// Returns the start of a document, at most 300 characters, for a failure message.
fn shown(document: &[u8]) -> String {
    let text = String::from_utf8_lossy(document);
    let head: String = text.chars().take(300).collect();
    format!("{head:?}")
}

fn check_same(ours: &Value, theirs: &Theirs, path: &mut String, label: &str) {
    match (ours, theirs) {
        (Value::Null, Theirs::Null) => {}
        (Value::Bool(ours), Theirs::Bool(theirs)) => assert_eq!(ours, theirs, "{label} at {path}"),
        (Value::String(ours), Theirs::String(theirs)) => assert_eq!(ours, theirs, "{label} at {path}"),
        (Value::Number(ours), Theirs::Number(theirs)) => {
            if theirs.is_i64() || theirs.is_u64() {
                assert_eq!(ours.as_str(), theirs.to_string(), "{label} at {path}");
            } else {
                let ours_f64 = ours.as_f64().unwrap();
                let theirs_f64 = theirs.as_f64().unwrap();
                assert!(
                    within_two_ulps(ours_f64, theirs_f64),
                    "{label} at {path}: {} reads as {ours_f64:e} here and {theirs_f64:e} in serde_json",
                    ours.as_str()
                );
            }
        }
        (Value::Array(ours), Theirs::Array(theirs)) => {
            assert_eq!(ours.len(), theirs.len(), "{label}: array length at {path}");
            for (index, (ours, theirs)) in ours.iter().zip(theirs).enumerate() {
                let length = path.len();
                path.push_str(&format!("[{index}]"));
                check_same(ours, theirs, path, label);
                path.truncate(length);
            }
        }
        (Value::Object(ours), Theirs::Object(theirs)) => {
            // Keys are unique on both sides, so equal counts and found keys mean equal sets.
            assert_eq!(ours.len(), theirs.len(), "{label}: member count at {path}");
            for (key, ours) in ours.entries() {
                let Some(theirs) = theirs.get(key) else {
                    panic!("{label}: key {key:?} at {path} is missing in serde_json's object");
                };
                let length = path.len();
                path.push_str(&format!(".{key:?}"));
                check_same(ours, theirs, path, label);
                path.truncate(length);
            }
        }
        (ours, theirs) => panic!("{label} at {path}: {ours:?} here, {theirs:?} in serde_json"),
    }
}

/// Checks whether two doubles are equal or at most two representable steps apart. Zeros
/// of either sign are equal.
fn within_two_ulps(a: f64, b: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_sign_negative() != b.is_sign_negative() {
        return false;
    }
    a.to_bits().abs_diff(b.to_bits()) <= 2
}

/// Every file of the decoders fuzz corpus: response bodies, broken bodies, and bodies
/// that are not JSON at all.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn fuzz_corpus_agrees() {
    let folder = super::corpus_tests::decoder_corpus_folder();
    let mut files = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let document = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        check_agreement(&document, &name);
        // The client removes a byte-order mark before parsing, because neither parser skips one.
        if let Some(after_mark) = document.strip_prefix(b"\xEF\xBB\xBF") {
            check_agreement(after_mark, &format!("{name} after its byte-order mark"));
        }
        files += 1;
    }
    assert!(files >= 60, "expected the whole corpus in {}, found {files} files", folder.display());
}

/// Hand-written documents at the edges of the grammar.
const EDGE_CASES: &[&str] = &[
    // Scalars and whitespace.
    "null", "true", "false", " \t\r\n null \t\r\n", "\u{c}null", "\u{a0}null", "nul", "nulll", "True", "NULL",
    "", " ", "\u{feff}null",
    // Strings and escapes.
    r#""""#, r#""plain""#, r#""Кузнецова Антонина Петровна""#, r#""\"\\\/\b\f\n\r\t""#,
    r#""\u0000\u001f\u007f\u0080\u07ff\u0800\uffff""#, r#""\u00E9\u00e9""#, r#""\uD83D\uDE00""#, r#""\udbff\udfff""#,
    r#""\uD800""#, r#""\uDC00""#, r#""\uD800\uD800""#, r#""\uD800\u0041""#, r#""\uD800\n""#, r#""\uD800x""#,
    r#""\uDE00\uD83D""#, r#""\u12""#, r#""\u12G4""#, r#""\x41""#, r#""\'""#, r#""\U0041""#, "\"\\",
    "\"a\u{1}b\"", "\"a\nb\"", "\"tab\there\"", "\"\u{7f}\"", "\"\u{1F600}\"", "\"unterminated", "'single'",
    // Numbers.
    "0", "-0", "0.0", "-0.0", "1", "-1", "24", "123456789", "1.5", "-1.5", "1e2", "1E2", "1e+2", "1e-2", "1.5e3",
    "9007199254740993", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
    "0.1", "0.30000000000000004", "1e308", "1e309", "-1e309", "1e400", "1e-400", "4.9e-324", "2e-324",
    "2.2250738585072014e-308", "1.7976931348623157e308", "0e999999999999999999", "1e999999999999999999",
    "1e-999999999999999999", "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "1.e5", "0x10", "1_000",
    "NaN", "Infinity", "-Infinity", "1.5.5", "--1",
    // Arrays.
    "[]", "[ ]", "[1]", "[1,2,3]", "[ 1 , 2 ]", "[[[]]]", "[1,]", "[,1]", "[1 2]", "[1,,2]", "[", "]", "[1",
    "[1]]", "[null, true, \"x\", 1.5, {}, []]",
    // Objects.
    "{}", "{ }", r#"{"a":1}"#, r#"{"a":1,"b":[2]}"#, r#"{"a":1,}"#, r#"{,"a":1}"#, r#"{"a" 1}"#, r#"{"a":}"#,
    r#"{"a"}"#, "{a:1}", "{1:1}", r#"{"a":1 "b":2}"#, "{", r#"{"a":1"#, r#"{"a":1}}"#, r#"{"a":1,"a":2}"#,
    r#"{"a":{"x":1},"a":[2]}"#, r#"{"":0}"#, r#"{"\u0041":1,"A":2}"#, r#"{"Code":1,"code":2}"#,
    // Documents after the first.
    "{} {}", "[] x", "1 2", "null null", "{}\n", "{}/* comment */", "// comment\n{}",
];

#[test]
fn edge_cases_agree() {
    for document in EDGE_CASES {
        check_agreement(document.as_bytes(), document);
    }
    let byte_cases: [&[u8]; 6] = [b"\"\xFF\"", b"\"a\xC3\"", b"\"\xED\xA0\x80\"", b"\"\xF4\x90\x80\x80\"", b"\xFF", b"[\"\xC0\xAF\"]"];
    for document in byte_cases {
        check_agreement(document, "invalid UTF-8");
    }
}

#[test]
fn nesting_limits_agree() {
    for depth in [1, 100, 126, 127, 128, 129, 1000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        check_agreement(arrays.as_bytes(), &format!("{depth} nested arrays"));
        let objects = format!("{}null{}", "{\"k\":".repeat(depth), "}".repeat(depth));
        check_agreement(objects.as_bytes(), &format!("{depth} nested objects"));
        let mixed = format!("{}0{}", "[{\"k\":".repeat(depth / 2), "}]".repeat(depth / 2));
        check_agreement(mixed.as_bytes(), &format!("{depth} mixed levels"));
    }
}

#[test]
fn large_objects_agree() {
    // 3,000 members over 700 keys: the hash table of repeated keys fills and collides.
    let mut document = String::from("{");
    for index in 0..3_000 {
        if index > 0 {
            document.push(',');
        }
        document.push_str(&format!("\"key{}\": {index}", index * 13 % 700));
    }
    document.push('}');
    check_agreement(document.as_bytes(), "3,000 members");
    let parsed = json::parse(document.as_bytes()).unwrap();
    let keys: Vec<&str> = parsed.as_object().unwrap().entries().iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys.len(), 700);
    assert_eq!(&keys[..3], ["key0", "key13", "key26"], "first positions are kept");
}

#[test]
fn long_numbers_agree() {
    let cases = [
        "9".repeat(308),
        "9".repeat(309),
        "1".repeat(309),
        "9".repeat(400),
        format!("0.{}1", "0".repeat(400)),
        format!("{}e-300", "9".repeat(300)),
        format!("1{}e-100", "0".repeat(400)),
        format!("-{}", "7".repeat(100)),
        format!("1.{}", "5".repeat(500)),
    ];
    for number in &cases {
        check_agreement(number.as_bytes(), number);
        check_agreement(format!("[{number}]").as_bytes(), number);
    }
}

fn push_whitespace(rng: &mut Lcg, out: &mut String) {
    for _ in 0..rng.below(3) {
        out.push_str(rng.pick(&["", " ", "  ", "\t", "\n", "\r\n"]));
    }
}

fn push_digits(rng: &mut Lcg, count: usize, out: &mut String) {
    for _ in 0..count {
        out.push(char::from(b'0' + rng.below(10) as u8));
    }
}

/// Writes a number: integers of up to 25 digits, fractions, exponents up to ±400. A
/// magnitude near `f64::MAX`, where the parsers round differently, is never written.
fn push_number(rng: &mut Lcg, out: &mut String) {
    if rng.below(4) == 0 {
        out.push('-');
    }
    let integer_digits = if rng.below(4) == 0 { 1 } else { 1 + rng.below(25) };
    if rng.below(5) == 0 {
        out.push('0');
    } else {
        out.push(char::from(b'1' + rng.below(9) as u8));
        push_digits(rng, integer_digits - 1, out);
    }
    if rng.below(3) == 0 {
        out.push('.');
        let fraction_digits = 1 + rng.below(20);
        push_digits(rng, fraction_digits, out);
    }
    if rng.below(3) == 0 {
        out.push_str(rng.pick(&["e", "E", "e+", "e-", "E-"]));
        let exponent = if rng.below(4) == 0 { 280 + rng.below(120) } else { rng.below(30) };
        // Keep clear of the overflow threshold, at about 309 digits before the point.
        let exponent = if (300..=312).contains(&(exponent + integer_digits)) { exponent + 20 } else { exponent };
        out.push_str(&exponent.to_string());
    }
}

/// Writes a string with plain, escaped and multi-byte characters, and valid surrogate
/// pairs. `broken` allows the errors a string can hold: lone surrogates, raw control
/// characters, bad escapes.
fn push_string(rng: &mut Lcg, broken: bool, out: &mut String) {
    out.push('"');
    for _ in 0..rng.below(12) {
        match rng.below(if broken { 12 } else { 9 }) {
            0..=2 => out.push(char::from(b'a' + rng.below(26) as u8)),
            3 => out.push_str(rng.pick(&["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"])),
            4 => out.push_str(rng.pick(&["Кузнецова", "№", "€", "\u{1F600}", "\u{7f}", "\u{a0}", " "])),
            5 => {
                // A BMP character outside the surrogates, escaped.
                let mut code = rng.below(0x1_0000) as u32;
                if (0xD800..0xE000).contains(&code) {
                    code -= 0x800;
                }
                out.push_str(&format!("\\u{code:04x}"));
            }
            6 => {
                let high = 0xD800 + rng.below(0x400);
                let low = 0xDC00 + rng.below(0x400);
                out.push_str(&format!("\\u{high:04X}\\u{low:04x}"));
            }
            7 => out.push_str(&format!("\\u00{:02x}", rng.below(0x20))),
            8 => out.push('\''),
            9 => out.push_str(&format!("\\u{:04x}", 0xD800 + rng.below(0x800))),
            10 => out.push(char::from(rng.below(0x20) as u8)),
            _ => out.push_str(rng.pick(&["\\x", "\\u12", "\\U0041", "\\"])),
        }
    }
    out.push('"');
}

/// Writes a random value of at most `depth` more levels of nesting.
fn push_value(rng: &mut Lcg, depth: usize, broken: bool, out: &mut String) {
    push_whitespace(rng, out);
    let kinds = if depth == 0 { 5 } else { 7 };
    match rng.below(kinds) {
        0 => out.push_str(rng.pick(&["null", "true", "false"])),
        1 | 2 => push_number(rng, out),
        3 | 4 => push_string(rng, broken, out),
        5 => {
            out.push('[');
            for index in 0..rng.below(5) {
                if index > 0 {
                    out.push(',');
                }
                push_value(rng, depth - 1, broken, out);
            }
            push_whitespace(rng, out);
            out.push(']');
        }
        _ => {
            out.push('{');
            for index in 0..rng.below(5) {
                if index > 0 {
                    out.push(',');
                }
                push_whitespace(rng, out);
                // Few distinct keys, so that repeated keys are common.
                if rng.below(2) == 0 {
                    out.push_str(rng.pick(&["\"a\"", "\"b\"", "\"Code\"", "\"\"", "\"\\u0061\""]));
                } else {
                    push_string(rng, broken, out);
                }
                push_whitespace(rng, out);
                out.push(':');
                push_value(rng, depth - 1, broken, out);
            }
            push_whitespace(rng, out);
            out.push('}');
        }
    }
    push_whitespace(rng, out);
}

/// Damages a document with one edit: a cut, a removed byte, or an inserted or replaced
/// byte from JSON's syntax.
fn corrupt(rng: &mut Lcg, document: &[u8]) -> Vec<u8> {
    let mut bytes = document.to_vec();
    let at = rng.below(bytes.len() + 1);
    let syntax = b"{}[],:\"\\ 0-.eE+tfnu\x00\x1f\xff\xc3";
    let byte = syntax[rng.below(syntax.len())];
    match rng.below(4) {
        0 => bytes.truncate(at),
        1 if at < bytes.len() => {
            bytes.remove(at);
        }
        2 if at < bytes.len() => bytes[at] = byte,
        _ => bytes.insert(at, byte),
    }
    bytes
}

#[test]
fn random_documents_agree() {
    let mut rng = Lcg(0x0C0F_FEE5_1560_0D00);
    let mut accepted = 0;
    let mut rejected = 0;
    for round in 0..5_000 {
        let broken = round % 4 == 3;
        let mut document = String::new();
        let depth = 1 + rng.below(5);
        push_value(&mut rng, depth, broken, &mut document);
        check_agreement(document.as_bytes(), &format!("round {round}"));
        if json::parse(document.as_bytes()).is_ok() {
            accepted += 1;
        } else {
            rejected += 1;
        }

        for edit in 0..3 {
            let damaged = corrupt(&mut rng, document.as_bytes());
            check_agreement(&damaged, &format!("round {round}, edit {edit}"));
            if json::parse(&damaged).is_ok() {
                accepted += 1;
            } else {
                rejected += 1;
            }
        }
    }
    // Both outcomes must be common, or the comparison tests little.
    assert!(accepted > 5_000, "only {accepted} documents were valid");
    assert!(rejected > 5_000, "only {rejected} documents were invalid");
}
