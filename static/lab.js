// LogitLab page behaviour that needs a script: play (streamed over a WebSocket, or step requests one after another),
// the address bar, the charts, KaTeX, the hover's probabilities and the plot's clicks, plus a few conveniences (keys,
// the learning-rate slider, copy link, plot.png). Everything else is hx- attributes on the server's markup, and
// every number comes from the server. Fragments are morphed in place (idiomorph), so elements, listeners and
// layers are kept from one step to the next.
(function () {
  'use strict';

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  let playing = false;
  let charts = null;
  let chartTimer = null;
  let chartsDrawnAt = 0;
  let weightChart = null;

  // ---- requests ------------------------------------------------------------------------------------------
  function sessionValues(extra) {
    const values = Object.fromEntries(new FormData($('#session')).entries());
    return Object.assign(values, extra || {});
  }

  function post(path, extra) {
    return htmx.ajax('POST', path, { source: '#session', swap: 'none', values: sessionValues(extra) });
  }

  function transportState() {
    const t = $('#transport');
    return t ? { status: t.dataset.status, converged: t.dataset.converged === 'true', step: +t.dataset.step } : {};
  }

  // ---- play -------------------------------------------------------------------------------------------------
  // Streamed: the server answers each step request on the socket with the same fragments a step request gets; two
  // requests are kept in flight and each answer is applied in its own animation frame. Pausing stops asking at
  // once; the answers already on their way are still applied, so the page ends at the step the server has. Without
  // a socket (a proxy that refuses the upgrade), play sends one step request after another instead.
  const stream = { socket: null, open: false, inFlight: 0, queue: [], frame: false };

  function connect() {
    if (stream.socket || !window.WebSocket) return;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/lab/stream`);
    stream.socket = ws;
    ws.onopen = () => { stream.open = true; topUp(); };
    ws.onmessage = e => {
      stream.inFlight = Math.max(0, stream.inFlight - 1);
      stream.queue.push(e.data);
      // A single step is applied at once; play applies one answer per animation frame.
      if (playing || stream.queue.length > 1) scheduleApply();
      else applyNext();
    };
    ws.onclose = () => {
      if (stream.socket !== ws) return;
      Object.assign(stream, { socket: null, open: false, inFlight: 0 });
      if (playing) playLoop(); // no socket (refused, or closed while playing): step requests instead
    };
  }

  function streamStep() {
    const v = sessionValues();
    stream.socket.send(JSON.stringify({ run: v.run, state: v.state, inspect: v.inspect || '', count: v.count || '1',
      lang: document.documentElement.lang.slice(0, 2) }));
    stream.inFlight++;
  }

  function topUp() {
    while (playing && stream.open && stream.inFlight + stream.queue.length < 2) streamStep();
  }

  function scheduleApply() {
    if (stream.frame) return;
    stream.frame = true;
    requestAnimationFrame(applyNext);
  }

  function applyNext() {
    stream.frame = false;
    const html = stream.queue.shift();
    if (html !== undefined) {
      const before = transportState();
      htmx.swap(document.body, html, { swapStyle: 'none' });
      const after = transportState();
      if (playing && (after.step === before.step || after.status === 'diverged' || after.converged)) setPlaying(false);
    }
    if (stream.queue.length) scheduleApply();
    topUp();
  }

  function setPlaying(on) {
    playing = on;
    if (!on) { drawChartsAfterPaint(); followUrl(true); }
    const button = $('#play');
    if (!button) return;
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.lastElementChild.textContent = on ? button.dataset.pause : button.dataset.play;
  }

  async function playLoop() {
    while (playing && !stream.open) {
      const before = transportState();
      if (before.status === 'diverged' || before.converged) break;
      try {
        await post('/lab/step');
      } catch (e) {
        break;
      }
      const after = transportState();
      if (after.step === before.step || after.status === 'diverged' || after.converged) break;
    }
    if (!stream.open) setPlaying(false);
  }

  function togglePlay() {
    if (playing) {
      setPlaying(false);
      return;
    }
    const t = transportState();
    if (t.status === 'diverged' || t.converged) return;
    setPlaying(true);
    if (stream.open) topUp();
    else if (stream.socket) return; // connecting: onopen starts it
    else if (window.WebSocket) connect();
    else playLoop();
  }

  // A single step goes over the socket too, once it is open.
  function onStepClick(event) {
    const button = event.target.closest && event.target.closest('[data-testid=step]');
    if (!button || !stream.open || playing || button.disabled) return;
    event.preventDefault();
    event.stopPropagation();
    streamStep();
  }

  // ---- the address bar follows the run: after a single update at once, while playing at most once a second ------
  let urlReplacedAt = 0;
  let urlTimer = null;

  // A single update replaces the address once it has settled (a burst of clicks replaces it once).
  const SETTLE_MS = 300;

  function followUrl(now) {
    const apply = () => {
      clearTimeout(urlTimer);
      urlTimer = null;
      urlReplacedAt = performance.now();
      const link = $('#permalink');
      if (!link) return;
      const token = ($('#inspect-token') || {}).value;
      const href = link.getAttribute('href') + (token ? '&inspect=' + encodeURIComponent(token) : '');
      if (location.pathname + location.search !== href) history.replaceState(history.state, '', href);
    };
    if (now) { apply(); return; }
    if (!playing) { clearTimeout(urlTimer); urlTimer = setTimeout(apply, SETTLE_MS); return; }
    if (!urlTimer) urlTimer = setTimeout(apply, Math.max(0, 1000 - (performance.now() - urlReplacedAt)));
  }

  // ---- charts (Chart.js): the feed says which steps to keep and which rows to append -------------------------
  function labels() {
    const feed = $('#chart-feed');
    return feed ? feed.dataset.labels.split('|') : [];
  }

  function lineSet(label, colour, axis, dash) {
    return { label, data: [], borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 0,
      yAxisID: axis || 'y', borderDash: dash || [], spanGaps: false };
  }

  function makeCharts() {
    const names = labels();
    // Decimation draws at most a few points per pixel, so a chart of step 40 000 costs what one of step 400 does.
    const common = { animation: false, parsing: false, normalized: true, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: { legend: { labels: { boxWidth: 14, font: { size: 13 } } },
        decimation: { enabled: true, algorithm: 'min-max' } } };
    const x = { type: 'linear', title: { display: true, text: names[6] }, ticks: { precision: 0 } };
    const loss = new Chart($('#loss-chart'), { type: 'line', options: Object.assign({}, common, {
      scales: { x, y: { type: 'linear', beginAtZero: true } } }),
      data: { datasets: [lineSet(names[0], '#0072B2'), lineSet(names[1], '#D55E00', 'y', [6, 4]),
        lineSet(names[2], '#444444', 'y', [2, 3])] } });
    const acc = new Chart($('#accuracy-chart'), { type: 'line', options: Object.assign({}, common, {
      scales: { x, y: { min: 0, max: 1, title: { display: true, text: 'accuracy' } },
        g: { position: 'right', type: 'logarithmic', grid: { drawOnChartArea: false } } } }),
      data: { datasets: [lineSet(names[3], '#009E73'), lineSet(names[4], '#CC79A7', 'y', [6, 4]),
        lineSet(names[5], '#E69F00', 'g')] } });
    return { loss, acc };
  }

  function feedCharts() {
    const feed = $('#chart-feed');
    if (!feed || feed.dataset.done) return;
    feed.dataset.done = '1';
    if (!charts || !document.body.contains(charts.loss.canvas)) {
      if (charts) { charts.loss.destroy(); charts.acc.destroy(); }
      charts = makeCharts();
    }
    const keep = +feed.dataset.keep;
    const rows = JSON.parse(feed.dataset.rows || '[]');
    const sets = charts.loss.data.datasets.concat(charts.acc.data.datasets);
    sets.forEach(s => {
      let n = s.data.length;
      while (n > 0 && s.data[n - 1].x >= keep) n--;
      s.data.length = n;
    });
    for (const r of rows) {
      // r = [step, train loss, test loss, objective, train acc, test acc, gradient norm]
      const push = (set, v) => { if (v !== null && v !== undefined) set.data.push({ x: r[0], y: v }); };
      push(sets[0], r[1]); push(sets[1], r[2]); push(sets[2], r[3]);
      push(sets[3], r[4]); push(sets[4], r[5]); push(sets[5], r[6] > 0 ? r[6] : null);
    }
    drawChartsSoon();
  }

  // Every step's rows are appended at once, but the charts are drawn after the update is painted, and while playing
  // at most every CHART_REDRAW_MS: Chart.js lays out and redraws a whole chart on each update.
  const CHART_REDRAW_MS = 200;

  function drawCharts() {
    clearTimeout(chartTimer);
    chartTimer = null;
    if (!charts) return;
    charts.loss.update('none');
    charts.acc.update('none');
    chartsDrawnAt = performance.now();
  }

  function drawChartsAfterPaint() {
    requestAnimationFrame(() => setTimeout(drawCharts, 0));
  }

  function drawChartsSoon() {
    if (!playing) { drawCharts(); return; }
    if (chartTimer) return;
    chartTimer = setTimeout(drawCharts, Math.max(0, CHART_REDRAW_MS - (performance.now() - chartsDrawnAt)));
  }

  // The weight chart is drawn whole when the inspector opens; a step forward sends only the new point, appended
  // to the points kept here. The canvas is kept across swaps (see keepWhereUnchanged).
  let weightSeries = null;
  let weightData = null;

  function drawWeightChart() {
    const holder = $('#weight-chart-data');
    if (!holder) {
      if (weightChart) { weightChart.destroy(); weightChart = null; }
      weightSeries = null;
      weightData = null;
      return;
    }
    if (holder.dataset.trajectory === weightData && weightChart) return;
    weightData = holder.dataset.trajectory;
    const t = JSON.parse(weightData);
    const points = (values) => t.steps.map((s, j) => ({ x: s, y: values[j] }));
    if (t.append && weightSeries && weightSeries.key === t.key) {
      const last = weightSeries.values.length ? weightSeries.values[weightSeries.values.length - 1].x : -1;
      if (t.steps[0] > last) {
        weightSeries.values.push(...points(t.values));
        weightSeries.gradients.push(...points(t.gradients));
      }
    } else {
      weightSeries = { key: t.key, values: points(t.values), gradients: points(t.gradients) };
    }
    const canvas = $('#weight-chart');
    if (!weightChart || weightChart.canvas !== canvas) {
      if (weightChart) weightChart.destroy();
      weightChart = new Chart(canvas, { type: 'line', options: { animation: false, parsing: false,
        responsive: true, maintainAspectRatio: false, plugins: { legend: { labels: { boxWidth: 12 } } },
        scales: { x: { type: 'linear', ticks: { precision: 0 } }, g: { position: 'right', grid: { drawOnChartArea: false } } } },
        data: { datasets: [lineSet('w', '#0072B2'), lineSet('∂J/∂w', '#D55E00', 'g', [6, 4])] } });
    }
    weightChart.data.datasets[0].data = weightSeries.values;
    weightChart.data.datasets[1].data = weightSeries.gradients;
    weightChart.update('none');
  }

  // Morphing keeps what the server did not change: a canvas (Chart.js owns its size and pixels) and typeset
  // formulas whose TeX is the same.
  function keepWhereUnchanged(oldNode, newNode) {
    if (oldNode.nodeName === 'CANVAS') return false;
    if (oldNode.classList && oldNode.classList.contains('tex') && oldNode.dataset.typeset
        && newNode.getAttribute && oldNode.dataset.tex === newNode.getAttribute('data-tex')) return false;
    return true;
  }

  // ---- math ----------------------------------------------------------------------------------------------
  function typeset(root) {
    if (!window.katex) return;
    $$('.tex[data-tex]', root).forEach(el => {
      if (el.dataset.typeset) return;
      katex.render(el.dataset.tex, el, { displayMode: el.classList.contains('display'), throwOnError: false });
      el.dataset.typeset = '1';
    });
  }

  // ---- the plot: hover probabilities, clicks ------------------------------------------------------------------
  // The points layer carries the frame (data-left, -top, -span, -extent) and the feature table: every feature is
  // column(x1) · row(x2), tabulated by the server, so no formula is repeated here.
  function dataPoint(event) {
    const svg = $('#plot-points');
    const f = svg.dataset;
    const pt = svg.createSVGPoint();
    pt.x = event.clientX;
    pt.y = event.clientY;
    const p = pt.matrixTransform(svg.getScreenCTM().inverse());
    const extent = +f.extent;
    return { x1: (p.x - f.left) / f.span * 2 * extent - extent, x2: extent - (p.y - f.top) / f.span * 2 * extent,
      extent };
  }

  let featureTable = null;

  function probabilities(model, table, x1, x2) {
    const cell = v => Math.round((v + table.extent) / (2 * table.extent) * table.cells);
    const c = cell(x1);
    const r = cell(x2);
    const phi = table.features.map(f => (f.column ? f.column[c] : 1) * (f.row ? f.row[r] : 1));
    const z = model.weights.map((w, k) => w.reduce((s, wi, i) => s + wi * phi[i], model.biases[k]));
    if (model.parameterization === 'sigmoid') {
      const p = 1 / (1 + Math.exp(-z[0]));
      return [1 - p, p];
    }
    const m = Math.max(...z);
    const e = z.map(v => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map(v => v / s);
  }

  function onHover(event) {
    const under = $('#plot-under');
    const hover = $('#hover');
    const points = $('#plot-points');
    if (!under || !hover || !points || !under.dataset.model) return;
    const d = dataPoint(event);
    if (Math.abs(d.x1) > d.extent || Math.abs(d.x2) > d.extent) { hover.hidden = true; return; }
    if (!featureTable || featureTable.source !== points.dataset.features) {
      featureTable = JSON.parse(points.dataset.features);
      featureTable.source = points.dataset.features;
    }
    const p = probabilities(JSON.parse(under.dataset.model), featureTable, d.x1, d.x2);
    hover.hidden = false;
    hover.textContent = `x = (${d.x1.toFixed(2)}, ${d.x2.toFixed(2)})  ` +
      p.map((v, k) => `p(${k + 1}|x) = ${v.toFixed(3)}`).join('  ');
  }

  function onPlotClick(event) {
    const figure = $('#plot');
    const mark = event.target.closest('use.pt');
    if (figure.dataset.custom === 'true') {
      if (mark && (event.shiftKey || event.altKey || event.metaKey || event.ctrlKey)) {
        htmx.ajax('POST', '/lab/points/remove', { target: '#lab', swap: 'morph',
          values: sessionValues({ index: mark.dataset.i }) });
        return;
      }
      if (!mark) {
        const d = dataPoint(event);
        if (Math.abs(d.x1) > d.extent || Math.abs(d.x2) > d.extent) return;
        htmx.ajax('POST', '/lab/points/add', { target: '#lab', swap: 'morph', values: sessionValues({
          x1: d.x1.toFixed(2), x2: d.x2.toFixed(2), label: $('#custom-class').value }) });
        return;
      }
    }
    if (mark) {
      const values = sessionValues({ inspect: 'x:' + mark.dataset.i });
      htmx.ajax('GET', '/lab/inspect', { swap: 'none', values: { run: values.run, state: values.state,
        inspect: values.inspect } });
    }
  }

  // ---- controls ------------------------------------------------------------------------------------------
  function syncSliderFromNumber() {
    const n = $('#learningRate');
    const s = $('#lr-slider');
    if (n && s && +n.value > 0) s.value = Math.log10(+n.value);
  }

  function onChangeCapture(event) {
    const el = event.target;
    if (el.id === 'dataset') {
      // Keep K within what the dataset can make, so the change never asks for the impossible.
      const max = +el.selectedOptions[0].dataset.max;
      const k = $('#classes');
      if (+k.value > max) k.value = String(max);
    }
    if (el.id === 'dataset' || el.id === 'classes') {
      // Three or more classes need K weight vectors: softmax.
      const parameterization = $('select[name="parameterization"]');
      if (parameterization && +$('#classes').value > 2) parameterization.value = 'softmax';
    }
    if (el.id === 'lr-slider') {
      $('#learningRate').value = Number(Math.pow(10, +el.value).toPrecision(3));
    }
    if (el.id === 'learningRate') syncSliderFromNumber();
  }

  function onInput(event) {
    if (event.target.id === 'lr-slider') {
      $('#learningRate').value = Number(Math.pow(10, +event.target.value).toPrecision(3));
    }
  }

  // Buttons that need a script; everything else clickable carries its own hx- attributes.
  const CLICKS = {
    '#play': togglePlay,
    '#new-seed': () => {
      const seed = $('#dataSeed');
      seed.value = String(Math.floor(Math.random() * 1e6));
      seed.dispatchEvent(new Event('change', { bubbles: true }));
    },
    '#copy-link': () => {
      const url = new URL($('#permalink').getAttribute('href'), location.href).href;
      (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject()).catch(() => prompt('', url));
    },
    '#export-png': () => exportPng()
  };

  function onClick(event) {
    for (const [selector, action] of Object.entries(CLICKS)) {
      if (event.target.closest(selector)) { action(); return; }
    }
  }

  // Keys press the transport's buttons, so a key does exactly what its button does.
  const KEYS = { ' ': '#play', ArrowRight: '[data-testid=step]', ArrowLeft: '[data-testid=back]',
    r: '[data-testid=reset]', R: '[data-testid=reset]' };

  function onKey(event) {
    const tag = (event.target.tagName || '').toLowerCase();
    if (['input', 'select', 'textarea', 'button', 'a'].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const button = KEYS[event.key] && $(KEYS[event.key]);
    if (!button || button.disabled) return;
    event.preventDefault();
    if (event.key === 'r' || event.key === 'R') setPlaying(false);
    button.click();
  }

  async function exportPng() {
    const href = $('a.export[download="plot.svg"]').getAttribute('href');
    const svg = await (await fetch(href)).text();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = 1280;
      canvas.height = 1280;
      canvas.getContext('2d').drawImage(img, 0, 0, 1280, 1280);
      URL.revokeObjectURL(url);
      canvas.toBlob(blob => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'plot.png';
        a.click();
      }, 'image/png');
    };
    img.src = url;
  }

  function markError() {
    $$('[aria-invalid="true"]').forEach(el => el.removeAttribute('aria-invalid'));
    const message = $('#message');
    const field = message && message.classList.contains('shown') ? message.dataset.field : null;
    if (field) $$(`[name="${CSS.escape(field)}"]`).forEach(el => el.setAttribute('aria-invalid', 'true'));
  }

  function refresh() {
    typeset(document);
    feedCharts();
    drawWeightChart();
    syncSliderFromNumber();
    markError();
    followUrl(false);
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (window.Idiomorph) Idiomorph.defaults.callbacks.beforeNodeMorphed = keepWhereUnchanged;
    // The play stream's socket is opened with the page, so the first step already goes over it.
    const step = $('[data-testid=step]');
    if (step && !step.disabled) connect();
    document.addEventListener('click', onStepClick, true);
    document.addEventListener('change', onChangeCapture, true);
    document.addEventListener('input', onInput);
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousemove', e => { if (e.target.closest && e.target.closest('#plot')) onHover(e); });
    document.addEventListener('mouseleave', () => { const h = $('#hover'); if (h) h.hidden = true; }, true);
    document.addEventListener('click', e => { if (e.target.closest && e.target.closest('#plot-points')) onPlotClick(e); });
    // Formulas are typeset as soon as their fragment is in, before the frame is painted; the rest of the refresh
    // (charts, address bar) runs once after all of an answer's fragments are in.
    document.body.addEventListener('htmx:oobAfterSwap', e => typeset(e.detail.target));
    document.body.addEventListener('htmx:afterSwap', e => typeset(e.detail.target));
    // The rest of the refresh (charts, the weight chart, the address bar) runs once after all of an answer's
    // fragments are in, and after the update has been painted.
    let pending = false;
    const schedule = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => setTimeout(() => { pending = false; refresh(); }, 0));
    };
    document.body.addEventListener('htmx:afterSettle', schedule);
    document.body.addEventListener('htmx:oobAfterSwap', schedule);
    document.body.addEventListener('htmx:afterRequest', e => { if (e.detail.failed) setPlaying(false); });
    refresh();
  });
})();
