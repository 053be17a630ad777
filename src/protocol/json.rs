//! A strict JSON reader (RFC 8259) that turns a response body into an owned tree.
//!
//! Numbers keep their text as sent, so codes and amounts stay exact and no float parser
//! or power-of-ten table is needed. Objects are vectors that `get` searches linearly,
//! because OKsoft's objects have a few dozen keys at most. Only tests format values with
//! `Debug`, which would link core's Unicode tables into the wasm.

use std::fmt;

/// Arrays and objects may nest 127 deep, as in serde_json 1.0. Deeper input is rejected
/// before the recursion can overflow the stack.
const MAX_DEPTH: usize = 127;

/// Exponents are clamped to this magnitude, far beyond any digit count a body can have,
/// so arithmetic on them cannot overflow and the value's range is still decided right.
const MAX_EXPONENT_MAGNITUDE: i64 = 1_000_000_000_000_000;

/// The digits of 2^1024 − 2^970, the smallest magnitude that rounds to infinity as a
/// double (halfway between `f64::MAX` and 2^1024). It has 309 digits before the point.
const F64_OVERFLOW_DIGITS: &[u8] = concat!(
    "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963",
    "3028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447573027",
    "0069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
)
.as_bytes();

/// Digits before the point of numbers in the magnitude of `F64_OVERFLOW_DIGITS`.
const F64_OVERFLOW_POINT: i64 = 309;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// A JSON number as the text that was sent, such as `-12.50e3`. The parser checks its
/// grammar and that its magnitude fits a double, as JS will read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Number(String);

/// A JSON object's members in document order, each key once: a repeated key keeps its
/// first position and its last value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object(Vec<(String, Value)>);

/// The reason a document is not JSON, and the position where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset of the first byte that could not be read, or the length of the input
    /// when it ends too early.
    pub offset: usize,
    /// Line of `offset`, from 1.
    pub line: usize,
    /// Column of `offset` in bytes, from 1.
    pub column: usize,
    /// A description of the problem, such as "expected `:` after an object key".
    pub problem: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} at line {} column {}", self.problem, self.line, self.column)
    }
}

/// Parses one JSON document, with optional whitespace around it and nothing else.
///
/// A byte-order mark is not JSON whitespace, so the caller removes one first.
pub fn parse(bytes: &[u8]) -> Result<Value, ParseError> {
    let mut parser = Parser { bytes, position: 0, depth: 0 };
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.position < bytes.len() {
        return Err(parser.error("unexpected characters after the JSON value"));
    }
    Ok(value)
}

impl Value {
    /// Returns the member `key` of an object, or `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }
}

impl Object {
    /// Returns the value of `key`, compared exactly.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(name, _)| name == key).map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Returns the members in document order.
    pub fn entries(&self) -> &[(String, Value)] {
        &self.0
    }

    pub fn into_entries(self) -> Vec<(String, Value)> {
        self.0
    }

    /// Builds an object from members in document order, keeping the first position and
    /// the last value of a repeated key.
    ///
    /// Keys are found through a hash table, so a large object costs linear time rather
    /// than quadratic. FNV-1a is unkeyed, so keys crafted to collide still cost quadratic
    /// time, as a body of that size would cost in transfer anyway.
    fn from_members(members: Vec<(String, Value)>) -> Object {
        // Most objects are small records without repeated keys: comparing each key with
        // the ones before it is cheaper than building a table, and keeps the vector as is.
        if members.len() <= SMALL_OBJECT_MEMBERS && !has_repeated_key(&members) {
            return Object(members);
        }

        let slot_count = (members.len() * 2).next_power_of_two();
        let mask = slot_count - 1;
        // Each slot contains an index into `unique`, or `EMPTY_SLOT`.
        let mut slots = vec![EMPTY_SLOT; slot_count];
        let mut unique: Vec<(String, Value)> = Vec::with_capacity(members.len());

        for (key, value) in members {
            let mut slot = fnv1a(key.as_bytes()) & mask;
            // The mask keeps `slot` below `slot_count`, so `get_mut` always finds a slot.
            while let Some(entry) = slots.get_mut(slot) {
                if *entry == EMPTY_SLOT {
                    *entry = unique.len();
                    unique.push((key, value));
                    break;
                }
                match unique.get_mut(*entry) {
                    Some(member) if member.0 == key => {
                        member.1 = value;
                        break;
                    }
                    _ => slot = (slot + 1) & mask,
                }
            }
        }
        Object(unique)
    }
}

/// Objects with at most this many members are checked for repeated keys pairwise.
const SMALL_OBJECT_MEMBERS: usize = 16;

/// Returns true when two members have the same key.
fn has_repeated_key(members: &[(String, Value)]) -> bool {
    members
        .iter()
        .enumerate()
        .any(|(index, (key, _))| members.get(..index).unwrap_or_default().iter().any(|(earlier, _)| earlier == key))
}

/// Marks a free slot in `Object::from_members`' hash table.
const EMPTY_SLOT: usize = usize::MAX;

/// Hashes bytes with 32-bit FNV-1a, which is short and spreads similar keys well.
fn fnv1a(bytes: &[u8]) -> usize {
    let mut hash: u32 = 0x811C_9DC5;
    for byte in bytes {
        hash = (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193);
    }
    hash as usize
}

impl Number {
    /// Returns the number exactly as it was written in the document.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the value of a number written as an integer, without fraction or exponent,
    /// that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        let parts = self.parts()?;
        if !parts.fraction.is_empty() || parts.has_exponent {
            return None;
        }
        self.0.parse().ok()
    }

    /// Computes the value of a whole number of magnitude below `limit`, written in any
    /// form: `24`, `24.0`, `2.4e1`, `-0.0`. It works on the digits, so `1.0000000001` and
    /// `1e-400` are not whole.
    pub fn whole_below(&self, limit: i64) -> Option<i64> {
        let parts = self.parts()?;
        let leading_zeros = parts.leading_zeros();
        let point = parts.point(leading_zeros);
        let mut significant = parts.digits().skip(leading_zeros).peekable();
        if significant.peek().is_none() {
            return Some(0);
        }
        // The first significant digit is non-zero, so a point before it leaves a
        // fraction, and more than 19 digits before the point overflow an i64.
        if !(1..=19).contains(&point) {
            return None;
        }

        let mut magnitude: i64 = 0;
        let mut index: i64 = 0;
        for digit in significant {
            if index < point {
                magnitude = magnitude.checked_mul(10)?.checked_add(i64::from(digit - b'0'))?;
            } else if digit != b'0' {
                return None;
            }
            index += 1;
        }
        while index < point {
            magnitude = magnitude.checked_mul(10)?;
            index += 1;
        }

        if magnitude >= limit {
            return None;
        }
        Some(if parts.negative { -magnitude } else { magnitude })
    }

    /// Returns the nearest double, which is finite because the parser rejects larger
    /// magnitudes.
    pub fn as_f64(&self) -> Option<f64> {
        super::numbers::parse_decimal(&self.0)
    }

    fn parts(&self) -> Option<NumberParts<'_>> {
        let (parts, end) = scan_number(self.0.as_bytes(), 0).ok()?;
        (end == self.0.len()).then_some(parts)
    }
}

/// The pieces of a number's text: `-012.50e3` would be negative, `012`, `50`, 3.
struct NumberParts<'a> {
    negative: bool,
    integer: &'a [u8],
    fraction: &'a [u8],
    has_exponent: bool,
    /// Clamped to ±`MAX_EXPONENT_MAGNITUDE`.
    exponent: i64,
}

impl NumberParts<'_> {
    /// Iterates over the digits before and after the point as one sequence of ASCII digits.
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.integer.iter().chain(self.fraction).copied()
    }

    fn leading_zeros(&self) -> usize {
        self.digits().take_while(|digit| *digit == b'0').count()
    }

    /// Counts the digits before the point once the leading zeros are dropped and the
    /// exponent applied: 3 for `123`, 0 for `0.5`, -1 for `0.05`, 5 for `1.2e4`.
    fn point(&self, leading_zeros: usize) -> i64 {
        let integer_digits = i64::try_from(self.integer.len()).unwrap_or(i64::MAX);
        let leading_zeros = i64::try_from(leading_zeros).unwrap_or(i64::MAX);
        integer_digits.saturating_sub(leading_zeros).saturating_add(self.exponent)
    }

    /// Checks whether the magnitude rounds to infinity as a double, which JS could not read.
    fn overflows_f64(&self) -> bool {
        let leading_zeros = self.leading_zeros();
        let mut significant = self.digits().skip(leading_zeros);
        let point = self.point(leading_zeros);
        if point != F64_OVERFLOW_POINT {
            // A zero has no significant digit, and its point means nothing.
            return point > F64_OVERFLOW_POINT && significant.next().is_some();
        }

        // Same magnitude: compare digit by digit. The limit ends in a non-zero digit,
        // so a number whose digits run out first is the smaller one.
        let mut limit = F64_OVERFLOW_DIGITS.iter();
        for digit in significant {
            match limit.next() {
                Some(&limit_digit) if digit != limit_digit => return digit > limit_digit,
                Some(_) => {}
                None => return true,
            }
        }
        limit.next().is_none()
    }
}

/// Reads the number that starts at `start`. Returns its parts and the offset after it,
/// or the offset and description of the first byte that breaks the grammar.
fn scan_number(bytes: &[u8], start: usize) -> Result<(NumberParts<'_>, usize), (usize, &'static str)> {
    let mut position = start;
    let negative = bytes.get(position) == Some(&b'-');
    if negative {
        position += 1;
    }

    let integer_start = position;
    position = skip_digits(bytes, position);
    let integer = bytes.get(integer_start..position).unwrap_or_default();
    if integer.is_empty() {
        return Err((position, "invalid number: expected a digit"));
    }
    if integer.len() > 1 && integer.first() == Some(&b'0') {
        return Err((integer_start + 1, "invalid number: leading zeros are not allowed"));
    }

    let mut fraction: &[u8] = &[];
    if bytes.get(position) == Some(&b'.') {
        let fraction_start = position + 1;
        position = skip_digits(bytes, fraction_start);
        fraction = bytes.get(fraction_start..position).unwrap_or_default();
        if fraction.is_empty() {
            return Err((position, "invalid number: expected a digit after the decimal point"));
        }
    }

    let has_exponent = matches!(bytes.get(position), Some(b'e' | b'E'));
    let mut exponent: i64 = 0;
    if has_exponent {
        position += 1;
        let exponent_negative = bytes.get(position) == Some(&b'-');
        if matches!(bytes.get(position), Some(b'+' | b'-')) {
            position += 1;
        }
        let digits_start = position;
        position = skip_digits(bytes, digits_start);
        let digits = bytes.get(digits_start..position).unwrap_or_default();
        if digits.is_empty() {
            return Err((position, "invalid number: expected a digit in the exponent"));
        }
        for digit in digits {
            exponent = (exponent * 10 + i64::from(digit - b'0')).min(MAX_EXPONENT_MAGNITUDE);
        }
        if exponent_negative {
            exponent = -exponent;
        }
    }

    Ok((NumberParts { negative, integer, fraction, has_exponent, exponent }, position))
}

fn skip_digits(bytes: &[u8], mut position: usize) -> usize {
    while bytes.get(position).is_some_and(u8::is_ascii_digit) {
        position += 1;
    }
    position
}

/// A recursive-descent parser over the input bytes.
struct Parser<'a> {
    bytes: &'a [u8],
    position: usize,
    /// Arrays and objects open around the current position.
    depth: usize,
}

impl Parser<'_> {
    // Called for every byte; the size-optimised build would otherwise not inline it.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    fn error(&self, problem: &'static str) -> ParseError {
        self.error_at(self.position, problem)
    }

    fn error_at(&self, offset: usize, problem: &'static str) -> ParseError {
        let before = self.bytes.get(..offset).unwrap_or(self.bytes);
        let line_start = before.iter().rposition(|byte| *byte == b'\n').map_or(0, |index| index + 1);
        let line = 1 + before.iter().filter(|byte| **byte == b'\n').count();
        ParseError { offset, line, column: offset - line_start + 1, problem }
    }

    fn end_of_input(&self) -> ParseError {
        self.error("unexpected end of input")
    }

    /// Reads a value after optional whitespace.
    fn value(&mut self) -> Result<Value, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.end_of_input()),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal(b"true", Value::Bool(true), "invalid literal, expected `true`"),
            Some(b'f') => self.literal(b"false", Value::Bool(false), "invalid literal, expected `false`"),
            Some(b'n') => self.literal(b"null", Value::Null, "invalid literal, expected `null`"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &[u8], value: Value, problem: &'static str) -> Result<Value, ParseError> {
        let end = self.position + word.len();
        if self.bytes.get(self.position..end) == Some(word) {
            self.position = end;
            return Ok(value);
        }
        let rest = self.bytes.get(self.position..).unwrap_or_default();
        if word.starts_with(rest) {
            self.position = self.bytes.len();
            return Err(self.end_of_input());
        }
        Err(self.error(problem))
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.position;
        let (parts, end) = scan_number(self.bytes, start).map_err(|(offset, problem)| self.error_at(offset, problem))?;
        if parts.overflows_f64() {
            return Err(self.error("number out of range: its magnitude exceeds the largest double"));
        }
        self.position = end;

        // `scan_number` steps over ASCII bytes only, so this conversion cannot fail.
        let text = std::str::from_utf8(self.bytes.get(start..end).unwrap_or_default()).unwrap_or_default();
        Ok(Value::Number(Number(text.to_string())))
    }

    /// Reads a string whose opening quote is at the current position.
    fn string(&mut self) -> Result<String, ParseError> {
        self.position += 1;
        let mut text = String::new();
        loop {
            // Copy the run of bytes up to the next quote, backslash or control character.
            // Those are ASCII, so a run never splits a UTF-8 sequence.
            let run_start = self.position;
            while self.peek().is_some_and(|byte| byte != b'"' && byte != b'\\' && byte >= 0x20) {
                self.position += 1;
            }
            let run = self.bytes.get(run_start..self.position).unwrap_or_default();
            match std::str::from_utf8(run) {
                Ok(run) => text.push_str(run),
                Err(error) => return Err(self.error_at(run_start + error.valid_up_to(), "invalid UTF-8 in a string")),
            }

            match self.peek() {
                None => return Err(self.end_of_input()),
                Some(b'"') => {
                    self.position += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    self.position += 1;
                    let character = self.escape()?;
                    text.push(character);
                }
                Some(_) => return Err(self.error("control character in a string, which JSON requires to be escaped")),
            }
        }
    }

    /// Reads an escape whose backslash has just been read.
    fn escape(&mut self) -> Result<char, ParseError> {
        let Some(byte) = self.peek() else {
            return Err(self.end_of_input());
        };
        let character = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.position += 1;
                return self.unicode_escape();
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.position += 1;
        Ok(character)
    }

    /// Reads the hex digits of a `\u` escape, and a second escape when the first is a
    /// high surrogate. Unpaired surrogates are rejected, because a Rust string cannot
    /// hold them.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let escape_start = self.position - 2;
        let first = self.hex_digits()?;
        let code_point = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.position..self.position + 2) != Some(b"\\u") {
                return Err(self.error_at(escape_start, "unpaired surrogate in a \\u escape"));
            }
            self.position += 2;
            let second = self.hex_digits()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error_at(escape_start, "unpaired surrogate in a \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        // Only a low surrogate without a high one is left to reject here.
        char::from_u32(code_point).ok_or_else(|| self.error_at(escape_start, "unpaired surrogate in a \\u escape"))
    }

    fn hex_digits(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(byte) = self.peek() else {
                return Err(self.end_of_input());
            };
            let Some(digit) = char::from(byte).to_digit(16) else {
                return Err(self.error("invalid \\u escape: expected 4 hex digits"));
            };
            code = code * 16 + digit;
            self.position += 1;
        }
        Ok(code)
    }

    /// Counts one more level of nesting and steps past its `[` or `{`.
    fn enter(&mut self) -> Result<(), ParseError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("arrays and objects nested more than 127 deep"));
        }
        self.depth += 1;
        self.position += 1;
        self.skip_whitespace();
        Ok(())
    }

    /// Reads what follows a member or item: `,` or the closing bracket `close`.
    /// Returns whether another member or item follows.
    fn separator(&mut self, close: u8, problem: &'static str) -> Result<bool, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.end_of_input()),
            Some(b',') => {
                self.position += 1;
                self.skip_whitespace();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(byte) if byte == close => {
                self.position += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(_) => Err(self.error(problem)),
        }
    }

    fn array(&mut self) -> Result<Value, ParseError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.position += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if !self.separator(b']', "expected `,` or `]` after an array item")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self) -> Result<Value, ParseError> {
        self.enter()?;
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.position += 1;
            self.depth -= 1;
            return Ok(Value::Object(Object::default()));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.end_of_input()),
                Some(_) => return Err(self.error("expected a string as an object key")),
            }
            let key = self.string()?;

            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.position += 1,
                None => return Err(self.end_of_input()),
                Some(_) => return Err(self.error("expected `:` after an object key")),
            }

            let value = self.value()?;
            members.push((key, value));
            if !self.separator(b'}', "expected `,` or `}` after an object member")? {
                return Ok(Value::Object(Object::from_members(members)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Value, ParseError> {
        parse(text.as_bytes())
    }

    fn number(text: &str) -> Number {
        match parse_text(text) {
            Ok(Value::Number(number)) => number,
            other => panic!("{text} is not a number: {other:?}"),
        }
    }

    fn string(text: &str) -> Result<String, ParseError> {
        parse_text(text).map(|value| value.as_str().unwrap_or("<not a string>").to_string())
    }

    fn problem(text: &str) -> &'static str {
        match parse_text(text) {
            Err(error) => error.problem,
            Ok(value) => panic!("{text:?} parsed as {value:?}"),
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(parse_text("null"), Ok(Value::Null));
        assert_eq!(parse_text(" true "), Ok(Value::Bool(true)));
        assert_eq!(parse_text("\t\r\nfalse\n"), Ok(Value::Bool(false)));
        assert_eq!(string(r#""Кузнецова""#), Ok("Кузнецова".to_string()));
        assert_eq!(number("-12.50e3").as_str(), "-12.50e3");
    }

    #[test]
    fn containers_keep_document_order() {
        let value = parse_text(r#"{"b": [1, {"c": null}], "a": {}, "e": []}"#).unwrap();
        let object = value.as_object().unwrap();
        let keys: Vec<&str> = object.entries().iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["b", "a", "e"]);
        let items = value.get("b").and_then(Value::as_array).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].get("c"), Some(&Value::Null));
        assert_eq!(value.get("a").and_then(Value::as_object).map(Object::is_empty), Some(true));
        assert_eq!(value.get("missing"), None);
        assert_eq!(items[0].get("b"), None, "a number has no members");
    }

    #[test]
    fn duplicate_keys_keep_last_value() {
        let value = parse_text(r#"{"d": 1, "x": 2, "d": 3}"#).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.len(), 2);
        assert_eq!(object.get("d").and_then(Value::as_number).map(Number::as_str), Some("3"));
        assert_eq!(object.entries()[0].0, "d", "the first position is kept");
    }

    #[test]
    fn keys_compare_exactly() {
        let value = parse_text(r#"{"Code": 1, "code": 2}"#).unwrap();
        assert_eq!(value.as_object().map(Object::len), Some(2));
        assert_eq!(value.get("code").and_then(Value::as_number).map(Number::as_str), Some("2"));
    }

    #[test]
    fn string_escapes() {
        let cases = [
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (r#""\u0041\u00e9\u0416""#, "AéЖ"),
            (r#""\u0000""#, "\0"),
            (r#""\uD83D\uDE00""#, "😀"),
            (r#""\ud83d\ude00!""#, "😀!"),
            (r#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
            (r#""\uFFFF""#, "\u{FFFF}"),
            (r#""a\u0020b""#, "a b"),
            ("\"\u{7f}\"", "\u{7f}"),
        ];
        for (json, expected) in cases {
            assert_eq!(string(json), Ok(expected.to_string()), "{json}");
        }
    }

    #[test]
    fn bad_strings() {
        let cases = [
            (r#""\uD800""#, "unpaired surrogate in a \\u escape"),
            (r#""\uD800x""#, "unpaired surrogate in a \\u escape"),
            (r#""\uD800\n""#, "unpaired surrogate in a \\u escape"),
            (r#""\uD800\uD800""#, "unpaired surrogate in a \\u escape"),
            (r#""\uDC00""#, "unpaired surrogate in a \\u escape"),
            (r#""\uDE00\uD83D""#, "unpaired surrogate in a \\u escape"),
            (r#""\u12G4""#, "invalid \\u escape: expected 4 hex digits"),
            (r#""\x""#, "invalid escape in a string"),
            (r#""\'""#, "invalid escape in a string"),
            ("\"a\nb\"", "control character in a string, which JSON requires to be escaped"),
            ("\"a\tb\"", "control character in a string, which JSON requires to be escaped"),
            ("\"\0\"", "control character in a string, which JSON requires to be escaped"),
            ("\"abc", "unexpected end of input"),
            ("\"\\", "unexpected end of input"),
            ("\"\\u12", "unexpected end of input"),
        ];
        for (json, expected) in cases {
            assert_eq!(problem(json), expected, "{json:?}");
        }
    }

    #[test]
    fn invalid_utf8_rejected() {
        let cases: [&[u8]; 5] = [b"\"\xFF\"", b"\"a\xC3\"", b"\"\xED\xA0\x80\"", b"\"\xE2\x82", b"[\"ok\", \"\xC0\xAF\"]"];
        for bytes in cases {
            assert_eq!(parse(bytes).unwrap_err().problem, "invalid UTF-8 in a string", "{bytes:?}");
        }
        assert_eq!(parse(b"\"a\xFF\"").unwrap_err().offset, 2);
        assert_eq!(parse(b"\xFF").unwrap_err().problem, "expected a JSON value");
    }

    #[test]
    fn numbers_keep_their_text() {
        for text in ["0", "-0", "24", "-24", "0.5", "-0.0", "1.50", "1e2", "1E+2", "1e-2", "2.5E-3", "9223372036854775808", "1e-400"] {
            assert_eq!(number(text).as_str(), text);
        }
    }

    #[test]
    fn bad_numbers() {
        let cases = [
            ("01", "invalid number: leading zeros are not allowed"),
            ("-01", "invalid number: leading zeros are not allowed"),
            ("00", "invalid number: leading zeros are not allowed"),
            ("-", "invalid number: expected a digit"),
            ("-a", "invalid number: expected a digit"),
            ("1.", "invalid number: expected a digit after the decimal point"),
            ("1.e5", "invalid number: expected a digit after the decimal point"),
            ("1e", "invalid number: expected a digit in the exponent"),
            ("1e+", "invalid number: expected a digit in the exponent"),
            (".5", "expected a JSON value"),
            ("+1", "expected a JSON value"),
            ("1.5.5", "unexpected characters after the JSON value"),
            ("0x10", "unexpected characters after the JSON value"),
            ("NaN", "expected a JSON value"),
            ("Infinity", "expected a JSON value"),
            ("-Infinity", "invalid number: expected a digit"),
        ];
        for (json, expected) in cases {
            assert_eq!(problem(json), expected, "{json}");
        }
    }

    #[test]
    fn number_range_is_that_of_a_double() {
        let out_of_range = "number out of range: its magnitude exceeds the largest double";
        let max_digits = std::str::from_utf8(F64_OVERFLOW_DIGITS).unwrap();
        let just_below = format!("{}1", &max_digits[..308]);
        let accepted = [
            "1e308".to_string(),
            "-1.7976931348623157e308".to_string(),
            "0.1e309".to_string(),
            "10e307".to_string(),
            "1e-400".to_string(),
            "0e999999999999999999999".to_string(),
            format!("0.{}1e309", "0".repeat(500)),
            format!("{}e-400", "9".repeat(400)),
            just_below,
            format!("{}.{}", &max_digits[..308], "9".repeat(50)),
        ];
        for text in &accepted {
            assert_eq!(number(text).as_str(), text);
        }

        let rejected = [
            "1e309".to_string(),
            "-1e309".to_string(),
            "1e400".to_string(),
            "1e999999999999999999999".to_string(),
            "9".repeat(400),
            max_digits.to_string(),
            format!("-{max_digits}.000"),
            format!("{max_digits}.0001"),
            "179769314e300".to_string(),
            "17976931348623159e292".to_string(),
        ];
        for text in &rejected {
            assert_eq!(problem(text), out_of_range, "{text}");
        }
    }

    #[test]
    fn whole_numbers() {
        let cases = [
            ("24", Some(24)),
            ("-24", Some(-24)),
            ("24.0", Some(24)),
            ("2.4e1", Some(24)),
            ("240e-1", Some(24)),
            ("0.24E2", Some(24)),
            ("-0", Some(0)),
            ("-0.0", Some(0)),
            ("0e5", Some(0)),
            ("1e15", Some(1_000_000_000_000_000)),
            ("24.5", None),
            ("1.0000000000000000001", None),
            ("1e-400", None),
            ("0.5", None),
            ("1e16", None),
            ("-1e16", None),
            ("1e300", None),
            ("9223372036854775807", None),
            ("99999999999999999999.0", None),
        ];
        for (text, expected) in cases {
            assert_eq!(number(text).whole_below(10_000_000_000_000_000), expected, "{text}");
        }
        assert_eq!(number("9e15").whole_below(9_000_000_000_000_000), None, "the limit is exclusive");
        assert_eq!(number("8999999999999999.0").whole_below(9_000_000_000_000_000), Some(8_999_999_999_999_999));
    }

    #[test]
    fn integer_and_float_readings() {
        assert_eq!(number("24").as_i64(), Some(24));
        assert_eq!(number("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(number("9223372036854775808").as_i64(), None);
        assert_eq!(number("24.0").as_i64(), None);
        assert_eq!(number("24e0").as_i64(), None);
        assert_eq!(number("1.5").as_f64(), Some(1.5));
        assert_eq!(number("-2e-3").as_f64(), Some(-0.002));
        assert_eq!(number("1e-400").as_f64(), Some(0.0));
        assert_eq!(number("1.7976931348623157e308").as_f64(), Some(f64::MAX));
    }

    #[test]
    fn structural_errors() {
        let cases = [
            ("", "unexpected end of input"),
            ("   ", "unexpected end of input"),
            ("[1, 2", "unexpected end of input"),
            ("[1 2]", "expected `,` or `]` after an array item"),
            ("[1,]", "trailing comma"),
            ("[,1]", "expected a JSON value"),
            ("{\"a\": 1,}", "trailing comma"),
            ("{\"a\" 1}", "expected `:` after an object key"),
            ("{\"a\": 1 \"b\": 2}", "expected `,` or `}` after an object member"),
            ("{a: 1}", "expected a string as an object key"),
            ("{1: 1}", "expected a string as an object key"),
            ("{\"a\":}", "expected a JSON value"),
            ("{\"a\"", "unexpected end of input"),
            ("{", "unexpected end of input"),
            ("[1]]", "unexpected characters after the JSON value"),
            ("{} {}", "unexpected characters after the JSON value"),
            ("tru", "unexpected end of input"),
            ("trUe", "invalid literal, expected `true`"),
            ("nulll", "unexpected characters after the JSON value"),
            ("fals", "unexpected end of input"),
            ("none", "invalid literal, expected `null`"),
            ("\u{feff}{}", "expected a JSON value"),
            ("\u{c}{}", "expected a JSON value"),
            ("// comment\n{}", "expected a JSON value"),
            ("'a'", "expected a JSON value"),
        ];
        for (json, expected) in cases {
            assert_eq!(problem(json), expected, "{json:?}");
        }
    }

    #[test]
    fn error_positions() {
        let error = parse_text("{\"Code\" 24}").unwrap_err();
        assert_eq!((error.offset, error.line, error.column), (8, 1, 9));
        assert_eq!(error.to_string(), "expected `:` after an object key at line 1 column 9");

        let error = parse_text("[\n  1,\n  01\n]").unwrap_err();
        assert_eq!((error.offset, error.line, error.column), (10, 3, 4));

        let error = parse_text("{\"a\":\n").unwrap_err();
        assert_eq!((error.offset, error.line, error.column), (6, 2, 1));
        assert_eq!(error.to_string(), "unexpected end of input at line 2 column 1");

        let error = parse_text("[\"\\uD800\"]").unwrap_err();
        assert_eq!(error.offset, 2, "a surrogate error points at its escape");
    }

    #[test]
    fn nesting_limit() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_text(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(problem(&nested(MAX_DEPTH + 1)), "arrays and objects nested more than 127 deep");
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
        assert!(parse_text(&objects).is_ok());
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert_eq!(problem(&objects), "arrays and objects nested more than 127 deep");
        assert_eq!(problem(&"[".repeat(1_000_000)), "arrays and objects nested more than 127 deep");

        // Depth counts open containers only, so long flat sequences of them are fine.
        let siblings = format!("[{}[]]", "[[]],".repeat(10_000));
        assert!(parse_text(&siblings).is_ok());
    }
}
