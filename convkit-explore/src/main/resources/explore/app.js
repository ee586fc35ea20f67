// convkit explore: state, controls and animation. Every number shown comes from the server's
// answer (/api/run, /api/network); this file only lays them out and steps through them.
import { fmt, renderMatrix, cellAt, clearMarks, mark, drawWindow, clearOverlay, smallTable } from './matrix.js';

const $ = (id) => document.getElementById(id);
const PARAM_CONTROLS = ['stride', 'padding', 'dilation', 'output_padding', 'padding_mode', 'ceil_mode',
  'count_include_pad', 'divisor_override', 'norm_type', 'output_size', 'seed'];
const TEXT_CONTROLS = ['stride', 'padding', 'dilation', 'output_padding', 'divisor_override', 'output_size'];
const P_INFINITY = 9; // the slider's last stop stands for p = ∞

const state = {
  catalogue: null,
  input: null,
  weight: null,
  grad: null, // null: ones
  answer: null,
  step: 0,
  timer: null,
  explain: null,
  seq: 0,
  planSeq: 0,
  saved: {},
  lastOp: null,
};

// ---------- server ----------

async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let data;
  try {
    data = await res.json();
  } catch (e) {
    data = { error: `the server answered ${res.status} without JSON` };
  }
  if (!res.ok) {
    const err = new Error(data.error || `HTTP ${res.status}`);
    err.field = data.field;
    throw err;
  }
  return data;
}

// ---------- input presets ----------

function sizeOf() {
  const clamp = (v) => Math.max(1, Math.min(64, Math.round(Number(v) || 1)));
  return [clamp($('rows').value), clamp($('cols').value)];
}

function makePreset(name, rows, cols) {
  const m = [];
  for (let r = 0; r < rows; r++) {
    const row = [];
    for (let c = 0; c < cols; c++) {
      const ex = state.catalogue.exercise.input;
      switch (name) {
        case 'exercise': row.push(r < ex.length && c < ex[0].length ? ex[r][c] : 0); break;
        case 'ones': row.push(1); break;
        case 'random': row.push(Math.floor(Math.random() * 10)); break;
        case 'checkerboard': row.push((r + c) % 2 === 0 ? 1 : 0); break;
        default: row.push(state.input && r < state.input.length && c < state.input[0].length ? state.input[r][c] : 0);
      }
    }
    m.push(row);
  }
  return m;
}

function applyPreset() {
  const name = $('preset').value;
  $('upload-label').hidden = name !== 'upload';
  $('upload-preview').hidden = name !== 'upload';
  if (name === 'upload') {
    if (!$('upload').files.length) return;
    loadPicture($('upload').files[0]);
    return;
  }
  if (name === 'exercise') {
    $('rows').value = 5; $('cols').value = 5;
  }
  const [rows, cols] = sizeOf();
  state.input = makePreset(name, rows, cols);
  schedule();
}

function loadPicture(file) {
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.onload = () => {
    const scale = Math.min(1, 64 / Math.max(img.width, img.height));
    const w = Math.max(1, Math.round(img.width * scale));
    const h = Math.max(1, Math.round(img.height * scale));
    const canvas = $('upload-preview');
    canvas.width = w; canvas.height = h;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0, w, h);
    const px = g.getImageData(0, 0, w, h);
    const m = [];
    for (let r = 0; r < h; r++) {
      const row = [];
      for (let c = 0; c < w; c++) {
        const i = (r * w + c) * 4;
        row.push(Math.round(0.299 * px.data[i] + 0.587 * px.data[i + 1] + 0.114 * px.data[i + 2]));
      }
      m.push(row);
    }
    // show it in grey, as the op sees it
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      const i = (r * w + c) * 4;
      px.data[i] = px.data[i + 1] = px.data[i + 2] = m[r][c];
    }
    g.putImageData(px, 0, 0);
    URL.revokeObjectURL(url);
    $('rows').value = h; $('cols').value = w;
    state.input = m;
    schedule();
  };
  img.onerror = () => showError('input', 'the picture could not be read as an image');
  img.src = url;
}

function resizeKernel() {
  const clamp = (v) => Math.max(1, Math.min(15, Math.round(Number(v) || 1)));
  const kr = clamp($('krows').value);
  const kc = clamp($('kcols').value);
  const old = state.weight;
  state.weight = [];
  for (let r = 0; r < kr; r++) {
    const row = [];
    for (let c = 0; c < kc; c++) row.push(old && r < old.length && c < old[0].length ? old[r][c] : 0);
    state.weight.push(row);
  }
}

// ---------- the request ----------

/** A control's text as JSON: 2 → 2, "1,2" → [1, 2], words stay words; the server judges them. */
function parseValue(text) {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) return Number(t);
  const parts = t.split(/\s*[,x×]\s*/);
  if (parts.length > 1 && parts.every((p) => /^[-+]?\d+(\.\d+)?$/.test(p))) return parts.map(Number);
  if (t.toLowerCase() === 'none') return null;
  return t;
}

function currentOp() {
  return state.catalogue.ops.find((o) => o.name === $('op').value);
}

function pValue() {
  const v = Number($('ctl-norm_type').value);
  return v >= P_INFINITY ? 'inf' : v;
}

function requestParams(op) {
  const names = new Set(op.params.map((p) => p.name));
  const params = {};
  if (names.has('kernel_size')) params.kernel_size = [Number($('krows').value), Number($('kcols').value)];
  for (const name of ['stride', 'padding', 'dilation', 'output_padding', 'divisor_override', 'output_size']) {
    if (!names.has(name)) continue;
    const v = parseValue($('ctl-' + name).value);
    if (v !== undefined) params[name] = v;
  }
  if (names.has('padding_mode') && $('ctl-padding_mode').value !== 'zeros') params.padding_mode = $('ctl-padding_mode').value;
  if (names.has('ceil_mode') && $('ctl-ceil_mode').checked) params.ceil_mode = true;
  if (names.has('count_include_pad') && !$('ctl-count_include_pad').checked) params.count_include_pad = false;
  if (names.has('norm_type')) params.norm_type = pValue();
  if (names.has('seed')) {
    const s = parseValue($('ctl-seed').value);
    if (s !== undefined) params.seed = s;
  }
  return params;
}

function buildRequest() {
  const op = currentOp();
  const req = { op: op.name, params: requestParams(op), input: state.input };
  if (op.params.some((p) => p.name === 'groups')) req.weight = state.weight;
  req.grad_output = state.grad || 'ones';
  if (state.explain && $('backward').checked) req.explain = state.explain;
  return req;
}

let pending = null;
function schedule() {
  clearTimeout(pending);
  pending = setTimeout(run, 80);
}

async function run() {
  const seq = ++state.seq;
  document.body.dataset.state = 'busy';
  $('status').textContent = 'computing…';
  let answer;
  const t0 = performance.now();
  try {
    answer = await post('/api/run', buildRequest());
  } catch (e) {
    if (seq !== state.seq) return;
    if (e.field === 'grad_output' && state.grad) {
      // the output changed shape: the edited gradient no longer fits, start again from ones
      state.grad = null;
      schedule();
      return;
    }
    if (e.field === 'explain' && state.explain) {
      // the picked cell is outside a new input: drop it and answer without it
      state.explain = null;
      schedule();
      return;
    }
    showError(e.field, e.message);
    $('status').textContent = 'error: the page keeps the last good result';
    document.body.dataset.state = 'error';
    document.body.dataset.seq = seq;
    return;
  }
  if (seq !== state.seq) return;
  clearErrors();
  state.answer = answer;
  const total = frames();
  if (state.step >= total) state.step = 0;
  const t1 = performance.now();
  draw();
  // how long the answer and the drawing took, for the tests and the curious
  document.body.dataset.timing = `${Math.round(t1 - t0)} ms answer, ${Math.round(performance.now() - t1)} ms drawing`;
  $('status').textContent = 'ready';
  document.body.dataset.state = 'ready';
  document.body.dataset.seq = seq;
}

// ---------- errors ----------

function clearErrors() {
  for (const el of document.querySelectorAll('.err')) el.textContent = '';
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

function showError(field, message) {
  clearErrors();
  const target = field && $('err-' + field) ? $('err-' + field) : $('err-general');
  target.textContent = message;
  const control = field && ($('ctl-' + field) || (field === 'weight' ? $('krows') : field === 'kernel_size' ? $('krows') : null));
  if (control) control.setAttribute('aria-invalid', 'true');
}

// ---------- drawing ----------

function isConv(a) { return a.op === 'conv2d'; }
function isTransposed(a) { return a.op === 'conv_transpose2d'; }

function frames() {
  const a = state.answer;
  if (!a) return 0;
  if (isTransposed(a)) return a.input.length * a.input[0].length;
  return a.output.length * a.output[0].length;
}

function inputPad(a) {
  if (isConv(a)) return [a.pad_left[0], a.pad_left[1], a.pad_right[0], a.pad_right[1]];
  if (a.padding) return [a.padding[0], a.padding[1], a.padding[0], a.padding[1]];
  return [0, 0, 0, 0];
}

function draw() {
  const a = state.answer;
  const op = currentOp();
  $('op-summary').textContent = `${a.op}: ${a.summary}`;
  const pad = inputPad(a);
  const mode = a.padding_mode || 'zeros';
  renderMatrix($('input'), a.input, {
    pad,
    label: 'input',
    editable: a.input.length * a.input[0].length <= 256,
    onEdit: editInput,
    onClick: (r, c) => { if ($('backward').checked) pickCell(r, c); },
    padValue: (r, c) => {
      if (!isConv(a) || mode === 'zeros') return isConv(a) ? '0' : '';
      // the padded cell's source, as the server's windows name it
      const src = (axis, p) => {
        const w = a.windows[axis];
        for (let o = 0; o < w.pos.length; o++) {
          const j = w.pos[o].indexOf(p);
          if (j >= 0) return w.src[o][j];
        }
        return -1;
      };
      const sr = r >= 0 && r < a.input.length ? r : src('rows', r);
      const sc = c >= 0 && c < a.input[0].length ? c : src('cols', c);
      return sr >= 0 && sc >= 0 ? fmt(a.input[sr][sc]) : '';
    },
  });
  $('input-shape').textContent = `${a.input.length}×${a.input[0].length}`;
  const hasWeight = !!a.weight;
  $('kernel-figure').hidden = !hasWeight;
  $('kernel-controls').querySelector('[data-for=weight]').hidden = !hasWeight;
  if (hasWeight) {
    renderMatrix($('kernel'), a.weight, { label: 'kernel', editable: true, onEdit: editKernel });
  }
  renderMatrix($('output'), a.output, { label: 'output' });
  $('output-shape').textContent = `${a.output.length}×${a.output[0].length}`;
  // the formula and what the floor leaves unread
  const formula = $('formula');
  formula.textContent = '';
  for (const f of a.formula || []) {
    const p = document.createElement('p');
    p.textContent = f.text + (f.unread ? ` — ${f.unread.text}` : '');
    p.className = 'formula-line';
    p.dataset.axis = f.axis;
    formula.appendChild(p);
    if (f.unread) {
      const cells = [];
      for (let i = f.unread.from; i <= f.unread.to; i++) {
        if (f.axis === 'H') for (let c = 0; c < a.input[0].length; c++) cells.push([i, c]);
        else for (let r = 0; r < a.input.length; r++) cells.push([r, i]);
      }
      mark($('input'), cells, 'unread');
    }
  }
  drawDetail(a);
  drawBackward(a);
  drawCode(a);
  $('scrub').max = Math.max(0, frames() - 1);
  $('scrub').value = state.step;
  showStep();
}

function editInput(r, c, text, td) {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) {
    td.classList.add('bad');
    showError('input', `input: entry (${r},${c}) must be a number, got "${text}"`);
    return;
  }
  if (state.input[r][c] !== v) {
    state.input[r][c] = v;
    $('preset').value = 'exercise' === $('preset').value ? 'exercise' : $('preset').value;
    schedule();
  }
}

function editKernel(r, c, text, td) {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) {
    td.classList.add('bad');
    showError('weight', `weight: entry (${r},${c}) must be a number, got "${text}"`);
    return;
  }
  if (state.weight[r][c] !== v) {
    state.weight[r][c] = v;
    $('named-kernel').value = '';
    schedule();
  }
}

function editGrad(r, c, text, td) {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) {
    td.classList.add('bad');
    showError('grad_output', `grad_output: entry (${r},${c}) must be a number, got "${text}"`);
    return;
  }
  const g = state.grad || state.answer.gradients.output.map((row) => row.slice());
  if (g[r][c] !== v) {
    g[r][c] = v;
    state.grad = g;
    schedule();
  }
}

// ---------- animation ----------

function showStep() {
  const a = state.answer;
  const n = frames();
  if (!a || !n) return;
  const t = Math.min(state.step, n - 1);
  clearMarks($('output'), 'cur');
  clearMarks($('input'), 'cur');
  const text = [];
  if (isTransposed(a)) {
    const w = a.input[0].length;
    const ih = Math.floor(t / w), iw = t % w;
    const kh = a.weight.length, kw = a.weight[0].length;
    const targets = [];
    const parts = [];
    const base = t * kh * kw;
    for (let jh = 0; jh < kh; jh++) for (let jw = 0; jw < kw; jw++) {
      const oh = a.stamps.rows[ih][jh], ow = a.stamps.cols[iw][jw];
      const p = fmt(a.products[base + jh * kw + jw]);
      if (oh >= 0 && ow >= 0) {
        targets.push([oh, ow]);
        parts.push(`C[${oh},${ow}] += ${p}`);
      } else {
        parts.push(`(${p} cropped by the padding)`);
      }
    }
    mark($('input'), [[ih, iw]], 'cur');
    drawWindow($('input-overlay'), $('input'), [[ih, iw]], '#1f6feb');
    drawWindow($('output-overlay'), $('output'), targets, '#d1242f');
    drawWindow($('kernel-overlay'), $('kernel'), allCells(a.weight), '#1f6feb');
    $('cell-label').textContent = `input cell (${ih},${iw}) of ${n}`;
    $('products').textContent = `A[${ih},${iw}] = ${fmt(a.input[ih][iw])} stamps ${fmt(a.input[ih][iw])}·K `
      + `(stride ${a.stride.join('×')}, output_padding ${a.output_padding.join('×')}): ${parts.join(', ')}`;
    return;
  }
  const ow = a.output[0].length;
  const oh = Math.floor(t / ow), oc = t % ow;
  mark($('output'), [[oh, oc]], 'cur');
  drawWindow($('output-overlay'), $('output'), [[oh, oc]], '#d1242f');
  $('cell-label').textContent = `output cell (${oh},${oc}), ${t + 1} of ${n}`;
  const value = a.output[oh][oc];
  if (isConv(a)) {
    const kh = a.weight.length, kw = a.weight[0].length;
    const cells = [];
    const terms = [];
    const products = [];
    const base = t * kh * kw;
    for (let jh = 0; jh < kh; jh++) for (let jw = 0; jw < kw; jw++) {
      cells.push([a.windows.rows.pos[oh][jh], a.windows.cols.pos[oc][jw]]);
      // the value the tap reads: the input cell the server names (-1: a zero of the padding)
      const sr = a.windows.rows.src[oh][jh], sc = a.windows.cols.src[oc][jw];
      const x = sr < 0 || sc < 0 ? 0 : a.input[sr][sc];
      terms.push(`${fmt(x)}·${fmt(a.weight[jh][jw])}`);
      products.push(fmt(a.products[base + jh * kw + jw]));
    }
    drawWindow($('input-overlay'), $('input'), cells, '#1f6feb');
    drawWindow($('kernel-overlay'), $('kernel'), allCells(a.weight), '#1f6feb');
    text.push(`C[${oh},${oc}] = ${terms.join(' + ')}`);
    text.push(`= ${products.join(' + ')}`);
    text.push(`= ${fmt(value)}`);
    $('products').textContent = text.join(' ');
    return;
  }
  const cells = [];
  const values = [];
  for (const r of a.windows.rows[oh]) for (const c of a.windows.cols[oc]) {
    cells.push([r, c]);
    values.push(fmt(a.input[r][c]));
  }
  drawWindow($('input-overlay'), $('input'), cells, '#1f6feb');
  const name = a.op.replace('2d', '');
  let line;
  if (a.divisors) {
    const d = a.divisors[t];
    line = `C[${oh},${oc}] = (${values.join(' + ')}) / ${fmt(d)} = ${fmt(value)}  (divisor ${fmt(d)}: `
      + divisorWhy(a, oh, oc) + ')';
  } else if (a.op === 'lp_pool2d') {
    const p = a.lp.p;
    line = p === 'inf'
      ? `C[${oh},${oc}] = max |x| over (${values.join(', ')}) = ${fmt(value)}`
      : `C[${oh},${oc}] = (${values.map((v) => `${v}^${fmt(p)}`).join(' + ')})^(1/${fmt(p)}) = ${fmt(value)}`;
  } else {
    const am = a.argmax ? a.argmax[t] : null;
    line = `C[${oh},${oc}] = max(${values.join(', ')}) = ${fmt(value)}` + (am ? `, argmax at input (${am[0]},${am[1]})` : '');
    if (am) mark($('input'), [am], 'cur');
  }
  $('products').textContent = `${name}: ${line}`;
}

function divisorWhy(a, oh, oc) {
  const p = currentParams();
  if (p.divisor_override !== undefined && p.divisor_override !== null) return 'divisor_override';
  return p.count_include_pad === false
    ? 'count_include_pad=False: only the input cells the window reads'
    : `count_include_pad=True: the window's ${a.windows.row_extent[oh]}×${a.windows.col_extent[oc]} cells inside the padded input`;
}

function currentParams() {
  return requestParams(currentOp());
}

function allCells(m) {
  const out = [];
  for (let r = 0; r < m.length; r++) for (let c = 0; c < m[0].length; c++) out.push([r, c]);
  return out;
}

function setStep(t) {
  const n = frames();
  if (!n) return;
  state.step = ((t % n) + n) % n;
  $('scrub').value = state.step;
  showStep();
}

function togglePlay() {
  if (state.timer) {
    clearInterval(state.timer);
    state.timer = null;
    $('play').textContent = 'Play';
    $('play').setAttribute('aria-pressed', 'false');
  } else {
    state.timer = setInterval(() => setStep(state.step + 1), 700);
    $('play').textContent = 'Pause';
    $('play').setAttribute('aria-pressed', 'true');
  }
}

// ---------- op-specific detail ----------

function para(text, cls) {
  const p = document.createElement('p');
  p.textContent = text;
  if (cls) p.className = cls;
  return p;
}

function reshape(flat, rows, cols) {
  const m = [];
  for (let r = 0; r < rows; r++) m.push(flat.slice(r * cols, (r + 1) * cols));
  return m;
}

function drawDetail(a) {
  const d = $('detail');
  d.textContent = '';
  const oh = a.output.length, ow = a.output[0].length;
  const box = document.createElement('div');
  box.className = 'matrices';
  if (a.indices) {
    box.appendChild(smallTable(reshape(Array.from(a.indices), oh, ow), 'indices (return_indices=True), flat in the input plane'));
  }
  if (a.unpool && a.unpool.output) {
    box.appendChild(smallTable(a.unpool.output, 'max_unpool2d(C, indices): each max back at its index'));
  }
  if (a.divisors) {
    box.appendChild(smallTable(reshape(Array.from(a.divisors), oh, ow), 'divisor of each window'));
  }
  if (box.childNodes.length) d.appendChild(box);
  if (a.unpool && a.unpool.note) d.appendChild(para(a.unpool.note));
  if (a.lp) {
    const lp = a.lp;
    const sec = document.createElement('div');
    sec.id = 'lp-identities';
    sec.appendChild(para(`p = ${lp.p === 'inf' ? '∞' : fmt(lp.p)}; window size ${fmt(lp.volume)}`));
    const one = para(`p = 1: LP equals window size × average — ${lp.p1_equal ? '✓ equal' : '✗ differs'}`, lp.p1_equal ? 'ok' : 'no');
    one.id = 'identity-p1';
    one.dataset.active = String(lp.p === 1);
    const inf = para(`p = ∞: LP equals max — ${lp.inf_equal ? '✓ equal' : '✗ differs (max takes x, LP takes |x|)'}`, lp.inf_equal ? 'ok' : 'no');
    inf.id = 'identity-inf';
    inf.dataset.active = String(lp.p === 'inf');
    sec.appendChild(one);
    const row1 = document.createElement('div');
    row1.className = 'matrices';
    row1.appendChild(smallTable(lp.lp_p1, 'lp_pool2d, p = 1'));
    row1.appendChild(smallTable(lp.avg_times_volume, `${fmt(lp.volume)} × avg_pool2d`));
    sec.appendChild(row1);
    sec.appendChild(inf);
    const row2 = document.createElement('div');
    row2.className = 'matrices';
    row2.appendChild(smallTable(lp.lp_inf, 'lp_pool2d, p = ∞'));
    row2.appendChild(smallTable(lp.max, 'max_pool2d'));
    sec.appendChild(row2);
    d.appendChild(sec);
  }
  if (a.adaptive) {
    const sec = document.createElement('div');
    sec.id = 'adaptive-rule';
    for (const axis of a.adaptive) {
      sec.appendChild(para(`${axis.axis}: ${axis.rule}`));
      const ul = document.createElement('ul');
      ul.className = 'mono';
      for (const w of axis.windows) {
        const li = document.createElement('li');
        li.textContent = w.text;
        ul.appendChild(li);
      }
      sec.appendChild(ul);
    }
    d.appendChild(sec);
  }
  if (a.fractional) {
    const f = a.fractional;
    const sec = document.createElement('div');
    sec.id = 'fractional-rule';
    sec.appendChild(para(`seed ${f.seed} → samples u = (${Array.from(f.samples).map(fmt).join(', ')}) (u[0] for the width, u[1] for the height)`));
    for (const axis of f.axes) {
      sec.appendChild(para(`${axis.axis}: u = ${fmt(axis.u)}; ${axis.alpha_text}; ${axis.rule}`, 'mono'));
      const ul = document.createElement('ul');
      ul.className = 'mono';
      for (const s of axis.starts) {
        const li = document.createElement('li');
        li.textContent = s.text;
        ul.appendChild(li);
      }
      sec.appendChild(ul);
    }
    d.appendChild(sec);
  }
  if (a.argmax && !$('backward').checked) {
    mark($('input'), a.argmax, 'argmax');
  }
}

// ---------- backward ----------

function drawBackward(a) {
  const on = $('backward').checked;
  $('backward-section').hidden = !on;
  if (!on) return;
  const g = a.gradients;
  renderMatrix($('grad-output'), g.output, { label: 'dE/dOut', editable: g.output.length * g.output[0].length <= 256, onEdit: editGrad });
  renderMatrix($('grad-input'), g.input, { label: 'dE/dIn', onClick: pickCell });
  $('grad-weight-figure').hidden = !g.weight;
  if (g.weight) renderMatrix($('grad-weight'), g.weight, { label: 'dE/dK' });
  const routing = $('routing');
  routing.textContent = '';
  if (a.argmax) {
    mark($('grad-input'), a.argmax, 'argmax');
    routing.appendChild(para('Max pooling routes each output gradient to its argmax:'));
    const ul = document.createElement('ul');
    ul.className = 'mono';
    ul.id = 'routes';
    const ow = g.output[0].length;
    a.argmax.forEach(([r, c], i) => {
      const li = document.createElement('li');
      li.textContent = `dE/dOut[${Math.floor(i / ow)},${i % ow}] = ${fmt(g.output[Math.floor(i / ow)][i % ow])} → dE/dIn[${r},${c}]`;
      ul.appendChild(li);
    });
    routing.appendChild(ul);
  }
  const ex = a.explain;
  $('explain').textContent = '';
  $('explain-terms').textContent = '';
  clearOverlay($('grad-input-overlay'));
  if (!ex) return;
  const [r, c] = ex.cell;
  const name = isTransposed(a) || isConv(a) ? 'dE/dA' : 'dE/dIn';
  const sum = ex.terms.map((t) => fmt(t.product)).join('+') || '0';
  $('explain').textContent = `${name}[${r},${c}] = ${fmt(ex.value)} = ${sum}`;
  mark($('grad-input'), [[r, c]], 'picked');
  mark($('input'), [[r, c]], 'picked');
  mark($('grad-output'), ex.terms.map((t) => t.out), 'contrib');
  if (a.weight) mark($('kernel'), ex.terms.filter((t) => t.tap).map((t) => t.tap), 'contrib');
  for (const t of ex.terms) {
    const li = document.createElement('li');
    let how;
    if (t.tap) how = `dE/dOut[${t.out[0]},${t.out[1]}] = ${fmt(t.g)} × K[${t.tap[0]},${t.tap[1]}] = ${fmt(t.k)}`;
    else if (t.divisor !== undefined) how = `dE/dOut[${t.out[0]},${t.out[1]}] = ${fmt(t.g)} ÷ divisor ${fmt(t.divisor)}`;
    else if (t.argmax !== undefined) how = `dE/dOut[${t.out[0]},${t.out[1]}] = ${fmt(t.g)}, ${t.argmax ? 'this cell is the argmax' : 'another cell is the argmax'}`;
    else how = `dE/dOut[${t.out[0]},${t.out[1]}] = ${fmt(t.g)} through ∂out/∂in`;
    li.textContent = `${how} → ${fmt(t.product)}`;
    $('explain-terms').appendChild(li);
  }
}

function pickCell(r, c) {
  state.explain = [r, c];
  $('explain-row').value = r;
  $('explain-col').value = c;
  schedule();
}

// ---------- code ----------

function drawCode(a) {
  $('code-torch').textContent = a.code.torch;
  $('code-convkit').textContent = a.code.convkit;
  $('code-files').textContent = a.code.files;
}

// ---------- network planner ----------

async function plan() {
  // a slower, older answer (the start-up plan, a quick second choice) must not overwrite a newer one
  const seq = ++state.planSeq;
  $('err-model').textContent = '';
  const input = $('model-input').value.split(/\s*[,x×]\s*/).map(Number);
  try {
    const p = await post('/api/network', { spec: $('model-spec').value.trim(), input });
    if (seq !== state.planSeq) return;
    const t = $('model-table');
    t.textContent = '';
    const head = document.createElement('tr');
    for (const h of ['#', 'layer', 'output shape', 'receptive field', 'parameters']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    t.appendChild(head);
    p.layers.forEach((l, i) => {
      const tr = document.createElement('tr');
      const rf = l.receptive_field === null ? '—' : `${l.receptive_field}×${l.receptive_field} (jump ${l.jump})`;
      for (const v of [i + 1, l.layer, l.shape.join('×'), rf, l.parameters.toLocaleString('en')]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      t.appendChild(tr);
    });
    const tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td>total</td><td></td><td></td>';
    const td = document.createElement('td');
    td.textContent = p.parameters.toLocaleString('en');
    td.id = 'model-total';
    tr.appendChild(td);
    t.appendChild(tr);
  } catch (e) {
    if (seq !== state.planSeq) return;
    $('err-model').textContent = e.message;
  }
}

// ---------- wiring ----------

function showControls() {
  const op = currentOp();
  const names = new Set(op.params.map((p) => p.name));
  for (const label of document.querySelectorAll('[data-param]')) {
    label.hidden = !names.has(label.dataset.param);
  }
  const kernelSized = names.has('kernel_size') || names.has('groups');
  $('kernel-controls').hidden = !kernelSized;
  // each op keeps its own settings: restore this op's, or start from its defaults
  const defaults = {
    conv2d: { stride: '1', padding: '0', dilation: '1', output_padding: '' },
    conv_transpose2d: { stride: '2', padding: '0', dilation: '1', output_padding: '0' },
    max_pool2d: { stride: '1', padding: '0', dilation: '1' },
    avg_pool2d: { stride: '1', padding: '0', divisor_override: '' },
    lp_pool2d: { stride: '1', padding: '' },
    adaptive_avg_pool2d: { output_size: '2' },
    adaptive_max_pool2d: { output_size: '2' },
    fractional_max_pool2d: { output_size: '2' },
  }[op.name] || {};
  if (state.lastOp && state.lastOp !== op.name) {
    state.saved[state.lastOp] = Object.fromEntries(TEXT_CONTROLS.map((k) => [k, $('ctl-' + k).value]));
  }
  const restore = state.saved[op.name] || defaults;
  for (const k of TEXT_CONTROLS) {
    if (k in restore) $('ctl-' + k).value = restore[k];
  }
  state.lastOp = op.name;
  if (op.name.startsWith('max') || op.name.startsWith('avg') || op.name.startsWith('lp') || op.name.startsWith('fractional')) {
    if (state.lastFamily === 'conv') { $('krows').value = 2; $('kcols').value = 2; }
  } else if (state.lastFamily === 'pool' && (op.name.startsWith('conv'))) {
    $('krows').value = state.weight.length; $('kcols').value = state.weight[0].length;
  }
  state.lastFamily = op.name.startsWith('conv') ? 'conv' : 'pool';
}

async function start() {
  const res = await fetch('/api/catalogue');
  state.catalogue = await res.json();
  for (const op of state.catalogue.ops) {
    const o = document.createElement('option');
    o.value = op.name;
    o.textContent = op.name;
    $('op').appendChild(o);
  }
  for (const name of Object.keys(state.catalogue.kernels)) {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = name;
    $('named-kernel').appendChild(o);
  }
  for (const name of Object.keys(state.catalogue.models)) {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = name;
    $('model').appendChild(o);
  }
  state.input = state.catalogue.exercise.input.map((r) => r.slice());
  state.weight = state.catalogue.exercise.weight.map((r) => r.slice());
  state.lastFamily = 'conv';
  $('op').value = 'conv2d';
  showControls();

  $('op').addEventListener('change', () => { state.step = 0; showControls(); schedule(); });
  $('backward').addEventListener('change', schedule);
  $('preset').addEventListener('change', applyPreset);
  $('upload').addEventListener('change', applyPreset);
  for (const id of ['rows', 'cols']) {
    $(id).addEventListener('change', () => {
      const [rows, cols] = sizeOf();
      $('rows').value = rows; $('cols').value = cols;
      state.input = makePreset($('preset').value === 'upload' ? 'keep' : $('preset').value, rows, cols);
      state.explain = null;
      schedule();
    });
  }
  for (const id of ['krows', 'kcols']) {
    $(id).addEventListener('change', () => { resizeKernel(); schedule(); });
  }
  $('named-kernel').addEventListener('change', () => {
    const name = $('named-kernel').value;
    const k = name ? state.catalogue.kernels[name] : state.catalogue.exercise.weight;
    state.weight = k.map((r) => r.slice());
    $('krows').value = k.length; $('kcols').value = k[0].length;
    schedule();
  });
  for (const name of PARAM_CONTROLS) {
    const el = $('ctl-' + name);
    el.addEventListener(el.type === 'range' ? 'input' : 'change', schedule);
  }
  $('ctl-norm_type').addEventListener('input', () => {
    const p = pValue();
    $('p-value').textContent = p === 'inf' ? '∞' : String(p);
    $('ctl-norm_type').setAttribute('aria-valuetext', p === 'inf' ? 'infinity' : String(p));
  });
  $('play').addEventListener('click', togglePlay);
  $('step').addEventListener('click', () => setStep(state.step + 1));
  $('step-back').addEventListener('click', () => setStep(state.step - 1));
  $('scrub').addEventListener('input', () => setStep(Number($('scrub').value)));
  $('g-ones').addEventListener('click', () => { state.grad = null; schedule(); });
  $('g-random').addEventListener('click', () => {
    const o = state.answer.output;
    state.grad = o.map((row) => row.map(() => Math.floor(Math.random() * 4)));
    schedule();
  });
  $('explain-go').addEventListener('click', () => {
    pickCell(Number($('explain-row').value), Number($('explain-col').value));
  });
  for (const b of document.querySelectorAll('button.copy')) {
    b.addEventListener('click', async () => {
      const text = $(b.dataset.copy).textContent;
      try {
        await navigator.clipboard.writeText(text);
        b.textContent = 'Copied';
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents($(b.dataset.copy));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        b.textContent = 'Selected: press Ctrl+C';
      }
      setTimeout(() => { b.textContent = 'Copy'; }, 1500);
    });
  }
  $('model').addEventListener('change', () => { $('model-spec').value = state.catalogue.models[$('model').value]; plan(); });
  $('model-go').addEventListener('click', plan);
  $('model-spec').value = state.catalogue.models[$('model').value];
  plan();
  await run();
}

start().catch((e) => {
  $('err-general').textContent = 'the page could not start: ' + e.message;
  document.body.dataset.state = 'error';
});
