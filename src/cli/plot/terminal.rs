//! `--plot`: the loss curve and the surfaces drawn with characters, after the run's `Z`.
//!
//! ```text
//! output over the unit square (x right, y up): ' ' is 0, '@' is 1; corners show targets
//!   |1@@@@@@@@@@@@@@@@@@%%%##*+=-:...           0|
//! ```
//!
//! The small surfaces (the output at moments of training, each hidden unit) stand side by side,
//! as many to a line as the terminal's width allows; on a terminal too narrow for one, they are
//! left out with a note.

use std::fmt::Write as _;

use super::{log_loss, log_range, History, Surface, Surfaces, MOMENT_PERCENTS};

/// Characters from blank (the range's low end) to dense (its high end).
const SHADES: &[u8] = b" .:-=+*#%@";

/// Size of the loss curve, in characters.
const PLOT_WIDTH: usize = 60;
const PLOT_HEIGHT: usize = 12;

/// The width assumed when the environment does not give one: a terminal's customary 80 columns.
const DEFAULT_COLUMNS: usize = 80;

/// Spaces before a line of small surfaces: more than the large surface's two, so the lines of
/// each are told apart.
const SMALL_INDENT: usize = 4;

/// Spaces between two small surfaces side by side.
const SMALL_GAP: usize = 2;

/// The loss curve and, for two inputs, the surfaces, drawn with characters, in `columns`
/// columns or the terminal's width (`COLUMNS`, or 80).
pub fn terminal(history: &History, surfaces: Option<&Surfaces>, columns: Option<usize>) -> String {
    let mut text = String::new();
    if !history.losses.is_empty() {
        loss_curve(&mut text, history);
    }
    let Some(surfaces) = surfaces else {
        return text;
    };
    let _ = writeln!(
        text,
        "\noutput over the unit square (x right, y up): ' ' is 0, '@' is 1; corners show targets"
    );
    for line in surface_lines(&surfaces.output.terminal) {
        let _ = writeln!(text, "  |{line}|");
    }
    let columns = columns.unwrap_or_else(terminal_columns);
    if !surfaces.moments.is_empty() {
        let last = surfaces.moments.last().map_or(0, |(epoch, _)| *epoch);
        let percents: Vec<String> = MOMENT_PERCENTS.iter().map(|p| format!("{p} %")).collect();
        let _ = writeln!(
            text,
            "\nthe output after {} of the {last} epochs:",
            percents.join(", ")
        );
        let panels = surfaces
            .moments
            .iter()
            .map(|(epoch, sampled)| (format!("epoch {epoch}"), &sampled.terminal));
        side_by_side(&mut text, panels.collect(), columns);
    }
    let units = &surfaces.hidden_units;
    if let Some(first) = units.first() {
        let shared = units
            .iter()
            .all(|u| u.terminal.range == first.terminal.range);
        let (low, high) = first.terminal.range;
        let scale = if shared {
            format!("' ' is {low}, '@' is {high}")
        } else {
            "' ' is its least, '@' its greatest".to_string()
        };
        let _ = writeln!(
            text,
            "\neach hidden unit's output over the unit square: {scale}"
        );
        let panels = units.iter().enumerate().map(|(index, unit)| {
            let (low, high) = unit.terminal.range;
            let name = match shared {
                true => format!("h{}", index + 1),
                false => format!("h{} {low:.2} to {high:.2}", index + 1),
            };
            (name, &unit.terminal)
        });
        side_by_side(&mut text, panels.collect(), columns);
    }
    text
}

/// The loss curve, log scale, with its highest and lowest loss and its first and last epoch.
fn loss_curve(text: &mut String, history: &History) {
    let (low, high) = log_range(history);
    let mut grid = vec![vec![b' '; PLOT_WIDTH]; PLOT_HEIGHT];
    let samples = history.losses.len();
    for (column, index) in
        (0..PLOT_WIDTH).map(|column| (column, column * (samples - 1) / (PLOT_WIDTH - 1)))
    {
        let height = (log_loss(history.losses[index]) - low) / (high - low);
        let row = ((1.0 - height) * (PLOT_HEIGHT - 1) as f64).round() as usize;
        grid[row.min(PLOT_HEIGHT - 1)][column] = b'*';
    }
    let _ = writeln!(text, "loss (mean squared error, log scale) by epoch");
    for (row, line) in grid.iter().enumerate() {
        let label = match row {
            0 => format!("{:9.1e}", 10f64.powf(high)),
            r if r == PLOT_HEIGHT - 1 => format!("{:9.1e}", 10f64.powf(low)),
            _ => " ".repeat(9),
        };
        let _ = writeln!(text, "{label} |{}", String::from_utf8_lossy(line));
    }
    let first = history.epochs.first().copied().unwrap_or(0);
    let last = history.epochs.last().copied().unwrap_or(0);
    let _ = writeln!(text, "{} +{}", " ".repeat(9), "-".repeat(PLOT_WIDTH));
    let _ = writeln!(
        text,
        "{}  {first:<w$}{last:>10}",
        " ".repeat(9),
        w = PLOT_WIDTH - 10
    );
}

/// The surface's rows as characters, the truth table's corners showing their targets.
fn surface_lines(surface: &Surface) -> Vec<String> {
    let rows = surface.values.len();
    surface
        .values
        .iter()
        .enumerate()
        .map(|(row, line)| {
            let columns = line.len();
            let mut characters: Vec<u8> = line
                .iter()
                .map(|&value| {
                    SHADES[(surface.level(value) * (SHADES.len() - 1) as f64).round() as usize]
                })
                .collect();
            for &(x, y, target) in &surface.corners {
                let corner_row = ((1.0 - y) * (rows - 1) as f64).round() as usize;
                let corner_column = (x * (columns - 1) as f64).round() as usize;
                if corner_row == row {
                    characters[corner_column] = if target >= 0.5 { b'1' } else { b'0' };
                }
            }
            String::from_utf8_lossy(&characters).into_owned()
        })
        .collect()
}

/// Writes small surfaces side by side, each under its name, as many to a line as `columns`
/// allows; a note instead when not even one fits.
fn side_by_side(text: &mut String, panels: Vec<(String, &Surface)>, columns: usize) {
    let Some(width) = panels.first().map(|(_, s)| s.values[0].len() + 2) else {
        return;
    };
    let per_line = (columns.saturating_sub(SMALL_INDENT) + SMALL_GAP) / (width + SMALL_GAP);
    if per_line == 0 {
        let needed = SMALL_INDENT + width;
        let _ = writeln!(
            text,
            "  (not drawn: {needed} columns needed, the terminal has {columns})"
        );
        return;
    }
    let indent = " ".repeat(SMALL_INDENT);
    let gap = " ".repeat(SMALL_GAP);
    for group in panels.chunks(per_line) {
        let names: Vec<String> = group
            .iter()
            .map(|(name, _)| format!("{:<width$}", format!(" {name}")))
            .collect();
        let _ = writeln!(text, "{indent}{}", names.join(&gap).trim_end());
        let drawn: Vec<Vec<String>> = group.iter().map(|(_, s)| surface_lines(s)).collect();
        for row in 0..drawn[0].len() {
            let line: Vec<String> = drawn.iter().map(|d| format!("|{}|", d[row])).collect();
            let _ = writeln!(text, "{indent}{}", line.join(&gap));
        }
    }
}

/// The terminal's width: `COLUMNS` when the shell exports it, else [`DEFAULT_COLUMNS`].
fn terminal_columns() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse().ok())
        .filter(|&columns| columns > 0)
        .unwrap_or(DEFAULT_COLUMNS)
}

#[cfg(test)]
mod tests {
    use super::super::Sampled;
    use super::*;

    fn surfaces(units: usize) -> Surfaces {
        let corners = vec![(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)];
        let f = |points: &[f64]| Ok(points.chunks(2).map(|p| (p[0] + p[1]) / 2.0).collect());
        let small = |corners| Sampled::small(corners, Some((0.0, 1.0)), &f).unwrap();
        Surfaces {
            output: Sampled::large(corners.clone(), (0.0, 1.0), &f).unwrap(),
            moments: vec![(1, small(corners))],
            hidden_units: (0..units).map(|_| small(Vec::new())).collect(),
        }
    }

    /// Three small surfaces fit in 80 columns, four do not: the fourth starts a new line.
    #[test]
    fn small_surfaces_wrap_at_the_width() {
        let text = terminal(&History::default(), Some(&surfaces(4)), Some(80));
        let names: Vec<&str> = text.lines().filter(|l| l.starts_with("     h")).collect();
        assert_eq!(names.len(), 2, "{text}");
        let small = text.lines().filter(|line| line.starts_with("    "));
        assert!(small.clone().count() > 2 * 10, "{text}");
        assert!(small.into_iter().all(|line| line.len() <= 80), "{text}");
        assert!(names[0].contains("h3") && names[1].starts_with("     h4"));
    }

    /// Too narrow for one small surface: a note, no error, and the large surface as before.
    #[test]
    fn a_narrow_terminal_gets_a_note() {
        let text = terminal(&History::default(), Some(&surfaces(3)), Some(20));
        assert!(text.contains("(not drawn: 26 columns needed, the terminal has 20)"));
        assert!(text.contains("  |0"), "{text}");
    }

    #[test]
    fn a_flat_loss_is_drawn() {
        let history = History {
            epochs: vec![1, 2],
            losses: vec![0.0, 0.0],
        };
        assert!(terminal(&history, None, None).contains('*'));
    }
}
