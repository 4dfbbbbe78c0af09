// Checks the playground page in headless Chromium: opened with #test=STEPS, the page changes its
// controls as a person would, trains, and writes what it then shows into #test-results; Chromium
// prints the DOM, and this script checks it against the PC's runs (tests/wasm/pc-reference).
// Only node's standard library.
//
// usage: node check_page.mjs PAGE.html REFERENCE.json CHROMIUM_PROFILE_DIR

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const [pagePath, referencePath, profileDirectory] = process.argv.slice(2);
const reference = JSON.parse(readFileSync(referencePath, "utf8"));
const runs = Object.fromEntries(reference.runs.map((run) => [run.name, run]));

// Each reference run, entered through the controls: the program first, since choosing one
// presets the activations, the rate and the biases.
function enter(run) {
  return [
    `set:program=${run.program}`,
    `set:hidden=${run.hidden}`,
    `set:hidden-activation=${run.hidden_activation}`,
    `set:output-activation=${run.output_activation}`,
    `set:biases=${run.biases ? "on" : "off"}`,
    `set:task=${run.task}`,
    `set:seed=${run.seed}`,
    `set:rate=${run.learning_rate}`,
  ];
}

// Rates a person might type that are not positive finite numbers.
const REFUSED_RATES = ["abc", "0", "-1", "1e999", "", "0x10"];

const steps = [
  "record:start",
  ...enter(runs.classic), `train:${runs.classic.epochs}`, "record:classic",
  // Only the program changes: the page must preset the improved program's output and rate.
  "set:program=improved", `train:${runs.improved.epochs}`, "record:improved",
  ...enter(runs.beyond), `train:${runs.beyond.epochs}`, "record:beyond",
  "set:hidden=2", "record:hidden-2",
  ...REFUSED_RATES.flatMap((rate, i) => [`set:rate=${rate}`, `record:refused-rate-${i}`]),
  "set:rate=0.1", "record:rate-fixed",
  ...enter(runs.diverging), `train:${runs.diverging.epochs}`, "record:diverging",
  "set:seed=18446744073709551616", "record:refused-seed",
  "set:seed=1", "set:rate=0.1", "click:play", "frames:3", "click:play", "record:played",
  // Values too long for their panel, and one too small for a double.
  `set:rate=${"x".repeat(300)}`, "record:long-rate",
  "set:rate=1e-400", "record:tiny-rate",
  `set:seed=${"9".repeat(1000)}`, "record:long-seed",
  // Weights too large for fixed notation, drawn in their cells.
  "set:seed=1", "set:output-activation=linear", "set:rate=1e150", "click:step", "record:huge",
];

const url = `file://${resolve(pagePath)}#test=${encodeURIComponent(steps.join(";"))}`;

// The page runs its test steps on timers, never waiting for a painted animation frame, so that
// Chromium's virtual time cannot run out before it writes its results (playground.js,
// `requestFrame`): one run, no retries.
const started = Date.now();
const chromium = (address) => execFileSync("chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  `--user-data-dir=${profileDirectory}`,
  // Virtual time for the page's timers, which headless Chromium runs without waiting.
  "--virtual-time-budget=20000",
  "--dump-dom", address,
], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 });
const dom = chromium(url);
console.log(`check_page: Chromium ran the page's ${steps.length} test steps in ${Date.now() - started} ms`);
const found = /<pre id="test-results"[^>]*data-done="yes"[^>]*>([^<]*)<\/pre>/.exec(dom);
if (!found) {
  const saved = resolve(dirname(referencePath), "page-dom.html");
  writeFileSync(saved, dom);
  console.error(`check_page: FAIL the page wrote no test results; its DOM is in ${saved}`);
  process.exit(1);
}
const unescape = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
  .replace(/&nbsp;/g, "\u00a0").replace(/&amp;/g, "&");
const results = JSON.parse(unescape(found[1]));
if (results[0] && results[0].error) {
  console.error(`check_page: FAIL the page failed: ${results[0].error}`);
  process.exit(1);
}
const seen = Object.fromEntries(results.map((result) => [result.label, result]));

let failures = 0;
function check(ok, what, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${ok || !detail ? "" : `\n     ${detail}`}`);
  if (!ok) failures += 1;
}
const sameBits = (got, expected) =>
  got.length === expected.length && got.every((x, i) => Object.is(x, expected[i]));

check(seen.start.epoch === "epoch 0" && seen.start.hiddenUnitsDrawn === 3 && !seen.start.playDisabled,
  "it opens on a 2-3-1 network at epoch 0, ready to play");

/** A step as the page's records write it: Rust's `{:+.2e}`, as `stacknet --svg` writes it. */
const stepText = (step) => `${step >= 0 ? "+" : ""}${step.toExponential(2).replace("e+", "e")}`;

for (const name of ["classic", "improved", "beyond"]) {
  const page = seen[name];
  const run = runs[name];
  check(sameBits(page.Z, run.Z.flat()) && sameBits(page.Wh, run.Wh.flat()),
    `${name}: after ${run.epochs} epochs from seed ${run.seed} the page's Z and Wh are the PC's bit for bit`,
    `page ${JSON.stringify(page.Z)}\n     PC   ${JSON.stringify(run.Z.flat())}`);
  check(page.epoch === `epoch ${run.epochs.toLocaleString("en-US")}`, `${name}: it shows ${page.epoch}`);
  check(page.hiddenUnitsDrawn === run.hidden, `${name}: it draws ${page.hiddenUnitsDrawn} hidden units`);
  // The steps of the last epoch: read bit for bit as the PC computed them, and drawn in each
  // weight's record beside its value, the biases' too when they learn.
  const stepNames = run.biases ? ["Wh_step", "Wz_step", "bh_step", "bz_step"] : ["Wh_step", "Wz_step"];
  check(stepNames.every((step) => sameBits(page.steps[step], run[step].flat())) &&
    (run.biases || page.steps.bh_step.length + page.steps.bz_step.length === 0),
    `${name}: the steps its last epoch added (${stepNames.join(", ")}) are the PC's bit for bit`,
    JSON.stringify(page.steps));
  const expected = [];
  for (let unit = 0; unit < run.hidden; unit++) {
    for (let input = 0; input < 2; input++) {
      const at = input * run.hidden + unit;
      expected.push([`Wh[${input},${unit}]`, run.Wh.flat()[at], run.Wh_step.flat()[at]]);
    }
    if (run.biases) expected.push([`bh[0,${unit}]`, run.bh.flat()[unit], run.bh_step.flat()[unit]]);
  }
  run.Wz.flat().forEach((w, unit) => expected.push([`Wz[${unit},0]`, w, run.Wz_step.flat()[unit]]));
  if (run.biases) expected.push(["bz[0,0]", run.bz.flat()[0], run.bz_step.flat()[0]]);
  const drawn = expected.map(([record, value, step]) => [record, value.toFixed(2), stepText(step)]);
  check(JSON.stringify(page.records) === JSON.stringify(drawn),
    `${name}: the network draws ${drawn.length} records, each weight's value and step as the PC's (${drawn[0].join(" ")}, ...)`,
    `page ${JSON.stringify(page.records)}\n     PC   ${JSON.stringify(drawn)}`);
}
check(JSON.stringify(seen.classic.truthHeader) === JSON.stringify(["x0", "x1", "Y", "output"]),
  "the truth table's inputs are numbered from 0, as numpy and Rust number them", JSON.stringify(seen.classic.truthHeader));
// The loss on log-log axes: a label at each decade of epochs, and at each decade of the loss
// from 0.335 down to 7.3e-5 after the classic program's 60000 epochs.
check(JSON.stringify(seen.classic.lossTicks) === JSON.stringify({
  epochs: ["1", "10", "100", "1,000", "10,000"], losses: ["1", "1e-1", "1e-2", "1e-3", "1e-4", "1e-5"],
}), "classic: the loss is drawn on log-log axes, a label at each decade", JSON.stringify(seen.classic.lossTicks));
check(seen.improved.previousRun === "classic, 3 hidden units, seed 1" && seen.start.previousRun === null,
  "improved: the classic run's loss curve stays on the plot beside it", String(seen.improved.previousRun));
// What the page shows of Z is numpy's format of those bits, as the README's run prints it.
check(seen.classic.shownZ === "[[0.01291535]\n [0.99222772]\n [0.99222789]\n [0.00193974]]",
  "classic: Z is shown in numpy's format", JSON.stringify(seen.classic.shownZ));
check(seen.classic.lines.join(" | ") ===
  "H = sigmoid(np.dot(X, Wh)) | Z = sigmoid(np.dot(H, Wz)) | E = Y - Z | dZ = E * sigmoid_(Z) | " +
  "dH = dZ.dot(Wz.T) * sigmoid_(H) | Wz += H.T.dot(dZ) | Wh += X.T.dot(dH)",
  "classic: the article's lines, in its order", seen.classic.lines.join(" | "));

const improved = seen.improved.settings;
check(improved.outputActivation === "linear" && improved.rate === "0.1" && improved.hiddenActivation === "sigmoid",
  "choosing the improved program presets its linear output and learning rate 0.1", JSON.stringify(improved));
check(seen.improved.lines.join(" | ") ===
  "H = sigmoid(np.dot(X, Wh)) | Z = np.dot(H, Wz) | E = Y - Z | dZ = E * L | Wz += H.T.dot(dZ) | " +
  "dH = dZ.dot(Wz.T) * sigmoid_(H) | Wh += X.T.dot(dH)",
  "improved: the article's lines, Wz updated before dH", seen.improved.lines.join(" | "));
check(seen.beyond.lines.includes("H = tanh(np.dot(X, Wh) + bh)") && seen.beyond.lines.includes("bh += dH.sum(axis=0)"),
  "beyond: the lines follow the activations and biases", seen.beyond.lines.join(" | "));
check(seen["hidden-2"].hiddenUnitsDrawn === 2 && seen["hidden-2"].Wh.length === 4 && seen["hidden-2"].epoch === "epoch 0",
  "moving the hidden units to 2 starts a new 2-2-1 network: Wh is 2 x 2, two units drawn");

const diverging = seen.diverging;
const message = `${runs.diverging.message}; try a lower learning rate`;
check(diverging.status === message && diverging.warning,
  `a diverging rate is reported: "${diverging.status}"`, `expected "${message}"`);
check(diverging.playDisabled && !diverging.playing && diverging.epoch === `epoch ${runs.diverging.diverged_at - 1}`,
  `and training stops at ${diverging.epoch}, play disabled`);
check(!diverging.notANumberShown, "and no NaN or infinity is shown");

REFUSED_RATES.forEach((rate, i) => {
  const page = seen[`refused-rate-${i}`];
  check(/is not a positive finite number/.test(page.rateMessage) && page.playDisabled,
    `the rate "${rate}" is refused beside the control: "${page.rateMessage}"`);
});
check(seen["rate-fixed"].rateMessage === "" && !seen["rate-fixed"].playDisabled,
  "a good rate clears the message and can train again");
check(/a seed is a whole number/.test(seen["refused-seed"].seedMessage) && seen["refused-seed"].playDisabled,
  `a seed beyond 64 bits is refused: "${seen["refused-seed"].seedMessage}"`);
const played = seen.played;
check(!played.playing && played.status === "paused" && played.epoch !== "epoch 0" && !played.notANumberShown,
  `play trains in animation frames and pause stops it (${played.epoch})`);

const longRate = seen["long-rate"].rateMessage;
check(longRate.length < 80 && longRate.includes("…"), `a long rate is quoted cut short: "${longRate}"`);
check(/rounds to 0/.test(seen["tiny-rate"].rateMessage),
  `a rate too small for a double says so: "${seen["tiny-rate"].rateMessage}"`);
check(/a seed is a whole number/.test(seen["long-seed"].seedMessage),
  "a seed of a thousand digits is refused");
const huge = seen.huge.records.map(([, value]) => value);
check(huge.every((value) => value.length <= 10) && huge.some((value) => /e\d/.test(value)),
  `weights too large for fixed notation fit their cells: ${huge.join(" ")}`);

// An address whose fragment is not valid percent-encoding (a link cut after its "%") still
// starts the page: its menus are filled.
const malformed = chromium(`file://${resolve(pagePath)}#100%`);
check(/<option value="classic"/.test(malformed), "a malformed # in the address does not stop the page");

if (failures > 0) {
  console.error(`check_page: ${failures} check(s) failed`);
  process.exit(1);
}
console.log("check_page: the page shows the PC's numbers and reacts to its controls");
