//! stacknet's `exp` for `f32` against std's `f64::exp` rounded to `f32`, on every one of the `2^32`
//! `f32` bit patterns: at most 1 ulp apart everywhere, exact wherever the result is `0`, `1` or
//! `+inf` and on the special values, and the same `f32` on at least [`MIN_SAME_SHARE`] of the
//! others.
//!
//! Optimised, the sweep took 21 s of wall time on the two cores of a 2 GHz EPYC shared with
//! other work (load average about 2.5), and 41 s (36 s of CPU) under a load of about 4.5.
//!
//! The reference rounds twice: std's `exp` to 53 bits, then to 24. That gives the correctly
//! rounded `f32` unless `e^x` lies within about an ulp of a double of the midpoint between two
//! `f32`s, which happens for a handful of the `2^32` inputs at most; the sweep counts the inputs
//! where the reference is that close to a midpoint, so that a reader can see how few they are.
//! There were two, `-7.3525836e-3` (`0xbbf0edf1`) and `-14.567090` (`0xc16912cd`); at 300 bits
//! their `e^x` lies `4.5e-9` and `2.4e-9` ulp above a midpoint, so the reference rounds them
//! correctly, and stacknet's rounds them down, one ulp off.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::Instant;

use stacknet::exp;

/// The most ulps `exp` for `f32` may be from the reference: ours is within about 0.52 ulp of the exact
/// value and the reference within about 0.5, so they can differ by one ulp at most.
const MAX_ULPS: u32 = 1;

/// The least share of the inputs checked against std (those between [`LAST_NONZERO`] and
/// [`LAST_FINITE`] with `|x| > 2^-25`, about 529 million) on which ours and the reference agree
/// exactly: a floor just below the share measured, 99.916%, so that a change that makes the
/// function less accurate fails here.
const MIN_SAME_SHARE: f64 = 0.999;

/// The last `x` whose `exp` is finite: `exp(0x42b17218)` is past the midpoint between `f32::MAX`
/// and `2^128`, so it rounds to `+inf`.
const LAST_FINITE: f32 = f32::from_bits(0x42b1_7217);

/// The last `x`, going down, whose `exp` is not zero: `exp(0xc2cff1b5)` is below `2^-150`, half
/// of the smallest subnormal, so it rounds to `0`.
const LAST_NONZERO: f32 = f32::from_bits(0xc2cf_f1b4);

/// `2^-25`: for `|x|` up to it, `e^x` is strictly between `1 - 2^-25` and `1 + 2^-24`, the
/// midpoints around 1, so it rounds to `1`.
const LAST_ONE: f32 = f32::from_bits(0x3300_0000);

/// The bit patterns are swept in chunks of `2^CHUNK_BITS`, handed out to the threads one by one
/// (chunks of NaNs and huge arguments take much less time than others).
const CHUNK_BITS: u32 = 22;
const CHUNKS: u32 = 1 << (32 - CHUNK_BITS);

/// The distance in ulps between two non-negative `f32`s: their bit patterns are ordered like
/// the numbers, so the difference of the patterns counts the `f32`s in between.
fn ulps(a: f32, b: f32) -> u32 {
    a.to_bits().abs_diff(b.to_bits())
}

/// Whether `wide`, a double near `e^x`, is so close to the midpoint between two `f32`s that
/// rounding it to `f32` may give the other one than rounding `e^x` would: within two ulps of
/// a double, the error allowed to std's `exp` and a margin.
fn near_an_f32_midpoint(wide: f64) -> bool {
    let narrow = wide as f32;
    if !narrow.is_finite() || narrow == 0.0 || wide == narrow as f64 {
        return false;
    }
    let neighbour = if (narrow as f64) < wide {
        narrow.next_up()
    } else {
        narrow.next_down()
    };
    // The sum of two f32s of the same sign, halved, is exact in f64.
    let midpoint = (narrow as f64 + neighbour as f64) / 2.0;
    (wide - midpoint).abs() <= 2.0 * wide * f64::EPSILON
}

/// What the sweep saw, summed over chunks.
#[derive(Default)]
struct Tally {
    /// Inputs that are not NaN.
    compared: u64,
    /// Inputs checked against std, not known exactly beforehand, and how many of them agree.
    against_std: u64,
    against_std_same: u64,
    /// The largest distance in ulps, and the input where it was first seen.
    worst: (u32, u32),
    /// Results below `2^-126`, and how many of them agree exactly.
    subnormal: u64,
    subnormal_same: u64,
    /// Inputs where the reference itself may be misrounded (see [`near_an_f32_midpoint`]), and
    /// how many of them disagree.
    near_midpoint: u64,
    near_midpoint_differing: u64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.compared += other.compared;
        self.against_std += other.against_std;
        self.against_std_same += other.against_std_same;
        if other.worst.0 > self.worst.0 {
            self.worst = other.worst;
        }
        self.subnormal += other.subnormal;
        self.subnormal_same += other.subnormal_same;
        self.near_midpoint += other.near_midpoint;
        self.near_midpoint_differing += other.near_midpoint_differing;
    }
}

/// Checks every bit pattern in `start..start + count` and tallies what it saw.
fn sweep(start: u32, count: u32) -> Tally {
    let mut tally = Tally::default();
    for bits in start..=start + (count - 1) {
        let x = f32::from_bits(bits);
        let ours = exp(x);
        if x.is_nan() {
            assert!(ours.is_nan(), "exp({x}) = {ours:e}, bits {bits:#010x}");
            continue;
        }
        tally.compared += 1;
        // Overflow, underflow and tiny arguments have exact answers, known without std: checking
        // them so spares nine tenths of the calls to std's exp.
        let known = if x > LAST_FINITE {
            Some(f32::INFINITY)
        } else if x < LAST_NONZERO {
            Some(0.0)
        } else if x.abs() <= LAST_ONE {
            Some(1.0)
        } else {
            None
        };
        if let Some(exact) = known {
            assert_eq!(
                ours.to_bits(),
                exact.to_bits(),
                "exp({x:e}) = {ours:e}, not {exact:e}, bits {bits:#010x}"
            );
            continue;
        }
        let wide = (x as f64).exp();
        let reference = wide as f32;
        let distance = ulps(ours, reference);
        assert!(
            distance <= MAX_ULPS,
            "exp({x:e}) = {ours:e}, std says {reference:e}: {distance} ulps, bits {bits:#010x}"
        );
        if distance > tally.worst.0 {
            tally.worst = (distance, bits);
        }
        let same = u64::from(distance == 0);
        tally.against_std += 1;
        tally.against_std_same += same;
        if reference < f32::MIN_POSITIVE {
            tally.subnormal += 1;
            tally.subnormal_same += same;
        }
        if near_an_f32_midpoint(wide) {
            tally.near_midpoint += 1;
            tally.near_midpoint_differing += 1 - same;
        }
    }
    tally
}

#[test]
#[ignore = "all 2^32 inputs: minutes unoptimised; make test runs it optimised, 21 to 41 s on 2 shared cores"]
fn within_one_ulp_of_std_on_every_f32() {
    let started = Instant::now();
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let next_chunk = AtomicU32::new(0);
    let total = Mutex::new(Tally::default());
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let chunk = next_chunk.fetch_add(1, Ordering::Relaxed);
                if chunk >= CHUNKS {
                    break;
                }
                let tally = sweep(chunk << CHUNK_BITS, 1 << CHUNK_BITS);
                total.lock().unwrap().add(&tally);
            });
        }
    });
    let total = total.into_inner().unwrap();

    // Every pattern but the 2 * (2^23 - 1) NaNs was compared.
    assert_eq!(total.compared, (1u64 << 32) - 2 * ((1 << 23) - 1));
    // The sweep really reached the subnormal results and the near-midpoint cases it reports.
    assert!(total.subnormal > 1_000_000, "{} subnormal", total.subnormal);
    let share = |same: u64, of: u64| same as f64 / of as f64;
    let against_std_share = share(total.against_std_same, total.against_std);
    eprintln!(
        "{} inputs (NaNs aside), {} of them checked against std's f64 exp rounded to f32 (the rest \
         are 0, 1 or inf exactly): {:.4}% the same f32, the rest 1 ulp away (worst {} ulp, first at {:e}, bits \
         {:#010x}); subnormal results {:.4}% the same of {}; reference within 2 double ulps of an \
         f32 midpoint on {} inputs, {} of them differing; {} threads, {:.1} s",
        total.compared,
        total.against_std,
        100.0 * against_std_share,
        total.worst.0,
        f32::from_bits(total.worst.1),
        total.worst.1,
        100.0 * share(total.subnormal_same, total.subnormal),
        total.subnormal,
        total.near_midpoint,
        total.near_midpoint_differing,
        threads,
        started.elapsed().as_secs_f64(),
    );
    assert!(
        against_std_share >= MIN_SAME_SHARE,
        "only {:.4}% the same as std",
        100.0 * against_std_share
    );
}

/// The special values and the edges of the domain, exactly: a quick test for the everyday run.
#[test]
fn special_values_are_exact() {
    let specials = [
        0.0,
        -0.0,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::MAX,
        f32::MIN,
        f32::MIN_POSITIVE,
        -f32::MIN_POSITIVE,
        f32::from_bits(1),
        -f32::from_bits(1),
        LAST_FINITE,
        LAST_FINITE.next_up(),
        LAST_NONZERO,
        LAST_NONZERO.next_down(),
        LAST_ONE,
        -LAST_ONE,
        LAST_ONE.next_up(),
        -LAST_ONE.next_up(),
        1.0,
        -1.0,
        core::f32::consts::LN_2,
    ];
    for x in specials {
        let reference = (x as f64).exp() as f32;
        assert_eq!(exp(x).to_bits(), reference.to_bits(), "exp({x:e})");
    }
    assert!(exp(f32::NAN).is_nan());
    assert!(exp(-f32::NAN).is_nan());
}
