//! Pictures of a training run: the loss curve and, for two-input tasks, surfaces over the unit
//! square (the trained output, the output at moments of training, and each hidden unit's
//! output), in the terminal (`--plot`, [`terminal`]) or as one hand-written SVG file with a
//! diagram of the network (`--svg FILE`, [`svg`]).
//!
//! ```text
//! $ stacknet --seed 1 --plot
//! ```
//!
//! This file holds what both pictures draw from: the losses, and the surfaces sampled at each
//! picture's grid. The loss is drawn on a log scale, since it falls by orders of magnitude.

pub mod svg;
pub mod terminal;

pub use svg::{svg, Diagram};
pub use terminal::terminal;

/// Loss samples a run records for its pictures, at most.
pub const LOSS_SAMPLES: u32 = 120;

/// The moments of training whose output is drawn, in percent of the run's epochs: early, when
/// the units have barely moved; a tenth of the way, when they have begun to specialise; the end.
pub const MOMENT_PERCENTS: [u32; 3] = [1, 10, 100];

/// Grid of the terminal's large surface, in characters (a character is about twice as tall as
/// it is wide, so half as many rows as columns make it square).
const TERMINAL_LARGE: (usize, usize) = (44, 22);

/// Grid of the terminal's small surfaces: the moments and the hidden units.
const TERMINAL_SMALL: (usize, usize) = (20, 10);

/// Grid points per side of the SVG's large surface.
const SVG_LARGE_POINTS: usize = 41;

/// Grid points per side of the SVG's small surfaces.
const SVG_SMALL_POINTS: usize = 25;

/// The range of a network output drawn from blank to full: a truth value's.
pub const OUTPUT_RANGE: (f64, f64) = (0.0, 1.0);

/// The loss after chosen epochs of a run.
#[derive(Debug, Default)]
pub struct History {
    pub epochs: Vec<u32>,
    pub losses: Vec<f64>,
}

/// A function over the unit square, sampled: `values[row][column]`, row 0 at the top (`x2 = 1`),
/// column 0 at the left (`x1 = 0`).
#[derive(Debug)]
pub struct Surface {
    pub values: Vec<Vec<f64>>,
    /// The truth table's corners: `(x1, x2, target)`; none for a hidden unit.
    pub corners: Vec<(f64, f64, f64)>,
    /// The values drawn blank (`range.0`) and full (`range.1`); others are clamped.
    pub range: (f64, f64),
}

/// A function's values at a batch of points of the unit square, `(x1, x2)` pairs one after
/// another: how a picture asks a network for its outputs, whatever the network's sizes.
pub type Evaluate<'a> = &'a dyn Fn(&[f64]) -> Result<Vec<f64>, String>;

impl Surface {
    /// Samples `f` on a `columns x rows` grid over `[0, 1]^2`.
    fn sample(
        (columns, rows): (usize, usize),
        corners: Vec<(f64, f64, f64)>,
        range: (f64, f64),
        f: Evaluate<'_>,
    ) -> Result<Surface, String> {
        let mut points = Vec::with_capacity(2 * columns * rows);
        for row in 0..rows {
            let x2 = 1.0 - row as f64 / (rows - 1) as f64;
            for column in 0..columns {
                points.extend([column as f64 / (columns - 1) as f64, x2]);
            }
        }
        let values = f(&points)?;
        if values.len() != columns * rows {
            return Err(format!(
                "a surface of {columns} x {rows} points got {} values",
                values.len()
            ));
        }
        Ok(Surface {
            values: values.chunks(columns).map(<[f64]>::to_vec).collect(),
            corners,
            range,
        })
    }

    /// Where `value` lies from blank (0) to full (1).
    pub fn level(&self, value: f64) -> f64 {
        let (low, high) = self.range;
        ((value - low) / (high - low)).clamp(0.0, 1.0)
    }
}

/// One function over the unit square, sampled at the terminal's grid and at the SVG's.
#[derive(Debug)]
pub struct Sampled {
    pub terminal: Surface,
    pub svg: Surface,
}

impl Sampled {
    /// `f` at the grids of a large picture, drawn over `range`: the trained output.
    pub fn large(
        corners: Vec<(f64, f64, f64)>,
        range: (f64, f64),
        f: Evaluate<'_>,
    ) -> Result<Sampled, String> {
        Ok(Sampled {
            terminal: Surface::sample(TERMINAL_LARGE, corners.clone(), range, f)?,
            svg: Surface::sample((SVG_LARGE_POINTS, SVG_LARGE_POINTS), corners, range, f)?,
        })
    }

    /// `f` at the grids of a small picture, drawn over `range`, or over the values' own
    /// extent when there is no range (an activation without bounds, such as ReLU).
    pub fn small(
        corners: Vec<(f64, f64, f64)>,
        range: Option<(f64, f64)>,
        f: Evaluate<'_>,
    ) -> Result<Sampled, String> {
        let grid = (SVG_SMALL_POINTS, SVG_SMALL_POINTS);
        let mut svg = Surface::sample(grid, corners.clone(), (0.0, 1.0), f)?;
        let mut terminal = Surface::sample(TERMINAL_SMALL, corners, (0.0, 1.0), f)?;
        let range = range.unwrap_or_else(|| extent(&svg.values));
        (svg.range, terminal.range) = (range, range);
        Ok(Sampled { terminal, svg })
    }
}

/// The least and the greatest of `values`, widened when they are equal so that a picture of
/// them never divides by zero.
fn extent(values: &[Vec<f64>]) -> (f64, f64) {
    let all = values.iter().flatten().copied();
    let low = all.clone().fold(f64::INFINITY, f64::min);
    let high = all.fold(f64::NEG_INFINITY, f64::max);
    if high - low < 1e-12 {
        (low - 0.5, high + 0.5)
    } else {
        (low, high)
    }
}

/// What a two-input run's pictures show over the unit square.
#[derive(Debug)]
pub struct Surfaces {
    /// The trained network's output, drawn large.
    pub output: Sampled,
    /// The output after each of [`MOMENT_PERCENTS`] of the run's epochs: `(epoch, output)`.
    /// None when the run trains no epochs.
    pub moments: Vec<(u32, Sampled)>,
    /// Each hidden unit's output after training, `h1` first.
    pub hidden_units: Vec<Sampled>,
}

/// The epoch at `percent` of a run of `epochs`: rounded up, and at least the first.
pub fn moment_epoch(epochs: u32, percent: u32) -> u32 {
    let epoch = (u64::from(epochs) * u64::from(percent)).div_ceil(100);
    epoch.clamp(1, u64::from(epochs)) as u32
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
    }

    #[test]
    fn moments_fall_on_epochs_of_the_run() {
        let epochs: Vec<u32> = MOMENT_PERCENTS
            .iter()
            .map(|&p| moment_epoch(60_000, p))
            .collect();
        assert_eq!(epochs, [600, 6000, 60_000]);
        assert_eq!(moment_epoch(3, 1), 1);
        assert_eq!(moment_epoch(3, 10), 1);
        assert_eq!(moment_epoch(3, 100), 3);
    }

    /// Surfaces run from x1 = 0 at the left and x2 = 1 at the top; an unbounded unit is drawn
    /// over its own extent.
    #[test]
    fn surfaces_are_sampled_in_reading_order() {
        let plane = |points: &[f64]| Ok(points.chunks(2).map(|p| 2.0 * p[0] + p[1]).collect());
        let sampled = Sampled::small(Vec::new(), None, &plane).unwrap();
        let values = &sampled.svg.values;
        assert_eq!((values[0][0], values[values.len() - 1][0]), (1.0, 0.0));
        assert_eq!(values[0][values[0].len() - 1], 3.0);
        assert_eq!(sampled.svg.range, (0.0, 3.0));
        assert_eq!(sampled.terminal.level(1.5), 0.5);
    }
}
