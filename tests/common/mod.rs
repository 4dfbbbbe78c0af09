//! Helpers shared by the integration tests: a small JSON reader for the numpy fixtures and the
//! command line's output, and paths to the fixtures.
//!
//! ```ignore
//! let run = json::parse(r#"{"Z": [[0.5], [1e-3]]}"#).unwrap();
//! assert_eq!(run.get("Z").unwrap().matrix(), vec![vec![0.5], vec![1e-3]]);
//! ```

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the command line, built by cargo for the tests, with `arguments`, and what it did.
pub fn stacknet<S: AsRef<OsStr>>(arguments: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(arguments)
        .output()
        .unwrap()
}

/// A fresh, empty folder `name` for a test's files, under cargo's folder for the tests' files.
pub fn scratch(name: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// What a run printed; fails the test, showing what the run said on stderr, if it failed.
pub fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The folder of committed fixtures, `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Checks that `text` is well-formed XML: one root element, every tag closed in order,
/// attributes quoted, no stray `<` or bare `&` in text. Returns the element names in document
/// order, or where the text breaks the rules.
pub fn xml_elements(text: &str) -> Result<Vec<String>, String> {
    let mut open: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut roots = 0;
    let mut rest = text.trim_start();
    if let Some(after) = rest.strip_prefix("<?xml") {
        rest = after
            .split_once("?>")
            .ok_or("unterminated XML declaration")?
            .1;
    }
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            check_text(rest)?;
            break;
        };
        check_text(&rest[..start])?;
        if !open.is_empty() || rest[..start].trim().is_empty() {
        } else {
            return Err(format!("text outside the root: {:?}", &rest[..start]));
        }
        let end = rest[start..].find('>').ok_or("unterminated tag")? + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(expected) if expected == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, attributes) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-')
        {
            return Err(format!("bad element name {name:?}"));
        }
        check_attributes(attributes)?;
        if open.is_empty() {
            roots += 1;
        }
        names.push(name.to_string());
        if !self_closing {
            open.push(name.to_string());
        }
    }
    if !open.is_empty() {
        return Err(format!("unclosed elements {open:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(names)
}

fn check_text(text: &str) -> Result<(), String> {
    for (index, _) in text.match_indices('&') {
        let entity = &text[index..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|e| entity.starts_with(e))
        {
            return Err(format!("bare & in {text:?}"));
        }
    }
    Ok(())
}

/// `name="value"` pairs separated by white space, values without `<` or `"`.
fn check_attributes(mut attributes: &str) -> Result<(), String> {
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return Ok(());
        }
        let (name, after) = attributes
            .split_once('=')
            .ok_or(format!("attribute without value: {attributes:?}"))?;
        if name.trim().is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("bad attribute name {name:?}"));
        }
        let value = after
            .strip_prefix('"')
            .ok_or(format!("unquoted attribute {name}"))?;
        let (value, next) = value
            .split_once('"')
            .ok_or(format!("unterminated attribute {name}"))?;
        if value.contains('<') {
            return Err(format!("< in attribute {name}"));
        }
        check_text(value)?;
        attributes = next;
    }
}

#[test]
fn xml_checker_accepts_xml_and_refuses_the_rest() {
    let good = "<?xml version=\"1.0\"?>\n<svg a=\"1\"><g><rect x=\"0\"/><text>a &amp; b</text></g></svg>\n";
    assert_eq!(xml_elements(good).unwrap(), ["svg", "g", "rect", "text"]);
    for bad in [
        "<svg><g></svg>",
        "<svg a=1></svg>",
        "<svg>a & b</svg>",
        "<svg/><svg/>",
        "<svg><g>",
        "<svg a=\"x></svg>",
    ] {
        assert!(xml_elements(bad).is_err(), "{bad} was accepted");
    }
}

/// A JSON reader with no dependency: enough for the fixtures and for checking that the
/// command line's `--format json` is well-formed.
pub mod json {
    use std::collections::BTreeMap;

    /// A parsed JSON value.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Value {
        Null,
        Bool(bool),
        Number(f64),
        String(String),
        Array(Vec<Value>),
        Object(BTreeMap<String, Value>),
    }

    impl Value {
        /// The member `key` of an object.
        pub fn get(&self, key: &str) -> Option<&Value> {
            match self {
                Value::Object(members) => members.get(key),
                _ => None,
            }
        }

        pub fn as_f64(&self) -> Option<f64> {
            match self {
                Value::Number(n) => Some(*n),
                _ => None,
            }
        }

        pub fn as_str(&self) -> Option<&str> {
            match self {
                Value::String(s) => Some(s),
                _ => None,
            }
        }

        /// An array of arrays of numbers, as rows; panics with the value if it is not one.
        pub fn matrix(&self) -> Vec<Vec<f64>> {
            let rows = match self {
                Value::Array(rows) => rows,
                other => panic!("not a matrix: {other:?}"),
            };
            rows.iter()
                .map(|row| match row {
                    Value::Array(numbers) => numbers
                        .iter()
                        .map(|n| n.as_f64().unwrap_or_else(|| panic!("not a number: {n:?}")))
                        .collect(),
                    other => panic!("not a row: {other:?}"),
                })
                .collect()
        }
    }

    /// Parses one JSON document; `Err` says where it went wrong.
    pub fn parse(text: &str) -> Result<Value, String> {
        let mut parser = Parser {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = parser.value()?;
        parser.skip_space();
        if parser.at != parser.bytes.len() {
            return Err(format!("trailing text at byte {}", parser.at));
        }
        Ok(value)
    }

    struct Parser<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl Parser<'_> {
        fn skip_space(&mut self) {
            while self
                .bytes
                .get(self.at)
                .is_some_and(|b| b.is_ascii_whitespace())
            {
                self.at += 1;
            }
        }

        fn expect(&mut self, byte: u8) -> Result<(), String> {
            self.skip_space();
            if self.bytes.get(self.at) == Some(&byte) {
                self.at += 1;
                Ok(())
            } else {
                Err(format!("expected '{}' at byte {}", byte as char, self.at))
            }
        }

        fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
            if self.bytes[self.at..].starts_with(word.as_bytes()) {
                self.at += word.len();
                Ok(value)
            } else {
                Err(format!("unexpected text at byte {}", self.at))
            }
        }

        fn value(&mut self) -> Result<Value, String> {
            self.skip_space();
            match self.bytes.get(self.at) {
                Some(b'{') => self.object(),
                Some(b'[') => self.array(),
                Some(b'"') => self.string().map(Value::String),
                Some(b'n') => self.literal("null", Value::Null),
                Some(b't') => self.literal("true", Value::Bool(true)),
                Some(b'f') => self.literal("false", Value::Bool(false)),
                Some(b'-' | b'0'..=b'9') => self.number(),
                _ => Err(format!("expected a value at byte {}", self.at)),
            }
        }

        fn object(&mut self) -> Result<Value, String> {
            self.expect(b'{')?;
            let mut members = BTreeMap::new();
            self.skip_space();
            if self.bytes.get(self.at) == Some(&b'}') {
                self.at += 1;
                return Ok(Value::Object(members));
            }
            loop {
                self.skip_space();
                let key = self.string()?;
                self.expect(b':')?;
                let value = self.value()?;
                if members.insert(key.clone(), value).is_some() {
                    return Err(format!("duplicate key {key:?}"));
                }
                self.skip_space();
                match self.bytes.get(self.at) {
                    Some(b',') => self.at += 1,
                    Some(b'}') => {
                        self.at += 1;
                        return Ok(Value::Object(members));
                    }
                    _ => return Err(format!("expected ',' or '}}' at byte {}", self.at)),
                }
            }
        }

        fn array(&mut self) -> Result<Value, String> {
            self.expect(b'[')?;
            let mut elements = Vec::new();
            self.skip_space();
            if self.bytes.get(self.at) == Some(&b']') {
                self.at += 1;
                return Ok(Value::Array(elements));
            }
            loop {
                elements.push(self.value()?);
                self.skip_space();
                match self.bytes.get(self.at) {
                    Some(b',') => self.at += 1,
                    Some(b']') => {
                        self.at += 1;
                        return Ok(Value::Array(elements));
                    }
                    _ => return Err(format!("expected ',' or ']' at byte {}", self.at)),
                }
            }
        }

        /// A string without escapes, which is all the fixtures and the command line write.
        fn string(&mut self) -> Result<String, String> {
            self.expect(b'"')?;
            let start = self.at;
            while let Some(&byte) = self.bytes.get(self.at) {
                match byte {
                    b'"' => {
                        self.at += 1;
                        return Ok(String::from_utf8_lossy(&self.bytes[start..self.at - 1]).into());
                    }
                    b'\\' => return Err(format!("escapes are not supported (byte {})", self.at)),
                    _ => self.at += 1,
                }
            }
            Err("unterminated string".into())
        }

        /// A number in JSON's grammar: `-`, digits, optional fraction, optional exponent.
        fn number(&mut self) -> Result<Value, String> {
            let start = self.at;
            let digits = |p: &mut Self| {
                let from = p.at;
                while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                    p.at += 1;
                }
                p.at > from
            };
            if self.bytes.get(self.at) == Some(&b'-') {
                self.at += 1;
            }
            let mut valid = digits(self);
            if self.bytes.get(self.at) == Some(&b'.') {
                self.at += 1;
                valid &= digits(self);
            }
            if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
                self.at += 1;
                if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                    self.at += 1;
                }
                valid &= digits(self);
            }
            let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("");
            match text.parse() {
                Ok(number) if valid => Ok(Value::Number(number)),
                _ => Err(format!("bad number {text:?} at byte {start}")),
            }
        }
    }

    #[test]
    fn reads_what_the_tests_need_and_refuses_the_rest() {
        let value = parse(r#" {"a": [[1.5, -2e-3]], "b": null, "c": "x", "d": true} "#).unwrap();
        assert_eq!(value.get("a").unwrap().matrix(), vec![vec![1.5, -2e-3]]);
        assert_eq!(value.get("b"), Some(&Value::Null));
        assert_eq!(value.get("c").and_then(Value::as_str), Some("x"));
        for bad in [
            "[1,]",
            "{\"a\" 1}",
            "[NaN]",
            "[1] 2",
            "[.5]",
            "{\"a\": 1, \"a\": 2}",
            "[1e]",
        ] {
            assert!(parse(bad).is_err(), "{bad} was accepted");
        }
    }
}

/// What a page shows under `$ COMMAND`: the lines after it, up to the next command or the end of
/// the block; `None` if the page does not show the command.
pub fn shown_under(page: &str, command: &str) -> Option<String> {
    let mut lines = page
        .lines()
        .skip_while(|line| line.trim() != format!("$ {command}"));
    lines.next()?;
    let shown: Vec<&str> = lines
        .take_while(|line| !line.starts_with("$ ") && !line.starts_with("```"))
        .collect();
    Some(shown.join("\n") + "\n")
}
