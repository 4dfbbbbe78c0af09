//! The pictures of a run: `--svg` writes one well-formed SVG inside its `viewBox`, with the loss
//! on log-log axes, the output over the unit square, a legend, the network with each weight's
//! value and the step the library added to it, and the surfaces; `--plot` draws the same in the
//! terminal.

mod common;

use common::{scratch, stacknet, stdout_of as stdout};
use std::path::Path;

use stacknet::{fastrand, truth_tables, xor, AnyActivation, Matrix, Network, Step, Training};

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The SVG that `arguments` and `--svg` draw, checked to be well-formed XML inside its
/// `viewBox`.
fn drawn(name: &str, arguments: &[&str]) -> String {
    let path = scratch(name).join("run.svg");
    let mut arguments = arguments.to_vec();
    arguments.extend(["--svg", path.to_str().unwrap()]);
    stdout(&stacknet(&arguments));
    let svg = text(&path);
    let elements = common::xml_elements(&svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    assert_eq!(elements[0], "svg");
    assert_inside_view_box(&svg);
    svg
}

/// The value of attribute `name` in `tag`.
fn attribute(tag: &str, name: &str) -> Option<f64> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[start..start + tag[start..].find('"')?];
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} in {tag}")),
    )
}

/// `--svg` writes one well-formed SVG with the loss curve, the surface with its four corners,
/// the legend, and the network with a line and a record per weight; `--plot` draws the same in
/// the terminal.
#[test]
fn pictures_have_their_parts() {
    let folder = scratch("pictures");
    let path = folder.join("run.svg");
    let output = stacknet(&[
        "--seed",
        "1",
        "--epochs",
        "3000",
        "--plot",
        "--svg",
        path.to_str().unwrap(),
    ]);
    let printed = stdout(&output);
    let svg = text(&path);
    common::xml_elements(&svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    for part in [
        "<g id=\"loss\"",
        "<polyline",
        "<g id=\"surface\"",
        "<g id=\"legend\"",
        "<g id=\"network\"",
    ] {
        assert!(svg.contains(part), "no {part}");
    }
    assert_eq!(
        svg.matches("class=\"corner\"").count(),
        4,
        "the truth table's corners"
    );
    assert_eq!(
        svg.matches("class=\"weight\"").count(),
        2 * 3 + 3,
        "a line per weight"
    );
    assert_eq!(
        svg.matches("class=\"unit\"").count(),
        2 + 3 + 1,
        "a circle per unit"
    );
    // Each hidden unit's surface, the output at three moments, and the labels a reader needs,
    // numbered from 0 as numpy and Rust number them.
    assert_eq!(svg.matches("<g class=\"hidden-unit\"").count(), 3);
    assert_eq!(svg.matches("<g class=\"moment\"").count(), 3);
    for moment in ["epoch 30<", "epoch 300<", "epoch 3000<"] {
        assert!(svg.contains(moment), "no {moment}");
    }
    for name in [
        "x0", "x1", "h0", "h1", "h2", "z", "Wh", "Wz", "Wh[1,2]", "Wz[2,0]",
    ] {
        assert!(svg.contains(&format!(">{name}</text>")), "no label {name}");
    }
    for name in ["x2", "h3", "Wh[2,0]"] {
        assert!(!svg.contains(&format!(">{name}</text>")), "a label {name}");
    }
    for axis in ["x0", "x1"] {
        assert_eq!(
            svg.matches(&format!(">{axis}</text>")).count(),
            1 + 1 + 3 + 3,
            "the network's input {axis} and the {axis} axis of every surface"
        );
    }
    for class in ["weight-value", "weight-step"] {
        assert_eq!(
            svg.matches(&format!("class=\"{class}\"")).count(),
            2 * 3 + 3,
            "a {class} per weight"
        );
    }
    assert_inside_view_box(&svg);
    // Weights and outputs have colours of their own: no weight's line is the surfaces' blue.
    for line in svg.split("<polyline class=\"weight\"").skip(1) {
        let line = &line[..line.find("/>").unwrap()];
        assert!(
            line.contains("stroke=\"#1b7837\"") || line.contains("stroke=\"#762a83\""),
            "{line}"
        );
    }
    // The terminal picture: the curve, then the surface with the corners' targets, the legend
    // of its shades, and its axes named x0 and x1.
    assert!(
        printed.contains("loss (mean squared error) by epoch, both on log scales"),
        "{printed}"
    );
    assert!(!printed.contains("x right"), "{printed}");
    let surface: Vec<&str> = printed
        .lines()
        .filter(|l| l.len() > 4 && l[3..].starts_with('|') && l.ends_with('|'))
        .collect();
    assert_eq!(surface.len(), 22, "{printed}");
    assert!(surface[0].starts_with(" 1 |1") && surface[0].ends_with("0|"));
    assert!(surface[11].starts_with("x1 |"));
    assert!(surface[21].starts_with(" 0 |0") && surface[21].ends_with("1|"));
    for heading in [
        "the output Z over the unit square, x0 across and x1 up",
        "shades from 0 to 1, a ninth apart: ' .:-=+*#%@'",
        "the output after 1 %, 10 %, 100 % of the 3000 epochs:",
        "each hidden unit's output over the unit square: ' ' is 0, '@' is 1",
    ] {
        assert!(printed.contains(heading), "{printed}");
    }
    assert!(printed.contains("\n     h0 "), "{printed}");
    // Eight hidden units, the most the command line offers, make a taller picture that still
    // holds everything.
    let many = drawn(
        "pictures_many",
        &[
            "--seed",
            "1",
            "--epochs",
            "100",
            "--hidden",
            "8",
            "--hidden-activation",
            "relu",
        ],
    );
    assert_eq!(many.matches("<g class=\"hidden-unit\"").count(), 8);
    assert!(many.contains(">h7</text>") && !many.contains(">h8</text>"));
    // Three inputs and biases: a bias's 1 among the inputs and below the hidden units.
    let parity = drawn(
        "pictures_parity",
        &[
            "--seed", "1", "--epochs", "100", "--task", "parity3", "--biases", "on",
        ],
    );
    assert_eq!(
        parity.matches("class=\"record\"").count(),
        (3 + 1) * 3 + 3 + 1,
        "Wh, bh, Wz and bz"
    );
    assert!(parity.contains(">x2</text>") && parity.contains(">bz[0,0]</text>"));
    // Pictures for a task without a surface, and refusals.
    stdout(&stacknet(&[
        "--seed", "1", "--epochs", "100", "--task", "sine", "--plot",
    ]));
    drawn(
        "pictures_sine",
        &["--seed", "1", "--epochs", "100", "--task", "sine"],
    );
    assert_eq!(
        stacknet(&["--plot", "--format", "json"]).status.code(),
        Some(2)
    );
    assert_eq!(stacknet(&["--plot", "--plot"]).status.code(), Some(2));
    let nowhere = folder.join("missing").join("run.svg");
    let refused = stacknet(&[
        "--seed",
        "1",
        "--epochs",
        "5",
        "--svg",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
}

/// The loss plot's axes are logarithmic: a tick at each decade of epochs, evenly spaced from
/// epoch 1 at the left to the last at the right, and a tick at each labelled decade of loss,
/// evenly spaced too; the curve's points lie within the plot.
#[test]
fn the_loss_is_drawn_on_log_log_axes() {
    let svg = drawn("loss_axes", &["--seed", "1", "--epochs", "3000"]);
    let loss = &svg[svg.find("<g id=\"loss\"").unwrap()..];
    let loss = &loss[..loss.find("</g>").unwrap()];
    let frame = loss.split("<rect").nth(1).unwrap();
    let (left, top) = (
        attribute(frame, "x").unwrap(),
        attribute(frame, "y").unwrap(),
    );
    let side = attribute(frame, "width").unwrap();
    let ticks = |class: &str, name: &str| -> Vec<f64> {
        loss.split(&format!("<line class=\"{class}\""))
            .skip(1)
            .map(|tag| attribute(tag, name).unwrap())
            .collect()
    };
    // Epochs 1, 10, 100, 1000 on an axis ending at log10(3000) decades.
    let decade = side / 3000f64.log10();
    let epochs = ticks("epoch-tick", "x1");
    assert_eq!(epochs.len(), 4, "{loss}");
    for (k, x) in epochs.iter().enumerate() {
        assert!((x - (left + k as f64 * decade)).abs() < 0.06, "{epochs:?}");
    }
    for label in [">1<", ">10<", ">100<", ">1000<", ">3000<", ">epoch<"] {
        assert!(loss.contains(label), "no {label} in {loss}");
    }
    let mut losses = ticks("loss-tick", "y1");
    losses.sort_by(f64::total_cmp);
    assert!(losses.len() >= 3, "{loss}");
    let gaps: Vec<f64> = losses.windows(2).map(|pair| pair[1] - pair[0]).collect();
    assert!(
        gaps.iter()
            .all(|gap| (gap - gaps[0]).abs() < 0.11 && *gap > 0.0),
        "{losses:?}"
    );
    assert!((losses[0] - top).abs() < 0.06, "the top is a decade");
    assert!(
        (losses.last().unwrap() - (top + side)).abs() < 0.06,
        "the bottom too"
    );
    assert!(loss.contains("class=\"one-over-t\""), "the 1/t guide");
}

/// Each weight's record holds, exactly, the weight after training and the step that the last
/// epoch added to it, both as the library computes them: the same network trained here with
/// `train_watched`, its last `Step`'s `X^T . dH` and `H^T . dZ` (and the deltas' sums for
/// biases that learn), which added to the weights before that epoch give the weights after it.
#[test]
fn the_steps_drawn_are_the_library_steps() {
    fn records(svg: &str) -> Vec<(String, f64, f64)> {
        svg.split("<g class=\"record\">\n<title>")
            .skip(1)
            .map(|record| {
                let title = &record[..record.find("</title>").unwrap()];
                let (name, numbers) = title.split_once(" = ").unwrap();
                let (value, step) = numbers.split_once("; step ").unwrap();
                (
                    name.to_string(),
                    value.parse().unwrap(),
                    step.parse().unwrap(),
                )
            })
            .collect()
    }
    fn last_epoch(
        mut network: Network<2, 3, 1, AnyActivation, AnyActivation>,
        targets: &Matrix<4, 1>,
        training: Training,
        epochs: u32,
    ) -> (
        Network<2, 3, 1, AnyActivation, AnyActivation>,
        Network<2, 3, 1, AnyActivation, AnyActivation>,
        Step<4, 3, 1>,
    ) {
        network
            .train(&xor::INPUTS, targets, training, epochs - 1)
            .unwrap();
        let before = network;
        let mut step = None;
        network
            .train_watched(&xor::INPUTS, targets, training, 1, |_, shown| {
                step = Some(*shown);
                std::ops::ControlFlow::Continue(())
            })
            .unwrap();
        (before, network, step.unwrap())
    }
    let same = |name: &str, drawn: f64, library: f64| {
        assert_eq!(
            drawn.to_bits(),
            library.to_bits(),
            "{name}: drawn {drawn}, library {library}"
        );
    };
    for (arguments, targets, training) in [
        (
            vec!["--seed", "1", "--epochs", "3000"],
            truth_tables::XOR,
            Training::CLASSIC,
        ),
        (
            vec![
                "--seed",
                "7",
                "--epochs",
                "500",
                "--task",
                "nand",
                "--hidden-activation",
                "tanh",
                "--biases",
                "on",
                "--learning-rate",
                "0.5",
            ],
            truth_tables::NAND,
            Training::CLASSIC
                .with_learning_rate(0.5)
                .with_trained_biases(true),
        ),
    ] {
        let epochs: u32 = arguments[3].parse().unwrap();
        let hidden = if arguments.contains(&"tanh") {
            AnyActivation::Tanh
        } else {
            AnyActivation::Sigmoid
        };
        let start = Network::<2, 3, 1, AnyActivation, AnyActivation>::random(
            &mut fastrand::Rng::with_seed(arguments[1].parse().unwrap()),
        )
        .with_activations(hidden, AnyActivation::Sigmoid);
        let (before, after, step) = last_epoch(start, &targets, training, epochs);
        let wh_step = xor::INPUTS.transpose_dot(&step.hidden_delta);
        let wz_step = step.hidden.transpose_dot(&step.output_delta);
        assert_eq!(*before.hidden_weights() + wh_step, *after.hidden_weights());
        assert_eq!(*before.output_weights() + wz_step, *after.output_weights());
        let svg = drawn(&format!("steps_{}", arguments[1]), &arguments);
        let records = records(&svg);
        let biases = training.train_biases;
        assert_eq!(
            records.len(),
            if biases { 2 * 3 + 3 + 3 + 1 } else { 2 * 3 + 3 }
        );
        for (name, value, drawn_step) in records {
            let index = |text: &str| -> (usize, usize) {
                let inside = &text[text.find('[').unwrap() + 1..text.len() - 1];
                let (row, column) = inside.split_once(',').unwrap();
                (row.parse().unwrap(), column.parse().unwrap())
            };
            let (row, column) = index(&name);
            let (library_value, library_step) = match &name[..2] {
                "Wh" => (
                    after.hidden_weights()[(row, column)],
                    wh_step[(row, column)],
                ),
                "Wz" => (
                    after.output_weights()[(row, column)],
                    wz_step[(row, column)],
                ),
                "bh" => (
                    after.hidden_biases()[(row, column)],
                    step.hidden_delta.column_sums()[(row, column)],
                ),
                _ => (
                    after.output_biases()[(row, column)],
                    step.output_delta.column_sums()[(row, column)],
                ),
            };
            same(&name, value, library_value);
            same(&format!("{name}'s step"), drawn_step, library_step);
        }
    }
}

/// Every coordinate of `svg` lies inside its `viewBox`: the x, y, cx, cy, x1, y1, x2 and y2 of
/// every element, the far corner of every rectangle, every circle's extent, every point of a
/// polyline, and, for text, the extent of its characters at a generous 0.6 em each.
fn assert_inside_view_box(svg: &str) {
    let number = |tag: &str, name: &str| -> Option<f64> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[start..start + tag[start..].find('"')?];
        Some(
            value
                .parse()
                .unwrap_or_else(|_| panic!("{name}={value:?} in {tag}")),
        )
    };
    let view_box: Vec<f64> = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let (width, height) = (view_box[2], view_box[3]);
    let inside = |x: f64, y: f64, tag: &str| {
        assert!(
            (0.0..=width).contains(&x) && (0.0..=height).contains(&y),
            "({x}, {y}) outside {width} x {height}: {tag}"
        );
    };
    let mut checked = 0;
    for tag in svg.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let name = tag.split_whitespace().next().unwrap_or("");
        let size = |key| number(tag, key).unwrap_or(0.0);
        for (x, y) in [("x", "y"), ("cx", "cy"), ("x1", "y1"), ("x2", "y2")] {
            if let (Some(x), Some(y)) = (number(tag, x), number(tag, y)) {
                inside(x, y, tag);
                checked += 1;
            }
        }
        match name {
            "rect" if number(tag, "x").is_some() => {
                inside(size("x") + size("width"), size("y") + size("height"), tag)
            }
            "circle" => {
                let r = size("r");
                inside(size("cx") - r, size("cy") - r, tag);
                inside(size("cx") + r, size("cy") + r, tag);
            }
            "polyline" => {
                let points = tag
                    .split("points=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                for point in points.split(' ') {
                    let (x, y) = point.split_once(',').unwrap();
                    inside(x.parse().unwrap(), y.parse().unwrap(), tag);
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    // Text: from its anchor, as wide as its characters at 0.6 em, and one em above its baseline.
    for piece in svg.split("<text ").skip(1) {
        let (tag, rest) = piece.split_once('>').unwrap();
        let tag = &format!(" {tag}");
        let content = &rest[..rest.find("</text>").unwrap()];
        let em = number(tag, "font-size").unwrap_or(12.0);
        let extent = 0.6 * em * content.chars().count() as f64;
        let (x, y) = (number(tag, "x").unwrap(), number(tag, "y").unwrap());
        let left = match () {
            _ if tag.contains("text-anchor=\"middle\"") => x - extent / 2.0,
            _ if tag.contains("text-anchor=\"end\"") => x - extent,
            _ => x,
        };
        inside(left, y - em, tag);
        inside(left + extent, y, tag);
    }
    assert!(checked > 100, "only {checked} coordinates found");
}
