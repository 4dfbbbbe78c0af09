//! The loss curve of a run of any length in a fixed array: every epoch's loss at first, then
//! every second, fourth, eighth... epoch's as the run grows.

/// The most points the curve holds; when it is full, every other point is dropped.
pub const CAPACITY: usize = 512;

/// `(epoch, loss)` points, the epochs multiples of the current stride, oldest first.
#[derive(Clone, Copy, Debug)]
pub struct LossHistory {
    points: [[f64; 2]; CAPACITY],
    len: usize,
    /// The stride between recorded epochs is `2^stride_log2` (starts at 1: every epoch).
    stride_log2: u32,
}

impl LossHistory {
    /// An empty curve.
    pub const fn new() -> Self {
        Self {
            points: [[0.0; 2]; CAPACITY],
            len: 0,
            stride_log2: 0,
        }
    }

    /// Records `loss` at `epoch` (counted from 1) if the epoch falls on the stride.
    pub fn record(&mut self, epoch: u32, loss: f64) {
        if !self.on_stride(epoch) {
            return;
        }
        if self.len == CAPACITY {
            // Keep the points at odd indices: their epochs, 2, 4, 6... times the old stride, are
            // exactly the multiples of the new one.
            for index in 0..CAPACITY / 2 {
                self.points[index] = self.points[2 * index + 1];
            }
            self.len = CAPACITY / 2;
            self.stride_log2 += 1;
            if !self.on_stride(epoch) {
                return;
            }
        }
        self.points[self.len] = [f64::from(epoch), loss];
        self.len += 1;
    }

    /// Whether `epoch` is a multiple of the stride.
    fn on_stride(&self, epoch: u32) -> bool {
        epoch.is_multiple_of(1 << self.stride_log2)
    }

    /// The points as `epoch, loss, epoch, loss, ...`.
    pub fn as_slice(&self) -> &[f64] {
        self.points[..self.len].as_flattened()
    }
}
