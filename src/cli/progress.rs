//! What a run shows while it trains: a line of `Z` every `--every` epochs, a progress line on a
//! terminal, and the losses its pictures draw.
//!
//! ```text
//! $ stacknet --seed 1 --epochs 40000 --every 20000
//! epoch 20000 loss 2.249731e-4 Z 0.02257785 0.98632738 0.98632784 0.00403296
//! epoch 40000 loss 1.101797e-4 Z 0.01585800 0.99043834 0.99043860 0.00252926
//! ```
//!
//! The training loop asks [`Progress::next_epoch`] after every epoch, one comparison, and calls
//! [`Progress::show`] only at the epochs it names; everything here is compiled once, whatever
//! the network's sizes.

use std::io::Write as _;

use super::plot::{next_loss_epoch, History};

/// How many progress updates a long run shows on a terminal.
const PROGRESS_UPDATES: u32 = 100;

/// Runs with fewer epochs than this finish too soon to need a progress line.
const PROGRESS_MIN_EPOCHS: u32 = 100_000;

/// What a run shows while it trains, and when.
#[derive(Debug)]
pub struct Progress {
    /// The epochs of the whole run.
    epochs: u32,
    /// Print the epoch, the loss and `Z` every this many epochs.
    every: Option<u32>,
    /// Update the progress line on stderr every this many epochs.
    progress_step: Option<u32>,
    /// Record the loss for the pictures, at the epochs [`next_loss_epoch`] spaces out.
    drawing: bool,
    /// The next epoch whose loss the pictures record.
    next_sample: u32,
    /// The next epoch to stop at.
    next: u32,
    /// The losses recorded for the pictures: from epoch 1, spaced for a log axis, and the last.
    pub history: History,
}

impl Progress {
    /// Progress for a run of `epochs` epochs: lines every `every` epochs, a progress line when
    /// stderr is a terminal and the run is long, and losses when a picture is to be drawn. It
    /// stops at the last epoch in any case, so that the loop keeps what that epoch computed.
    pub fn new(epochs: u32, every: Option<u32>, terminal: bool, drawing: bool) -> Progress {
        let progress_step =
            (terminal && epochs >= PROGRESS_MIN_EPOCHS).then_some(epochs / PROGRESS_UPDATES);
        let mut progress = Progress {
            epochs,
            every,
            progress_step,
            drawing,
            next_sample: 1,
            next: 0,
            history: History::default(),
        };
        progress.next = progress.next_after(0);
        progress
    }

    /// Progress that never stops the loop: for `--trace`'s epochs before and the pictures' replays.
    pub fn silent() -> Progress {
        Progress::new(0, None, false, false)
    }

    /// The next epoch at which [`show`](Self::show) is due; `u32::MAX` once there is none.
    #[inline(always)]
    pub fn next_epoch(&self) -> u32 {
        self.next
    }

    /// The first epoch after `epoch` that something is shown at: the next multiple of a step,
    /// the next loss to record, or the last epoch; `u32::MAX` (never) once the run is over.
    fn next_after(&self, epoch: u32) -> u32 {
        if epoch >= self.epochs {
            return u32::MAX;
        }
        let sample = self.drawing.then_some(self.next_sample);
        [self.every, self.progress_step]
            .into_iter()
            .flatten()
            .map(|step| (epoch / step + 1).saturating_mul(step))
            .chain(sample)
            .fold(self.epochs, u32::min)
    }

    /// Shows what is due at `epoch`, whose outputs `Z` have this loss. Called only at the
    /// epochs [`next_epoch`](Self::next_epoch) names, so it may take its time.
    #[cold]
    pub fn show(&mut self, epoch: u32, loss: f64, outputs: &[f64]) {
        let due = |step: Option<u32>| step.is_some_and(|step| epoch.is_multiple_of(step));
        if self.drawing && (epoch == self.next_sample || epoch == self.epochs) {
            self.history.epochs.push(epoch);
            self.history.losses.push(loss);
            self.next_sample = next_loss_epoch(epoch);
        }
        if due(self.every) {
            let z: Vec<String> = outputs.iter().map(|&z| shown_output(z)).collect();
            let mut stdout = std::io::stdout().lock();
            // A closed pipe ends the lines, not the run.
            let _ = writeln!(stdout, "epoch {epoch} loss {loss:.6e} Z {}", z.join(" "));
            let _ = stdout.flush();
        }
        if self.progress_step.is_some() {
            // A stderr that cannot be written to loses the progress line, not the run.
            let mut stderr = std::io::stderr();
            let _ = write!(stderr, "\rstacknet: epoch {epoch} of {}", self.epochs);
            if epoch == self.epochs {
                // Clear the progress line, so that what follows starts clean.
                let _ = write!(stderr, "\r\x1b[K");
            }
        }
        self.next = self.next_after(epoch);
    }
}

/// Outputs this large or larger are shown in scientific notation: eight decimals of a number
/// of a diverging run would otherwise print hundreds of digits.
const SCIENTIFIC_FROM: f64 = 1e8;

/// An output as `--every` shows it: eight decimals, or eight significant decimals after the
/// first digit when it is [`SCIENTIFIC_FROM`] or more in size.
fn shown_output(z: f64) -> String {
    if z.abs() >= SCIENTIFIC_FROM {
        format!("{z:.8e}")
    } else {
        format!("{z:.8}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_shown_in_a_line_of_their_own_size() {
        assert_eq!(shown_output(0.012915348), "0.01291535");
        assert_eq!(shown_output(-99_999_999.0), "-99999999.00000000");
        assert_eq!(shown_output(-1.25e249), "-1.25000000e249");
        assert_eq!(shown_output(1e8), "1.00000000e8");
    }

    #[test]
    fn progress_stops_at_each_step_and_the_end() {
        let progress = Progress::new(1000, Some(300), false, false);
        let stops: Vec<u32> =
            std::iter::successors(Some(progress.next), |&e| Some(progress.next_after(e)))
                .take_while(|&e| e != u32::MAX)
                .collect();
        assert_eq!(stops, [300, 600, 900, 1000]);
        assert_eq!(Progress::silent().next, u32::MAX);
        assert_eq!(
            Progress::new(1, None, false, false).next,
            1,
            "the last epoch"
        );
        let drawing = Progress::new(240, None, false, true);
        assert_eq!(drawing.next, 1, "the first epoch's loss");
    }

    /// The loss curve starts at epoch 1 and ends at the last epoch, its epochs spaced evenly on
    /// a log axis: every one of the first 32, then each a sixteenth (rounded down) past the one
    /// before.
    #[test]
    fn history_spans_the_run() {
        let mut progress = Progress::new(1000, None, false, true);
        while progress.next_epoch() != u32::MAX {
            let epoch = progress.next_epoch();
            progress.show(epoch, 1.0 / f64::from(epoch), &[]);
        }
        let epochs = &progress.history.epochs;
        assert_eq!(epochs[..33], (1..=32).chain([34]).collect::<Vec<u32>>());
        assert_eq!(*epochs.last().unwrap(), 1000);
        for pair in epochs[..epochs.len() - 1].windows(2) {
            assert_eq!(pair[1], pair[0] + (pair[0] / 16).max(1), "{epochs:?}");
        }
        assert_eq!(
            epochs.len(),
            93,
            "about 38 a decade after the first 32: {epochs:?}"
        );
    }
}
