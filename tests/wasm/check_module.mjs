// Checks the playground's WebAssembly module against the PC: each run of the reference (made by
// tests/wasm/pc-reference) is repeated in the module, and its Z, weights, the steps its last
// epoch added to them and its loss curve, read from the module's memory, must be the PC's bit
// for bit; the diverging run must stop at the PC's epoch with the PC's message. Only node's
// standard library.
//
// usage: node check_module.mjs MODULE.wasm REFERENCE.json

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [modulePath, referencePath] = process.argv.slice(2);
const reference = JSON.parse(readFileSync(referencePath, "utf8"));
const { instance } = await WebAssembly.instantiate(readFileSync(modulePath));
const wasm = instance.exports;

// The module's lists, as the page reads them: a choice travels as its index in its list.
const LIST = { programs: 0, activations: 1, tasks: 2 };
// The module's quantities, by index (examples/playground/module/src/run.rs, `Quantity`).
const QUANTITY = {
  Wh: 0, bh: 1, Wz: 2, bz: 3, H: 4, Z: 5, E: 6, dZ: 7, dH: 8,
  Wh_step: 9, bh_step: 10, Wz_step: 11, bz_step: 12,
};

function text(length) {
  // A fresh view each time: memory growth would detach an old one.
  return new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, wasm.text(), length));
}

function names(list) {
  const found = [];
  for (let length; (length = wasm.choice_name(list, found.length)) > 0; ) found.push(text(length));
  return found;
}

function index(list, name) {
  const at = names(LIST[list]).indexOf(name);
  if (at < 0) throw new Error(`the module has no ${list} entry named ${name}`);
  return at;
}

function numbers(quantity) {
  const at = QUANTITY[quantity];
  return Array.from(
    new Float64Array(wasm.memory.buffer, wasm.numbers(at), wasm.numbers_length(at)),
  );
}

// Same bits: Object.is tells 0 from -0, and the reference's shortest round-trip digits parse
// back to exactly the PC's doubles.
function sameBits(got, expected) {
  return got.length === expected.length && got.every((x, i) => Object.is(x, expected[i]));
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures += 1;
}

for (const run of reference.runs) {
  const started = wasm.reset(
    run.hidden,
    index("activations", run.hidden_activation),
    index("activations", run.output_activation),
    index("tasks", run.task),
    BigInt(run.seed),
  );
  const set = wasm.set_training(index("programs", run.program), run.learning_rate, run.biases ? 1 : 0);
  check(started && set, `${run.name}: the module accepts the run's settings`);
  const start = performance.now();
  const finished = wasm.train(run.epochs);
  const milliseconds = (performance.now() - start).toFixed(1);
  if ("diverged_at" in run) {
    const message = text(wasm.format_divergence());
    check(
      !finished && wasm.diverged_at() === run.diverged_at && message === run.message,
      `${run.name}: stops at epoch ${wasm.diverged_at()} with "${message}" (PC: epoch ${run.diverged_at})`,
    );
    check(!wasm.train(1), `${run.name}: refuses to train on after diverging`);
    continue;
  }
  check(finished && wasm.epoch() === run.epochs, `${run.name}: ${run.epochs} epochs in ${milliseconds} ms`);
  // The bias steps exist only when the biases learn: the library adds them only then.
  const biasSteps = run.biases ? ["bh_step", "bz_step"] : [];
  for (const quantity of ["Z", "Wh", "bh", "Wz", "bz", "Wh_step", "Wz_step", ...biasSteps]) {
    const got = numbers(quantity);
    const expected = run[quantity].flat();
    check(sameBits(got, expected), `${run.name}: ${quantity} is the PC's bit for bit` +
      (sameBits(got, expected) ? "" : `\n     module ${JSON.stringify(got)}\n     PC     ${JSON.stringify(expected)}`));
  }
  if (!run.biases) {
    check(numbers("bh_step").length === 0 && numbers("bz_step").length === 0,
      `${run.name}: no bias steps, since the biases did not learn`);
  }
  checkLossCurve(run);
}

/** The module's loss curve: log-spaced epochs from 1 to the last, each loss the PC's. */
function checkLossCurve(run) {
  const flat = Array.from(new Float64Array(wasm.memory.buffer, wasm.loss_history(), wasm.loss_history_length()));
  const points = [];
  for (let i = 0; i < flat.length; i += 2) points.push([flat[i], flat[i + 1]]);
  const epochs = points.map(([epoch]) => epoch);
  // Each kept epoch is at most a sixteenth past the one before (history.rs), the last one the
  // latest: spaced evenly on a log axis, with no gap wider than a sixteenth of the run so far.
  const spaced = epochs.every((epoch, i) => i === 0 ? epoch === 1
    : epoch > epochs[i - 1] && (epoch - epochs[i - 1] <= Math.max(1, Math.floor(epochs[i - 1] / 16)) || i === epochs.length - 1));
  check(spaced && epochs[epochs.length - 1] === run.epochs && points.length <= 513,
    `${run.name}: ${points.length} points of the loss curve, epochs 1 to ${run.epochs}, log-spaced`);
  const pc = new Map(run.losses.map(([epoch, loss]) => [epoch, loss]));
  const compared = points.filter(([epoch]) => pc.has(epoch));
  const same = compared.every(([epoch, loss]) => Object.is(loss, pc.get(epoch)));
  check(same && compared.length >= 40,
    `${run.name}: the loss at ${compared.length} of those epochs is the PC's bit for bit`);
}

// What the page relies on besides the numbers: refusals, and numpy's format read as text.
check(!wasm.set_training(0, 0, 0) && !wasm.set_training(0, -1, 0) && !wasm.set_training(0, NaN, 0) &&
  !wasm.set_training(0, Infinity, 0) && !wasm.set_training(7, 0.1, 0),
  "a rate that is not a positive finite number, and an unknown program, are refused");
check(!wasm.reset(0, 0, 0, 0, 1n) && !wasm.reset(9, 0, 0, 0, 1n) && !wasm.reset(3, 5, 0, 0, 1n) &&
  !wasm.reset(3, 0, 0, 6, 1n), "hidden sizes outside 1 to 8, unknown activations and tasks are refused");
const classic = reference.runs.find((run) => run.name === "classic");
wasm.reset(3, 0, 0, index("tasks", "xor"), 1n);
wasm.set_training(0, 1, 0);
wasm.train(classic.epochs);
const z = text(wasm.format_numbers(QUANTITY.Z));
check(z === "[[0.01291535]\n [0.99222772]\n [0.99222789]\n [0.00193974]]",
  `Z in numpy's format, as the README's run prints it:\n${z}`);
check(wasm.reset(8, 1, 4, 0, 18446744073709551615n) && wasm.train(10) &&
  numbers("H").length === 32 && numbers("dH").length === 32 && numbers("Wh").length === 16,
  "8 hidden units and the largest 64-bit seed: H and dH are 4 x 8, Wh 2 x 8");

if (failures > 0) {
  console.error(`check_module: ${failures} check(s) failed`);
  process.exit(1);
}
console.log(`check_module: ${modulePath} matches the PC`);
