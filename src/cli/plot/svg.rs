//! `--svg FILE`: the run as one hand-written SVG picture. The top row holds the loss curve, the
//! trained output over the unit square, and the network with every node named and every weight's
//! value; for two-input tasks, the rows below show the output at moments of training and what
//! each hidden unit computes.
//!
//! ```text
//! $ stacknet --seed 1 --svg examples/xor-seed-1.svg
//! ```
//!
//! Every coordinate lies inside the picture's `viewBox`, whose height grows with the number of
//! hidden units. A surface is drawn in [`SHADE_LEVELS`] shades, neighbouring cells of one shade
//! merged into one rectangle, which keeps the file small.

use std::fmt::Write as _;

use super::{log_loss, log_range, History, Surface, Surfaces, MOMENT_PERCENTS};

/// Space around the picture and between panels.
const MARGIN: f64 = 40.0;

/// Side of the top row's panels: the loss, the output surface, and the diagram's width.
const PANEL: f64 = 300.0;

/// Side of a small surface: a moment of training or a hidden unit.
const SMALL: f64 = 150.0;

/// Font size of the picture's heading, the command that drew it.
const HEADING_SIZE: f64 = 15.0;

/// Top of the top row's panels, below the picture's heading and the panels' titles.
const TOP: f64 = 70.0;

/// Height of a row of small surfaces: its caption, each surface's name, the surface, its axis
/// labels and a line of range below.
const SMALL_ROW: f64 = 24.0 + 16.0 + SMALL + 40.0;

/// Height of a weight's value with the room around it: the least vertical distance between two
/// values in the diagram.
const LABEL_HEIGHT: f64 = 13.0;

/// Radius of a node of the diagram.
const NODE_RADIUS: f64 = 13.0;

/// Shades of a surface, from white to full blue: 1/32 of the range each, fine enough that the
/// bands read as contours.
const SHADE_LEVELS: f64 = 32.0;

/// Width of a character of a weight's value at font size 10, a little over the average of a
/// sans-serif face's digits, for the white box that keeps the value legible over the lines.
const LABEL_CHARACTER: f64 = 6.0;

/// A network's sizes and parameters, for the diagram.
pub struct Diagram {
    pub inputs: usize,
    pub hidden: usize,
    /// `Wh`, row-major, `inputs x hidden`.
    pub hidden_weights: Vec<f64>,
    /// `Wz`, `hidden x 1`.
    pub output_weights: Vec<f64>,
}

/// One SVG picture of the run titled `title`: the loss, the network, and for two inputs the
/// surfaces.
pub fn svg(
    title: &str,
    history: &History,
    surfaces: Option<&Surfaces>,
    diagram: &Diagram,
) -> String {
    let width = 3.0 * PANEL + 4.0 * MARGIN;
    let per_row = ((width - MARGIN) / (SMALL + MARGIN)).floor() as usize;
    let top_height = PANEL.max((diagram.hidden + 1) as f64 * LABEL_HEIGHT / fan(diagram.inputs));
    let small_rows = surfaces.map_or(0, |s| {
        usize::from(!s.moments.is_empty()) + s.hidden_units.len().div_ceil(per_row)
    });
    let first_small_row = TOP + top_height + 2.0 * MARGIN;
    let height = first_small_row + small_rows as f64 * SMALL_ROW;
    let mut svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <title>{title}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{MARGIN}\" y=\"26\" font-size=\"{HEADING_SIZE}\">{heading}</text>\n",
        title = escape(title),
        heading = escape(&shortened(title, width - 2.0 * MARGIN))
    );
    loss_panel(&mut svg, history, MARGIN);
    let surface_x = 2.0 * MARGIN + PANEL;
    let _ = writeln!(
        svg,
        "<g id=\"surface\" shape-rendering=\"crispEdges\">\n{}",
        text(
            surface_x,
            TOP - 8.0,
            "start",
            "output over the unit square: white 0, blue 1"
        )
    );
    match surfaces {
        Some(surfaces) => {
            surface(&mut svg, &surfaces.output.svg, (surface_x, TOP), PANEL);
            let below = TOP + PANEL + 30.0;
            svg.push_str(&text(
                surface_x,
                below,
                "start",
                "circles: the targets (black 1, white 0)",
            ));
            svg.push('\n');
        }
        None => {
            svg.push_str(&text(
                surface_x,
                TOP + 20.0,
                "start",
                "(two-input tasks only)",
            ));
            svg.push('\n');
        }
    }
    svg.push_str("</g>\n");
    network_panel(&mut svg, diagram, 3.0 * MARGIN + 2.0 * PANEL, top_height);
    if let Some(surfaces) = surfaces {
        small_rows_of(&mut svg, surfaces, first_small_row, per_row);
    }
    svg.push_str("</svg>\n");
    svg
}

/// The loss curve, log scale, in a square at `x0`.
fn loss_panel(svg: &mut String, history: &History, x0: f64) {
    let y0 = TOP;
    let _ = writeln!(
        svg,
        "<g id=\"loss\">\n{}\n<rect x=\"{x0}\" y=\"{y0}\" width=\"{PANEL}\" height=\"{PANEL}\" fill=\"none\" stroke=\"#888\"/>",
        text(x0, y0 - 8.0, "start", "loss (mean squared error, log scale) by epoch")
    );
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
        for line in [
            text(
                x0 + 4.0,
                y0 + 14.0,
                "start",
                &format!("{:.1e}", 10f64.powf(high)),
            ),
            text(
                x0 + 4.0,
                y0 + PANEL - 4.0,
                "start",
                &format!("{:.1e}", 10f64.powf(low)),
            ),
            text(x0, y0 + PANEL + 16.0, "start", "epoch 0"),
            text(x0 + PANEL, y0 + PANEL + 16.0, "end", &format!("{last}")),
        ] {
            let _ = writeln!(svg, "{line}");
        }
    }
    svg.push_str("</g>\n");
}

/// The network at `x0`, `height` tall: each weight a line coloured by sign, as thick as it is
/// large, with its value; each node a circle with its name.
fn network_panel(svg: &mut String, diagram: &Diagram, x0: f64, height: f64) {
    let _ = writeln!(
        svg,
        "<g id=\"network\">\n{}",
        text(x0, TOP - 8.0, "start", "network: blue +, red -, width |w|")
    );
    let largest = diagram
        .hidden_weights
        .iter()
        .chain(&diagram.output_weights)
        .fold(1e-12f64, |m, w| m.max(w.abs()));
    let column_x = [x0 + 30.0, x0 + PANEL / 2.0, x0 + PANEL - 30.0];
    let place = |count: usize, index: usize| TOP + height * (index + 1) as f64 / (count + 1) as f64;
    // Wh and Wz over the gaps they span.
    for (name, x) in [
        ("Wh", (column_x[0] + column_x[1]) / 2.0),
        ("Wz", (column_x[1] + column_x[2]) / 2.0),
    ] {
        let _ = writeln!(svg, "{}", text(x, TOP + 8.0, "middle", name));
    }
    let mut lines = String::new();
    let mut values = String::new();
    // A weight of Wh shows its value near the input it leaves, where the lines that leave one
    // input have fanned out but not yet crossed another input's; a weight of Wz, a third of
    // the way from its hidden unit.
    let mut weight = |from: (f64, f64), to: (f64, f64), w: f64, at: f64| {
        let colour = if w >= 0.0 { "#1f5fbf" } else { "#c0392b" };
        let width = 0.5 + 6.0 * w.abs() / largest;
        let _ = writeln!(
            lines,
            "<line class=\"weight\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"{width:.2}\"/>",
            from.0, from.1, to.0, to.1
        );
        let (x, y) = (from.0 + at * (to.0 - from.0), from.1 + at * (to.1 - from.1));
        let value = format!("{w:.2}");
        let width = value.len() as f64 * LABEL_CHARACTER + 4.0;
        let _ = writeln!(
            values,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"12\" fill=\"white\" fill-opacity=\"0.85\"/>\n\
             <text class=\"weight-value\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{value}</text>",
            x - width / 2.0,
            y - 6.0,
            y + 3.5
        );
    };
    for i in 0..diagram.inputs {
        for j in 0..diagram.hidden {
            let input = (column_x[0], place(diagram.inputs, i));
            let unit = (column_x[1], place(diagram.hidden, j));
            weight(
                input,
                unit,
                diagram.hidden_weights[i * diagram.hidden + j],
                fan(diagram.inputs),
            );
        }
    }
    for j in 0..diagram.hidden {
        let unit = (column_x[1], place(diagram.hidden, j));
        let output = (column_x[2], place(1, 0));
        weight(unit, output, diagram.output_weights[j], 0.33);
    }
    svg.push_str(&lines);
    let names = [
        (0..diagram.inputs).map(|i| format!("x{}", i + 1)).collect(),
        (0..diagram.hidden).map(|j| format!("h{}", j + 1)).collect(),
        vec!["z".to_string()],
    ];
    for (column, names) in names.iter().enumerate() {
        for (index, name) in names.iter().enumerate() {
            let (cx, cy) = (column_x[column], place(names.len(), index));
            let _ = writeln!(
                svg,
                "<circle class=\"unit\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{NODE_RADIUS}\" fill=\"#f4f4f4\" stroke=\"black\"/>\n{}",
                text(cx, cy + 4.0, "middle", name)
            );
        }
    }
    svg.push_str(&values);
    svg.push_str("</g>\n");
}

/// How far along a line from an input its weight's value sits: `1 / (inputs + 2)`. The values
/// of the lines that leave one input then span that share of the diagram's height, and those
/// of neighbouring inputs just meet; values of neighbouring units are this share of the units'
/// spacing apart, so the diagram is made tall enough for that to be [`LABEL_HEIGHT`].
fn fan(inputs: usize) -> f64 {
    1.0 / (inputs + 2) as f64
}

/// The rows of small surfaces from `y0` down: the moments of training, then the hidden units,
/// `per_row` to a row.
fn small_rows_of(svg: &mut String, surfaces: &Surfaces, mut y0: f64, per_row: usize) {
    let column_x = |index: usize| MARGIN + (index % per_row) as f64 * (SMALL + MARGIN);
    if let Some((last, _)) = surfaces.moments.last() {
        let percents: Vec<String> = MOMENT_PERCENTS.iter().map(|p| format!("{p} %")).collect();
        let caption = format!(
            "the output as it learnt: after {} of the {last} epochs",
            percents.join(", ")
        );
        let _ = writeln!(
            svg,
            "<g id=\"moments\" shape-rendering=\"crispEdges\">\n{}",
            text(MARGIN, y0 + 16.0, "start", &caption)
        );
        for (index, (epoch, sampled)) in surfaces.moments.iter().enumerate() {
            let name = format!("epoch {epoch}");
            small(
                svg,
                "moment",
                &sampled.svg,
                (column_x(index), y0 + 40.0),
                &name,
                None,
            );
        }
        svg.push_str("</g>\n");
        y0 += SMALL_ROW;
    }
    let units = &surfaces.hidden_units;
    let Some(first) = units.first() else {
        return;
    };
    let shared = units.iter().all(|unit| unit.svg.range == first.svg.range);
    let (low, high) = first.svg.range;
    let scale = if shared {
        format!("white {low}, blue {high}")
    } else {
        "white its least, blue its greatest value (under each)".to_string()
    };
    let caption =
        format!("what each hidden unit computes: its output over the unit square, {scale}");
    let _ = writeln!(
        svg,
        "<g id=\"hidden-units\" shape-rendering=\"crispEdges\">\n{}",
        text(MARGIN, y0 + 16.0, "start", &caption)
    );
    for (index, unit) in units.iter().enumerate() {
        let y = y0 + (index / per_row) as f64 * SMALL_ROW + 40.0;
        let (low, high) = unit.svg.range;
        let range = (!shared).then(|| format!("white {low:.2}, blue {high:.2}"));
        let name = format!("h{}", index + 1);
        small(
            svg,
            "hidden-unit",
            &unit.svg,
            (column_x(index), y),
            &name,
            range.as_deref(),
        );
    }
    svg.push_str("</g>\n");
}

/// A small surface at `(x0, y0)` in a group of `class`, with its name above it and, when
/// given, its range below.
fn small(
    svg: &mut String,
    class: &str,
    surface_: &Surface,
    (x0, y0): (f64, f64),
    name: &str,
    range: Option<&str>,
) {
    let _ = writeln!(
        svg,
        "<g class=\"{class}\">\n{}",
        text(x0, y0 - 6.0, "start", name)
    );
    surface(svg, surface_, (x0, y0), SMALL);
    if let Some(range) = range {
        let _ = writeln!(svg, "{}", text(x0, y0 + SMALL + 30.0, "start", range));
    }
    svg.push_str("</g>\n");
}

/// A surface in a square of side `side` at `(x0, y0)`: rectangles of merged cells of one shade,
/// the targets' circles at the corners, and the axes' names and ends.
fn surface(svg: &mut String, surface: &Surface, (x0, y0): (f64, f64), side: f64) {
    let rows = surface.values.len();
    let cell = side / rows as f64;
    let shade = |value: f64| (surface.level(value) * (SHADE_LEVELS - 1.0)).round();
    for (row, line) in surface.values.iter().enumerate() {
        let columns = line.len();
        let mut start = 0;
        while start < columns {
            let level = shade(line[start]);
            let end = (start..columns)
                .find(|&c| shade(line[c]) != level)
                .unwrap_or(columns);
            let white = (255.0 * (1.0 - level / (SHADE_LEVELS - 1.0))).round() as u8;
            // Cells overlap their right and lower neighbours by a hair, so that no seam shows;
            // the last ones stop at the square's edge.
            let overlap = |last: bool| if last { 0.0 } else { 0.05 };
            let _ = writeln!(
                svg,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"#{white:02x}{white:02x}ff\"/>",
                x0 + start as f64 * cell,
                y0 + row as f64 * cell,
                (end - start) as f64 * cell + overlap(end == columns),
                cell + overlap(row + 1 == rows)
            );
            start = end;
        }
    }
    let (radius, stroke) = if side >= PANEL {
        (7.0, 3.0)
    } else {
        (4.0, 2.0)
    };
    let class = if side >= PANEL { "corner" } else { "target" };
    for &(x, y, target) in &surface.corners {
        let cx = x0 + cell / 2.0 + x * (side - cell);
        let cy = y0 + cell / 2.0 + (1.0 - y) * (side - cell);
        let fill = if target >= 0.5 { "black" } else { "white" };
        let _ = writeln!(svg, "<circle class=\"{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius}\" fill=\"{fill}\" stroke=\"#e07000\" stroke-width=\"{stroke}\"/>");
    }
    // The axes: x1 along the bottom, x2 up the left side, each from 0 to 1.
    let bottom = y0 + side + 14.0;
    for label in [
        text(x0, bottom, "start", "0"),
        text(x0 + side / 2.0, bottom, "middle", "x1"),
        text(x0 + side, bottom, "end", "1"),
        text(x0 - 5.0, y0 + side, "end", "0"),
        text(x0 - 5.0, y0 + side / 2.0 + 4.0, "end", "x2"),
        text(x0 - 5.0, y0 + 10.0, "end", "1"),
    ] {
        let _ = writeln!(svg, "{label}");
    }
}

/// `text` as the heading shows it in `room` pixels: whole when it fits at about 0.6 em a
/// character, else its start and end around an ellipsis (a long file name, say). The picture's
/// `<title>` keeps it whole.
fn shortened(text: &str, room: f64) -> String {
    let fits = (room / (0.6 * HEADING_SIZE)) as usize;
    let characters: Vec<char> = text.chars().collect();
    if characters.len() <= fits {
        return text.to_string();
    }
    let half = (fits - 1) / 2;
    let start: String = characters[..half].iter().collect();
    let end: String = characters[characters.len() - half..].iter().collect();
    format!("{start}\u{2026}{end}")
}

/// A text element at `(x, y)`, anchored `anchor` (start, middle, end).
fn text(x: f64, y: f64, anchor: &str, content: &str) -> String {
    let anchor = match anchor {
        "start" => String::new(),
        other => format!(" text-anchor=\"{other}\""),
    };
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\"{anchor}>{}</text>",
        escape(content)
    )
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
    fn titles_are_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }

    /// Cells of one shade in a row become one rectangle.
    #[test]
    fn cells_of_one_shade_merge() {
        let surface = Surface {
            values: vec![vec![0.0, 0.0, 1.0], vec![0.5, 0.5, 0.5], vec![0.0; 3]],
            corners: Vec::new(),
            range: (0.0, 1.0),
        };
        let mut svg = String::new();
        super::surface(&mut svg, &surface, (0.0, 0.0), 30.0);
        assert_eq!(svg.matches("<rect").count(), 2 + 1 + 1, "{svg}");
        assert!(svg.contains("width=\"20.05\""), "{svg}");
    }
}
