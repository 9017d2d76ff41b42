// The operations page: every event's answers and numbers, one event's live view, and the dead letters, all read
// from the admin API with the admin's own bearer token. No framework, no build step; charts by uPlot (vendor/).
//
// URL: /ops/ (the list) and /ops/#/<kind>/<id> (one event's live view, so a reload or a shared link keeps it).
// An event's live view also has the operator's controls (a room's pause, resume, rate and revocations; a drop's or a
// poll's early close), each confirmed in a dialog first, and both screens show the audit log those controls write.
// The API is the one named in config.json next to this page (the CDK app writes it), else the page's own origin
// (the local stack serves both). The token is typed in and kept in sessionStorage: this tab only, never the page.

const WINDOW_SECONDS = 300;
const LIVE_POLL_MS = 1_000;
const LIST_POLL_MS = 2_000;
const DEAD_LETTERS_POLL_MS = 5_000;
const AUDIT_POLL_MS = 3_000;
const AUDIT_ROWS = 20;
// Seconds already read are read again this far back: a refusal answered from memory is counted a moment later.
const OVERLAP_SECONDS = 5;
const TOKEN_KEY = 'rushgate.ops.token';
const KINDS = ['drop', 'room', 'show', 'poll'];
// The answers that are not refusals come first, in this order; refusals follow by name.
const FIRST = ['accepted', 'entered', 'held', 'paying', 'sold', 'admitted', 'replay', 'existing', 'polls'];
// Okabe-Ito: told apart with the common colour-vision deficiencies; the legend and table name every line anyway.
const PALETTE = ['#009e73', '#d55e00', '#0072b2', '#e69f00', '#cc79a7', '#56b4e9', '#000000', '#999933',
  '#882255', '#44aa99'];
const LABELS = {
  stock: 'Stock', accepted: 'Accepted', remaining: 'Remaining', waiting: 'Waiting',
  admitPerSecond: 'Admission rate set (per second)', admittingPerSecond: 'Admitting now (per second)',
  lastInLineWaitSeconds: "Last in line's estimated wait", admitted: 'Admitted', abandoned: 'Abandoned',
  expired: 'Expired', refused: 'Refused entry', total: 'Seats', available: 'Available', held: 'Held', sold: 'Sold',
  paymentsInFlight: 'Payments in flight', confirmed: 'Stored (confirmed)', persisted: 'Counted (persisted)',
  behind: 'Accepted, not yet stored',
};
// The durable side of a drop and a poll, from their own routes (the live view is the cache's): what was accepted
// against what its consumer has stored, and so how far the consumer is behind.
const DURABLE = {
  drop: { path: (id) => `/v1/drops/${encodeURIComponent(id)}`, field: 'confirmed' },
  poll: { path: (id) => `/v1/polls/${encodeURIComponent(id)}/tally`, field: 'persisted' },
};
// Each kind's numbers in the order shown. The API leaves out a null (a room admitting nobody has no last-in-line
// wait), so a name listed here and missing from the answer is shown as such rather than dropped.
const GAUGES = {
  drop: ['stock', 'remaining', 'accepted', 'confirmed', 'behind'],
  room: ['waiting', 'admitPerSecond', 'admittingPerSecond', 'lastInLineWaitSeconds', 'admitted', 'abandoned', 'expired',
    'refused'],
  show: ['total', 'available', 'held', 'sold', 'paymentsInFlight'],
  poll: ['accepted', 'persisted', 'behind', 'options'],
};
const HEADLINE = {
  drop: ['remaining', 'accepted', 'behind'],
  room: ['waiting', 'admittingPerSecond', 'lastInLineWaitSeconds', 'abandoned'],
  show: ['held', 'paymentsInFlight', 'sold', 'available'],
  poll: ['accepted', 'persisted', 'behind'],
};

const $ = (id) => document.getElementById(id);
const numbers = new Intl.NumberFormat('en');
let api = '';
// Each screen's polls carry the generation they started in; a newer screen (or signing out) retires them.
let generation = 0;

/** An answer that was not a success: the problem+json fields. */
class ProblemAnswer extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The API answered ${status}.`);
    this.status = status;
    this.code = problem.code;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json',
    Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(api + path, { method, headers, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { /* a proxy's HTML error page: keep the status */ }
  if (!response.ok) throw new ProblemAnswer(response.status, json);
  return json;
}

/** An element with attributes and children (strings become text: nothing from the API is parsed as HTML). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((c) => c !== null && c !== undefined));
  return element;
}

function showProblem(text) {
  $('problem').textContent = text ?? '';
  $('problem').hidden = !text;
}

function show(screen) {
  document.body.dataset.screen = screen;
  $('sign-in').hidden = screen !== 'sign-in';
  $('sign-out').hidden = screen === 'sign-in';
  $('events').hidden = screen !== 'list';
  $('dead-letters').hidden = screen !== 'list';
  $('live').hidden = screen !== 'live';
  $('audit').hidden = screen === 'sign-in' || screen === 'loading';
}

/** Asks for a token again, saying why. */
function signIn(reason) {
  generation += 1;
  sessionStorage.removeItem(TOKEN_KEY);
  stopChart();
  show('sign-in');
  showProblem(reason);
  $('token').value = '';
  $('token').focus();
}

/** 401 and 403 end the session with a plain reason; anything else is shown and the polls go on. */
function failed(e) {
  if (e instanceof ProblemAnswer && e.status === 401) {
    signIn('The API did not accept this token (401): it is missing, expired or not one the API issued. '
      + 'Sign in again with a current admin token.');
  } else if (e instanceof ProblemAnswer && e.status === 403) {
    signIn("This token is not an admin's (403): the operations page needs a token in the admin group.");
  } else if (e instanceof ProblemAnswer) {
    showProblem(`${e.message} (${e.status}${e.code ? ` ${e.code}` : ''})`);
  } else {
    showProblem('The API cannot be reached right now; trying again.');
  }
}

/** Runs fn now and then every ms, until the screen changes; one call at a time, never overlapping. */
function every(ms, fn) {
  const mine = generation;
  const tick = async () => {
    if (mine !== generation) return;
    try {
      await fn(() => mine === generation);
    } catch (e) {
      if (mine === generation) failed(e);
    }
    if (mine === generation) setTimeout(tick, ms);
  };
  tick();
}

function format(value) {
  return typeof value === 'number' ? numbers.format(value) : String(value);
}

/** "accepted 3 · sold-out 7", answers in their usual order; a dash when there were none. */
function summary(counts) {
  const entries = ordered(Object.keys(counts ?? {})).map((code) => `${code} ${format(counts[code])}`);
  return entries.length ? entries.join(' · ') : '—';
}

function ordered(codes) {
  return [...codes].sort((a, b) => {
    const ia = FIRST.indexOf(a) < 0 ? FIRST.length : FIRST.indexOf(a);
    const ib = FIRST.indexOf(b) < 0 ? FIRST.length : FIRST.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
}

function gaugeSummary(gauges) {
  return Object.entries(gauges ?? {}).map(([name, value]) => name === 'options'
    ? Object.entries(value ?? {}).map(([option, n]) => `option ${option} ${format(n)}`).join(' · ')
    : `${name} ${gaugeValue(name, value)}`).filter(Boolean).join(' · ') || '—';
}

function gaugeValue(name, value) {
  if (name === 'lastInLineWaitSeconds') return value === null || value === undefined ? 'none while admitting nobody' : wait(value);
  if (value === null || value === undefined) return '—';
  return format(value);
}

function wait(seconds) {
  if (seconds < 120) return `${format(seconds)} s`;
  return `${format(Math.round(seconds / 60))} min`;
}

function liveHash(kind, id) {
  return `#/${kind}/${encodeURIComponent(id)}`;
}

// ---- the list of every event, and the dead letters ----

function showList() {
  show('list');
  pollAudit();
  document.title = 'Rushgate operations';
  every(LIST_POLL_MS, async (current) => {
    const answer = await call('GET', '/v1/admin/live?limit=1000');
    if (!current()) return;
    showProblem(null);
    const rows = (answer.events ?? []).map((event) => el('tr', { 'data-kind': event.kind, 'data-id': event.id },
      el('td', {}, event.kind),
      el('th', { scope: 'row' }, el('a', { href: liveHash(event.kind, event.id) }, event.id)),
      el('td', { 'data-col': 'second' }, summary(event.lastSecond)),
      el('td', { 'data-col': 'minute' }, summary(event.lastMinute)),
      el('td', { 'data-col': 'gauges' }, gaugeSummary(event.gauges))));
    $('events-table').tBodies[0].replaceChildren(...rows);
    $('events-empty').hidden = rows.length > 0;
  });
  every(DEAD_LETTERS_POLL_MS, async (current) => {
    const answer = await call('GET', '/v1/admin/dead-letters');
    if (current()) renderDeadLetters(answer.deadLetters ?? []);
  });
}

function renderDeadLetters(sources) {
  const rows = sources.map((source) => {
    const button = el('button', { type: 'button', disabled: !(source.count > 0),
      'aria-label': `Redrive ${source.name}` }, 'Redrive…');
    button.addEventListener('click', () => redrive(source, button));
    return el('tr', { 'data-name': source.name },
      el('th', { scope: 'row' }, source.name),
      el('td', {}, String(source.kind ?? '').toLowerCase()),
      el('td', { 'data-col': 'count' }, format(source.count ?? 0)),
      el('td', {}, moveText(source.move)),
      el('td', {}, button));
  });
  $('dead-letters-table').tBodies[0].replaceChildren(...rows);
}

function moveText(move) {
  if (!move) return '—';
  const progress = move.toMove !== undefined ? ` ${format(move.moved ?? 0)} of ${format(move.toMove)}` : '';
  const when = move.startedAt ? `, started ${new Date(move.startedAt).toLocaleString('en')}` : '';
  return `${String(move.status).toLowerCase()}${progress}${when}${move.failureReason ? `: ${move.failureReason}` : ''}`;
}

async function redrive(source, button) {
  const count = format(source.count ?? 0);
  if (!window.confirm(`Send ${count} dead letter${source.count === 1 ? '' : 's'} of ${source.name} back for `
    + 'another try? Their consumer runs them again.')) return;
  button.disabled = true;
  try {
    const answer = await call('POST', `/v1/admin/dead-letters/${encodeURIComponent(source.name)}/redrive`);
    $('redrive-result').textContent = answer.replayed
      ? `${source.name}: replayed ${format(answer.replayed.batches)} batches (${format(answer.replayed.items)} items), `
        + `${format(answer.replayed.left)} left.`
      : `${source.name}: redrive ${moveText(answer.move)}.`;
  } catch (e) {
    if (e instanceof ProblemAnswer && e.status !== 401 && e.status !== 403) {
      $('redrive-result').textContent = `${source.name}: not redriven. ${e.message}`;
    } else {
      failed(e);
    }
  } finally {
    button.disabled = false;
  }
}

// ---- one event's live view ----

let chart = null;

function stopChart() {
  if (chart) chart.destroy();
  chart = null;
}

function showLive(kind, id) {
  show('live');
  showControls(kind, id);
  pollAudit();
  stopChart();
  document.title = `${kind} ${id} · Rushgate operations`;
  $('live-title').textContent = `${kind[0].toUpperCase()}${kind.slice(1)} ${id}`;
  $('headline').replaceChildren();
  $('answers-table').tBodies[0].replaceChildren();
  $('gauges-table').tBodies[0].replaceChildren();
  $('updated').textContent = 'Loading…';
  const view = { kind, id, now: null, seconds: new Map(), colours: new Map(), headline: '' };
  const path = `/v1/admin/live/${kind}/${encodeURIComponent(id)}`;
  every(LIVE_POLL_MS, async (current) => {
    const since = view.now === null ? Math.floor(Date.now() / 1000) - WINDOW_SECONDS + 1 : view.now - OVERLAP_SECONDS;
    const answer = await call('GET', `${path}?since=${since}`);
    const gauges = { ...(answer.gauges ?? {}), ...await durable(kind, id, answer.gauges ?? {}) };
    if (!current()) return;
    showProblem(null);
    merge(view, answer);
    renderLive(view, gauges);
  });
}

/**
 * A drop's claims stored or a poll's votes counted, and how many accepted are not yet: a consumer falling behind shows
 * here first. Nothing for other kinds, or when the route does not answer (the live numbers still show).
 */
async function durable(kind, id, gauges) {
  const spec = DURABLE[kind];
  if (!spec) return {};
  try {
    const answer = await call('GET', spec.path(id));
    const stored = answer[spec.field];
    if (typeof stored !== 'number') return {};
    const accepted = typeof gauges.accepted === 'number' ? gauges.accepted : answer.accepted;
    return { [spec.field]: stored, behind: typeof accepted === 'number' ? Math.max(0, accepted - stored) : null };
  } catch (e) {
    return {};
  }
}

/** The seconds read now replace those held for the same span; older than the window are let go. */
function merge(view, answer) {
  for (const at of view.seconds.keys()) {
    if (at >= answer.since || at <= answer.now - WINDOW_SECONDS) view.seconds.delete(at);
  }
  for (const second of answer.seconds ?? []) {
    if (second.at > answer.now - WINDOW_SECONDS) view.seconds.set(second.at, second.counts ?? {});
  }
  view.now = answer.now;
}

/** Per answer: the last whole second, the last minute and the whole window. */
function tally(view) {
  const rows = new Map();
  for (const [at, counts] of view.seconds) {
    for (const [code, n] of Object.entries(counts)) {
      const row = rows.get(code) ?? { second: 0, minute: 0, window: 0 };
      if (at === view.now - 1) row.second += n;
      if (at > view.now - 60) row.minute += n;
      row.window += n;
      rows.set(code, row);
    }
  }
  return rows;
}

function renderLive(view, gauges) {
  const rows = tally(view);
  const codes = ordered(rows.keys());
  $('answers-table').tBodies[0].replaceChildren(...(codes.length ? codes.map((code) => {
    const row = rows.get(code);
    return el('tr', { 'data-answer': code },
      el('th', { scope: 'row' }, code),
      el('td', { 'data-col': 'second' }, format(row.second)),
      el('td', { 'data-col': 'minute' }, format(row.minute)),
      el('td', { 'data-col': 'window' }, format(row.window)));
  }) : [el('tr', {}, el('td', { colspan: 4 }, 'No answers in the last five minutes.'))]));

  const gaugeRows = [];
  const names = [...new Set([...(GAUGES[view.kind] ?? []), ...Object.keys(gauges)])];
  for (const [name, value] of names.map((n) => [n, gauges[n] ?? null])) {
    if (name === 'options') {
      for (const [option, n] of Object.entries(value ?? {})) {
        gaugeRows.push(el('tr', { 'data-gauge': `option-${option}` },
          el('th', { scope: 'row' }, `Votes for option ${option}`), el('td', {}, format(n))));
      }
    } else {
      gaugeRows.push(el('tr', { 'data-gauge': name },
        el('th', { scope: 'row' }, LABELS[name] ?? name), el('td', {}, gaugeValue(name, value))));
    }
  }
  $('gauges-table').tBodies[0].replaceChildren(...gaugeRows);

  // the rate field offers the room's rate now, without overwriting what the operator typed
  if (view.kind === 'room' && typeof gauges.admitPerSecond === 'number') {
    $('rate').placeholder = `now ${format(gauges.admitPerSecond)}`;
  }
  renderHeadline(view, gauges, rows);
  renderChart(view, codes);
  $('updated').textContent = `Updated ${new Date(view.now * 1000).toLocaleTimeString('en')}, every second.`;
}

/** The kind's few numbers that matter most, changed in the page (and so read out) only when they change. */
function renderHeadline(view, gauges, rows) {
  const lastMinute = [...rows.values()].reduce((sum, row) => sum + row.minute, 0);
  const items = (HEADLINE[view.kind] ?? []).map((name) => [LABELS[name] ?? name, gaugeValue(name, gauges[name])]);
  if (view.kind === 'poll') {
    for (const [option, n] of Object.entries(gauges.options ?? {})) items.push([`Option ${option}`, format(n)]);
  }
  items.push(['Answers, last minute', format(lastMinute)]);
  const key = JSON.stringify(items);
  if (key === view.headline) return;
  view.headline = key;
  $('headline').replaceChildren(el('dl', {}, ...items.map(([label, value]) =>
    // a sentence in place of a number is set smaller, so the cards keep one height
    el('div', {}, el('dt', {}, label), el('dd', { class: /^[\d,.]+( s| min)?$/.test(value) ? null : 'words' }, value)))));
}

function renderChart(view, codes) {
  if (typeof uPlot === 'undefined') return; // the table carries the same numbers
  for (const code of codes) {
    if (!view.colours.has(code)) view.colours.set(code, PALETTE[view.colours.size % PALETTE.length]);
  }
  const xs = [];
  for (let at = view.now - WINDOW_SECONDS + 1; at <= view.now; at++) xs.push(at);
  const data = [xs, ...codes.map((code) => xs.map((at) => view.seconds.get(at)?.[code] ?? 0))];
  const shape = codes.join(',');
  if (chart && chart.shape === shape) {
    chart.setData(data);
    return;
  }
  stopChart();
  const container = $('chart');
  chart = new uPlot({
    width: Math.max(320, container.clientWidth),
    height: 260,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { label: 'answers per second', size: 60 }],
    series: [{ label: 'Time' }, ...codes.map((code) => ({ label: code, stroke: view.colours.get(code), width: 2,
      points: { show: false } }))],
  }, data, container);
  chart.shape = shape;
}

// ---- the operator's controls, and the audit log they write ----

/** The event whose controls are on screen. */
let controlled = null;

function showControls(kind, id) {
  controlled = { kind, id };
  for (const k of ['room', 'drop', 'poll']) $(`controls-${k}`).hidden = k !== kind;
  $('controls-none').hidden = ['room', 'drop', 'poll'].includes(kind);
  $('control-result').textContent = '';
}

/** Asks in the page's dialog; true only for an explicit yes (Escape and Cancel say no). */
function confirmed(title, text, yes) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = yes;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

/** Confirms, runs the control, says how it ended, and shows its audit entry at once. */
async function control(title, text, yes, path, body) {
  const { kind, id } = controlled;
  if (!(await confirmed(title, text, yes))) {
    $('control-result').textContent = 'Cancelled: nothing changed.';
    return;
  }
  try {
    const answer = await call('POST', path, body);
    const entry = answer.audit ?? answer;
    $('control-result').textContent = `Done: ${entry.action} ${kind} ${id}`
      + `${Object.keys(entry.details ?? {}).length ? ` (${details(entry.details)})` : ''}. Recorded in the audit log.`;
  } catch (e) {
    if (e instanceof ProblemAnswer && e.status !== 401 && e.status !== 403) {
      $('control-result').textContent = `Not done: ${e.message} (${e.status}${e.code ? ` ${e.code}` : ''})`;
    } else {
      failed(e);
    }
  }
  await refreshAudit().catch(failed);
}

const path = (kind, id, action) => `/v1/admin/${kind}s/${encodeURIComponent(id)}/${action}`;

$('pause-room').addEventListener('click', () => control('Pause admission?',
  `Room ${controlled.id} will admit nobody until it is resumed. Everyone keeps their place in line; admissions `
  + 'already made stay good.', 'Pause', path('room', controlled.id, 'pause')));
$('resume-room').addEventListener('click', () => control('Resume admission?',
  `Room ${controlled.id} will admit again at the rate it had before the pause.`, 'Resume',
  path('room', controlled.id, 'resume')));
$('rate-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const rate = Number($('rate').value);
  control('Change the admission rate?', `Room ${controlled.id} will admit ${format(rate)} a second from now on`
    + `${rate === 0 ? ' (0 pauses it)' : ''}.`, 'Set rate', path('room', controlled.id, 'rate'),
  { admitPerSecond: rate });
});
$('revoke-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const who = $('revoke-who').value.trim();
  if (!who) return;
  // an entry id is what the server makes (the admission token's jti); anything else names a user
  const byEntry = /^[0-9a-f]{32}$/.test(who);
  control('Revoke this admission?', `The admission of ${byEntry ? 'entry' : 'user'} ${who} in room `
    + `${controlled.id} will be refused by every gated drop, show and poll from now on. This cannot be undone.`,
  'Revoke', path('room', controlled.id, 'revocations'), byEntry ? { jti: who } : { userId: who });
});
$('close-drop').addEventListener('click', () => control('Close the drop now?',
  `Drop ${controlled.id} will refuse every claim from now on (409 closed). Claims accepted so far are kept. `
  + 'Only a new PUT of its terms opens it again.', 'Close the drop', path('drop', controlled.id, 'close')));
$('close-poll').addEventListener('click', () => control('Close the poll now?',
  `Poll ${controlled.id} will refuse every vote from now on (409 closed). Votes accepted so far are counted. `
  + 'Only a new PUT of its terms opens it again.', 'Close the poll', path('poll', controlled.id, 'close')));

/** "admitPerSecond 100 → 0 · …": a value's before and after as one change, the rest by name, in name order. */
function details(map) {
  const all = map ?? {};
  const parts = [];
  for (const name of Object.keys(all).sort()) {
    const base = name.replace(/(Before|After)$/, '');
    if (base !== name && `${base}Before` in all && `${base}After` in all) {
      if (name.endsWith('Before')) parts.push(`${base} ${all[name]} → ${all[`${base}After`]}`);
    } else {
      parts.push(`${name} ${all[name]}`);
    }
  }
  return parts.join(' · ');
}

function pollAudit() {
  every(AUDIT_POLL_MS, async (current) => {
    const answer = await call('GET', `/v1/admin/audit?limit=${AUDIT_ROWS}`);
    if (current()) renderAudit(answer.items ?? []);
  });
}

async function refreshAudit() {
  renderAudit((await call('GET', `/v1/admin/audit?limit=${AUDIT_ROWS}`)).items ?? []);
}

function renderAudit(entries) {
  const rows = entries.map((entry) => el('tr', { 'data-entry': entry.entryId, 'data-kind': entry.kind,
    'data-id': entry.id, 'data-action': entry.action },
  el('td', {}, el('time', { datetime: entry.at }, new Date(entry.at).toLocaleString('en'))),
  el('td', { 'data-col': 'who' }, entry.who),
  el('th', { scope: 'row', 'data-col': 'action' }, entry.action),
  el('td', { 'data-col': 'event' }, `${entry.kind} ${entry.id}`),
  el('td', { 'data-col': 'details' }, details(entry.details) || '—'),
  el('td', { 'data-col': 'status' }, `${String(entry.status).toLowerCase()}${entry.code ? ` (${entry.code})` : ''}`)));
  $('audit-table').tBodies[0].replaceChildren(...rows);
  $('audit-empty').hidden = rows.length > 0;
}

window.addEventListener('resize', () => {
  if (chart) chart.setSize({ width: Math.max(320, $('chart').clientWidth), height: 260 });
});

// ---- screens ----

function route() {
  generation += 1;
  stopChart();
  if (!sessionStorage.getItem(TOKEN_KEY)) {
    show('sign-in');
    return;
  }
  const match = /^#\/([a-z]+)\/([^/]+)$/.exec(location.hash);
  if (match && KINDS.includes(match[1])) {
    let id;
    try { id = decodeURIComponent(match[2]); } catch { id = null; }
    if (id) return showLive(match[1], id);
  }
  if (location.hash && location.hash !== '#' && location.hash !== '#/') {
    showProblem(`No such view: ${location.hash}. Showing every event.`);
  } else {
    showProblem(null);
  }
  showList();
}

/** The deployed API's base URL from config.json; the page's own origin when there is none (locally). */
async function configure() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) api = String((await response.json()).api ?? '').replace(/\/+$/, '');
  } catch { /* no config: same origin */ }
}

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('token').value = '';
  showProblem(null);
  route();
});
$('sign-out').addEventListener('click', () => signIn(null));
$('back').addEventListener('click', (event) => {
  event.preventDefault();
  location.hash = '#/';
});
window.addEventListener('hashchange', route);

await configure();
route();
