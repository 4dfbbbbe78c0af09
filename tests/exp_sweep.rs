//! stacknet's `exp` against std's `f64::exp` (the platform's libm): at most 1 ulp apart on ten
//! million points over `[-745, 710]`, subnormal and near-overflow results included, and exact on
//! the special values.

/// The most ulps stacknet's `exp` may differ from std's: ours is within about 0.5 ulp of the
/// exact value and so is std's (glibc's is correctly rounded in nearly all cases), so two correct
/// roundings can differ by one ulp at most.
const MAX_ULPS: u64 = 1;

/// Points in the sweep, and the seed that places them (fastrand, so the run repeats exactly).
const POINTS: usize = 10_000_000;
const SEED: u64 = 0x5eed_e4b0;

/// The distance in ulps between two finite, non-negative doubles: their bit patterns are ordered
/// like the numbers, so the difference of the patterns counts the doubles in between.
fn ulps(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

/// The sweep's points: most spread evenly over the whole domain, the rest where `exp` is
/// hardest: subnormal results, near overflow, and tiny arguments down to the subnormals.
fn sweep_points() -> impl Iterator<Item = f64> {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let uniform = |rng: &mut fastrand::Rng, low: f64, high: f64| low + (high - low) * rng.f64();
    (0..POINTS).map(move |i| match i % 10 {
        0 => uniform(&mut rng, stacknet::UNDERFLOW_THRESHOLD, -708.0), // subnormal results
        1 => uniform(&mut rng, 700.0, stacknet::OVERFLOW_THRESHOLD),
        2 => {
            // |x| from 1e-320 to 1: every binade of small arguments.
            let magnitude = 10f64.powf(uniform(&mut rng, -320.0, 0.0));
            if rng.bool() {
                magnitude
            } else {
                -magnitude
            }
        }
        _ => uniform(&mut rng, -745.0, 710.0),
    })
}

#[test]
#[ignore = "ten million points: slow unoptimised; make test runs it optimised"]
fn within_one_ulp_of_std_on_ten_million_points() {
    let mut worst = (0u64, 0.0f64);
    let mut differing = 0usize;
    let mut subnormal_results = 0usize;
    let mut count = 0usize;
    for x in sweep_points() {
        let (ours, reference) = (stacknet::exp(x), x.exp());
        let distance = ulps(ours, reference);
        assert!(
            distance <= MAX_ULPS,
            "exp({x:e}) = {ours:e}, std says {reference:e}: {distance} ulps"
        );
        if distance > worst.0 {
            worst = (distance, x);
        }
        differing += usize::from(distance > 0);
        subnormal_results += usize::from(reference < f64::MIN_POSITIVE && reference > 0.0);
        count += 1;
    }
    assert_eq!(count, POINTS);
    // The sweep must really have reached the subnormal range it claims to cover.
    assert!(
        subnormal_results > POINTS / 20,
        "only {subnormal_results} subnormal results"
    );
    eprintln!(
        "{count} points: {differing} differ from std by one ulp ({:.4}%), worst {} ulp at {:e}; {subnormal_results} subnormal results",
        100.0 * differing as f64 / count as f64,
        worst.0,
        worst.1
    );
}

#[test]
fn special_values_are_exact() {
    let specials = [
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        -f64::from_bits(1),
        stacknet::OVERFLOW_THRESHOLD,
        stacknet::OVERFLOW_THRESHOLD.next_up(),
        stacknet::UNDERFLOW_THRESHOLD,
        stacknet::UNDERFLOW_THRESHOLD.next_down(),
        1.0,
        -1.0,
        core::f64::consts::LN_2,
    ];
    for x in specials {
        assert_eq!(stacknet::exp(x).to_bits(), x.exp().to_bits(), "exp({x:e})");
    }
    assert!(stacknet::exp(f64::NAN).is_nan());
    assert!(stacknet::exp(-f64::NAN).is_nan());
}

/// Every double between two close points near each edge of the domain, one by one.
#[test]
fn consecutive_doubles_at_the_edges() {
    for start in [
        stacknet::UNDERFLOW_THRESHOLD,
        -708.4,
        -704.0,
        704.0,
        stacknet::OVERFLOW_THRESHOLD - 1e-12,
    ] {
        let mut x = start;
        for _ in 0..20_000 {
            let distance = ulps(stacknet::exp(x), x.exp());
            assert!(distance <= MAX_ULPS, "exp({x:e}): {distance} ulps from std");
            x = x.next_up();
        }
    }
}
