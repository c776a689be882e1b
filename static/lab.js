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

  // A balancer keeps each run on one instance by the run the page was rendered with, which hx-headers sends with
  // every request: the socket carries it in its address, and a new lab (new data or model) gets a new socket.
  function streamKey() {
    const holder = $('#session') && $('#session').closest('[hx-headers]');
    return holder ? JSON.parse(holder.getAttribute('hx-headers'))['X-LogitLab-Run'] || '' : '';
  }

  function followLab() {
    if (!stream.socket || stream.key === streamKey()) return;
    const old = stream.socket;
    Object.assign(stream, { socket: null, open: false, inFlight: 0, queue: [] });
    old.close();
    connect();
  }

  function connect() {
    if (stream.socket || !window.WebSocket) return;
    stream.key = streamKey();
    const path = $('#session').dataset.stream;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`
      + `?run=${encodeURIComponent(stream.key)}`);
    stream.socket = ws;
    ws.onopen = () => { stream.open = true; topUp(); };
    ws.onmessage = e => {
      if (e.data.startsWith(LATER)) {
        laterArrived(e.data.slice(LATER.length));
        return;
      }
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

  // A step message holds the fields the session form names (the playground's or the comparison's), and the language.
  function streamStep() {
    const v = sessionValues();
    const message = { lang: document.documentElement.lang.slice(0, 2) };
    for (const field of $('#session').dataset.fields.split(' ')) message[field] = v[field] || '';
    message.count = message.count || '1';
    // The gradient table in a message of its own, put in after the step is painted: while playing (it follows every
    // PANEL_FOLLOW_MS), and for a single step when it is out of view.
    if ($('#gradients') && (playing || panels.hidden.has('gradients'))) message.later = 'gradients';
    stream.socket.send(JSON.stringify(message));
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
      applyStreamed(html);
      const after = transportState();
      if (playing && (after.step === before.step || after.status === 'diverged' || after.converged)) setPlaying(false);
    }
    if (stream.queue.length) scheduleApply();
    topUp();
  }

  // A streamed answer is all out-of-band fragments. Those that patch in place (or wait, as a hidden table does) are
  // put in here without htmx: its swap would parse the same text, clone each fragment, fire half a dozen events per
  // fragment and settle, which took more of a click's time than the patches themselves. The others (a fragment of
  // another shape, a control to morph, a formula) go through htmx as an XHR answer does.
  function applyStreamed(html) {
    let rest = '';
    for (const fresh of fragments(html)) {
      const id = fresh.id;
      const swap = fresh.getAttribute('hx-swap-oob');
      const shown = id && swap === 'morph' ? document.getElementById(id) : null;
      if (shown) {
        fresh.removeAttribute('hx-swap-oob'); // as htmx hands a fragment over: the attribute is not the page's
        if (putInPlace(id, shown, fresh)) continue;
        fresh.setAttribute('hx-swap-oob', swap);
      }
      rest += fresh.outerHTML;
    }
    if (rest) swapOffered(rest);
    scheduleRefresh();
  }

  /** The top-level elements of an answer's text, parsed once, outside the page. */
  function fragments(html) {
    const parsed = document.createElement('template');
    parsed.innerHTML = html;
    return Array.from(parsed.content.children);
  }

  /** Swaps in, through htmx, fragments that were offered to putInPlace already: its hook leaves them to the swap. */
  function swapOffered(html) {
    panels.applying = true;
    try {
      htmx.swap(document.body, html, { swapStyle: 'none' });
    } finally {
      panels.applying = false;
    }
  }

  function setPlaying(on) {
    playing = on;
    if (!on) { catchUp(); drawChartsAfterPaint(); followUrl(true); }
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
        await post($('[data-testid=step]').getAttribute('hx-post'));
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
    followLab();
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
    if (button) followLab();
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

  // What the page shows besides the run, kept in its address: the open inspector and the loss landscape.
  function viewExtras() {
    const inspect = ($('#inspect-token') || {}).value;
    const landscape = ($('#landscape-token') || {}).value;
    // , : and ; are kept as they are, so that the address reads as the README writes it (landscape=0,2;0,1).
    const keep = v => encodeURIComponent(v).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');
    return (inspect ? '&inspect=' + keep(inspect) : '') + (landscape ? '&landscape=' + keep(landscape) : '');
  }

  function followUrl(now) {
    const apply = () => {
      clearTimeout(urlTimer);
      urlTimer = null;
      urlReplacedAt = performance.now();
      const link = $('#permalink');
      if (!link) return;
      const href = link.getAttribute('href') + viewExtras();
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

  // Three charts: the losses, the accuracies (test series only with a test split), and ‖∇J‖ on its own log axis.
  // Series are kept by their row index: r = [step, train loss, test loss, objective, train acc, test acc, ‖∇J‖].
  function makeCharts(test) {
    const names = labels();
    // Decimation draws at most a few points per pixel, so a chart of step 40 000 costs what one of step 400 does.
    const common = () => ({ animation: false, parsing: false, normalized: true, responsive: true,
      maintainAspectRatio: false, interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: { legend: { labels: { boxWidth: 14, font: { size: 13 } } },
        decimation: { enabled: true, algorithm: 'min-max' } } });
    const x = () => ({ type: 'linear', title: { display: true, text: names[6] }, ticks: { precision: 0 } });
    const chart = (canvas, series, y) => {
      const sets = series.filter(s => test || !s.test).map(s => Object.assign(
        lineSet(names[s.row - 1], s.colour, 'y', s.dash), { row: s.row, log: y.type === 'logarithmic' }));
      return new Chart(canvas, { type: 'line', data: { datasets: sets },
        options: Object.assign(common(), { scales: { x: x(), y } }) });
    };
    return [
      // Losses on a log axis, like ‖∇J‖: a run that blows up does not flatten the rest of its curve to 0.
      chart($('#loss-chart'), [{ row: 1, colour: '#0072B2' }, { row: 2, colour: '#D55E00', dash: [6, 4], test: true },
        { row: 3, colour: '#444444', dash: [2, 3] }], { type: 'logarithmic' }),
      chart($('#accuracy-chart'), [{ row: 4, colour: '#007a56' }, { row: 5, colour: '#b0508c', dash: [6, 4], test: true }],
        { min: 0, max: 1.05, ticks: { callback: v => (v <= 1 ? Math.round(v * 100) + '%' : '') },
          title: { display: true, text: names[7] } }),
      chart($('#gradient-chart'), [{ row: 6, colour: '#9a5b00' }],
        { type: 'logarithmic', title: { display: true, text: names[8] } })
    ];
  }

  // The comparison's one chart: both runs' train loss, r = [step, loss a, loss b].
  function makeCompareChart() {
    const names = labels();
    const sets = [Object.assign(lineSet(names[0], '#0072B2'), { row: 1, log: true }),
      Object.assign(lineSet(names[1], '#D55E00', 'y', [6, 4]), { row: 2, log: true })];
    return [new Chart($('#loss-chart'), { type: 'line', data: { datasets: sets }, options: { animation: false,
      parsing: false, normalized: true, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: { legend: { labels: { boxWidth: 14, font: { size: 13 } } }, decimation: { enabled: true, algorithm: 'min-max' } },
      scales: { x: { type: 'linear', title: { display: true, text: names[2] }, ticks: { precision: 0 } },
        y: { type: 'logarithmic', title: { display: true, text: names[3] } } } } })];
  }

  /** Takes the feed's rows; they are drawn at once, or after the paint when the feed came in with a swap. */
  function feedCharts(inSwap) {
    const feed = $('#chart-feed');
    if (!feed || feed.dataset.done) return;
    feed.dataset.done = '1';
    const test = feed.dataset.test === 'true';
    if (!charts || !document.body.contains(charts[0].canvas) || charts.test !== test) {
      if (charts) charts.forEach(c => c.destroy());
      charts = feed.dataset.kind === 'compare' ? makeCompareChart() : makeCharts(test);
      charts.test = test;
    }
    const keep = +feed.dataset.keep;
    const rows = JSON.parse(feed.dataset.rows || '[]');
    charts.forEach(c => c.data.datasets.forEach(set => {
      let n = set.data.length;
      while (n > 0 && set.data[n - 1].x >= keep) n--;
      set.data.length = n;
      for (const r of rows) {
        const v = r[set.row];
        // A log axis has no place for 0 (a loss that underflowed): such a value is left out.
        if (v !== null && v !== undefined && (!set.log || v > 0)) set.data.push({ x: r[0], y: v });
      }
    }));
    drawChartsSoon(inSwap);
  }

  // Every step's rows are appended at once, but the charts are drawn after the update is painted, and while playing
  // at most every CHART_REDRAW_MS: Chart.js lays out and redraws a whole chart on each update.
  const CHART_REDRAW_MS = 200;

  function drawCharts() {
    clearTimeout(chartTimer);
    chartTimer = null;
    if (!charts) return;
    chartsDrawnAt = performance.now();
    if (!playing) {
      charts.forEach(c => c.update('none'));
      return;
    }
    // While playing, one chart at a time, each when the page is idle, so that no frame carries all three.
    const queue = charts.slice();
    const next = () => {
      const chart = queue.shift();
      if (!chart || !charts || !charts.includes(chart)) return; // gone with a new run
      chart.update('none');
      requestIdleCallback(next, { timeout: CHART_REDRAW_MS });
    };
    requestIdleCallback(next, { timeout: CHART_REDRAW_MS });
  }

  let chartsAfterPaint = false;

  function drawChartsAfterPaint() {
    if (chartsAfterPaint) return;
    chartsAfterPaint = true;
    requestAnimationFrame(() => setTimeout(() => { chartsAfterPaint = false; drawCharts(); }, 0));
  }

  // A single step's rows are drawn once its update is painted, not in the task that swaps it in.
  function drawChartsSoon(inSwap) {
    if (!playing) {
      if (inSwap) drawChartsAfterPaint();
      else drawCharts();
      return;
    }
    if (chartTimer) return;
    chartTimer = setTimeout(drawCharts, Math.max(0, CHART_REDRAW_MS - (performance.now() - chartsDrawnAt)));
  }

  // While playing, the gradient table (up to 64 cells, each with its weight, gradient and update) follows the run at
  // most every PANEL_FOLLOW_MS, so that morphing and laying it out does not take every frame from the plot and the
  // step counter, which show every step. A table scrolled out of view follows a single step just after the frame that
  // paints it, not before: nobody sees it in that frame, and it is current before anyone can scroll to it. A held
  // table is kept, and the latest one is put in when its turn comes or play stops: a paused page shows the table at
  // the server's step. A held table is dropped when the lab is rendered anew (it brings its own table) or when it is
  // of another run than the page's. (The inspector follows every step: its weight chart appends each step's point.)
  const PANEL_FOLLOW_MS = 100;
  const AFTER_PAINT = -1; // panels.timer while waiting for the frame, before the timeout that follows it
  const FOLLOWING = new Set(['gradients']);
  const panels = { shownAt: new Map(), waiting: new Map(), later: null, timer: null, applying: false,
    hidden: new Set(), watched: new WeakSet() };
  const panelWatch = window.IntersectionObserver ? new IntersectionObserver(entries => entries.forEach(entry => {
    if (document.getElementById(entry.target.id) !== entry.target) { // replaced by a new lab's panel
      panelWatch.unobserve(entry.target);
      return;
    }
    if (entry.isIntersecting) panels.hidden.delete(entry.target.id);
    else panels.hidden.add(entry.target.id);
  })) : null;

  /** Watches whether each following panel is in view (a lab rendered anew brings new ones). */
  function watchPanels() {
    if (!panelWatch) return;
    FOLLOWING.forEach(id => {
      const panel = document.getElementById(id);
      if (panel && !panels.watched.has(panel)) {
        panels.watched.add(panel);
        panels.hidden.delete(id); // until the observer has said otherwise
        panelWatch.observe(panel);
      }
    });
  }

  // Fragments put in by patchSameShape when their shape is unchanged: every fragment of a step's answer, on the
  // playground and the comparison. The others are morphed: the inspector and the landscape (typeset formulas, a
  // chart's canvas), and the lab rendered anew.
  const PATCHED = new Set(['gradients', 'metrics', 'plot-under', 'plot-over', 'runref', 'languages', 'message',
    'transport', 'chart-feed', 'a-plot-under', 'a-plot-over', 'b-plot-under', 'b-plot-over', 'numbers-a',
    'numbers-b']);

  function onOobBeforeSwap(e) {
    const fresh = e.detail.fragment.firstElementChild;
    if (panels.applying || !fresh) return; // offered to putInPlace already (applyStreamed, catchUp)
    if (putInPlace(e.detail.target && e.detail.target.id, e.detail.target, fresh)) e.detail.shouldSwap = false;
  }

  /** Puts a fragment in without a swap, if it can: held for later (a following panel), or patched in place. */
  function putInPlace(id, shown, fresh) {
    if (FOLLOWING.has(id) && held(id, fresh)) return true;
    if (!PATCHED.has(id) || !patchSameShape(shown, fresh)) return false;
    if (id === 'chart-feed') feedCharts(true); // a patch fires no swap event
    return true;
  }

  /** Whether a following panel is due: not playing, or its last showing PANEL_FOLLOW_MS ago. */
  function isDue(id, now) {
    return !playing || now - (panels.shownAt.get(id) || 0) >= PANEL_FOLLOW_MS;
  }

  /** Whether a following panel's fragment is kept for later instead of put in now (see above). */
  function held(id, fresh) {
    const now = performance.now();
    const due = isDue(id, now);
    if (id === 'gradients') panels.later = null; // a second message still waiting is older than this table
    if (due && !panels.hidden.has(id)) {
      panels.shownAt.set(id, now);
      panels.waiting.delete(id);
      return false;
    }
    // Kept as it came: htmx drops the fragment of an answer not swapped.
    panels.waiting.set(id, { element: fresh, run: fresh.dataset.run });
    catchUpSoon(id, due, now);
    return true;
  }

  /** A due panel (out of view) is put in once this answer's frame is painted; one not yet due at its turn. */
  function catchUpSoon(id, due, now) {
    if (due) {
      clearTimeout(panels.timer);
      panels.timer = AFTER_PAINT;
      requestAnimationFrame(() => { if (panels.timer === AFTER_PAINT) panels.timer = setTimeout(catchUp, 0); });
    } else if (!panels.timer) {
      panels.timer = setTimeout(catchUp, PANEL_FOLLOW_MS - (now - panels.shownAt.get(id)));
    }
  }

  // The stream's second message of an answer (see streamStep): the gradient table, kept as text, the latest only,
  // and parsed when it is put in, after the step's paint or at its turn while playing.
  const LATER = '<!--later-->';

  function laterArrived(html) {
    panels.later = html;
    const now = performance.now();
    catchUpSoon('gradients', isDue('gradients', now), now);
  }

  // A fragment of the same shape as the one shown (the same elements in the same order; another step's numbers) is
  // patched in place: only the texts and attributes the server changed are set. Idiomorph comes to the same result
  // about four times slower (2.5 against 0.6 ms for the 40 cells of the gradient table, measured in the page): it
  // first matches the 350 elements to each other. A fragment of another shape (an L1 mark came or went, another
  // language), or one holding what a morph keeps (a control's value, a canvas, a typeset formula), is left to it.
  function patchSameShape(shown, fresh) {
    const olds = [];
    const news = [];
    const sameShape = (a, b) => {
      if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
      if (a.nodeType !== Node.ELEMENT_NODE) return pair(a, b);
      if (!keepWhereUnchanged(a, b)) return true; // what a morph keeps as it is, so does the patch
      if (morphOnly(a)) return false;
      return pair(a, b);
    };
    const pair = (a, b) => {
      olds.push(a);
      news.push(b);
      let x = a.firstChild;
      let y = b.firstChild;
      for (; x && y; x = x.nextSibling, y = y.nextSibling) if (!sameShape(x, y)) return false;
      return !x && !y;
    };
    if (!sameShape(shown, fresh)) return false;
    for (let i = 0; i < olds.length; i++) {
      const a = olds[i];
      const b = news[i];
      if (a.nodeType === Node.TEXT_NODE) {
        if (a.data !== b.data) a.data = b.data;
      } else if (a.nodeType === Node.ELEMENT_NODE) {
        let hx = false;
        const wanted = b.attributes;
        for (let k = 0; k < wanted.length; k++) {
          const { name, value } = wanted[k];
          if (a.getAttribute(name) !== value) {
            a.setAttribute(name, value);
            if (name === 'value' && a.nodeName === 'INPUT') a.value = value; // a slider the person moved, too
            hx = hx || name.startsWith('hx-');
          }
        }
        if (a.attributes.length !== wanted.length) {
          for (const { name } of Array.from(a.attributes)) {
            if (!b.hasAttribute(name)) {
              a.removeAttribute(name);
              hx = hx || name.startsWith('hx-');
            }
          }
        }
        if (hx) htmx.process(a); // htmx binds hx- attributes when it processes an element
      }
    }
    return true;
  }

  /**
   * What only a morph puts in rightly: a control other than a slider or a hidden field (idiomorph also sets its
   * value, which the attribute does not; the patch sets a slider's when the server changed it) and a formula to
   * typeset anew (htmx:oobAfterSwap typesets it, and a patch fires no swap event).
   */
  function morphOnly(element) {
    const name = element.nodeName;
    return name === 'SELECT' || name === 'TEXTAREA'
      || (name === 'INPUT' && element.type !== 'hidden' && element.type !== 'range')
      || element.classList.contains('tex');
  }

  /** The run the page steps: the run field, which every answer brings up to date. */
  function runId() {
    const run = $('#runref [name=run]');
    return run ? run.value : null;
  }

  /** A freshly rendered lab has its own table: a kept one is older. */
  function dropWaiting() {
    clearTimeout(panels.timer);
    panels.timer = null;
    panels.waiting.clear();
    panels.later = null;
  }

  /** Puts in the latest panels that waited: patched where the shape is the same, else swapped out of band. */
  function catchUp() {
    clearTimeout(panels.timer);
    panels.timer = null;
    if (panels.later) {
      for (const fresh of fragments(panels.later)) {
        fresh.removeAttribute('hx-swap-oob');
        panels.waiting.set(fresh.id, { element: fresh, run: fresh.dataset.run });
      }
      panels.later = null;
    }
    if (!panels.waiting.size) return;
    // A table of another run (the page moved on to a new one meanwhile) is dropped; the page's run's own follows.
    const now = performance.now();
    const current = [...panels.waiting.entries()].filter(([, w]) => w.run === runId());
    panels.waiting.forEach((_, id) => panels.shownAt.set(id, now));
    panels.waiting.clear();
    let html = '';
    for (const [id, { element }] of current) {
      const shown = document.getElementById(id);
      if (shown && patchSameShape(shown, element)) continue;
      // Another shape (rare): morphed as its own out-of-band fragment. htmx took hx-swap-oob off it before it was
      // kept, so it gets it back.
      element.setAttribute('hx-swap-oob', 'morph');
      html += element.outerHTML;
    }
    if (html) swapOffered(html);
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

  // Morphing keeps what the server did not change: a canvas (Chart.js owns its size and pixels), typeset
  // formulas whose TeX is the same, and what the person chose in the CSV form (data-keep-value).
  function keepWhereUnchanged(oldNode, newNode) {
    if (oldNode.nodeName === 'CANVAS') return false;
    if (oldNode.hasAttribute && oldNode.hasAttribute('data-keep-value')) return false;
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

  // ---- the plot: hover probabilities, clicks, taps, and a keyboard cursor ----------------------------------------
  // The points layer carries the frame (data-left, -top, -span, -extent) and the feature table: every feature is
  // column(x1) · row(x2), tabulated by the server, so no formula is repeated here.
  function frame() {
    const svg = $('#plot-points');
    const f = svg.dataset;
    return { svg, left: +f.left, top: +f.top, span: +f.span, extent: +f.extent };
  }

  /** Data coordinates of a screen point, and how many SVG units one CSS pixel is there. */
  function dataPoint(event) {
    const { svg, left, top, span, extent } = frame();
    const ctm = svg.getScreenCTM().inverse();
    const pt = svg.createSVGPoint();
    pt.x = event.clientX;
    pt.y = event.clientY;
    const p = pt.matrixTransform(ctm);
    return { x1: (p.x - left) / span * 2 * extent - extent, x2: extent - (p.y - top) / span * 2 * extent,
      sx: p.x, sy: p.y, extent, unitsPerPixel: Math.abs(ctm.a) };
  }

  function toSvg(x1, x2) {
    const { left, top, span, extent } = frame();
    return { x: left + (x1 + extent) / (2 * extent) * span, y: top + (extent - x2) / (2 * extent) * span };
  }

  /** The point nearest to (sx, sy) in SVG units, within {@code reach} units, or null. */
  function nearestPoint(sx, sy, reach) {
    let best = null;
    let bestDistance = reach * reach;
    $$('#plot-points use.pt').forEach(pt => {
      if (pt.getClientRects().length === 0) return; // hidden (test data hidden for the lesson)
      const dx = +pt.getAttribute('x') - sx;
      const dy = +pt.getAttribute('y') - sy;
      const d = dx * dx + dy * dy;
      if (d <= bestDistance) { best = pt; bestDistance = d; }
    });
    return best;
  }

  let featureTable = null;

  function probabilities(x1, x2) {
    const under = $('#plot-under');
    const points = $('#plot-points');
    if (!under || !points || !under.dataset.model) return null;
    if (!featureTable || featureTable.source !== points.dataset.features) {
      featureTable = JSON.parse(points.dataset.features);
      featureTable.source = points.dataset.features;
    }
    const model = JSON.parse(under.dataset.model);
    const table = featureTable;
    const cell = v => Math.round((v + table.extent) / (2 * table.extent) * table.cells);
    const c = cell(x1);
    const r = cell(x2);
    const phi = table.features.map(f => (f.column ? f.column[c] : 1) * (f.row ? f.row[r] : 1));
    const z = model.weights.map((w, k) => w.reduce((sum, wi, i) => sum + wi * phi[i], model.biases[k]));
    if (model.parameterization === 'sigmoid') {
      const p = 1 / (1 + Math.exp(-z[0]));
      return [1 - p, p];
    }
    const m = Math.max(...z);
    const e = z.map(v => Math.exp(v - m));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map(v => v / sum);
  }

  function describe(x1, x2, nearest) {
    const p = probabilities(x1, x2);
    let text = `x = (${x1.toFixed(2)}, ${x2.toFixed(2)})` + (p ? '  ' + p.map((v, k) => `p(${k + 1}|x) = ${v.toFixed(3)}`)
      .join('  ') : '');
    if (nearest) text += ` · #${nearest.dataset.i} (${+nearest.dataset.k + 1})`;
    return text;
  }

  function onHover(event) {
    const hover = $('#hover');
    if (!hover) return;
    const d = dataPoint(event);
    hover.textContent = Math.abs(d.x1) > d.extent || Math.abs(d.x2) > d.extent ? '' : describe(d.x1, d.x2);
  }

  function newClass() {
    const chosen = $('input[name=label]:checked');
    return chosen ? chosen.value : '0';
  }

  function addPoint(x1, x2) {
    htmx.ajax('POST', '/lab/points/add', { target: '#lab', swap: 'morph', values: sessionValues({
      x1: x1.toFixed(2), x2: x2.toFixed(2), label: newClass() }) });
  }

  function removePoint(mark) {
    htmx.ajax('POST', '/lab/points/remove', { target: '#lab', swap: 'morph',
      values: sessionValues({ index: mark.dataset.i, label: newClass() }) });
  }

  function inspectPoint(mark) {
    const v = sessionValues();
    htmx.ajax('GET', '/lab/inspect', { swap: 'none', values: { run: v.run, state: v.state, hide: v.hide,
      discretize: v.discretize, inspect: 'x:' + mark.dataset.i } });
    revealInspector = true;
  }

  // A tap picks the nearest point within a finger's reach (about 22 CSS pixels); on a custom canvas a tap away
  // from every point adds one, and shift-click (or a long list of modifiers) removes the one under it.
  const REACH_PX = 22;

  function onPlotClick(event) {
    const custom = $('#plot').dataset.custom === 'true';
    const d = dataPoint(event);
    if (Math.abs(d.x1) > d.extent || Math.abs(d.x2) > d.extent) return;
    const exact = event.target.closest('use.pt');
    const near = exact || nearestPoint(d.sx, d.sy, (custom ? 6 : REACH_PX) * d.unitsPerPixel);
    if (custom && near && (event.shiftKey || event.altKey || event.metaKey || event.ctrlKey)) { removePoint(near); return; }
    if (custom && !exact) { addPoint(d.x1, d.x2); return; }
    if (near) inspectPoint(near);
  }

  // The keyboard's way into the plot: with the plot focused, arrows move a cursor (shift: further), Enter inspects
  // the nearest point (on a custom canvas: adds a point there), Delete removes the nearest, 1–8 choose the class.
  const cursor = { x1: 0, x2: 0, shown: false };

  function showCursor() {
    const g = $('#plot-cursor .cursor');
    const hover = $('#hover');
    if (!g) return;
    const { x, y } = toSvg(cursor.x1, cursor.x2);
    g.setAttribute('transform', `translate(${x} ${y})`);
    g.classList.toggle('off', !cursor.shown);
    // Only a shown cursor looks for its nearest point: every refresh runs this, and the search reads layout.
    if (hover && cursor.shown) hover.textContent = describe(cursor.x1, cursor.x2, nearestPoint(x, y, 1e9));
  }

  function onPlotKey(event) {
    const { extent } = frame();
    const move = event.shiftKey ? 1 : 0.25;
    const moves = { ArrowLeft: [-move, 0], ArrowRight: [move, 0], ArrowUp: [0, move], ArrowDown: [0, -move] };
    const custom = $('#plot').dataset.custom === 'true';
    if (moves[event.key]) {
      cursor.x1 = Math.max(-extent, Math.min(extent, cursor.x1 + moves[event.key][0]));
      cursor.x2 = Math.max(-extent, Math.min(extent, cursor.x2 + moves[event.key][1]));
      cursor.shown = true;
      showCursor();
    } else if (event.key === 'Enter' || event.key === ' ') {
      const { x, y } = toSvg(cursor.x1, cursor.x2);
      const near = nearestPoint(x, y, 1e9);
      if (custom) addPoint(cursor.x1, cursor.x2);
      else if (near) inspectPoint(near);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && custom) {
      const { x, y } = toSvg(cursor.x1, cursor.x2);
      const near = nearestPoint(x, y, 1e9);
      if (near) removePoint(near);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** On a custom canvas the keys 1–8 choose the class of the next point. */
  function onClassKey(event) {
    if (!/^[1-8]$/.test(event.key)) return false;
    const radio = $(`input[name=label][value="${+event.key - 1}"]`);
    if (!radio) return false;
    radio.checked = true;
    event.preventDefault();
    return true;
  }

  // When the person opens the inspector (a cell, a point), it is brought into view; steps do not move the page.
  let revealInspector = false;

  let revealLandscape = false;

  function reveal() {
    const bring = panel => {
      const box = panel.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight - 120) panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
    };
    const inspector = $('#inspector');
    if (revealInspector && inspector && inspector.classList.contains('open')) {
      revealInspector = false;
      bring(inspector);
    }
    const landscape = $('#landscape');
    if (revealLandscape && landscape && landscape.classList.contains('open')) {
      revealLandscape = false;
      bring(landscape);
      // The button that opened it is gone: the keyboard goes on from the panel's first menu.
      if (!landscape.contains(document.activeElement)) $('[data-testid=landscape-a]', landscape).focus();
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

  // The CSV fields sit in the controls form but belong to #csv-form: their changes must not reach the controls'
  // hx-trigger. A chosen file is read here and its text posted as the urlencoded field csv (the server refuses
  // multipart bodies); a change of columns or of the standardize box sends the file again.
  function onCsvChange(event) {
    const form = event.target.form;
    if (!form || form.id !== 'csv-form') return;
    event.stopPropagation();
    if (event.target.id === 'csv-text') return; // pasted text goes with its Load button
    const file = $('#csv-file').files[0];
    (file ? file.text() : Promise.resolve($('#csv-text').value)).then(text => {
      if (!text) return;
      $('#csv-text').value = text;
      form.requestSubmit();
    });
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
      const button = $('#copy-link');
      const url = new URL($('#permalink').getAttribute('href') + viewExtras(), location.href).href;
      const done = () => {
        const text = button.textContent;
        button.textContent = button.dataset.copied;
        setTimeout(() => { button.textContent = text; }, 1500);
      };
      // Without clipboard permission (an insecure origin, a locked-down browser) the older way still copies.
      const fallback = () => {
        const area = document.createElement('textarea');
        area.value = url;
        document.body.appendChild(area);
        area.select();
        document.execCommand('copy');
        area.remove();
        done();
      };
      (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject()).then(done, fallback);
    },
    '#export-png': () => exportPng(),
    '#close-inspector': () => { revealInspector = false; },
    '#open-landscape': () => { revealLandscape = true; },
    '[data-testid=to-landscape]': () => {
      putAcross($('[data-testid=to-landscape]').dataset.key);
      revealLandscape = true;
    }
  };

  // Shift-click on a cell of the gradient table puts its weight across the loss landscape (the inspector has a
  // button that does the same from the keyboard).
  function onCellShiftClick(event) {
    const cell = event.target.closest && event.target.closest('#gradients button[name=inspect]');
    if (!cell || !event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    putAcross(cell.value.slice(2));
    revealLandscape = true;
  }

  // Puts parameter "k,i" across the loss landscape, keeping the other axis when the landscape is open.
  function putAcross(key) {
    const token = ($('#landscape-token') || {}).value || '';
    const pair = token.split(';');
    const other = pair.length === 2 ? (pair[0] === key ? pair[1] : pair[1] === key ? pair[0] : pair[1]) : '';
    const v = sessionValues();
    htmx.ajax('GET', '/lab/landscape', { swap: 'none', values: { run: v.run, state: v.state, hide: v.hide,
      discretize: v.discretize, inspect: v.inspect || '', landscape: other ? key + ';' + other : key } });
  }

  function onClick(event) {
    if (event.target.closest('#gradients button[name=inspect]')) revealInspector = true;
    for (const [selector, action] of Object.entries(CLICKS)) {
      if (event.target.closest(selector)) { action(); return; }
    }
  }

  // Keys press the transport's buttons, so a key does exactly what its button does.
  const KEYS = { ' ': '#play', ArrowRight: '[data-testid=step]', ArrowLeft: '[data-testid=back]',
    r: '[data-testid=reset]', R: '[data-testid=reset]' };

  function onKey(event) {
    // Escape closes the inspector from anywhere, the keyboard staying on the table.
    if (event.key === 'Escape' && $('#close-inspector')) {
      const inside = $('#inspector').contains(document.activeElement);
      revealInspector = false;
      $('#close-inspector').click();
      if (inside && $('#gradients .scroll')) $('#gradients .scroll').focus();
      return;
    }
    if (event.target.closest && event.target.closest('#plot-points') && onPlotKey(event)) return;
    if ($('input[name=label]') && !event.target.closest('input[type=number], select, textarea')
        && onClassKey(event)) return;
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

  // The rest of the refresh (charts, the weight chart, the address bar) runs once after all of an answer's
  // fragments are in, and after the update has been painted.
  let refreshPending = false;

  function scheduleRefresh() {
    if (refreshPending) return;
    refreshPending = true;
    requestAnimationFrame(() => setTimeout(() => { refreshPending = false; refresh(); }, 0));
  }

  function refresh() {
    watchPanels();
    typeset(document);
    feedCharts();
    drawWeightChart();
    syncSliderFromNumber();
    markError();
    followUrl(false);
    reveal();
    showCursor();
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (window.Idiomorph) Idiomorph.defaults.callbacks.beforeNodeMorphed = keepWhereUnchanged;
    // The play stream's socket is opened with the page, so the first step already goes over it.
    const step = $('[data-testid=step]');
    if (step && !step.disabled) connect();
    document.addEventListener('click', onStepClick, true);
    document.addEventListener('click', onCellShiftClick, true);
    document.addEventListener('change', onChangeCapture, true);
    document.addEventListener('change', onCsvChange, true);
    document.addEventListener('input', onInput);
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousemove', e => { if (e.target.closest && e.target.closest('#plot')) onHover(e); });
    document.addEventListener('mouseleave', e => {
      const h = $('#hover');
      if (h && e.target && e.target.id === 'plot' && !cursor.shown) h.textContent = '';
    }, true);
    document.addEventListener('click', e => { if (e.target.closest && e.target.closest('#plot-points')) onPlotClick(e); });
    // Formulas are typeset as soon as their fragment is in, before the frame is painted; the rest of the refresh
    // (charts, address bar) runs once after all of an answer's fragments are in.
    document.body.addEventListener('htmx:oobBeforeSwap', onOobBeforeSwap);
    document.body.addEventListener('htmx:beforeSwap', e => {
      // Only a lab that is really swapped in brings its own table (a refusal answers with HX-Reswap: none).
      if (e.detail.target && e.detail.target.id === 'lab' && e.detail.shouldSwap && e.detail.swapOverride !== 'none') {
        dropWaiting();
      }
    });
    document.body.addEventListener('htmx:oobAfterSwap', e => typeset(e.detail.target));
    // The charts take each answer's rows as it comes in (while playing, two answers can be swapped in before the
    // refresh runs); they are drawn later.
    document.body.addEventListener('htmx:oobAfterSwap', e => { if (e.detail.target.id === 'chart-feed') feedCharts(true); });
    document.body.addEventListener('htmx:afterSwap', e => typeset(e.detail.target));
    document.body.addEventListener('htmx:afterSettle', scheduleRefresh);
    document.body.addEventListener('htmx:oobAfterSwap', scheduleRefresh);
    document.body.addEventListener('htmx:afterRequest', e => { if (e.detail.failed) setPlaying(false); });
    // A value the form's own rules refuse (n = 0, say) is not sent: the browser says why, beside the control.
    document.body.addEventListener('htmx:validation:halted', e => {
      if (e.detail.elt && e.detail.elt.reportValidity) e.detail.elt.reportValidity();
    });
    refresh();
  });
})();
