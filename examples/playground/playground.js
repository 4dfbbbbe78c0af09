"use strict";
// The playground's behaviour: loads the module, trains it from the controls a bounded slice per
// animation frame, and draws what it computed. Opened with #test=STEPS, the page runs those
// steps instead and writes what it then shows into #test-results (tests/wasm/browser.sh); its
// frames then come from a timer (see `requestFrame`).

// The module's lists and numbers, by index (examples/playground/module/src/lib.rs and run.rs).
const LIST = { programs: 0, activations: 1, tasks: 2 };
const QUANTITY = {
  Wh: 0, bh: 1, Wz: 2, bz: 3, H: 4, Z: 5, E: 6, dZ: 7, dH: 8,
  // The steps the last epoch added: X.T.dot(dH) to Wh, H.T.dot(dZ) to Wz, the deltas' sums to
  // the biases (none when they did not learn).
  Wh_step: 9, bh_step: 10, Wz_step: 11, bz_step: 12,
};
// The most epochs one animation frame trains, whatever the speed: keeps every frame short.
const MAX_EPOCHS_PER_FRAME = 1000;
// Seeds are 64-bit unsigned numbers, as on the command line.
const LARGEST_SEED = 2n ** 64n - 1n;
// A loss of exactly 0 has no logarithm; the curve draws it at this floor.
const LOSS_FLOOR = 1e-300;
// What each program presets (the article's): output activation, learning rate, no biases.
const PRESETS = {
  classic: { hiddenActivation: "sigmoid", outputActivation: "sigmoid", rate: "1" },
  improved: { hiddenActivation: "sigmoid", outputActivation: "linear", rate: "0.1" },
};
// Surface colours: orange for 0 (or the most negative), white halfway, blue for 1 (or the
// largest). Weights have colours of their own, so that none means two things: green when
// positive, purple when negative (the SVG of `stacknet --svg` uses the same).
const ORANGE = [232, 137, 12];
const WHITE = [248, 249, 250];
const BLUE = [8, 119, 189];
const POSITIVE_WEIGHT = "#1b7837";
const NEGATIVE_WEIGHT = "#762a83";
const INK = "#1f2933";
const MUTED = "#5f6b76";
const FRAME = "#c4ccd4";
// A weight's record in the network's drawing: its name, its value and its last step, in cells
// this wide; records this tall, this far apart, and this much more between two units' records.
const RECORD_CELLS = [64, 56, 84];
const RECORD_HEIGHT = 18;
const RECORD_PITCH = 22;
const UNIT_GAP = 10;

// Under test, a frame is a timer of this many milliseconds instead of the display's animation
// frame. Headless Chromium runs the page in virtual time, which runs timers without fail but
// may run out, and dump the page unfinished, while the page waits for a frame to be painted.
const TEST_FRAME_MILLISECONDS = 16;

/** The page's address after `#`, decoded; as it is when it is not valid percent-encoding. */
function fragment() {
  try {
    return decodeURIComponent(location.hash);
  } catch {
    return location.hash;
  }
}

const testing = /^#test=/.test(fragment());
const requestFrame = testing
  ? (callback) => setTimeout(callback, TEST_FRAME_MILLISECONDS)
  : (callback) => requestAnimationFrame(callback);
const cancelFrame = testing ? (request) => clearTimeout(request) : (request) => cancelAnimationFrame(request);

const byId = (id) => document.getElementById(id);
const controls = {
  program: byId("program"),
  hidden: byId("hidden"),
  rate: byId("rate"),
  hiddenActivation: byId("hidden-activation"),
  outputActivation: byId("output-activation"),
  biases: byId("biases"),
  task: byId("task"),
  seed: byId("seed"),
  speed: byId("speed"),
};
const buttons = { play: byId("play"), step: byId("step"), reset: byId("reset"), newSeed: byId("new-seed") };

/** stacknet's module: its exported functions, and its memory read as numbers and text. */
class Stacknet {
  constructor(instance) {
    this.wasm = instance.exports;
    this.grid = this.wasm.grid_size();
  }

  text(length) {
    const bytes = new Uint8Array(this.wasm.memory.buffer, this.wasm.text(), length);
    return new TextDecoder().decode(bytes);
  }

  names(list) {
    const found = [];
    for (let length; (length = this.wasm.choice_name(list, found.length)) > 0; ) found.push(this.text(length));
    return found;
  }

  // A fresh view on every call: a view made before memory grew would be detached.
  floats(address, count) {
    return new Float64Array(this.wasm.memory.buffer, address, count);
  }

  numbers(quantity) {
    const at = QUANTITY[quantity];
    return this.floats(this.wasm.numbers(at), this.wasm.numbers_length(at));
  }

  format(quantity) {
    return this.text(this.wasm.format_numbers(QUANTITY[quantity]));
  }

  targets() {
    return this.floats(this.wasm.targets(), 4);
  }

  surfaces(hiddenUnits) {
    this.wasm.sample_surfaces();
    const cells = this.grid * this.grid;
    return {
      output: this.floats(this.wasm.surfaces(), cells),
      hidden: this.floats(this.wasm.hidden_surfaces(), hiddenUnits * cells),
    };
  }

  lossHistory() {
    return this.floats(this.wasm.loss_history(), this.wasm.loss_history_length());
  }
}

let net; // the Stacknet, once loaded
let settings = { valid: false }; // the settings of the current network
let rateRefused = false; // the rate box holds a refused value: no training until it is fixed
let playing = false;
let frameRequest = 0;
let goal = Infinity; // the epoch at which play pauses by itself: the article's length, once
let hiddenUnitsDrawn = 0; // for the tests: what the drawing shows
let recordsDrawn = []; // for the tests: each weight's record as drawn, [name, value, step]
let lossTicksDrawn = { epochs: [], losses: [] }; // for the tests: the loss plot's decades
let previousRun = null; // the last network's loss curve and what it was, drawn beside the new one

// ---- settings ----

/** The most characters of a refused value that its message quotes, so that it fits its panel. */
const QUOTED_CHARACTERS = 24;

/** `text` in quotes, cut to QUOTED_CHARACTERS with an ellipsis. */
function quoted(text) {
  const characters = [...text];
  const shown = characters.length > QUOTED_CHARACTERS
    ? `${characters.slice(0, QUOTED_CHARACTERS).join("")}…`
    : text;
  return `“${shown}”`;
}

/** The learning rate typed, or the reason it is refused. */
function parseRate(text) {
  const trimmed = text.trim();
  const decimal = /^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  const rate = decimal.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isFinite(rate) && rate > 0) return { rate };
  if (rate === 0 && /[1-9]/.test(trimmed.split(/e/i)[0])) {
    return { error: `${quoted(trimmed)} is too small for a double: it rounds to 0; try 0.1` };
  }
  const shown = trimmed === "" ? "an empty rate" : quoted(trimmed);
  return { error: `${shown} is not a positive finite number; try 0.1` };
}

/** The seed typed, or the reason it is refused. */
function parseSeed(text) {
  const trimmed = text.trim();
  // At most 20 digits after any leading zeros, as 2^64 - 1 has: no longer text reaches BigInt.
  const digits = /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, "") : "";
  if (digits.length > 0 && digits.length <= 20 && BigInt(digits) <= LARGEST_SEED) {
    return { seed: BigInt(digits) };
  }
  return { error: `a seed is a whole number from 0 to ${LARGEST_SEED}` };
}

/** Numbers this large or larger are shown in scientific notation: fixed, 1e149 takes 150 digits. */
const FIXED_BELOW = 1e6;

/** `value` with `decimals` places, or in scientific notation from FIXED_BELOW on (`-2.57e149`). */
function formatValue(value, decimals) {
  return Math.abs(value) < FIXED_BELOW
    ? value.toFixed(decimals)
    : value.toExponential(decimals).replace("e+", "e");
}

/** Shows `error` beside `control`, or clears it; returns whether the value is good. */
function mark(control, error) {
  control.setAttribute("aria-invalid", error ? "true" : "false");
  byId(`${control.id}-message`).textContent = error || "";
  return !error;
}

/** The controls' values, each typed one checked and marked when refused. */
function readSettings() {
  const rate = parseRate(controls.rate.value);
  const seed = parseSeed(controls.seed.value);
  const rateOk = mark(controls.rate, rate.error);
  rateRefused = !rateOk;
  const seedOk = mark(controls.seed, seed.error);
  return {
    valid: rateOk && seedOk,
    program: controls.program.value,
    hidden: Number(controls.hidden.value),
    rate: rate.rate,
    hiddenActivation: controls.hiddenActivation.value,
    outputActivation: controls.outputActivation.value,
    biases: controls.biases.checked,
    task: controls.task.value,
    seed: seed.seed,
  };
}

/**
 * Passes the learning settings to the module; the network stays as it is. The menus were filled
 * from the module's lists, so an option's index is the module's index for that choice.
 */
function applyTraining() {
  net.wasm.set_training(controls.program.selectedIndex, settings.rate, settings.biases ? 1 : 0);
}

/** A new network from the controls, or none when a control holds a refused value. */
function resetNetwork() {
  pause();
  // The network being replaced keeps its loss curve on the plot, to compare the next one with.
  if (settings.valid && net.wasm.epoch() > 0) {
    const points = lossPoints();
    if (points.length > 1) {
      previousRun = { points, label: `${settings.program}, ${settings.hidden} hidden units, seed ${settings.seed}` };
    }
  }
  settings = readSettings();
  byId("hidden-value").textContent = controls.hidden.value;
  document.body.classList.remove("diverged");
  if (!settings.valid) {
    showStatus("fix the value marked in red to train", true);
    updateButtons();
    return;
  }
  net.wasm.reset(
    settings.hidden,
    controls.hiddenActivation.selectedIndex,
    controls.outputActivation.selectedIndex,
    controls.task.selectedIndex,
    settings.seed,
  );
  applyTraining();
  goal = net.wasm.article_epochs(controls.program.selectedIndex);
  buildLines();
  showStatus(`a new 2-${settings.hidden}-1 network from seed ${settings.seed}: play, or step one epoch at a time`);
  render();
}

function onProgramChange() {
  const preset = PRESETS[controls.program.value];
  controls.hiddenActivation.value = preset.hiddenActivation;
  controls.outputActivation.value = preset.outputActivation;
  controls.rate.value = preset.rate;
  controls.biases.checked = false;
  resetNetwork();
}

/** A new rate applies from the next epoch on, without a reset (after a divergence, with one). */
function onRateChange() {
  const rate = parseRate(controls.rate.value);
  rateRefused = !mark(controls.rate, rate.error);
  if (rateRefused) {
    pause();
    showStatus("fix the learning rate to train", true);
    updateButtons();
    return;
  }
  if (!settings.valid || net.wasm.diverged_at() > 0) {
    resetNetwork();
    return;
  }
  settings.rate = rate.rate;
  applyTraining();
  buildLines(); // dZ's line shows L only when it is not 1
  render();
  showStatus(`learning rate ${rate.rate} from epoch ${net.wasm.epoch() + 1} on`);
}

// ---- training ----

function canTrain() {
  return settings.valid && !rateRefused && net.wasm.diverged_at() === 0;
}

function play() {
  if (!canTrain()) return;
  playing = true;
  showStatus(`training, ${controls.speed.value} epochs per frame`);
  updateButtons();
  frameRequest = requestFrame(frame);
}

function pause() {
  playing = false;
  cancelFrame(frameRequest);
  updateButtons();
}

/** One animation frame of play: a bounded slice of epochs, then one drawing. */
function frame() {
  if (!playing) return;
  const epoch = net.wasm.epoch();
  let epochs = Math.min(Number(controls.speed.value), MAX_EPOCHS_PER_FRAME);
  if (epoch < goal) epochs = Math.min(epochs, goal - epoch);
  trainEpochs(epochs);
  if (playing) frameRequest = requestFrame(frame);
}

/** Trains `epochs` epochs, stops on divergence or at the article's length, and draws. */
function trainEpochs(epochs) {
  if (!canTrain()) return;
  const finished = net.wasm.train(epochs);
  if (!finished && net.wasm.diverged_at() === 0) {
    // The only other reason: the epoch counter, a 32-bit number, would overflow.
    pause();
    showStatus("the epoch counter is full: reset to train again", true);
  } else if (!finished) {
    pause();
    const message = net.text(net.wasm.format_divergence());
    showStatus(`${message}; try a lower learning rate`, true);
    document.body.classList.add("diverged");
  } else if (net.wasm.epoch() === goal) {
    pause();
    showStatus(`${goal} epochs, as long as the article trains the ${settings.program} program: ` +
      "Z is what its print(Z) shows. Play goes on.");
    goal = Infinity;
  }
  render();
}

function updateButtons() {
  buttons.play.textContent = playing ? "pause" : "play";
  buttons.play.disabled = !playing && !canTrain();
  buttons.step.disabled = !canTrain();
}

function showStatus(text, warning = false) {
  const status = byId("status");
  status.textContent = text;
  status.classList.toggle("warning", warning);
}

// ---- what the page shows ----

/** The Python name of an activation: `leaky-relu` is not a Python name, `leaky_relu` is. */
const pythonName = (activation) => activation.replace("-", "_");

/** The article's lines of one epoch, in the program's order, for these settings. */
function articleLines() {
  const { hiddenActivation: f, outputActivation: g, biases, rate } = settings;
  const apply = (activation, sum) => (activation === "linear" ? sum : `${pythonName(activation)}(${sum})`);
  const slope = (activation, of) => (activation === "linear" ? [] : [`${pythonName(activation)}_(${of})`]);
  const hidden = settings.hidden;
  const lines = {
    H: [`H = ${apply(f, `np.dot(X, Wh)${biases ? " + bh" : ""}`)}`, `4 x ${hidden}`],
    Z: [`Z = ${apply(g, `np.dot(H, Wz)${biases ? " + bz" : ""}`)}`, "4 x 1"],
    E: ["E = Y - Z", "4 x 1"],
    dZ: [`dZ = ${["E", ...slope(g, "Z"), ...(rate === 1 ? [] : ["L"])].join(" * ")}`, "4 x 1"],
    dH: [`dH = ${["dZ.dot(Wz.T)", ...slope(f, "H")].join(" * ")}`, `4 x ${hidden}`],
    Wz: ["Wz += H.T.dot(dZ)", `${hidden} x 1`],
    Wh: ["Wh += X.T.dot(dH)", `2 x ${hidden}`],
    bz: ["bz += dZ.sum(axis=0)", "1 x 1"],
    bh: ["bh += dH.sum(axis=0)", `1 x ${hidden}`],
  };
  // The improved program updates Wz before it computes dH from it.
  const order = settings.program === "improved"
    ? ["H", "Z", "E", "dZ", "Wz", "dH", "Wh"]
    : ["H", "Z", "E", "dZ", "dH", "Wz", "Wh"];
  if (biases) order.push("bz", "bh");
  return order.map((quantity) => ({ quantity, code: lines[quantity][0], shape: lines[quantity][1] }));
}

function buildLines() {
  const container = byId("lines");
  container.replaceChildren();
  for (const { quantity, code, shape } of articleLines()) {
    const card = document.createElement("div");
    card.className = "line";
    card.dataset.quantity = quantity;
    const codeElement = document.createElement("code");
    codeElement.textContent = code;
    const shapeElement = document.createElement("span");
    shapeElement.className = "shape";
    shapeElement.textContent = `   # ${shape}`;
    codeElement.append(shapeElement);
    const numbers = document.createElement("pre");
    card.append(codeElement, numbers);
    container.append(card);
  }
}

function render() {
  const epoch = net.wasm.epoch();
  byId("epoch").textContent = `epoch ${epoch.toLocaleString("en-US")}`;
  const errors = net.numbers("E");
  const loss = errors.reduce((sum, e) => sum + e * e, 0) / Math.max(errors.length, 1);
  const lossText = Number.isFinite(loss) ? loss.toExponential(3) : "beyond 1e308";
  byId("loss").textContent = epoch > 0 ? `loss ${lossText}` : "";
  for (const card of byId("lines").children) {
    const text = net.format(card.dataset.quantity);
    // After a divergence the weights, and some deltas of the last finite epoch, are not numbers.
    const notFinite = /\b(nan|inf)\b/.test(text);
    card.querySelector("pre").textContent = notFinite
      ? "(no longer finite numbers:\n training diverged)"
      : text || "(computed by the first epoch)";
  }
  // After a divergence the weights are no longer finite numbers: keep the last drawing, dimmed.
  if (net.wasm.diverged_at() === 0) {
    const surfaces = net.surfaces(settings.hidden);
    drawNetwork(surfaces);
    drawSurface(surfaces.output);
    showTruthTable();
  }
  drawLoss();
  updateButtons();
}

/** The truth table beside the surface, with the network's output for each row now. */
function showTruthTable() {
  const targets = net.targets();
  const outputs = cornerOutputs();
  byId("truth").replaceChildren(...[[0, 0], [0, 1], [1, 0], [1, 1]].map(([x0, x1], row) => {
    const cells = [x0, x1, targets[row], formatValue(outputs[row], 4)].map((value) => {
      const cell = document.createElement("td");
      cell.textContent = value;
      return cell;
    });
    const line = document.createElement("tr");
    line.append(...cells);
    return line;
  }));
}

/** The output at the unit square's corners, in the truth table's order, from the sampled grid. */
function cornerOutputs() {
  const size = net.grid;
  const output = net.floats(net.wasm.surfaces(), size * size);
  // Row 0 of the grid is x1 = 1, column 0 is x0 = 0.
  const at = (x0, x1) => output[(1 - x1) * (size - 1) * size + x0 * (size - 1)];
  return [at(0, 0), at(0, 1), at(1, 0), at(1, 1)];
}

/** The colour of `t` in [0, 1]: orange, white, blue; grey for what is not a number. */
function colour(t) {
  if (!Number.isFinite(t)) return [160, 160, 160];
  const clamped = Math.min(1, Math.max(0, t));
  const [from, to, s] = clamped < 0.5 ? [ORANGE, WHITE, clamped * 2] : [WHITE, BLUE, clamped * 2 - 1];
  return from.map((c, i) => Math.round(c + (to[i] - c) * s));
}

/** Maps a hidden unit's values to [0, 1] for its activation's range. */
function scaleFor(activation, values) {
  if (activation === "sigmoid") return (v) => v;
  if (activation === "tanh") return (v) => (v + 1) / 2;
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  return (v) => 0.5 + (0.5 * v) / largest;
}

const images = new Map(); // one small canvas per surface drawn, reused
/** A grid of values as an image, one pixel per grid point. */
function surfaceImage(key, values, scale) {
  const size = net.grid;
  if (!images.has(key)) {
    const image = document.createElement("canvas");
    image.width = image.height = size;
    images.set(key, image);
  }
  const image = images.get(key);
  const context = image.getContext("2d");
  const pixels = context.createImageData(size, size);
  values.forEach((value, i) => {
    pixels.data.set([...colour(scale(value)), 255], i * 4);
  });
  context.putImageData(pixels, 0, 0);
  return image;
}

/**
 * The canvas's drawing context, cleared, for a drawing of `width` x `height` CSS pixels (the
 * canvas's own size unless told), sized for the screen's pixel density.
 */
function contextOf(canvas, width, height) {
  width = width ?? Number(canvas.dataset.width || canvas.width);
  height = height ?? Number(canvas.dataset.height || canvas.height);
  const ratio = window.devicePixelRatio || 1;
  if (Number(canvas.dataset.width) !== width || Number(canvas.dataset.height) !== height) {
    canvas.dataset.width = width;
    canvas.dataset.height = height;
    canvas.style.width = `${width}px`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  return { context, width, height };
}

/** A step as the records show it, `+3.16e-6`, as Rust's `{:+.2e}` writes it; `-` for none. */
function formatStep(step) {
  if (step === undefined) return "-";
  return `${step >= 0 ? "+" : ""}${step.toExponential(2).replace("e+", "e")}`;
}

/**
 * The network, as `stacknet --svg` draws it: each node a circle or its surface, each weight (and
 * each bias that learns) a record of its name, its value and the step the last epoch added to
 * it, on a line from the node it weighs to the node it feeds, green when positive and purple when
 * negative, as wide as the weight is large.
 */
function drawNetwork(surfaces) {
  const canvas = byId("network");
  const hidden = settings.hidden;
  const biases = settings.biases;
  const cells = net.grid * net.grid;
  const [wh, bh, wz, bz] = ["Wh", "bh", "Wz", "bz"].map((name) => net.numbers(name));
  const [whStep, bhStep, wzStep, bzStep] = ["Wh_step", "bh_step", "Wz_step", "bz_step"].map((name) => net.numbers(name));
  const largest = [...wh, ...wz, ...(biases ? [...bh, ...bz] : [])].reduce((m, w) => Math.max(m, Math.abs(w)), 0) || 1;
  const recordWidth = RECORD_CELLS.reduce((sum, cell) => sum + cell, 0);
  const perUnit = 2 + (biases ? 1 : 0);
  const group = perUnit * RECORD_PITCH + UNIT_GAP;
  const top = 26;
  const recordsBottom = top + hidden * group - UNIT_GAP;
  const side = Math.min(44, group - 8);
  const outputSide = 60;
  const inputX = 20;
  const hiddenRecordsX = inputX + 70;
  const hiddenX = hiddenRecordsX + recordWidth + 56;
  const outputRecordsX = hiddenX + side / 2 + 40;
  const outputX = outputRecordsX + recordWidth + 46 + outputSide / 2;
  const hiddenY = (unit) => top + unit * group + (perUnit * RECORD_PITCH - (RECORD_PITCH - RECORD_HEIGHT)) / 2;
  const hiddenBiasY = recordsBottom + 22;
  const lastNodeY = biases ? hiddenBiasY : hiddenY(hidden - 1);
  const outputY = (hiddenY(0) + lastNodeY) / 2;
  const inputs = biases ? 3 : 2;
  const inputY = (input) => top + ((recordsBottom - top) * (input + 1)) / (inputs + 1);
  const height = Math.max(recordsBottom, lastNodeY + 14, outputY + outputSide / 2) + 30;
  const { context } = contextOf(canvas, undefined, height);

  const line = (points, weight) => {
    context.strokeStyle = weight >= 0 ? POSITIVE_WEIGHT : NEGATIVE_WEIGHT;
    context.lineWidth = 0.75 + (4.5 * Math.abs(weight)) / largest;
    context.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
    context.stroke();
  };
  // Each record: [name, value, step, from (x, y), to (x, y), top left (x, y)].
  const records = [];
  for (let unit = 0; unit < hidden; unit++) {
    const to = [hiddenX - side / 2, hiddenY(unit)];
    for (let input = 0; input < perUnit; input++) {
      const at = [hiddenRecordsX, top + unit * group + input * RECORD_PITCH];
      const from = [inputX + 14, inputY(input)];
      if (input < 2) {
        const index = input * hidden + unit;
        records.push([`Wh[${input},${unit}]`, wh[index], whStep[index], from, to, at]);
      } else {
        records.push([`bh[0,${unit}]`, bh[unit], bhStep[unit], from, to, at]);
      }
    }
  }
  const outputEnd = [outputX - outputSide / 2, outputY];
  for (let unit = 0; unit < hidden; unit++) {
    const at = [outputRecordsX, hiddenY(unit) - RECORD_HEIGHT / 2];
    records.push([`Wz[${unit},0]`, wz[unit], wzStep[unit], [hiddenX + side / 2, hiddenY(unit)], outputEnd, at]);
  }
  if (biases) {
    const at = [outputRecordsX, hiddenBiasY - RECORD_HEIGHT / 2];
    records.push(["bz[0,0]", bz[0], bzStep[0], [hiddenX + 14, hiddenBiasY], outputEnd, at]);
  }
  for (const [, value, , from, to, [x, y]] of records) {
    const middle = y + RECORD_HEIGHT / 2;
    line([from, [x, middle], [x + recordWidth, middle], to], value);
  }
  context.textBaseline = "middle";
  recordsDrawn = records.map(([name, value, step, , , [x, y]]) => {
    const texts = [name, formatValue(value, 2), formatStep(step)];
    context.fillStyle = "#fff";
    context.fillRect(x, y, recordWidth, RECORD_HEIGHT);
    context.strokeStyle = FRAME;
    context.lineWidth = 1;
    context.strokeRect(x, y, recordWidth, RECORD_HEIGHT);
    let cellX = x;
    texts.forEach((text, index) => {
      if (index > 0) {
        context.beginPath();
        context.moveTo(cellX, y);
        context.lineTo(cellX, y + RECORD_HEIGHT);
        context.stroke();
      }
      context.font = "11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      context.textAlign = "center";
      context.fillStyle = index === 1 ? (value >= 0 ? POSITIVE_WEIGHT : NEGATIVE_WEIGHT) : INK;
      context.fillText(text, cellX + RECORD_CELLS[index] / 2, y + RECORD_HEIGHT / 2 + 0.5);
      cellX += RECORD_CELLS[index];
    });
    return texts;
  });
  // The nodes: the inputs (and a bias's 1), each hidden unit as its surface, the output's.
  context.font = "12px system-ui, sans-serif";
  context.textAlign = "center";
  const circle = (x, y, name) => {
    context.fillStyle = "#fff";
    context.strokeStyle = MUTED;
    context.lineWidth = 1.5;
    context.beginPath();
    context.arc(x, y, 14, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
    context.fillStyle = INK;
    context.fillText(name, x, y);
  };
  for (let input = 0; input < inputs; input++) circle(inputX, inputY(input), input < 2 ? `x${input}` : "1");
  if (biases) circle(hiddenX, hiddenBiasY, "1");
  for (let unit = 0; unit < hidden; unit++) {
    const values = surfaces.hidden.subarray(unit * cells, (unit + 1) * cells);
    const image = surfaceImage(`hidden-${unit}`, values, scaleFor(settings.hiddenActivation, values));
    const [x, y] = [hiddenX - side / 2, hiddenY(unit) - side / 2];
    context.drawImage(image, x, y, side, side);
    context.strokeStyle = MUTED;
    context.lineWidth = 1;
    context.strokeRect(x, y, side, side);
    context.fillStyle = INK;
    context.textAlign = "left";
    context.fillText(`h${unit}`, hiddenX + side / 2 + 3, hiddenY(unit) - side / 2 + 6);
    context.textAlign = "center";
  }
  const output = surfaceImage("output-small", surfaces.output, (v) => v);
  context.drawImage(output, outputX - outputSide / 2, outputY - outputSide / 2, outputSide, outputSide);
  context.strokeStyle = MUTED;
  context.strokeRect(outputX - outputSide / 2, outputY - outputSide / 2, outputSide, outputSide);
  context.fillStyle = INK;
  context.fillText("Z", outputX + outputSide / 2 + 10, outputY);
  // Column headings, and a caption at the bottom.
  context.fillStyle = MUTED;
  for (const [x, names] of [[hiddenRecordsX, ["Wh", "value", "step"]], [outputRecordsX, ["Wz", "value", "step"]]]) {
    let cellX = x;
    names.forEach((name, index) => {
      context.fillText(name, cellX + RECORD_CELLS[index] / 2, 10);
      cellX += RECORD_CELLS[index];
    });
  }
  context.textAlign = "left";
  const epoch = net.wasm.epoch();
  context.fillText(epoch === 0
    ? "step: what the last epoch adds to each weight, once there is one"
    : `step: what epoch ${epoch.toLocaleString("en-US")} added to each weight (X.T.dot(dH) to Wh, H.T.dot(dZ) to Wz)`,
  inputX - 6, height - 10);
  hiddenUnitsDrawn = hidden;
  canvas.setAttribute("aria-label", `the network: ${records.map(([name, value]) => `${name} ${formatValue(value, 2)}`).join(", ")}`);
}

function drawSurface(values) {
  const { context, width, height } = contextOf(byId("surface"));
  const margin = 22;
  const side = Math.min(width, height) - 2 * margin;
  const left = margin + 4;
  const top = 8;
  context.drawImage(surfaceImage("output", values, (v) => v), left, top, side, side);
  context.strokeStyle = "#5f6b76";
  context.lineWidth = 1;
  context.strokeRect(left, top, side, side);
  // The truth table's rows at their corners: x0 to the right, x1 up.
  const targets = net.targets();
  const corners = [[0, 0], [0, 1], [1, 0], [1, 1]];
  context.font = "bold 12px system-ui, sans-serif";
  context.textAlign = "center";
  context.textBaseline = "middle";
  corners.forEach(([x0, x1], row) => {
    const x = left + x0 * side;
    const y = top + (1 - x1) * side;
    context.fillStyle = `rgb(${targets[row] >= 0.5 ? BLUE : ORANGE})`;
    context.strokeStyle = "#fff";
    context.lineWidth = 2;
    context.beginPath();
    context.arc(x, y, 10, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
    context.fillStyle = "#fff";
    context.fillText(String(targets[row]), x, y + 0.5);
  });
  context.font = "12px system-ui, sans-serif";
  context.fillStyle = "#5f6b76";
  context.fillText("x0 →", left + side / 2, top + side + 14);
  context.save();
  context.translate(left - 14, top + side / 2);
  context.rotate(-Math.PI / 2);
  context.fillText("x1 →", 0, 0);
  context.restore();
}

/** The current run's loss curve as `[epoch, loss]` points, leaving out losses beyond a double. */
function lossPoints() {
  const history = net.lossHistory();
  const points = [];
  for (let i = 0; i < history.length; i += 2) {
    if (Number.isFinite(history[i + 1])) points.push([history[i], Math.max(history[i + 1], LOSS_FLOOR)]);
  }
  return points;
}

/** A decade's label: 1, 10, 100, 1,000... for epochs; 1, 1e-1, 1e-2... for losses. */
const epochLabel = (decade) => (10 ** decade).toLocaleString("en-US");
const lossLabel = (decade) => (decade === 0 ? "1" : `1e${decade}`);

/**
 * The loss against the epoch, both on log scales, as `stacknet --plot` draws it: a loss falling
 * like a power of the epoch is a straight line, such as the dashed 1/t through the last loss;
 * the previous network's curve in grey beside it.
 */
function drawLoss() {
  const canvas = byId("loss-curve");
  const { context, width, height } = contextOf(canvas);
  const [left, right, top, bottom] = [52, 14, 10, 34];
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  context.font = "11px system-ui, sans-serif";
  context.fillStyle = MUTED;
  context.strokeStyle = "#d9dee3";
  context.lineWidth = 1;
  context.strokeRect(left, top, plotWidth, plotHeight);
  const points = lossPoints();
  lossTicksDrawn = { epochs: [], losses: [] };
  if (points.length < 2) {
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText("the loss of each epoch appears here", left + plotWidth / 2, top + plotHeight / 2);
    return;
  }
  // One pair of axes for both curves: epochs from 1, losses over whole decades.
  const both = previousRun ? [...points, ...previousRun.points] : points;
  const lastEpoch = Math.max(...both.map(([epoch]) => epoch));
  const end = Math.max(1, Math.log10(lastEpoch));
  const logs = both.map(([, loss]) => Math.log10(loss));
  const low = Math.floor(Math.min(...logs));
  let high = Math.ceil(Math.max(...logs));
  if (high === low) high += 1;
  const x = (epoch) => left + (plotWidth * Math.log10(epoch)) / end;
  const y = (log) => top + (plotHeight * (high - log)) / (high - low);
  // A gridline and a label at each decade: every one, or fewer when there are many.
  const every = [1, 2, 5, 10, 20, 50, 100].find((k) => (high - low) / k <= 6) || 100;
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (let decade = high; decade >= low; decade -= every) {
    context.beginPath();
    context.moveTo(left, y(decade));
    context.lineTo(left + plotWidth, y(decade));
    context.stroke();
    context.fillText(lossLabel(decade), left - 6, y(decade));
    lossTicksDrawn.losses.push(lossLabel(decade));
  }
  context.textAlign = "center";
  context.textBaseline = "top";
  for (let decade = 0; decade <= Math.floor(end); decade++) {
    context.beginPath();
    context.moveTo(x(10 ** decade), top);
    context.lineTo(x(10 ** decade), top + plotHeight);
    context.stroke();
    context.fillText(epochLabel(decade), x(10 ** decade), top + plotHeight + 4);
    lossTicksDrawn.epochs.push(epochLabel(decade));
  }
  context.fillText("epoch", left + plotWidth / 2, top + plotHeight + 18);
  const curve = (curvePoints, colour, lineWidth, dashes = []) => {
    context.strokeStyle = colour;
    context.lineWidth = lineWidth;
    context.setLineDash(dashes);
    context.beginPath();
    curvePoints.forEach(([epoch, loss], i) => {
      const at = [x(epoch), y(Math.log10(loss))];
      if (i === 0) context.moveTo(...at);
      else context.lineTo(...at);
    });
    context.stroke();
    context.setLineDash([]);
  };
  if (previousRun) {
    curve(previousRun.points, "#b7c0c8", 1.5);
    context.textAlign = "right";
    context.fillStyle = "#8a949e";
    context.fillText(`grey: the network before, ${previousRun.label}`, left + plotWidth - 6, top + 4);
  }
  // 1/t through the last loss: back to where it leaves the plot at the top or the left.
  const [lastX, lastLoss] = points[points.length - 1];
  const startEpoch = Math.max(1, (lastX * lastLoss) / 10 ** high);
  curve([[startEpoch, (lastX * lastLoss) / startEpoch], [lastX, lastLoss]], MUTED, 1.2, [6, 4]);
  curve(points, INK, 1.5);
}

// ---- tests: #test=STEP;STEP;... ----

/** What the page shows now, for tests/wasm/check_page.mjs. */
function record(label) {
  const zCard = document.querySelector('#lines [data-quantity="Z"] pre');
  return {
    label,
    epoch: byId("epoch").textContent,
    status: byId("status").textContent,
    warning: byId("status").classList.contains("warning"),
    rateMessage: byId("rate-message").textContent,
    seedMessage: byId("seed-message").textContent,
    playing,
    playDisabled: buttons.play.disabled,
    settings: Object.fromEntries(Object.entries(controls).map(([name, control]) =>
      [name, control.type === "checkbox" ? control.checked : control.value])),
    Z: Array.from(net.numbers("Z")),
    Wh: Array.from(net.numbers("Wh")),
    shownZ: zCard ? zCard.textContent : null,
    lines: [...document.querySelectorAll("#lines code")].map((code) => code.firstChild.textContent),
    hiddenUnitsDrawn,
    steps: Object.fromEntries(["Wh_step", "bh_step", "Wz_step", "bz_step"].map((name) => [name, Array.from(net.numbers(name))])),
    records: recordsDrawn,
    lossTicks: lossTicksDrawn,
    previousRun: previousRun && previousRun.label,
    truthHeader: [...document.querySelectorAll(".truth th")].map((cell) => cell.textContent),
    notANumberShown: /\b(nan|inf|infinity)\b/i.test(document.querySelector("main").innerText),
  };
}

const nextFrame = () => new Promise((resolve) => requestFrame(resolve));

/**
 * Runs test steps: set:ID=VALUE (a control, as a person would change it), click:ID,
 * train:EPOCHS, frames:N (let N animation frames pass), record:LABEL.
 */
async function runTest(steps) {
  const results = [];
  for (const step of steps.split(";").filter(Boolean)) {
    const [command, argument = ""] = step.split(/:(.*)/s);
    if (command === "set") {
      const [id, value] = argument.split(/=(.*)/s);
      const control = byId(id);
      if (control.type === "checkbox") control.checked = value === "on";
      else control.value = value;
      control.dispatchEvent(new Event(control.type === "range" ? "input" : "change", { bubbles: true }));
    } else if (command === "click") {
      byId(argument).click();
    } else if (command === "train") {
      trainEpochs(Number(argument));
    } else if (command === "frames") {
      for (let n = 0; n < Number(argument); n++) await nextFrame();
    } else if (command === "record") {
      results.push(record(argument));
    } else {
      throw new Error(`unknown test step ${step}`);
    }
  }
  return results;
}

function writeTestResults(results) {
  const output = byId("test-results");
  output.textContent = JSON.stringify(results);
  output.dataset.done = "yes";
}

// ---- start ----

function fillSelect(select, names, chosen) {
  select.replaceChildren(...names.map((name) => new Option(name, name, false, name === chosen)));
}

/**
 * The module, compiled at once where the browser allows it (Chromium does up to 8 MB on the main
 * thread), so that a headless test run does not race the compiler; otherwise in the background.
 */
async function instantiate(bytes) {
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(bytes));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return (await WebAssembly.instantiate(bytes)).instance;
  }
}

async function start() {
  const base64 = byId("module").textContent.replace(/\s+/g, "");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  net = new Stacknet(await instantiate(bytes));
  // The menus come from the module, which takes the library's names.
  fillSelect(controls.program, net.names(LIST.programs), "classic");
  fillSelect(controls.hiddenActivation, net.names(LIST.activations), "sigmoid");
  fillSelect(controls.outputActivation, net.names(LIST.activations), "sigmoid");
  fillSelect(controls.task, net.names(LIST.tasks), "xor");

  controls.program.addEventListener("change", onProgramChange);
  controls.rate.addEventListener("change", onRateChange);
  controls.hidden.addEventListener("input", resetNetwork);
  for (const name of ["hiddenActivation", "outputActivation", "biases", "task", "seed"]) {
    controls[name].addEventListener("change", resetNetwork);
  }
  // The next frame reads the new speed; only the status changes now.
  controls.speed.addEventListener("change", () => {
    if (playing) showStatus(`training, ${controls.speed.value} epochs per frame`);
  });
  buttons.play.addEventListener("click", () => (playing ? (pause(), showStatus("paused")) : play()));
  buttons.step.addEventListener("click", () => {
    pause();
    trainEpochs(1);
  });
  buttons.reset.addEventListener("click", resetNetwork);
  buttons.newSeed.addEventListener("click", () => {
    controls.seed.value = String(crypto.getRandomValues(new BigUint64Array(1))[0]);
    resetNetwork();
  });
  // The loss curve and the network take the width of their panels.
  for (const id of ["loss-curve", "network"]) {
    const canvas = byId(id);
    canvas.width = Math.max(300, canvas.parentElement.clientWidth - 26);
  }
  resetNetwork();

  const test = /^#test=(.*)$/s.exec(fragment());
  if (test) writeTestResults(await runTest(test[1]));
}

start().catch((error) => {
  showStatus(`the page failed: ${error}`, true);
  writeTestResults([{ error: String(error && error.stack || error) }]);
});
