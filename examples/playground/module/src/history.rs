//! The loss curve of a run of any length in a fixed array, spaced for a logarithmic epoch axis:
//! every one of the first epochs, then each epoch a sixteenth past the last one kept, and always
//! the latest epoch.

/// The epoch kept after epoch `e` is `e + e / SPACING`, and at least `e + 1`: evenly spaced on
/// a log axis, and every epoch up to `2 * SPACING`.
const SPACING: u32 = 16;

/// The most points the curve holds: the spacing of a sixteenth keeps about 38 epochs a decade,
/// some 340 points up to `u32::MAX`, and one more for the latest epoch.
pub const CAPACITY: usize = 512;

/// `(epoch, loss)` points, oldest first: the kept ones, and after them the latest epoch's when
/// it is not one of them.
#[derive(Clone, Copy, Debug)]
pub struct LossHistory {
    points: [[f64; 2]; CAPACITY + 1],
    /// The points kept for good.
    kept: usize,
    /// Whether `points[kept]` holds the latest epoch, which is not kept.
    latest: bool,
    /// The last epoch kept; 0 before the first. (All zeros at the start, the curve takes no
    /// room in the module's file; see `Buffers`.)
    last_kept: u32,
}

impl LossHistory {
    /// An empty curve.
    pub const fn new() -> Self {
        Self {
            points: [[0.0; 2]; CAPACITY + 1],
            kept: 0,
            latest: false,
            last_kept: 0,
        }
    }

    /// Records `loss` at `epoch` (counted from 1, each epoch once and in order).
    pub fn record(&mut self, epoch: u32, loss: f64) {
        self.points[self.kept] = [f64::from(epoch), loss];
        let next = self
            .last_kept
            .saturating_add((self.last_kept / SPACING).max(1));
        if epoch >= next && self.kept < CAPACITY {
            self.kept += 1;
            self.latest = false;
            self.last_kept = epoch;
        } else {
            self.latest = true;
        }
    }

    /// The points as `epoch, loss, epoch, loss, ...`.
    pub fn as_slice(&self) -> &[f64] {
        self.points[..self.kept + usize::from(self.latest)].as_flattened()
    }
}
