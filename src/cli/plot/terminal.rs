//! `--plot`: the loss curve and the surfaces drawn with characters, after the run's `Z`.
//!
//! ```text
//! the output Z over the unit square, x0 across and x1 up; the corners' digits are the targets Y
//! shades from 0 to 1, a ninth apart: ' .:-=+*#%@'
//!  1 |1@@@@@@@@@@@@@@@@@@%%%##*+=-:...           0|
//! ```
//!
//! The small surfaces (the output at moments of training, each hidden unit) stand side by side,
//! as many to a line as the terminal's width allows; on a terminal too narrow for one, they are
//! left out with a note.

use std::fmt::Write as _;

use super::{decade_label, History, LossAxes, Surface, Surfaces, MOMENT_PERCENTS};

/// Characters from blank (the range's low end) to dense (its high end).
const SHADES: &[u8] = b" .:-=+*#%@";

/// Size of the loss curve, in characters.
const PLOT_WIDTH: usize = 60;
const PLOT_HEIGHT: usize = 12;

/// Width of the loss curve's labels on the left, such as `1e-12`, and of the gap after them.
const LABEL_WIDTH: usize = 9;

/// The most decades of loss labelled: one every other row.
const LOSS_LABELS: usize = PLOT_HEIGHT / 2;

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
        "\nthe output Z over the unit square, x0 across and x1 up; the corners' digits are the targets Y\n\
         shades from 0 to 1, a ninth apart: '{}'",
        String::from_utf8_lossy(SHADES)
    );
    let lines = surface_lines(&surfaces.output.terminal);
    let middle = lines.len() / 2;
    for (row, line) in lines.iter().enumerate() {
        // The x1 axis up the left side: 1 at the top, 0 at the bottom.
        let label = match row {
            0 => "1",
            r if r == middle => "x1",
            r if r + 1 == lines.len() => "0",
            _ => "",
        };
        let _ = writeln!(text, "{label:>2} |{line}|");
    }
    // The x0 axis along the bottom: 0 under the first column, 1 under the last.
    let width = lines.first().map_or(0, String::len);
    let _ = writeln!(text, "    0{:^w$}1", "x0", w = width.saturating_sub(2));
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
                true => format!("h{index}"),
                false => format!("h{index} {low:.2} to {high:.2}"),
            };
            (name, &unit.terminal)
        });
        side_by_side(&mut text, panels.collect(), columns);
    }
    text
}

/// The loss curve, loss against epoch on log scales, with their decades marked and a guide line
/// of `1/t` through the last loss.
fn loss_curve(text: &mut String, history: &History) {
    let Some(axes) = LossAxes::of(history) else {
        return;
    };
    let mut grid = vec![vec![b' '; PLOT_WIDTH]; PLOT_HEIGHT];
    let row_of = |y: f64| ((1.0 - y) * (PLOT_HEIGHT - 1) as f64).round();
    let column_x = |column: usize| column as f64 / (PLOT_WIDTH - 1) as f64;
    let put = |x: f64, y: f64, mark: u8, grid: &mut Vec<Vec<u8>>| {
        let row = row_of(y);
        let column = (x * (PLOT_WIDTH - 1) as f64).round();
        if (0.0..PLOT_HEIGHT as f64).contains(&row) && (0.0..PLOT_WIDTH as f64).contains(&column) {
            grid[row as usize][column as usize] = mark;
        }
    };
    if let Some(((x0, y0), (x1, y1))) = axes.one_over_t(history) {
        for column in 0..PLOT_WIDTH {
            let x = column_x(column);
            if (x0..=x1).contains(&x) {
                put(x, y0 + (x - x0) * (y1 - y0) / (x1 - x0), b'.', &mut grid);
            }
        }
    }
    // The curve between the recorded epochs is drawn as a straight line on these axes.
    let points: Vec<(f64, f64)> = history
        .epochs
        .iter()
        .zip(&history.losses)
        .map(|(&epoch, &loss)| (axes.x(epoch), axes.y(loss)))
        .collect();
    for column in 0..PLOT_WIDTH {
        let x = column_x(column);
        let after = points.partition_point(|&(px, _)| px < x);
        let y = match (after.checked_sub(1).map(|i| points[i]), points.get(after)) {
            (Some((xa, ya)), Some(&(xb, yb))) if xb > xa => ya + (x - xa) * (yb - ya) / (xb - xa),
            (_, Some(&(xb, yb))) if (xb - x).abs() < 0.5 / PLOT_WIDTH as f64 => yb,
            _ => continue,
        };
        put(x, y, b'*', &mut grid);
    }
    let _ = writeln!(
        text,
        "loss (mean squared error) by epoch, both on log scales; '*' the loss, '.' 1/t through its end"
    );
    let mut labels = vec![String::new(); PLOT_HEIGHT];
    for decade in axes.loss_decades(LOSS_LABELS) {
        labels[row_of(axes.decade_y(decade)) as usize] = decade_label(decade);
    }
    for (line, label) in grid.iter().zip(&labels) {
        let line = String::from_utf8_lossy(line);
        let _ = writeln!(
            text,
            "{label:>w$} |{}",
            line.trim_end(),
            w = LABEL_WIDTH - 1
        );
    }
    // The epoch axis: a tick at each decade, its label under it, and the last epoch at the end.
    let mut axis = vec![b'-'; PLOT_WIDTH];
    let mut under = vec![b' '; PLOT_WIDTH + LABEL_WIDTH];
    let last = history.epochs.last().copied().unwrap_or(1);
    let last_label = last.to_string();
    let last_start = (axes.x(last) * (PLOT_WIDTH - 1) as f64).round() as usize + 1;
    let last_start = last_start.saturating_sub(last_label.len());
    let mut free_from = 0;
    for decade in axes.epoch_decades() {
        let column = (axes.decade_x(decade) * (PLOT_WIDTH - 1) as f64).round() as usize;
        axis[column] = b'+';
        let label = decade_label(decade);
        // A decade's label goes where it meets neither the one before nor the last epoch's.
        let apart = column + label.len() < last_start || column > last_start + last_label.len();
        if column >= free_from && apart {
            under[column..column + label.len()].copy_from_slice(label.as_bytes());
            free_from = column + label.len() + 1;
        }
    }
    under[last_start..last_start + last_label.len()].copy_from_slice(last_label.as_bytes());
    let margin = " ".repeat(LABEL_WIDTH);
    let _ = writeln!(text, "{margin} {}", String::from_utf8_lossy(&axis));
    let under = String::from_utf8_lossy(&under);
    let _ = writeln!(text, "{margin} {}", under.trim_end());
    let name = format!("{:^w$}", "epoch", w = PLOT_WIDTH);
    let _ = writeln!(text, "{margin} {}", name.trim_end());
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
        assert!(names[0].contains("h2") && names[1].starts_with("     h3"));
    }

    /// Too narrow for one small surface: a note, no error, and the large surface as before.
    #[test]
    fn a_narrow_terminal_gets_a_note() {
        let text = terminal(&History::default(), Some(&surfaces(3)), Some(20));
        assert!(text.contains("(not drawn: 26 columns needed, the terminal has 20)"));
        assert!(text.contains("\n 0 |0"), "{text}");
    }

    /// The loss plot's axes are logarithmic: a tick and a label at each decade of epochs,
    /// evenly spaced, the last epoch at the end, each decade of loss labelled on its row; a loss
    /// of 1/t runs along the 1/t guide, hiding it.
    #[test]
    fn the_loss_is_drawn_on_log_log_axes() {
        let epochs: Vec<u32> = (1..=1000).collect();
        let history = History {
            losses: epochs.iter().map(|&t| 0.5 / f64::from(t)).collect(),
            epochs,
        };
        let text = terminal(&history, None, None);
        let lines: Vec<&str> = text.lines().collect();
        let plot = &lines[1..1 + PLOT_HEIGHT];
        // Losses from 0.5 to 5e-4: decades 1e-4 to 1, one every other row at most.
        let labels: Vec<(usize, &str)> = plot
            .iter()
            .enumerate()
            .filter_map(|(row, line)| {
                let label = line[..LABEL_WIDTH].trim();
                (!label.is_empty()).then_some((row, label))
            })
            .collect();
        assert_eq!(
            labels,
            [
                (0, "1"),
                (3, "1e-1"),
                (6, "1e-2"),
                (8, "1e-3"),
                (11, "1e-4")
            ],
            "{text}"
        );
        let axis = lines[1 + PLOT_HEIGHT];
        let ticks: Vec<usize> = axis
            .match_indices('+')
            .map(|(at, _)| at - LABEL_WIDTH - 1)
            .collect();
        assert_eq!(ticks, [0, 20, 39, 59], "1, 10, 100, 1000:\n{text}");
        let under = lines[2 + PLOT_HEIGHT];
        for (column, label) in [(0, "1 "), (20, "10 "), (39, "100 ")] {
            let at = LABEL_WIDTH + 1 + column;
            assert_eq!(&under[at..at + label.len()], label, "{text}");
        }
        assert!(
            under.ends_with(" 1000"),
            "the last epoch, at the end:\n{text}"
        );
        assert!(
            plot.iter().all(|line| !line.contains('.')),
            "the curve hides the guide:\n{text}"
        );
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
