//! The README and the pages in `src/*.md` (the walkthrough, the command line, the firmware guide,
//! the measurements) show what stacknet does, and read the same on GitHub as in the docs.
//!
//! - Every printed run, a `text` block whose first line is a `$ stacknet ...` command, is run
//!   again, and what each command in it prints must match the block character for character. The
//!   pages' runs train for up to two million epochs, so that test is slow unoptimised: `make
//!   test` runs it optimised, with the other long sweeps. (The experiments program's tables, under
//!   `$ cargo run --release --example experiments -- ...`, are `tests/experiments.rs`'s.)
//! - Every file that a page shows whole, a code block after a `<!-- the file: PATH -->` note, is
//!   that file of the repository as it is, line for line.
//! - Every page renders on GitHub as it does as a rustdoc page: no rustdoc-only links, no hidden
//!   lines in Rust blocks, no relative links where rustdoc would break them, every relative link
//!   of the README leads to a file, and the README stays a front door of at most 12,000 bytes.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The front door's limit, from issue 14: a newcomer reads it in a few screens.
const README_MOST_BYTES: usize = 12_000;

/// How many `$ stacknet` commands each page shows today. Fewer means that the parsing broke or a
/// run was lost in an edit, and the printed-run test would pass while checking less. A new page
/// must be added here, with its count.
const MINIMUM_COMMANDS: &[(&str, usize)] = &[
    ("README.md", 1),
    ("src/command_line.md", 11),
    ("src/firmware.md", 2),
    // Figures from `make bench` and the tests' own output, no `$ stacknet` run.
    ("src/measurements.md", 0),
    ("src/walkthrough.md", 8),
];

/// How many whole files each page shows, each in a block after a [`SHOWN_FILE`] note; fewer
/// means a note was lost in an edit, and its block would no longer be held to its file.
const MINIMUM_SHOWN_FILES: &[(&str, usize)] = &[("src/firmware.md", 7)];

/// The note, an HTML comment on the line before a fence, that says the block is the whole of a
/// repository's file: `<!-- the file: examples/firmware/build.rs -->`.
const SHOWN_FILE: &str = "<!-- the file:";

/// The last line of a block's output that says the page shows only the beginning of it.
const CUT_MARK: &str = "...";

/// The note, an HTML comment on the line before a printed run's fence, that makes the test skip
/// the run; it must give the reason (a run that cannot repeat, say), which the page says too.
const NOT_RE_RUN: &str = "<!-- not re-run:";

/// The README and every page in `src/`, as (path from the repository's root, text).
fn pages() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut in_src: Vec<String> = fs::read_dir(root.join("src"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("src/{name}"))
        .collect();
    in_src.sort();
    std::iter::once("README.md".to_string())
        .chain(in_src)
        .map(|path| {
            let text = fs::read_to_string(root.join(&path)).unwrap();
            (path, text)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Markdown, as far as these pages need it

/// A fenced code block of a page.
struct CodeBlock<'a> {
    /// What follows the opening fence: ```` ```rust ```` gives `rust`.
    info: &'a str,
    /// The lines between the fences.
    lines: Vec<&'a str>,
    /// The line number (from 1) of the opening fence.
    line: usize,
    /// The line before the fence, when it is an HTML comment.
    note: Option<&'a str>,
}

/// A page cut into its fenced code blocks and its prose.
struct Parsed<'a> {
    blocks: Vec<CodeBlock<'a>>,
    /// The prose's paragraphs: each the line number of its first line and its lines joined.
    paragraphs: Vec<(usize, String)>,
    /// The line of a fence that is never closed, if any.
    unclosed: Option<usize>,
}

fn parse(markdown: &str) -> Parsed<'_> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut parsed = Parsed {
        blocks: Vec::new(),
        paragraphs: Vec::new(),
        unclosed: None,
    };
    let mut paragraph: Option<(usize, String)> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let fence: String = line
            .trim_start()
            .chars()
            .take_while(|&c| c == '`')
            .collect();
        if fence.len() >= 3 {
            parsed.paragraphs.extend(paragraph.take());
            let info = line.trim_start()[fence.len()..].trim();
            let note = index
                .checked_sub(1)
                .map(|before| lines[before].trim())
                .filter(|before| before.starts_with("<!--") && before.ends_with("-->"));
            let start = index;
            index += 1;
            let mut body = Vec::new();
            let mut closed = false;
            while index < lines.len() {
                let candidate = lines[index].trim();
                if candidate.starts_with(&fence) && candidate.chars().all(|c| c == '`') {
                    closed = true;
                    break;
                }
                body.push(lines[index]);
                index += 1;
            }
            if !closed {
                parsed.unclosed = Some(start + 1);
            }
            parsed.blocks.push(CodeBlock {
                info,
                lines: body,
                line: start + 1,
                note,
            });
        } else if line.trim().is_empty() {
            parsed.paragraphs.extend(paragraph.take());
        } else {
            let (_, text) = paragraph.get_or_insert_with(|| (index + 1, String::new()));
            text.push_str(line);
            text.push('\n');
        }
        index += 1;
    }
    parsed.paragraphs.extend(paragraph);
    parsed
}

/// `paragraph` with the brackets, parentheses, quotes and angle brackets inside its inline code
/// spans replaced by `\u{1}`, so that only the text outside code can read as a link.
fn mask_code_spans(paragraph: &str) -> String {
    let characters: Vec<char> = paragraph.chars().collect();
    let mut masked = String::new();
    let mut index = 0;
    while index < characters.len() {
        if characters[index] != '`' {
            masked.push(characters[index]);
            index += 1;
            continue;
        }
        let run = characters[index..]
            .iter()
            .take_while(|&&c| c == '`')
            .count();
        // The span ends at the next run of exactly as many backticks; without one, they are text.
        let mut end = None;
        let mut search = index + run;
        while search < characters.len() {
            if characters[search] == '`' {
                let other = characters[search..]
                    .iter()
                    .take_while(|&&c| c == '`')
                    .count();
                if other == run {
                    end = Some(search + other);
                    break;
                }
                search += other;
            } else {
                search += 1;
            }
        }
        match end {
            Some(end) => {
                masked.extend(characters[index..end].iter().map(|&c| match c {
                    '[' | ']' | '(' | ')' | '"' | '<' | '>' => '\u{1}',
                    c => c,
                }));
                index = end;
            }
            None => {
                masked.extend(&characters[index..index + run]);
                index += run;
            }
        }
    }
    masked
}

// ---------------------------------------------------------------------------------------------
// Rendering on GitHub and in rustdoc

/// Rustdoc's words for a code block's kind: a block whose info string holds only these (or is
/// empty) is Rust, and a doctest.
const RUSTDOC_ATTRIBUTES: &[&str] = &[
    "rust",
    "ignore",
    "should_panic",
    "no_run",
    "compile_fail",
    "test_harness",
    "standalone_crate",
    "edition2015",
    "edition2018",
    "edition2021",
    "edition2024",
];

fn is_rust(info: &str) -> bool {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .all(|word| RUSTDOC_ATTRIBUTES.contains(&word) || word.starts_with("E0"))
}

/// Whether rustdoc hides `line` of a Rust block (or, for `##`, prints it with one `#` less):
/// GitHub shows it as it is.
fn is_hidden_line(line: &str) -> bool {
    let line = line.trim_start();
    line == "#" || line.starts_with("# ") || line.starts_with("##")
}

/// Whether `name` reads as a Rust path, which rustdoc would take `[name]` for a link to.
fn is_rust_path(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == ':')
        && (name.contains("::") || name.chars().next().is_some_and(char::is_uppercase))
}

/// Every link target of a masked paragraph: `[text](target)` and `[label]: target`, and the
/// `src` and `href` of HTML.
fn link_targets(masked: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut rest = masked;
    while let Some(start) = rest.find("](") {
        let after = &rest[start + 2..];
        let end = after.find(')').unwrap_or(after.len());
        targets.extend(after[..end].split_whitespace().next().map(str::to_string));
        rest = &after[end..];
    }
    for line in masked.lines() {
        let line = line.trim_start();
        // `[^label]: text` defines a footnote, not a link.
        if line.starts_with("[^") {
            continue;
        }
        if let (true, Some(end)) = (line.starts_with('['), line.find("]:")) {
            targets.extend(
                line[end + 2..]
                    .split_whitespace()
                    .next()
                    .map(str::to_string),
            );
        }
    }
    for attribute in ["src=\"", "href=\""] {
        let mut rest = masked;
        while let Some(start) = rest.find(attribute) {
            let after = &rest[start + attribute.len()..];
            let end = after.find('"').unwrap_or(after.len());
            targets.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    targets
        .into_iter()
        .map(|target| {
            target
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
        .collect()
}

/// The footnotes of a masked paragraph: the labels it refers to (`[^label]`), and the labels it
/// defines (`[^label]:` at the start of a line).
fn footnotes(masked: &str) -> (Vec<String>, Vec<String>) {
    let (mut references, mut definitions) = (Vec::new(), Vec::new());
    for line in masked.lines() {
        let mut rest = line;
        let mut at_start = true;
        while let Some(start) = rest.find("[^") {
            at_start &= rest[..start].trim().is_empty();
            let after = &rest[start + 2..];
            let Some(end) = after.find(']') else { break };
            let label = after[..end].to_string();
            if at_start && after[end + 1..].starts_with(':') {
                definitions.push(label);
            } else {
                references.push(label);
            }
            at_start = false;
            rest = &after[end + 1..];
        }
    }
    (references, definitions)
}

/// Rustdoc shortcut links: `[`Matrix`]` or `[Matrix]` with no target after it. Rustdoc turns
/// them into links to the item; GitHub shows the brackets.
fn shortcut_links(masked: &str) -> Vec<String> {
    let characters: Vec<char> = masked.chars().collect();
    let mut found = Vec::new();
    for (start, _) in characters.iter().enumerate().filter(|(_, &c)| c == '[') {
        let Some(length) = characters[start + 1..].iter().position(|&c| c == ']') else {
            continue;
        };
        let end = start + 1 + length;
        let inside: String = characters[start + 1..end].iter().collect();
        let followed = characters.get(end + 1).copied();
        if matches!(followed, Some('(' | '[' | ':')) {
            continue;
        }
        let name = inside.trim_matches('`');
        let code_span = inside.starts_with('`')
            && inside.ends_with('`')
            && !name.is_empty()
            && !name.contains(|c: char| c == '`' || c.is_whitespace());
        if code_span || is_rust_path(&inside) {
            found.push(inside);
        }
    }
    found
}

/// What would render wrongly in `markdown`, the page at `path` from the repository's root: on
/// GitHub (and crates.io), where rustdoc's links and hidden lines mean nothing, or in rustdoc,
/// where a page in `src/` is served from another folder than its file's.
fn rendering_problems(path: &str, markdown: &str, root: &Path) -> Vec<String> {
    let parsed = parse(markdown);
    let mut problems = Vec::new();
    if let Some(line) = parsed.unclosed {
        problems.push(format!("{path}:{line}: a code fence that is never closed"));
    }
    for block in &parsed.blocks {
        let line = block.line;
        if block.info.is_empty() {
            problems.push(format!(
                "{path}:{line}: a code block without a language is Rust to rustdoc but plain text \
                 on GitHub; say ```rust or ```text"
            ));
        }
        if is_rust(block.info) {
            for (offset, code) in block.lines.iter().enumerate() {
                if is_hidden_line(code) {
                    problems.push(format!(
                        "{path}:{}: `{code}` is hidden by rustdoc but shown on GitHub; write the \
                         example so that every line is visible",
                        line + 1 + offset
                    ));
                }
            }
        }
    }
    let directory = Path::new(path).parent().unwrap_or(Path::new(""));
    let is_page = !directory.as_os_str().is_empty();
    // Both renderers show a footnote reference without a definition as text, and drop a
    // definition that nothing refers to.
    let (references, definitions): (Vec<String>, Vec<String>) = parsed
        .paragraphs
        .iter()
        .map(|(_, paragraph)| footnotes(&mask_code_spans(paragraph)))
        .fold(
            (Vec::new(), Vec::new()),
            |(mut all_r, mut all_d), (r, d)| {
                all_r.extend(r);
                all_d.extend(d);
                (all_r, all_d)
            },
        );
    for label in &references {
        if !definitions.contains(label) {
            problems.push(format!("{path}: footnote [^{label}] is never defined"));
        }
    }
    for label in &definitions {
        if !references.contains(label) {
            problems.push(format!(
                "{path}: footnote [^{label}] is defined but never referred to"
            ));
        }
    }
    for (line, paragraph) in &parsed.paragraphs {
        let masked = mask_code_spans(paragraph);
        for name in shortcut_links(&masked) {
            problems.push(format!(
                "{path}:{line}: [{name}] is a rustdoc link to an item, shown as brackets on \
                 GitHub; write a code span"
            ));
        }
        for target in link_targets(&masked) {
            if target.contains("::") && !target.contains("://") {
                problems.push(format!(
                    "{path}:{line}: ({target}) is a rustdoc path, a broken link on GitHub"
                ));
            } else if target.contains("://")
                || target.starts_with("mailto:")
                || target.starts_with('#')
            {
                // External, or a place on the same page.
            } else if is_page {
                problems.push(format!(
                    "{path}:{line}: ({target}) is a relative link; rustdoc serves this page from \
                     another folder, where it leads nowhere: name the file in a code span"
                ));
            } else {
                let file = target.split(['#', '?']).next().unwrap_or("");
                let resolved: PathBuf = directory.join(file);
                let inside = resolved
                    .components()
                    .all(|part| matches!(part, std::path::Component::Normal(_)));
                if !inside || file.is_empty() || !root.join(&resolved).exists() {
                    problems.push(format!(
                        "{path}:{line}: ({target}) leads to no file of the repository"
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn every_page_renders_on_github_as_in_the_docs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = pages();
    // The README and four pages: fewer means the pages were not found.
    assert!(pages.len() >= 5, "found only {} pages", pages.len());
    let problems: Vec<String> = pages
        .iter()
        .flat_map(|(path, text)| rendering_problems(path, text, root))
        .collect();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let bytes = readme.unwrap().len();
    assert!(
        bytes <= README_MOST_BYTES,
        "README.md is {bytes} bytes, more than {README_MOST_BYTES}: move the detail to a page"
    );
}

/// Every page in `src/` is published as a rustdoc page (and so is in the package).
#[test]
fn every_page_is_a_docs_page() {
    let library = include_str!("../src/lib.rs");
    for (path, _) in pages() {
        if let Some(name) = path.strip_prefix("src/") {
            let inclusion = format!("#[doc = include_str!(\"{name}\")]");
            assert!(
                library.contains(&inclusion),
                "src/lib.rs does not publish {path} ({inclusion} on a page module)"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Files shown whole

/// How many files `markdown` shows whole, and a problem for each such block that differs from
/// its file or names none that exists.
fn shown_files(path: &str, markdown: &str, root: &Path) -> (usize, Vec<String>) {
    let mut shown = 0;
    let mut problems = Vec::new();
    for block in parse(markdown).blocks {
        let Some(note) = block.note.and_then(|note| note.strip_prefix(SHOWN_FILE)) else {
            continue;
        };
        shown += 1;
        let file = note.trim_end_matches("-->").trim();
        let Ok(text) = fs::read_to_string(root.join(file)) else {
            problems.push(format!(
                "{path}:{}: shows {file}, which is not a file",
                block.line
            ));
            continue;
        };
        let expected: Vec<&str> = text.lines().collect();
        if block.lines != expected {
            let first_difference = block
                .lines
                .iter()
                .zip(&expected)
                .position(|(shown, actual)| shown != actual)
                .unwrap_or(block.lines.len().min(expected.len()));
            problems.push(format!(
                "{path}:{}: the block differs from {file} at its line {}: copy the file again",
                block.line,
                first_difference + 1
            ));
        }
    }
    (shown, problems)
}

#[test]
fn every_file_shown_whole_is_the_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    for (path, text) in pages() {
        let (shown, found) = shown_files(&path, &text, root);
        problems.extend(found);
        let minimum = MINIMUM_SHOWN_FILES
            .iter()
            .find(|(page, _)| *page == path)
            .map_or(0, |&(_, minimum)| minimum);
        assert!(
            shown >= minimum,
            "{path}: shows {shown} whole files, fewer than its {minimum}"
        );
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn a_changed_copy_of_a_file_is_found() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let page = format!("<!-- the file: Cargo.toml -->\n```toml\n{file}```\n");
    assert_eq!(shown_files("page", &page, root), (1, Vec::new()));
    let changed = page.replacen("[package]", "[package] ", 1);
    let (_, problems) = shown_files("page", &changed, root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let missing = "<!-- the file: no/such.file -->\n```text\nx\n```\n";
    assert_eq!(shown_files("page", missing, root).1.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Printed runs

/// One command of a printed run, and what the page shows below it.
struct ShownCommand {
    /// The command as typed, after `$ `.
    text: String,
    /// The lines the page shows below it, up to the next command.
    shown: Vec<String>,
    /// The line number of the command on its page.
    line: usize,
}

/// A `text` block whose first line is a `$ stacknet` command.
struct PrintedRun {
    commands: Vec<ShownCommand>,
    /// Why the test does not run it, when the page marks it so.
    not_re_run: Option<String>,
}

/// Every printed run of `markdown`; an error when a `$ stacknet` command is somewhere the test
/// would not find it, so that a run can never be skipped by accident.
fn printed_runs(markdown: &str) -> Result<Vec<PrintedRun>, String> {
    let mut runs = Vec::new();
    for block in parse(markdown).blocks {
        let Some(offset) = block.lines.iter().position(|l| l.starts_with("$ stacknet")) else {
            continue;
        };
        if block.info != "text" {
            return Err(format!(
                "line {}: a `$ stacknet` run in a ```{} block; printed runs are ```text blocks",
                block.line, block.info
            ));
        }
        if offset != 0 {
            return Err(format!(
                "line {}: a `$ stacknet` command that does not open its block",
                block.line + 1 + offset
            ));
        }
        let not_re_run = match block.note {
            Some(note) if note.starts_with(NOT_RE_RUN) => {
                let reason = note[NOT_RE_RUN.len()..].trim_end_matches("-->").trim();
                if reason.is_empty() {
                    return Err(format!("line {}: not re-run, but no reason", block.line));
                }
                Some(reason.to_string())
            }
            _ => None,
        };
        let mut commands: Vec<ShownCommand> = Vec::new();
        for (index, line) in block.lines.iter().enumerate() {
            match (line.strip_prefix("$ "), commands.last_mut()) {
                (Some(text), _) => commands.push(ShownCommand {
                    text: text.to_string(),
                    shown: Vec::new(),
                    line: block.line + 1 + index,
                }),
                (None, Some(command)) => command.shown.push(line.to_string()),
                (None, None) => unreachable!("the block opens with a command"),
            }
        }
        runs.push(PrintedRun {
            commands,
            not_re_run,
        });
    }
    Ok(runs)
}

/// The words of a command line as a shell splits them: white space separates words, and a
/// double-quoted stretch is one word without its quotes. (The pages' commands need no more.)
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for character in command.chars() {
        match character {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// The commands a printed run may hold: what the pages use, and nothing that needs a shell.
#[derive(Debug, PartialEq)]
enum Shell {
    /// `stacknet ARGUMENTS [| tail -N] [> FILE]`.
    Stacknet {
        arguments: Vec<String>,
        tail: Option<usize>,
        into_file: Option<String>,
    },
    /// `cat FILE`: a file an earlier command of the block wrote.
    Cat(String),
    /// `echo $?`: the exit status of the command before.
    EchoStatus,
}

fn parse_command(text: &str) -> Result<Shell, String> {
    let words = shell_words(text);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["echo", "$?"] => return Ok(Shell::EchoStatus),
        ["cat", file] => return Ok(Shell::Cat(file.to_string())),
        ["stacknet", ..] => {}
        _ => return Err(format!("`{text}`: not a command this test knows")),
    }
    let mut rest = &words[1..];
    let mut into_file = None;
    if let [before @ .., ">", file] = rest {
        into_file = Some(file.to_string());
        rest = before;
    }
    let mut tail = None;
    if let [before @ .., "|", "tail", count] = rest {
        let lines = count.strip_prefix('-').and_then(|n| n.parse().ok());
        tail = Some(lines.ok_or_else(|| format!("`{text}`: tail takes -N here"))?);
        rest = before;
    }
    if let Some(word) = rest
        .iter()
        .find(|w| matches!(**w, "|" | ">" | "<" | ";" | "&&"))
    {
        return Err(format!(
            "`{text}`: `{word}` is shell syntax this test does not run"
        ));
    }
    Ok(Shell::Stacknet {
        arguments: rest.iter().map(|w| w.to_string()).collect(),
        tail,
        into_file,
    })
}

/// Whether `printed`, one of the outputs the page may show for a command, matches the lines it
/// shows: exactly, or, when the last shown line is [`CUT_MARK`], as the start of a longer output.
fn matches_shown(shown: &[String], printed: &str) -> bool {
    match shown.split_last() {
        Some((last, before)) if last == CUT_MARK => {
            let start: String = before.iter().map(|l| format!("{l}\n")).collect();
            printed.starts_with(&start) && printed.len() > start.len()
        }
        _ => printed == shown.iter().map(|l| format!("{l}\n")).collect::<String>(),
    }
}

/// The last `count` lines of `text`, as `tail -N` prints them.
fn tail(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(count);
    lines[start..].iter().map(|l| format!("{l}\n")).collect()
}

/// A folder of its own for one printed run's files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "stacknet-pages-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        fs::create_dir_all(&path).unwrap();
        Scratch(path)
    }

    /// A fresh folder holding a copy of this one's files.
    fn copy(&self) -> Scratch {
        let copy = Scratch::new();
        for entry in fs::read_dir(&self.0).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), copy.0.join(entry.file_name())).unwrap();
        }
        copy
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // A leftover folder in the temporary directory is harmless; the test has its verdict.
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// `stacknet ARGUMENTS`, run in `folder` as on an 80-column terminal, with no input.
fn stacknet(arguments: &[String], folder: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stacknet"));
    command
        .args(arguments)
        .current_dir(folder)
        .env_remove("COLUMNS")
        .stdin(Stdio::null());
    command
}

/// What a terminal shows of `stacknet ARGUMENTS`: stdout and stderr through one pipe, in the
/// order the program wrote them.
fn merged_output(arguments: &[String], folder: &Path) -> String {
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut child = {
        let mut command = stacknet(arguments, folder);
        command.stdout(writer.try_clone().unwrap()).stderr(writer);
        command.spawn().unwrap()
        // The command, with this process's writing ends of the pipe, is dropped here, so that
        // reading ends when the child exits.
    };
    let mut merged = String::new();
    reader.read_to_string(&mut merged).unwrap();
    child.wait().unwrap();
    merged
}

/// Runs one printed run in a folder of its own, and says what differs from the page.
fn check_run(page: &str, run: &PrintedRun) -> Vec<String> {
    let folder = Scratch::new();
    let mut problems = Vec::new();
    let mut last_status: Option<ExitStatus> = None;
    for (index, command) in run.commands.iter().enumerate() {
        let place = format!("{page}:{}: `$ {}`", command.line, command.text);
        let shell = match parse_command(&command.text) {
            Ok(shell) => shell,
            Err(problem) => {
                problems.push(format!("{place}: {problem}"));
                break;
            }
        };
        // What the page may show: stdout alone, or what a terminal shows with stderr too.
        let may_show: Vec<String> = match shell {
            Shell::EchoStatus => match last_status.and_then(|status| status.code()) {
                Some(code) => vec![format!("{code}\n")],
                None => {
                    problems.push(format!("{place}: no exit status to show"));
                    continue;
                }
            },
            Shell::Cat(file) => match fs::read_to_string(folder.0.join(&file)) {
                Ok(text) => vec![text],
                Err(error) => {
                    problems.push(format!("{place}: {error}"));
                    continue;
                }
            },
            Shell::Stacknet {
                arguments,
                tail: lines,
                into_file,
            } => {
                // A copy of the folder as it is before the run, for a second run if needed.
                let before = folder.copy();
                let output = stacknet(&arguments, &folder.0).output().unwrap();
                let stdout = String::from_utf8(output.stdout).unwrap();
                let stderr = String::from_utf8(output.stderr).unwrap();
                last_status = Some(output.status);
                let shows_status = run
                    .commands
                    .get(index + 1)
                    .is_some_and(|next| parse_command(&next.text) == Ok(Shell::EchoStatus));
                if !output.status.success() && !shows_status {
                    problems.push(format!(
                        "{place}: {}, which the page does not show (`$ echo $?`)\n{stderr}",
                        output.status
                    ));
                }
                if let Some(file) = into_file {
                    fs::write(folder.0.join(file), &stdout).unwrap();
                    vec![String::new(), stderr]
                } else if let Some(count) = lines {
                    let end = tail(&stdout, count);
                    vec![end.clone(), stderr + &end]
                } else if stderr.is_empty() || matches_shown(&command.shown, &stdout) {
                    vec![stdout]
                } else {
                    let merged = merged_output(&arguments, &before.0);
                    vec![stdout, merged]
                }
            }
        };
        if !may_show
            .iter()
            .any(|out| matches_shown(&command.shown, out))
        {
            problems.push(format!(
                "{place} printed something else than the page shows.\n--- the page:\n{}\n--- \
                 printed:\n{}",
                command.shown.join("\n"),
                may_show.join("--- or, with stderr:\n")
            ));
        }
    }
    problems
}

/// Every page's printed runs, each checked against [`MINIMUM_COMMANDS`].
fn every_pages_runs() -> Vec<(String, Vec<PrintedRun>)> {
    let mut all = Vec::new();
    for (path, text) in pages() {
        let runs = printed_runs(&text).unwrap_or_else(|problem| panic!("{path}: {problem}"));
        let commands = runs
            .iter()
            .flat_map(|run| &run.commands)
            .filter(|command| command.text.starts_with("stacknet"))
            .count();
        let Some(&(_, minimum)) = MINIMUM_COMMANDS.iter().find(|(page, _)| *page == path) else {
            panic!("{path} is not in MINIMUM_COMMANDS: add it with its number of $ stacknet runs");
        };
        assert!(
            commands >= minimum,
            "{path}: found {commands} `$ stacknet` commands, fewer than the {minimum} it shows"
        );
        all.push((path, runs));
    }
    all
}

#[test]
fn every_page_shows_its_runs() {
    let all = every_pages_runs();
    for (page, _) in MINIMUM_COMMANDS {
        assert!(all.iter().any(|(path, _)| path == page), "{page} is gone");
    }
}

#[test]
#[ignore = "slow unoptimised: runs of up to two million epochs; make test runs it optimised"]
fn every_printed_run_is_what_the_command_prints() {
    let mut problems = Vec::new();
    for (page, runs) in every_pages_runs() {
        for run in runs {
            match &run.not_re_run {
                Some(reason) => println!("{page}: not re-run: {reason}"),
                None => problems.extend(check_run(&page, &run)),
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

/// The README's picture is what the command it names draws today.
#[test]
fn the_readme_picture_is_what_its_command_draws() {
    const PICTURE: &str = "examples/xor-seed-1.svg";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let command = format!("`stacknet --seed 1 --svg {PICTURE}` drew this");
    assert!(
        readme.contains(&command),
        "the README no longer says {command}"
    );
    assert!(
        readme.contains(&format!("]({PICTURE})")),
        "the README no longer shows {PICTURE}"
    );
    // Drawn at the same relative path, since the picture names the command that drew it.
    let folder = Scratch::new();
    fs::create_dir_all(folder.0.join("examples")).unwrap();
    let arguments = shell_words(&format!("--seed 1 --svg {PICTURE}"));
    let output = stacknet(&arguments, &folder.0).output().unwrap();
    assert!(output.status.success(), "{:?}", output);
    let drawn = fs::read(folder.0.join(PICTURE)).unwrap();
    assert!(
        drawn == fs::read(root.join(PICTURE)).unwrap(),
        "{PICTURE} is not what `stacknet --seed 1 --svg {PICTURE}` draws today"
    );
}

// ---------------------------------------------------------------------------------------------
// The checks themselves: each finds what it is for, and passes what it should.

#[test]
fn quoted_words_stay_whole() {
    assert_eq!(
        shell_words(r#" --trace --weights "0.1 0.2 ; 0.3" --seed  1"#),
        ["--trace", "--weights", "0.1 0.2 ; 0.3", "--seed", "1"]
    );
    assert_eq!(shell_words(r#"--name """#), ["--name", ""]);
}

/// The parser finds the commands and their output, and skips blocks that are not runs.
#[test]
fn printed_runs_are_found() {
    let page = "```text\n$ stacknet --seed 1\n[[0.5]]\n$ echo $?\n0\n```\n```text\nX : 4 x 2\n```\n\
                ```rust\nlet a = 1;\n```\n<!-- not re-run: a fresh seed -->\n```text\n$ stacknet\n[[0.4]]\n```\n";
    let runs = printed_runs(page).unwrap();
    assert_eq!(runs.len(), 2);
    let commands = &runs[0].commands;
    assert_eq!(commands.len(), 2);
    assert_eq!(commands[0].text, "stacknet --seed 1");
    assert_eq!(commands[0].shown, ["[[0.5]]"]);
    assert_eq!(commands[0].line, 2);
    assert_eq!(commands[1].shown, ["0"]);
    assert_eq!(runs[0].not_re_run, None);
    assert_eq!(runs[1].not_re_run.as_deref(), Some("a fresh seed"));
}

/// A run the test would not find is an error, not a silent pass.
#[test]
fn misplaced_runs_are_errors() {
    assert!(printed_runs("```console\n$ stacknet --seed 1\n[[0.5]]\n```\n").is_err());
    assert!(printed_runs("```text\n$ make run\n$ stacknet --seed 1\n```\n").is_err());
    assert!(printed_runs("<!-- not re-run: -->\n```text\n$ stacknet\n```\n").is_err());
    assert!(printed_runs("```text\n$ make run\n[[0.5]]\n```\n")
        .unwrap()
        .is_empty());
}

#[test]
fn commands_are_parsed_or_refused() {
    let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    assert_eq!(
        parse_command("stacknet --seed 1 --task sine | tail -3"),
        Ok(Shell::Stacknet {
            arguments: words(&["--seed", "1", "--task", "sine"]),
            tail: Some(3),
            into_file: None
        })
    );
    assert_eq!(
        parse_command("stacknet --seed 1 --format rust > trained.rs"),
        Ok(Shell::Stacknet {
            arguments: words(&["--seed", "1", "--format", "rust"]),
            tail: None,
            into_file: Some("trained.rs".to_string())
        })
    );
    assert_eq!(
        parse_command("cat xor.model"),
        Ok(Shell::Cat("xor.model".into()))
    );
    assert_eq!(parse_command("echo $?"), Ok(Shell::EchoStatus));
    assert!(parse_command("stacknet --seed 1 | head -3").is_err());
    assert!(parse_command("stacknet --seed 1 2>&1 | grep epoch").is_err());
    assert!(parse_command("make run").is_err());
}

#[test]
fn shown_output_matches_exactly_or_as_a_marked_beginning() {
    let shown = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(matches_shown(&shown(&["a", "b"]), "a\nb\n"));
    assert!(!matches_shown(&shown(&["a", "b"]), "a\nb\nc\n"));
    assert!(!matches_shown(&shown(&["a", "b"]), "a\nB\n"));
    assert!(matches_shown(&shown(&["a", "..."]), "a\nb\n"));
    assert!(
        !matches_shown(&shown(&["a", "..."]), "a\n"),
        "a cut mark on a whole output"
    );
    assert!(!matches_shown(&shown(&["b", "..."]), "a\nb\n"));
    assert!(matches_shown(&shown(&[]), ""));
    assert_eq!(tail("1\n2\n3\n4\n", 3), "2\n3\n4\n");
}

/// Each rendering rule finds its problem in a page made to have it.
#[test]
fn rendering_problems_are_found() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let problems = |path: &str, text: &str| rendering_problems(path, text, root);
    // A rustdoc path as a link target, with or without a code span as its text.
    assert_eq!(
        problems("src/a.md", "See [`dot`](crate::Matrix::dot).\n").len(),
        1
    );
    assert_eq!(
        problems("src/a.md", "See [the matrix](crate::Matrix).\n").len(),
        1
    );
    assert_eq!(
        problems("README.md", "See [x].\n\n[x]: crate::Matrix\n").len(),
        1
    );
    // Shortcut links to items.
    assert_eq!(
        problems("src/a.md", "Start with the [`walkthrough`].\n").len(),
        1
    );
    assert_eq!(
        problems("src/a.md", "See [Matrix] and\n[Network::train].\n").len(),
        2
    );
    // Hidden lines, in a rust block and in a block rustdoc takes for Rust.
    let hidden = "```rust\nlet a = 1;\n# Ok::<(), stacknet::Diverged>(())\n```\n";
    assert_eq!(problems("src/a.md", hidden).len(), 1);
    let unnamed = "```\nlet a = 1;\n    # let _ = a;\n```\n";
    assert_eq!(
        problems("src/a.md", unnamed).len(),
        2,
        "no language, and a hidden line"
    );
    assert_eq!(
        problems("src/a.md", "```rust,ignore\n##[derive]\n```\n").len(),
        1
    );
    assert_eq!(
        problems("src/a.md", "```rust\nlet a = 1;\n").len(),
        1,
        "unclosed"
    );
    // Relative links: to no file from the README; at all from a page in src/.
    assert_eq!(
        problems("README.md", "[the guide](src/missing.md)\n").len(),
        1
    );
    assert_eq!(
        problems("README.md", "![a picture](examples/none.svg)\n").len(),
        1
    );
    assert_eq!(problems("README.md", "[up](../outside.md)\n").len(), 1);
    assert_eq!(
        problems("README.md", "<img src=\"nowhere.png\">\n").len(),
        1
    );
    assert_eq!(
        problems("src/a.md", "[the README](../README.md)\n").len(),
        1
    );
    // Footnotes: a reference without a definition, a definition without a reference.
    assert_eq!(problems("src/a.md", "Checked[^test].\n").len(), 1);
    assert_eq!(
        problems("src/a.md", "Text.\n\n[^test]: `tests/a.rs`\n").len(),
        1
    );
}

/// What the pages rightly hold is not taken for a problem.
#[test]
fn rendering_rules_pass_good_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let good = "The input [0, 0] and [0, 1) and ``[`Matrix`]`` and `[a](crate::b)` in code spans, and `[[0.5]]`.\n\
                See [the walkthrough](src/walkthrough.md), [LICENSE](LICENSE#mit),\n\
                [rustup](https://rustup.rs) and [a section](#layout).\n\n\
                ```rust\n#[derive(Debug)]\nstruct A;\n#![allow(dead_code)]\n```\n\n\
                ```python\n# a comment, not a hidden line\n```\n\n\
                ```text\n# stacknet model\n```\n\n\
                ```rust,ignore\nlet z = 1; // a comment\n```\n\n\
                Checked by a test[^test], twice[^test].\n\n\
                [^test]: `tests/pages.rs`, with a second\n    line.\n";
    assert_eq!(
        rendering_problems("README.md", good, root),
        Vec::<String>::new()
    );
}
