//! The walkthrough's printed runs are what the commands print today: every `text` block of
//! `src/walkthrough.md` that starts with `$ stacknet ...` is run again, and its output must match
//! the rest of the block character for character.
//!
//! The experiments train thousands of networks, so the test is slow unoptimised: `make test` runs
//! it with `--release`, with the other long sweeps.

use std::process::Command;

/// One `$ stacknet ...` block: the command's arguments, and the lines printed below it.
struct PrintedRun {
    arguments: Vec<String>,
    printed: String,
}

/// Every `text` block of `markdown` whose first line is a `$ stacknet` command.
fn printed_runs(markdown: &str) -> Vec<PrintedRun> {
    let mut runs = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```text" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let Some(command) = block.first().and_then(|l| l.strip_prefix("$ stacknet")) else {
            continue;
        };
        let arguments = shell_words(command);
        let printed = block[1..].iter().map(|l| format!("{l}\n")).collect();
        runs.push(PrintedRun { arguments, printed });
    }
    runs
}

/// The words of a command line as a shell splits them: white space separates words, and a
/// double-quoted stretch is one word without its quotes. (The page's commands need no more.)
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

#[test]
#[ignore = "slow unoptimised: the experiments train thousands of networks; make test runs it with --release"]
fn the_walkthrough_shows_what_each_command_prints() {
    let page = include_str!("../src/walkthrough.md");
    let runs = printed_runs(page);
    // The page shows five runs: --every, --trace and the three experiments. Fewer means the parsing
    // broke, and the test would pass while checking nothing.
    assert!(runs.len() >= 5, "found only {} printed runs", runs.len());
    for run in runs {
        let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
            .args(&run.arguments)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "stacknet {:?} failed",
            run.arguments
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            stdout,
            run.printed,
            "stacknet {} printed something else than the walkthrough shows",
            run.arguments.join(" ")
        );
    }
}

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
    let page = "```text\n$ stacknet --seed 1\n[[0.5]]\n```\n```text\nX : 4 x 2\n```\n```\nlet a = 1;\n```\n";
    let runs = printed_runs(page);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].arguments, ["--seed", "1"]);
    assert_eq!(runs[0].printed, "[[0.5]]\n");
}
