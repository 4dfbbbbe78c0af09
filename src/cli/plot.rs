//! Pictures of a training run: the loss curve and, for two-input tasks, surfaces over the unit
//! square (the trained output, the output at moments of training, and each hidden unit's
//! output), in the terminal (`--plot`, [`terminal`]) or as one hand-written SVG file with a
//! diagram of the network (`--svg FILE`, [`svg`]).
//!
//! ```text
//! $ stacknet --seed 1 --plot
//! ```
//!
//! This file holds what both pictures draw from: the losses and their log-log axes, and the
//! surfaces sampled at each picture's grid. The loss is drawn against the epoch with both on log
//! scales: a loss falling like a power of the epoch, such as the classic program's 1/t, is then a
//! straight line, and a faster fall, such as the improved program's, bends down away from it.

pub mod svg;
pub mod terminal;

pub use svg::{svg, Diagram, Layer};
pub use terminal::terminal;

/// The loss curve keeps every epoch at first, then each epoch a `1 / LOSS_SPACING` of its
/// number past the one before: evenly spaced on a log axis, about 38 epochs a decade (the
/// playground's curve is spaced the same).
pub const LOSS_SPACING: u32 = 16;

/// The smallest loss drawn: a loss of exactly 0 has no logarithm, and is drawn here.
const LOSS_FLOOR: f64 = 1e-300;

/// The fewest decades of epochs the epoch axis spans, so that a run of a few epochs still has
/// an axis to draw on.
const LEAST_EPOCH_DECADES: f64 = 1.0;

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

/// The loss after chosen epochs of a run, from epoch 1: the loss of each epoch's `Z`.
#[derive(Debug, Default)]
pub struct History {
    pub epochs: Vec<u32>,
    pub losses: Vec<f64>,
}

/// The epoch after `epoch` whose loss the pictures record: `epoch + epoch / LOSS_SPACING`, and
/// at least the next one.
pub fn next_loss_epoch(epoch: u32) -> u32 {
    epoch.saturating_add((epoch / LOSS_SPACING).max(1))
}

/// The axes of the loss plot, both logarithmic: epochs from 1 to the last (at least
/// [`LEAST_EPOCH_DECADES`] of them), losses over whole decades that hold every loss.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossAxes {
    /// `log10` of the epoch at the axis's right end.
    pub epoch_end: f64,
    /// The decades of loss at the axis's bottom and top: `10^low` to `10^high`.
    pub low: i32,
    pub high: i32,
}

impl LossAxes {
    /// The axes for `history`; `None` when it holds no loss.
    pub fn of(history: &History) -> Option<LossAxes> {
        let last = *history.epochs.last()?;
        let logs = history.losses.iter().map(|&loss| log_loss(loss));
        let low = logs.clone().fold(f64::INFINITY, f64::min).floor() as i32;
        let high = logs.fold(f64::NEG_INFINITY, f64::max).ceil() as i32;
        Some(LossAxes {
            epoch_end: f64::from(last.max(1)).log10().max(LEAST_EPOCH_DECADES),
            low,
            // A flat loss on a whole decade still gets a decade to be drawn in.
            high: high.max(low + 1),
        })
    }

    /// Where `epoch` lies along the epoch axis, from 0 (epoch 1) to 1 (its end).
    pub fn x(&self, epoch: u32) -> f64 {
        f64::from(epoch.max(1)).log10() / self.epoch_end
    }

    /// Where `loss` lies up the loss axis, from 0 (its bottom) to 1 (its top).
    pub fn y(&self, loss: f64) -> f64 {
        (log_loss(loss) - f64::from(self.low)) / f64::from(self.high - self.low)
    }

    /// Where the decade `10^decade` of epochs lies along the epoch axis.
    pub fn decade_x(&self, decade: i32) -> f64 {
        f64::from(decade) / self.epoch_end
    }

    /// Where the decade `10^decade` of loss lies up the loss axis.
    pub fn decade_y(&self, decade: i32) -> f64 {
        f64::from(decade - self.low) / f64::from(self.high - self.low)
    }

    /// The decades of epochs on the axis: 1, 10, 100... up to its end.
    pub fn epoch_decades(&self) -> std::ops::RangeInclusive<i32> {
        0..=self.epoch_end.floor() as i32
    }

    /// The decades of loss that get a tick: every one, or every second, fifth, tenth... so
    /// that there are at most `most`, counted down from the top.
    pub fn loss_decades(&self, most: usize) -> Vec<i32> {
        let span = (self.high - self.low) as usize;
        let every = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|&every| span / every < most)
            .unwrap_or(span.max(1));
        (self.low..=self.high)
            .filter(|decade| ((self.high - decade) as usize).is_multiple_of(every))
            .collect()
    }

    /// The guide line that a loss falling like `1/t` would follow through the last loss of
    /// `history`: its two ends as `(x, y)` fractions of the axes, clipped to them; `None` when
    /// the line would not cross the plot.
    pub fn one_over_t(&self, history: &History) -> Option<((f64, f64), (f64, f64))> {
        let (&last_epoch, &last_loss) = history.epochs.last().zip(history.losses.last())?;
        let x_end = self.x(last_epoch);
        let y_end = self.y(last_loss);
        // One decade down the loss per decade along the epochs, in axis fractions.
        let slope = self.epoch_end / f64::from(self.high - self.low);
        // From the left edge, or from where the line comes down through the top.
        let x_start = (x_end - (1.0 - y_end) / slope).max(0.0);
        let y_start = y_end + (x_end - x_start) * slope;
        (x_end > x_start && (0.0..=1.0).contains(&y_end))
            .then_some(((x_start, y_start), (x_end, y_end)))
    }
}

/// A decade's label: `1`, `10`, `100`... up to `100000`, then `1e6`; `1e-3` below 1.
pub fn decade_label(decade: i32) -> String {
    match decade {
        0..=5 => 10u32.pow(decade as u32).to_string(),
        _ => format!("1e{decade}"),
    }
}

/// A function over the unit square, sampled: `values[row][column]`, row 0 at the top (`x1 = 1`),
/// column 0 at the left (`x0 = 0`).
#[derive(Debug)]
pub struct Surface {
    pub values: Vec<Vec<f64>>,
    /// The truth table's corners: `(x0, x1, target)`; none for a hidden unit.
    pub corners: Vec<(f64, f64, f64)>,
    /// The values drawn blank (`range.0`) and full (`range.1`); others are clamped.
    pub range: (f64, f64),
}

/// A function's values at a batch of points of the unit square, `(x0, x1)` pairs one after
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
            let x1 = 1.0 - row as f64 / (rows - 1) as f64;
            for column in 0..columns {
                points.extend([column as f64 / (columns - 1) as f64, x1]);
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
    /// Each hidden unit's output after training, `h0` first.
    pub hidden_units: Vec<Sampled>,
}

impl Surfaces {
    /// Whether every value sampled, at every grid, is a finite number.
    pub fn are_finite(&self) -> bool {
        let moments = self.moments.iter().map(|(_, sampled)| sampled);
        std::iter::once(&self.output)
            .chain(moments)
            .chain(&self.hidden_units)
            .flat_map(|sampled| [&sampled.terminal, &sampled.svg])
            .flat_map(|surface| surface.values.iter().flatten())
            .all(|value| value.is_finite())
    }
}

/// The epoch at `percent` of a run of `epochs`: rounded up, and at least the first.
pub fn moment_epoch(epochs: u32, percent: u32) -> u32 {
    let epoch = (u64::from(epochs) * u64::from(percent)).div_ceil(100);
    epoch.clamp(1, u64::from(epochs)) as u32
}

/// `log10` of a loss, floored so that a loss of exactly 0 still has a place on the scale.
fn log_loss(loss: f64) -> f64 {
    loss.max(LOSS_FLOOR).log10()
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
        let axes = LossAxes::of(&history).unwrap();
        assert!(axes.high > axes.low);
        assert_eq!(axes.epoch_end, 1.0, "at least a decade of epochs");
    }

    /// Epochs and losses on log axes over whole decades of loss; a loss of 1/t runs down the
    /// 1/t guide from the top, and the ticks fall on decades, at most as many as asked for.
    #[test]
    fn loss_axes_are_logarithmic() {
        let epochs: Vec<u32> = vec![1, 10, 100, 1000];
        let history = History {
            losses: epochs.iter().map(|&t| 0.3 / f64::from(t)).collect(),
            epochs,
        };
        let axes = LossAxes::of(&history).unwrap();
        assert_eq!((axes.low, axes.high, axes.epoch_end), (-4, 0, 3.0));
        assert_eq!((axes.x(1), axes.x(10), axes.x(1000)), (0.0, 1.0 / 3.0, 1.0));
        assert!((axes.y(0.1) - 0.75).abs() < 1e-15 && axes.y(1.0) == 1.0);
        let ((x0, y0), (x1, y1)) = axes.one_over_t(&history).unwrap();
        assert_eq!(x0, 0.0);
        assert!((y0 - axes.y(0.3)).abs() < 1e-12 && (y1 - axes.y(3e-4)).abs() < 1e-12);
        assert_eq!(x1, 1.0);
        assert_eq!(axes.epoch_decades().collect::<Vec<_>>(), [0, 1, 2, 3]);
        assert_eq!(axes.loss_decades(6), [-4, -3, -2, -1, 0]);
        assert_eq!(axes.loss_decades(3), [-4, -2, 0]);
        let wide = LossAxes {
            low: -26,
            high: -1,
            ..axes
        };
        assert_eq!(wide.loss_decades(7), [-26, -21, -16, -11, -6, -1]);
        assert_eq!(
            (decade_label(3), decade_label(6), decade_label(-2)),
            ("1000".into(), "1e6".into(), "1e-2".into())
        );
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

    /// Surfaces run from x0 = 0 at the left and x1 = 1 at the top; an unbounded unit is drawn
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
