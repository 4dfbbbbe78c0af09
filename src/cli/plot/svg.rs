//! `--svg FILE`: the run as one hand-written SVG picture, in the playground's colours. The top
//! row holds the loss curve (loss against epoch, both on log scales), the trained output over the
//! unit square, and a legend; below it the network, each weight a record of its value and the
//! step the last epoch added to it, as micrograd's drawings show each value and its gradient;
//! for two-input tasks, the rows below show the output at moments of training and what each
//! hidden unit computes.
//!
//! ```text
//! $ stacknet --seed 1 --svg examples/xor-seed-1.svg
//! ```
//!
//! Colours: a surface runs from orange (0, or its least) through white to blue (1, or its
//! greatest), as in the playground; a weight's line is green when positive and purple when
//! negative, as wide as it is large, so that no colour means two things. Every coordinate lies
//! inside the picture's `viewBox`, whose height grows with the number of hidden units. A surface
//! is drawn in [`SHADE_LEVELS`] steps of shade, neighbouring cells of one shade merged into one
//! rectangle, which keeps the file small.

use std::fmt::Write as _;

use super::{decade_label, History, LossAxes, Surface, Surfaces, MOMENT_PERCENTS};

/// Width of the picture.
const WIDTH: f64 = 1100.0;

/// Space around the picture and between panels.
const MARGIN: f64 = 40.0;

/// Side of the top row's squares: the loss plot and the output surface.
const PANEL: f64 = 300.0;

/// Room left of the loss plot for its labels, such as `1e-12`.
const LOSS_LABELS: f64 = 44.0;

/// The most decades of loss labelled on the loss plot's axis.
const MOST_LOSS_LABELS: usize = 8;

/// Side of a small surface: a moment of training or a hidden unit.
const SMALL: f64 = 150.0;

/// Font size of the picture's heading, the command that drew it.
const HEADING_SIZE: f64 = 15.0;

/// Font size of most text, and the width of one of its characters: a little over a sans-serif
/// face's average at 0.6 em, which is what keeps labels from meeting.
const FONT_SIZE: f64 = 12.0;
const CHARACTER: f64 = 0.6 * FONT_SIZE;

/// Top of the top row's panels, below the picture's heading and the panels' titles.
const TOP: f64 = 70.0;

/// Height of a row of small surfaces: its caption, each surface's name, the surface, its axis
/// labels and a line of range below.
const SMALL_ROW: f64 = 24.0 + 16.0 + SMALL + 40.0;

/// Shades of a surface, from orange through white to blue: 1/32 of the range each, fine enough
/// that the bands read as contours.
const SHADE_LEVELS: f64 = 32.0;

/// The playground's diverging palette: orange for 0, a warm white halfway, blue for 1.
const ORANGE: [f64; 3] = [232.0, 137.0, 12.0];
const WHITE: [f64; 3] = [248.0, 249.0, 250.0];
const BLUE: [f64; 3] = [8.0, 119.0, 189.0];

/// A weight's colours, apart from the surfaces': green for positive, purple for negative.
const POSITIVE: &str = "#1b7837";
const NEGATIVE: &str = "#762a83";

/// Text, secondary text and frames, as the playground's.
const INK: &str = "#1f2933";
const MUTED: &str = "#5f6b76";
const FRAME: &str = "#c4ccd4";

/// The diagram's geometry: a record of a weight (its name, value and step in three cells), the
/// vertical distance between two records, the extra gap between two units' records, and the
/// radius of a node.
const RECORD_CELLS: [f64; 3] = [64.0, 56.0, 80.0];
const RECORD_HEIGHT: f64 = 18.0;
const RECORD_PITCH: f64 = 22.0;
const UNIT_GAP: f64 = 10.0;
const NODE_RADIUS: f64 = 13.0;

/// Font size inside the records.
const RECORD_FONT: f64 = 11.0;

/// Weights this large or larger are written in scientific notation in their records: fixed,
/// `1e149` would take 150 digits, far past its cell (the playground's `FIXED_BELOW` too).
const FIXED_BELOW: f64 = 1e6;

/// A layer's parameters as the diagram draws them, row-major, with the steps that the last
/// update added to each: empty when there was no update, and for biases that did not learn.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    pub weights: Vec<f64>,
    pub weight_steps: Vec<f64>,
    /// Empty when the diagram leaves the biases out (they neither learn nor differ from 0).
    pub biases: Vec<f64>,
    pub bias_steps: Vec<f64>,
}

/// A network's sizes and parameters, for the diagram.
#[derive(Clone, Debug)]
pub struct Diagram {
    pub inputs: usize,
    pub hidden: usize,
    /// `Wh` (`inputs x hidden`) and `bh`.
    pub hidden_layer: Layer,
    /// `Wz` (`hidden x 1`) and `bz`.
    pub output_layer: Layer,
    /// What the steps are the steps of: "the last epoch", or "the last mini-batch".
    pub update: &'static str,
}

/// One SVG picture of the run titled `title`: the loss, the legend, the network, and for two
/// inputs the surfaces.
pub fn svg(
    title: &str,
    history: &History,
    surfaces: Option<&Surfaces>,
    diagram: &Diagram,
) -> String {
    let per_row = ((WIDTH - MARGIN) / (SMALL + MARGIN)).floor() as usize;
    // Below the loss plot's epoch labels and axis title.
    let network_top = TOP + PANEL + 76.0;
    let layout = Layout::of(diagram, network_top + 56.0);
    let small_rows = surfaces.map_or(0, |s| {
        usize::from(!s.moments.is_empty()) + s.hidden_units.len().div_ceil(per_row)
    });
    let first_small_row = layout.bottom + MARGIN;
    let height = first_small_row + small_rows as f64 * SMALL_ROW;
    let mut svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"sans-serif\" font-size=\"{FONT_SIZE}\" fill=\"{INK}\">\n\
         <title>{title}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{MARGIN}\" y=\"26\" font-size=\"{HEADING_SIZE}\">{heading}</text>\n",
        title = escape(title),
        heading = escape(&shortened(title, WIDTH - 2.0 * MARGIN))
    );
    let loss_x = MARGIN + LOSS_LABELS;
    loss_panel(&mut svg, history, loss_x);
    // Room between the two for the surface's x1 axis labels.
    let surface_x = loss_x + PANEL + MARGIN + 24.0;
    let _ = writeln!(
        svg,
        "<g id=\"surface\" shape-rendering=\"crispEdges\">\n{}",
        text(
            surface_x,
            TOP - 8.0,
            "start",
            "the output Z over the unit square"
        )
    );
    match surfaces {
        Some(surfaces) => surface(&mut svg, &surfaces.output.svg, (surface_x, TOP), PANEL),
        None => {
            let note = text(surface_x, TOP + 20.0, "start", "(two-input tasks only)");
            let _ = writeln!(svg, "{note}");
        }
    }
    svg.push_str("</g>\n");
    legend(&mut svg, surface_x + PANEL + MARGIN);
    network_panel(&mut svg, diagram, &layout, network_top);
    if let Some(surfaces) = surfaces {
        small_rows_of(&mut svg, surfaces, first_small_row, per_row);
    }
    svg.push_str("</svg>\n");
    svg
}

/// The loss against the epoch, both on log scales, in a square at `x0`: a gridline and a label
/// at each decade, and the line a loss falling like 1/t would follow through the last loss.
fn loss_panel(svg: &mut String, history: &History, x0: f64) {
    let y0 = TOP;
    let _ = writeln!(
        svg,
        "<g id=\"loss\">\n{}\n<rect x=\"{x0}\" y=\"{y0}\" width=\"{PANEL}\" height=\"{PANEL}\" fill=\"none\" stroke=\"{FRAME}\"/>",
        text(x0 - LOSS_LABELS, y0 - 8.0, "start", "the loss (mean squared error) by epoch, both on log scales")
    );
    let Some(axes) = LossAxes::of(history) else {
        svg.push_str("</g>\n");
        return;
    };
    let at = |x: f64, y: f64| (x0 + PANEL * x, y0 + PANEL * (1.0 - y));
    // The decades: gridlines, and the labels of the loss on the left, of the epochs below.
    for decade in axes.loss_decades(MOST_LOSS_LABELS) {
        let (_, y) = at(0.0, axes.decade_y(decade));
        let _ = writeln!(
            svg,
            "<line class=\"loss-tick\" x1=\"{x0:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#eef1f4\"/>\n{}",
            x0 + PANEL,
            text(x0 - 6.0, y + 4.0, "end", &decade_label(decade))
        );
    }
    let last = history.epochs.last().copied().unwrap_or(1);
    let last_label = last.to_string();
    let below = y0 + PANEL + 16.0;
    for decade in axes.epoch_decades() {
        let (x, _) = at(axes.decade_x(decade), 0.0);
        let label = decade_label(decade);
        let _ = writeln!(
            svg,
            "<line class=\"epoch-tick\" x1=\"{x:.1}\" y1=\"{y0:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#eef1f4\"/>",
            y0 + PANEL
        );
        // A decade's label, unless it would meet the last epoch's at the axis's end.
        let room = (label.len() + last_label.len()) as f64 * CHARACTER / 2.0 + 6.0;
        if (at(axes.x(last), 0.0).0 - x).abs() >= room {
            let _ = writeln!(svg, "{}", text(x, below, "middle", &label));
        }
    }
    let (x_last, _) = at(axes.x(last), 0.0);
    let _ = writeln!(svg, "{}", text(x_last, below, "middle", &last_label));
    let _ = writeln!(
        svg,
        "{}",
        text(x0 + PANEL / 2.0, below + 18.0, "middle", "epoch")
    );
    if let Some(((xa, ya), (xb, yb))) = axes.one_over_t(history) {
        let (start, end) = (at(xa, ya), at(xb, yb));
        let _ = writeln!(
            svg,
            "<line class=\"one-over-t\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{MUTED}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
            start.0, start.1, end.0, end.1
        );
    }
    let points: Vec<String> = history
        .epochs
        .iter()
        .zip(&history.losses)
        .map(|(&epoch, &loss)| {
            let (x, y) = at(axes.x(epoch), axes.y(loss));
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = writeln!(
        svg,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"2\"/>\n</g>",
        points.join(" ")
    );
}

/// The key to the picture's colours and marks, in a column at `x0`.
fn legend(svg: &mut String, x0: f64) {
    let _ = writeln!(
        svg,
        "<g id=\"legend\">\n{}",
        text(x0, TOP - 8.0, "start", "legend")
    );
    let mut y = TOP + 6.0;
    // The shades, as the surfaces draw them, with their values.
    let bar = WIDTH - MARGIN - x0;
    let steps = SHADE_LEVELS as usize + 1;
    let cell = bar / steps as f64;
    svg.push_str("<g shape-rendering=\"crispEdges\">\n");
    for level in 0..steps {
        let _ = writeln!(
            svg,
            "<rect class=\"shade\" x=\"{:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"14\" fill=\"{}\"/>",
            x0 + level as f64 * cell,
            cell + if level + 1 < steps { 0.05 } else { 0.0 },
            shade_colour(level as f64 / SHADE_LEVELS)
        );
    }
    svg.push_str("</g>\n");
    for (x, anchor, label) in [
        (x0, "start", "0"),
        (x0 + bar / 2.0, "middle", "0.5"),
        (x0 + bar, "end", "1"),
    ] {
        let _ = writeln!(svg, "{}", text(x, y + 28.0, anchor, label));
    }
    y += 48.0;
    for line in [
        "the shade of a surface: the output Z",
        "from 0 to 1; a hidden unit's output",
        "over its range: sigmoid's 0 to 1,",
        "tanh's -1 to 1, another activation's",
        "least to greatest (written under it)",
    ] {
        let _ = writeln!(svg, "{}", text(x0, y, "start", line));
        y += 16.0;
    }
    y += 14.0;
    for (target, label) in [(1.0, "a target Y of 1"), (0.0, "a target Y of 0")] {
        target_mark(svg, (x0 + 8.0, y - 4.0), 8.0, target, "key");
        let _ = writeln!(svg, "{}", text(x0 + 24.0, y, "start", label));
        y += 22.0;
    }
    y += 6.0;
    for (colour, label) in [
        (POSITIVE, "a positive weight"),
        (NEGATIVE, "a negative weight"),
    ] {
        let _ = writeln!(
            svg,
            "<line x1=\"{x0:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n{}",
            y - 4.0,
            x0 + 18.0,
            y - 4.0,
            text(x0 + 24.0, y, "start", label)
        );
        y += 20.0;
    }
    let _ = writeln!(
        svg,
        "{}",
        text(x0, y, "start", "(its width: the weight's size)")
    );
    y += 26.0;
    for (dashes, label) in [("none", "the loss"), ("6 4", "1/t through the last loss")] {
        let colour = if dashes == "none" { INK } else { MUTED };
        let _ = writeln!(
            svg,
            "<line x1=\"{x0:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dashes}\"/>\n{}",
            y - 4.0,
            x0 + 18.0,
            y - 4.0,
            text(x0 + 24.0, y, "start", label)
        );
        y += 20.0;
    }
    svg.push_str("</g>\n");
}

/// Where the diagram puts each node and record: computed first, since the picture's height
/// depends on it.
struct Layout {
    /// The nodes' centres: the inputs (and a bias's 1), the hidden units (and a bias's 1), z.
    input_nodes: Vec<(f64, f64)>,
    hidden_nodes: Vec<(f64, f64)>,
    output_node: (f64, f64),
    /// The records' top left corners: `Wh` by unit then input (with `bh` after each unit's
    /// inputs), and `Wz` by unit (then `bz`).
    hidden_records: Vec<(f64, f64)>,
    output_records: Vec<(f64, f64)>,
    /// The lowest point of the diagram.
    bottom: f64,
}

/// The x of each column of the diagram: inputs, `Wh`'s records, hidden units, `Wz`'s records,
/// and z.
const fn columns() -> [f64; 5] {
    let record = RECORD_CELLS[0] + RECORD_CELLS[1] + RECORD_CELLS[2];
    let input = MARGIN + 30.0;
    let hidden_records = input + 110.0;
    let hidden = hidden_records + record + 80.0;
    let output_records = hidden + 70.0;
    let output = output_records + record + 80.0;
    [input, hidden_records, hidden, output_records, output]
}

impl Layout {
    /// The diagram of `diagram` from `top` down.
    fn of(diagram: &Diagram, top: f64) -> Layout {
        let [input_x, hidden_records_x, hidden_x, output_records_x, output_x] = columns();
        let biases = !diagram.hidden_layer.biases.is_empty();
        let per_unit = diagram.inputs + usize::from(biases);
        let group = per_unit as f64 * RECORD_PITCH + UNIT_GAP;
        let mut hidden_records = Vec::new();
        let mut hidden_nodes = Vec::new();
        for unit in 0..diagram.hidden {
            let group_top = top + unit as f64 * group;
            for record in 0..per_unit {
                hidden_records.push((hidden_records_x, group_top + record as f64 * RECORD_PITCH));
            }
            let middle =
                group_top + (per_unit as f64 * RECORD_PITCH - (RECORD_PITCH - RECORD_HEIGHT)) / 2.0;
            hidden_nodes.push((hidden_x, middle));
        }
        let records_bottom = top + diagram.hidden as f64 * group - UNIT_GAP;
        // The 1 that bz weighs sits below the hidden units.
        if !diagram.output_layer.biases.is_empty() {
            hidden_nodes.push((hidden_x, records_bottom + 2.0 * NODE_RADIUS));
        }
        // Each of Wz's records (and bz's) level with the node it weighs.
        let output_records = hidden_nodes
            .iter()
            .map(|&(_, y)| (output_records_x, y - RECORD_HEIGHT / 2.0))
            .collect();
        let spread = |count: usize, from: f64, to: f64| -> Vec<f64> {
            (0..count)
                .map(|index| from + (to - from) * (index + 1) as f64 / (count + 1) as f64)
                .collect()
        };
        let input_count = diagram.inputs + usize::from(biases);
        let input_nodes = spread(input_count, top, records_bottom)
            .into_iter()
            .map(|y| (input_x, y))
            .collect();
        let first = hidden_nodes.first().map_or(top, |node| node.1);
        let last = hidden_nodes.last().map_or(top, |node| node.1);
        let bottom = records_bottom.max(last + NODE_RADIUS) + 10.0;
        Layout {
            input_nodes,
            output_node: (output_x, (first + last) / 2.0),
            hidden_nodes,
            hidden_records,
            output_records,
            bottom,
        }
    }
}

/// The network from `y0` down: each node a circle with its name, each weight (and each bias,
/// when the diagram shows them) a record of its name, its value and the step the last update
/// added to it, on a line from the node it weighs to the node it feeds.
fn network_panel(svg: &mut String, diagram: &Diagram, layout: &Layout, y0: f64) {
    let [input_x, hidden_records_x, hidden_x, output_records_x, output_x] = columns();
    let captions = [
        "the network after training: each weight's value, and the step the last update added to it,".to_string(),
        format!(
            "{}: X.T.dot(dH) to Wh, H.T.dot(dZ) to Wz (and each delta's sum to a bias that learns)",
            diagram.update
        ),
    ];
    let _ = writeln!(
        svg,
        "<g id=\"network\">\n{}\n{}",
        text(MARGIN, y0, "start", &captions[0]),
        text(MARGIN, y0 + 16.0, "start", &captions[1])
    );
    let header_y = y0 + 44.0;
    for (x, label) in [(hidden_records_x, "Wh"), (output_records_x, "Wz")] {
        let mut cell_x = x;
        for (cell, name) in RECORD_CELLS.iter().zip([label, "value", "step"]) {
            let _ = writeln!(
                svg,
                "<text x=\"{:.1}\" y=\"{header_y:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{name}</text>",
                cell_x + cell / 2.0
            );
            cell_x += cell;
        }
    }
    for (x, label) in [
        (input_x, "input"),
        (hidden_x, "hidden"),
        (output_x, "output"),
    ] {
        let _ = writeln!(
            svg,
            "<text x=\"{x:.1}\" y=\"{header_y:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{label}</text>"
        );
    }
    let hidden = &diagram.hidden_layer;
    let output = &diagram.output_layer;
    let largest = [
        &hidden.weights,
        &hidden.biases,
        &output.weights,
        &output.biases,
    ]
    .into_iter()
    .flatten()
    .fold(1e-12f64, |m, w| m.max(w.abs()));
    // Each record, with the nodes it joins: (name, value, step, from, to, where).
    let mut records = Vec::new();
    let per_unit = diagram.inputs + usize::from(!hidden.biases.is_empty());
    for unit in 0..diagram.hidden {
        for input in 0..per_unit {
            let (name, value, step) = if input < diagram.inputs {
                let index = input * diagram.hidden + unit;
                let step = hidden.weight_steps.get(index).copied();
                (format!("Wh[{input},{unit}]"), hidden.weights[index], step)
            } else {
                let step = hidden.bias_steps.get(unit).copied();
                (format!("bh[0,{unit}]"), hidden.biases[unit], step)
            };
            let at = layout.hidden_records[unit * per_unit + input];
            records.push((
                name,
                value,
                step,
                layout.input_nodes[input],
                layout.hidden_nodes[unit],
                at,
            ));
        }
    }
    for (unit, &at) in layout.output_records.iter().enumerate() {
        let (name, value, step) = if unit < diagram.hidden {
            let step = output.weight_steps.get(unit).copied();
            (format!("Wz[{unit},0]"), output.weights[unit], step)
        } else {
            (
                "bz[0,0]".to_string(),
                output.biases[0],
                output.bias_steps.first().copied(),
            )
        };
        records.push((
            name,
            value,
            step,
            layout.hidden_nodes[unit],
            layout.output_node,
            at,
        ));
    }
    let record_width: f64 = RECORD_CELLS.iter().sum();
    for (_, value, _, from, to, (x, y)) in &records {
        let colour = if *value >= 0.0 { POSITIVE } else { NEGATIVE };
        let width = 0.75 + 4.5 * value.abs() / largest;
        let middle = y + RECORD_HEIGHT / 2.0;
        let _ = writeln!(
            svg,
            "<polyline class=\"weight\" points=\"{:.1},{:.1} {x:.1},{middle:.1} {:.1},{middle:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width:.2}\"/>",
            from.0 + NODE_RADIUS,
            from.1,
            x + record_width,
            to.0 - NODE_RADIUS,
            to.1
        );
    }
    for (name, value, step, _, _, (x, y)) in &records {
        weight_record(svg, name, *value, *step, (*x, *y));
    }
    let mut nodes: Vec<(String, (f64, f64))> = Vec::new();
    for (input, &at) in layout.input_nodes.iter().enumerate() {
        let name = if input < diagram.inputs {
            format!("x{input}")
        } else {
            "1".to_string()
        };
        nodes.push((name, at));
    }
    for (unit, &at) in layout.hidden_nodes.iter().enumerate() {
        let name = if unit < diagram.hidden {
            format!("h{unit}")
        } else {
            "1".to_string()
        };
        nodes.push((name, at));
    }
    nodes.push(("z".to_string(), layout.output_node));
    for (name, (cx, cy)) in nodes {
        let _ = writeln!(
            svg,
            "<circle class=\"unit\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{NODE_RADIUS}\" fill=\"#f4f6f8\" stroke=\"{INK}\"/>\n{}",
            text(cx, cy + 4.0, "middle", &name)
        );
    }
    svg.push_str("</g>\n");
}

/// `value` with 2 decimals, or in scientific notation from [`FIXED_BELOW`] on (`-2.57e149`),
/// so that it fits its cell.
fn value_text(value: f64) -> String {
    if value.abs() < FIXED_BELOW {
        format!("{value:.2}")
    } else {
        format!("{value:.2e}")
    }
}

/// A weight's record at `(x, y)`: its name, its value (coloured by its sign) and the step the
/// last update added to it, in three cells; the exact numbers in its title, which a viewer
/// shows on hovering.
fn weight_record(svg: &mut String, name: &str, value: f64, step: Option<f64>, (x, y): (f64, f64)) {
    let width: f64 = RECORD_CELLS.iter().sum();
    let colour = if value >= 0.0 { POSITIVE } else { NEGATIVE };
    let exact_step = step.map_or("none in this run".to_string(), |step| format!("{step:?}"));
    let _ = writeln!(
        svg,
        "<g class=\"record\">\n<title>{name} = {value:?}; step {exact_step}</title>\n\
         <rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{RECORD_HEIGHT}\" fill=\"white\" stroke=\"{FRAME}\"/>"
    );
    let mut cell_x = x;
    let step_text = step.map_or("-".to_string(), |step| format!("{step:+.2e}"));
    for (index, (cell, content)) in RECORD_CELLS
        .iter()
        .zip([name.to_string(), value_text(value), step_text])
        .enumerate()
    {
        if index > 0 {
            let _ = writeln!(
                svg,
                "<line x1=\"{cell_x:.1}\" y1=\"{y:.1}\" x2=\"{cell_x:.1}\" y2=\"{:.1}\" stroke=\"{FRAME}\"/>",
                y + RECORD_HEIGHT
            );
        }
        let (fill, class) = match index {
            1 => (colour, "weight-value"),
            2 => (INK, "weight-step"),
            _ => (INK, "weight-name"),
        };
        let _ = writeln!(
            svg,
            "<text class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{RECORD_FONT}\" fill=\"{fill}\">{}</text>",
            cell_x + cell / 2.0,
            y + RECORD_HEIGHT - 5.0,
            escape(&content)
        );
        cell_x += cell;
    }
    svg.push_str("</g>\n");
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
        format!("orange {low}, blue {high}")
    } else {
        "orange its least, blue its greatest value (under each)".to_string()
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
        let range = (!shared).then(|| format!("orange {low:.2}, blue {high:.2}"));
        let name = format!("h{index}");
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

/// The colour of `level`, from 0 (orange) through a warm white (0.5) to 1 (blue): the
/// playground's palette.
fn shade_colour(level: f64) -> String {
    let level = level.clamp(0.0, 1.0);
    let (from, to, t) = if level < 0.5 {
        (ORANGE, WHITE, level * 2.0)
    } else {
        (WHITE, BLUE, level * 2.0 - 1.0)
    };
    let channel = |i: usize| (from[i] + (to[i] - from[i]) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", channel(0), channel(1), channel(2))
}

/// A target's mark at `centre`: a circle blue for 1 and orange for 0, as the surface's shade
/// for that value, with the digit in white.
fn target_mark(svg: &mut String, (cx, cy): (f64, f64), radius: f64, target: f64, class: &str) {
    let (fill, digit) = if target >= 0.5 {
        (shade_colour(1.0), "1")
    } else {
        (shade_colour(0.0), "0")
    };
    let font = (radius * 1.3).round();
    let _ = writeln!(
        svg,
        "<circle class=\"{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius}\" fill=\"{fill}\" stroke=\"white\" stroke-width=\"2\"/>\n\
         <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{font}\" font-weight=\"bold\" fill=\"white\">{digit}</text>",
        cy + font * 0.35
    );
}

/// A surface in a square of side `side` at `(x0, y0)`: rectangles of merged cells of one shade,
/// the targets' marks at the corners, and the axes' names and ends.
fn surface(svg: &mut String, surface: &Surface, (x0, y0): (f64, f64), side: f64) {
    let rows = surface.values.len();
    let cell = side / rows as f64;
    let shade = |value: f64| (surface.level(value) * SHADE_LEVELS).round();
    for (row, line) in surface.values.iter().enumerate() {
        let columns = line.len();
        let mut start = 0;
        while start < columns {
            let level = shade(line[start]);
            let end = (start..columns)
                .find(|&c| shade(line[c]) != level)
                .unwrap_or(columns);
            // Cells overlap their right and lower neighbours by a hair, so that no seam shows;
            // the last ones stop at the square's edge.
            let overlap = |last: bool| if last { 0.0 } else { 0.05 };
            let _ = writeln!(
                svg,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\"/>",
                x0 + start as f64 * cell,
                y0 + row as f64 * cell,
                (end - start) as f64 * cell + overlap(end == columns),
                cell + overlap(row + 1 == rows),
                shade_colour(level / SHADE_LEVELS)
            );
            start = end;
        }
    }
    let radius = if side >= PANEL { 10.0 } else { 6.0 };
    let class = if side >= PANEL { "corner" } else { "target" };
    for &(x, y, target) in &surface.corners {
        // The mark sits on the corner's cell, kept whole inside the square.
        let inset = radius + 1.0;
        let cx = x0 + inset + x * (side - 2.0 * inset);
        let cy = y0 + inset + (1.0 - y) * (side - 2.0 * inset);
        target_mark(svg, (cx, cy), radius, target, class);
    }
    // The axes: x0 along the bottom, x1 up the left side, each from 0 to 1.
    let bottom = y0 + side + 14.0;
    for label in [
        text(x0, bottom, "start", "0"),
        text(x0 + side / 2.0, bottom, "middle", "x0"),
        text(x0 + side, bottom, "end", "1"),
        text(x0 - 5.0, y0 + side, "end", "0"),
        text(x0 - 5.0, y0 + side / 2.0 + 4.0, "end", "x1"),
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
    fn large_weights_are_written_to_fit_their_cells() {
        assert_eq!(value_text(-4.5766), "-4.58");
        assert_eq!(value_text(999_999.0), "999999.00");
        assert_eq!(value_text(-2.5653023803580496e149), "-2.57e149");
    }

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

    /// The palette's ends and middle are the playground's colours.
    #[test]
    fn shades_run_from_orange_through_white_to_blue() {
        assert_eq!(shade_colour(0.0), "#e8890c");
        assert_eq!(shade_colour(0.5), "#f8f9fa");
        assert_eq!(shade_colour(1.0), "#0877bd");
        assert_eq!(shade_colour(7.0), "#0877bd", "clamped");
    }

    /// On the log-log axes a loss of 1/t is a straight line of slope -1 in decades, along the
    /// guide; the decades' ticks are evenly spaced.
    #[test]
    fn a_loss_of_one_over_t_is_drawn_along_the_guide() {
        let epochs: Vec<u32> = (1..=1000).collect();
        let history = History {
            losses: epochs.iter().map(|&t| 0.5 / f64::from(t)).collect(),
            epochs,
        };
        let mut svg = String::new();
        loss_panel(&mut svg, &history, 100.0);
        let attribute = |tag: &str, name: &str| -> f64 {
            let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            tag[start..start + tag[start..].find('"').unwrap()]
                .parse()
                .unwrap()
        };
        let ticks: Vec<f64> = svg
            .split("<line class=\"epoch-tick\"")
            .skip(1)
            .map(|tag| attribute(tag, "x1"))
            .collect();
        assert_eq!(ticks, [100.0, 200.0, 300.0, 400.0], "1, 10, 100, 1000");
        let guide = svg.split("<line class=\"one-over-t\"").nth(1).unwrap();
        let (gx1, gy1, gx2, gy2) = (
            attribute(guide, "x1"),
            attribute(guide, "y1"),
            attribute(guide, "x2"),
            attribute(guide, "y2"),
        );
        let points = svg.split("points=\"").nth(1).unwrap();
        let points = &points[..points.find('"').unwrap()];
        for point in points.split(' ') {
            let (x, y) = point.split_once(',').unwrap();
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            let on_guide = gy1 + (x - gx1) * (gy2 - gy1) / (gx2 - gx1);
            assert!((y - on_guide).abs() < 0.15, "({x}, {y}) is off the guide");
        }
    }
}
