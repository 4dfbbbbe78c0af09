//! Trains, on the PC, the runs that the WebAssembly module and the playground page must repeat
//! bit for bit, and prints their settings and results as JSON, every number in shortest
//! round-trip form (`{:?}`), which reads back to the same bits: the last epoch's `Z`, the
//! weights and biases after it, the steps it added to them, and the loss at chosen epochs.

use stacknet::truth_tables::{self, TWO_INPUTS};
use stacknet::{fastrand, match_size, AnyActivation, Matrix, Network, Step, Training};

/// The epochs whose loss the reference prints, for the module's loss curve to match: every one
/// of the first hundred, then every thousandth.
fn loss_shown(epoch: u32) -> bool {
    epoch <= 100 || epoch.is_multiple_of(1000)
}

/// One run: everything the module's `reset` and `set_training` take, and how long to train.
struct Settings {
    name: &'static str,
    program: &'static str,
    hidden: usize,
    hidden_activation: AnyActivation,
    output_activation: AnyActivation,
    learning_rate: f64,
    biases: bool,
    task: &'static str,
    targets: Matrix<4, 1>,
    seed: u64,
    epochs: u32,
}

/// The article's two programs from seed 1, one run beyond them (another size, other activations,
/// learning biases, another gate), and one that diverges.
const RUNS: [Settings; 4] = [
    Settings {
        name: "classic",
        program: "classic",
        hidden: 3,
        hidden_activation: AnyActivation::Sigmoid,
        output_activation: AnyActivation::Sigmoid,
        learning_rate: 1.0,
        biases: false,
        task: "xor",
        targets: truth_tables::XOR,
        seed: 1,
        epochs: Training::CLASSIC_EPOCHS,
    },
    Settings {
        name: "improved",
        program: "improved",
        hidden: 3,
        hidden_activation: AnyActivation::Sigmoid,
        output_activation: AnyActivation::Linear,
        learning_rate: 0.1,
        biases: false,
        task: "xor",
        targets: truth_tables::XOR,
        seed: 1,
        epochs: Training::IMPROVED_EPOCHS,
    },
    Settings {
        name: "beyond",
        program: "classic",
        hidden: 5,
        hidden_activation: AnyActivation::Tanh,
        output_activation: AnyActivation::Sigmoid,
        learning_rate: 0.5,
        biases: true,
        task: "nand",
        targets: truth_tables::NAND,
        seed: 7,
        epochs: 5000,
    },
    Settings {
        name: "diverging",
        program: "improved",
        hidden: 3,
        hidden_activation: AnyActivation::Sigmoid,
        output_activation: AnyActivation::Linear,
        learning_rate: 5.0,
        biases: false,
        task: "xor",
        targets: truth_tables::XOR,
        seed: 1,
        epochs: 1000,
    },
];

fn main() {
    let runs: Vec<String> = RUNS.iter().map(run).collect();
    println!("{{\"runs\": [\n{}\n]}}", runs.join(",\n"));
}

/// Trains one run at its hidden size and returns it as a JSON object.
fn run(settings: &Settings) -> String {
    match_size!(settings.hidden, H in [3, 5] => run_sized::<H>(settings),
        _ => panic!("no reference runs at hidden size {}", settings.hidden))
}

fn run_sized<const H: usize>(settings: &Settings) -> String {
    let mut network = Network::<2, H, 1, AnyActivation, AnyActivation>::random(
        &mut fastrand::Rng::with_seed(settings.seed),
    )
    .with_activations(settings.hidden_activation, settings.output_activation);
    let preset = match settings.program {
        "classic" => Training::CLASSIC,
        _ => Training::IMPROVED,
    };
    let training = preset
        .with_learning_rate(settings.learning_rate)
        .with_trained_biases(settings.biases);
    let mut last_step = Step::<4, H, 1>::default();
    let mut losses = Vec::new();
    let trained = network.train_watched(
        &TWO_INPUTS,
        &settings.targets,
        training,
        settings.epochs,
        |epoch, step| {
            last_step = *step;
            if loss_shown(epoch) {
                let loss = step.outputs.mean_squared_error(&settings.targets);
                losses.push(format!("[{epoch}, {loss:?}]"));
            }
            std::ops::ControlFlow::Continue(())
        },
    );
    let outcome = match trained {
        Ok(z) => format!(
            "\"Z\": {}, \"Wh\": {}, \"bh\": {}, \"Wz\": {}, \"bz\": {}, \
             \"Wh_step\": {}, \"Wz_step\": {}, \"bh_step\": {}, \"bz_step\": {}, \"losses\": [{}]",
            exactly(&z),
            exactly(network.hidden_weights()),
            exactly(network.hidden_biases()),
            exactly(network.output_weights()),
            exactly(network.output_biases()),
            // The steps the library added in the last epoch, as it computes them.
            exactly(&TWO_INPUTS.transpose_dot(&last_step.hidden_delta)),
            exactly(&last_step.hidden.transpose_dot(&last_step.output_delta)),
            exactly(&last_step.hidden_delta.column_sums()),
            exactly(&last_step.output_delta.column_sums()),
            losses.join(", "),
        ),
        Err(diverged) => format!(
            "\"diverged_at\": {}, \"message\": \"{diverged}\"",
            diverged.epoch
        ),
    };
    format!(
        "{{\"name\": \"{}\", \"program\": \"{}\", \"hidden\": {H}, \"hidden_activation\": \"{}\", \
         \"output_activation\": \"{}\", \"learning_rate\": {:?}, \"biases\": {}, \"task\": \"{}\", \
         \"seed\": {}, \"epochs\": {}, {outcome}}}",
        settings.name,
        settings.program,
        settings.hidden_activation,
        settings.output_activation,
        settings.learning_rate,
        settings.biases,
        settings.task,
        settings.seed,
        settings.epochs,
    )
}

/// The matrix as nested JSON arrays, each number in shortest round-trip form.
fn exactly<const R: usize, const C: usize>(matrix: &Matrix<R, C>) -> String {
    let rows: Vec<String> = matrix
        .rows()
        .iter()
        .map(|row| {
            let numbers: Vec<String> = row.iter().map(|x| format!("{x:?}")).collect();
            format!("[{}]", numbers.join(", "))
        })
        .collect();
    format!("[{}]", rows.join(", "))
}
