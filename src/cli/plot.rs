//! Pictures of a training run: the loss curve and the learnt surface, in the terminal
//! (`--plot`) or as one hand-written SVG file with a diagram of the network (`--svg FILE`).
//!
//! ```text
//! $ stacknet --seed 1 --plot
//! ```
//!
//! The loss is drawn on a log scale, since it falls by orders of magnitude. The surface is the
//! trained network's output over the unit square, for the two-input tasks, with the four
//! corners of the truth table marked by their targets.

use std::fmt::Write as _;

/// Loss samples a run records for its pictures, at most.
pub const LOSS_SAMPLES: u32 = 120;

/// Characters from output 0 (blank) to output 1 (dense), for the terminal's surface.
const SHADES: &[u8] = b" .:-=+*#%@";

/// Size of the terminal pictures, in characters.
const PLOT_WIDTH: usize = 60;
const PLOT_HEIGHT: usize = 12;
const SURFACE_COLUMNS: usize = 44;
const SURFACE_ROWS: usize = 22;

/// Grid points per side of the SVG's surface.
pub const SVG_SURFACE_POINTS: usize = 41;

/// The loss after chosen epochs of a run.
#[derive(Debug, Default)]
pub struct History {
    pub epochs: Vec<u32>,
    pub losses: Vec<f64>,
}

/// A network's output over the unit square: `outputs[row][column]`, row 0 at the top (`y = 1`).
#[derive(Debug)]
pub struct Surface {
    pub outputs: Vec<Vec<f64>>,
    /// The truth table's corners: `(x, y, target)`.
    pub corners: Vec<(f64, f64, f64)>,
}

impl Surface {
    /// Samples `output(x, y)` on a `columns x rows` grid over `[0, 1]^2`.
    pub fn sample(
        columns: usize,
        rows: usize,
        corners: Vec<(f64, f64, f64)>,
        mut output: impl FnMut(f64, f64) -> f64,
    ) -> Surface {
        let outputs = (0..rows)
            .map(|row| {
                let y = 1.0 - row as f64 / (rows - 1) as f64;
                (0..columns)
                    .map(|column| output(column as f64 / (columns - 1) as f64, y))
                    .collect()
            })
            .collect();
        Surface { outputs, corners }
    }
}

/// A network's sizes and parameters, for the diagram.
pub struct Diagram {
    pub inputs: usize,
    pub hidden: usize,
    /// `Wh`, row-major, `inputs x hidden`.
    pub hidden_weights: Vec<f64>,
    /// `Wz`, `hidden x 1`.
    pub output_weights: Vec<f64>,
}

/// `log10` of a loss, floored so that a loss of exactly 0 still has a place on the scale.
fn log_loss(loss: f64) -> f64 {
    loss.max(1e-300).log10()
}

/// The range of the log losses, widened when flat so that the scale never divides by zero.
fn log_range(history: &History) -> (f64, f64) {
    let logs = history.losses.iter().map(|&l| log_loss(l));
    let low = logs.clone().fold(f64::INFINITY, f64::min);
    let high = logs.fold(f64::NEG_INFINITY, f64::max);
    if high - low < 1e-9 {
        (low - 1.0, high + 1.0)
    } else {
        (low, high)
    }
}

/// The loss curve and, for two inputs, the surface, drawn with characters.
pub fn terminal(history: &History, surface: Option<&Surface>) -> String {
    let mut text = String::new();
    if !history.losses.is_empty() {
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
    if let Some(surface) = surface {
        let _ = writeln!(
            text,
            "\noutput over the unit square (x right, y up): ' ' is 0, '@' is 1; corners show targets"
        );
        let rows = surface.outputs.len();
        for (row, line) in surface.outputs.iter().enumerate() {
            let columns = line.len();
            let mut characters: Vec<u8> = line
                .iter()
                .map(|&output| {
                    let level =
                        (output.clamp(0.0, 1.0) * (SHADES.len() - 1) as f64).round() as usize;
                    SHADES[level]
                })
                .collect();
            for &(x, y, target) in &surface.corners {
                let corner_row = ((1.0 - y) * (rows - 1) as f64).round() as usize;
                let corner_column = (x * (columns - 1) as f64).round() as usize;
                if corner_row == row {
                    characters[corner_column] = if target >= 0.5 { b'1' } else { b'0' };
                }
            }
            let _ = writeln!(text, "  |{}|", String::from_utf8_lossy(&characters));
        }
    }
    text
}

/// Samples the terminal surface's grid size.
pub fn terminal_surface_size() -> (usize, usize) {
    (SURFACE_COLUMNS, SURFACE_ROWS)
}

/// One SVG picture: the loss curve, the surface (two inputs only) and the network diagram.
pub fn svg(title: &str, history: &History, surface: Option<&Surface>, diagram: &Diagram) -> String {
    const PANEL: f64 = 300.0;
    const MARGIN: f64 = 40.0;
    let width = 3.0 * PANEL + 4.0 * MARGIN;
    let height = PANEL + 2.0 * MARGIN + 20.0;
    let mut svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        escape(title)
    );
    // Panel 1: the loss curve, log scale.
    let (x0, y0) = (MARGIN, MARGIN + 20.0);
    let _ = writeln!(
        svg,
        "<g id=\"loss\">\n<text x=\"{x0}\" y=\"{}\">loss (log scale) by epoch</text>",
        y0 - 8.0
    );
    let _ = writeln!(svg, "<rect x=\"{x0}\" y=\"{y0}\" width=\"{PANEL}\" height=\"{PANEL}\" fill=\"none\" stroke=\"#888\"/>");
    if !history.losses.is_empty() {
        let (low, high) = log_range(history);
        let last = f64::from(history.epochs.last().copied().unwrap_or(1).max(1));
        let points: Vec<String> = history
            .epochs
            .iter()
            .zip(&history.losses)
            .map(|(&epoch, &loss)| {
                let x = x0 + PANEL * f64::from(epoch) / last;
                let y = y0 + PANEL * (1.0 - (log_loss(loss) - low) / (high - low));
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>",
            points.join(" ")
        );
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\">{:.1e}</text>",
            x0 + 4.0,
            y0 + 14.0,
            10f64.powf(high)
        );
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\">{:.1e}</text>",
            x0 + 4.0,
            y0 + PANEL - 4.0,
            10f64.powf(low)
        );
        let _ = writeln!(
            svg,
            "<text x=\"{x0}\" y=\"{}\">epoch 0</text>",
            y0 + PANEL + 16.0
        );
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{last}</text>",
            x0 + PANEL,
            y0 + PANEL + 16.0
        );
    }
    svg.push_str("</g>\n");
    // Panel 2: the surface.
    let x1 = 2.0 * MARGIN + PANEL;
    let _ = writeln!(
        svg,
        "<g id=\"surface\" shape-rendering=\"crispEdges\">\n<text x=\"{x1}\" y=\"{}\">output over the unit square: white 0, blue 1</text>",
        y0 - 8.0
    );
    let _ = writeln!(
        svg,
        "<text x=\"{x1}\" y=\"{}\">circles: the targets (black 1, white 0)</text>",
        y0 + PANEL + 16.0
    );
    if let Some(surface) = surface {
        let rows = surface.outputs.len();
        let cell = PANEL / rows as f64;
        for (row, line) in surface.outputs.iter().enumerate() {
            for (column, &output) in line.iter().enumerate() {
                let shade = (255.0 * (1.0 - output.clamp(0.0, 1.0))).round() as u8;
                let _ = writeln!(
                    svg,
                    "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"rgb({shade},{shade},255)\"/>",
                    x1 + column as f64 * cell,
                    y0 + row as f64 * cell,
                    cell + 0.05,
                    cell + 0.05
                );
            }
        }
        for &(x, y, target) in &surface.corners {
            let (cx, cy) = (
                x1 + cell / 2.0 + x * (PANEL - cell),
                y0 + cell / 2.0 + (1.0 - y) * (PANEL - cell),
            );
            let fill = if target >= 0.5 { "black" } else { "white" };
            let _ = writeln!(svg, "<circle class=\"corner\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"7\" fill=\"{fill}\" stroke=\"#e07000\" stroke-width=\"3\"/>");
        }
    } else {
        let _ = writeln!(
            svg,
            "<text x=\"{x1}\" y=\"{}\">(two-input tasks only)</text>",
            y0 + 20.0
        );
    }
    svg.push_str("</g>\n");
    // Panel 3: the network, each weight a line coloured by sign, as thick as it is large.
    let x2 = 3.0 * MARGIN + 2.0 * PANEL;
    let _ = writeln!(
        svg,
        "<g id=\"network\">\n<text x=\"{x2}\" y=\"{}\">network: blue +, red -, width |w|</text>",
        y0 - 8.0
    );
    let largest = diagram
        .hidden_weights
        .iter()
        .chain(&diagram.output_weights)
        .fold(1e-12f64, |m, w| m.max(w.abs()));
    let column_x = [x2 + 30.0, x2 + PANEL / 2.0, x2 + PANEL - 30.0];
    let place =
        |count: usize, index: usize| y0 + PANEL * (index as f64 + 1.0) / (count as f64 + 1.0);
    let line = |svg: &mut String, (xa, ya): (f64, f64), (xb, yb): (f64, f64), weight: f64| {
        let colour = if weight >= 0.0 { "#1f5fbf" } else { "#c0392b" };
        let width = 0.5 + 6.0 * weight.abs() / largest;
        let _ = writeln!(
            svg,
            "<line class=\"weight\" x1=\"{xa:.1}\" y1=\"{ya:.1}\" x2=\"{xb:.1}\" y2=\"{yb:.1}\" stroke=\"{colour}\" stroke-width=\"{width:.2}\"/>"
        );
    };
    for i in 0..diagram.inputs {
        for j in 0..diagram.hidden {
            let weight = diagram.hidden_weights[i * diagram.hidden + j];
            line(
                &mut svg,
                (column_x[0], place(diagram.inputs, i)),
                (column_x[1], place(diagram.hidden, j)),
                weight,
            );
        }
    }
    for j in 0..diagram.hidden {
        line(
            &mut svg,
            (column_x[1], place(diagram.hidden, j)),
            (column_x[2], place(1, 0)),
            diagram.output_weights[j],
        );
    }
    for (column, count) in [(0, diagram.inputs), (1, diagram.hidden), (2, 1)] {
        for index in 0..count {
            let _ = writeln!(
                svg,
                "<circle class=\"unit\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"10\" fill=\"#f4f4f4\" stroke=\"black\"/>",
                column_x[column],
                place(count, index)
            );
        }
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// Text made safe for XML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_loss_still_has_a_scale() {
        let history = History {
            epochs: vec![1, 2],
            losses: vec![0.0, 0.0],
        };
        let (low, high) = log_range(&history);
        assert!(high > low);
        assert!(terminal(&history, None).contains('*'));
    }

    #[test]
    fn titles_are_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
