// The waiting page: enters a room's queue, shows where the visitor stands, polls as the API advises and, once
// admitted, goes on to the target carrying the admission token in the fragment. No framework, no build step.
//
// URL: /waiting/index.html?room=<roomId>&target=<url>#token=<bearer token>
// The API is the one named in config.json next to this page (the CDK app writes it), else the page's own
// origin (the local stack serves both). Never a URL parameter: a crafted link cannot make the page send the
// visitor's bearer token anywhere else.

const MIN_POLL_SECONDS = 1;
const MAX_POLL_SECONDS = 30;
const $ = (id) => document.getElementById(id);

/** An answer that was not a success: the problem+json fields, and Retry-After when there was one. */
class ProblemAnswer extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `The waiting room answered ${status}.`);
    this.status = status;
    this.code = problem.code;
    this.retryAfter = retryAfter;
  }
}

const params = new URLSearchParams(location.search);
const roomId = params.get('room');
const target = checkedTarget(params.get('target'));
const storageKey = `rushgate.waiting.${roomId}`;
let api = '';

/** Only http(s) targets (never javascript: or data:), and only listed origins when the page lists any. */
function checkedTarget(raw) {
  if (!raw) return null;
  let url;
  try { url = new URL(raw, location.href); } catch { return null; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const allowed = (document.querySelector('meta[name="rushgate-allowed-targets"]')?.content ?? '')
    .split(/\s+/).filter(Boolean);
  return allowed.length === 0 || allowed.includes(url.origin) ? url : null;
}

function load() {
  try { return JSON.parse(sessionStorage.getItem(storageKey)) ?? {}; } catch { return {}; }
}

function save(session) {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
}

function setState(state) {
  document.body.dataset.state = state;
}

/** Sets the live sentence only when it changes, so screen readers hear news rather than every poll. */
function say(text) {
  if ($('status').textContent !== text) $('status').textContent = text;
}

function showProblem(text) {
  $('problem').textContent = text ?? '';
  $('problem').hidden = !text;
}

function sleep(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

function pollSeconds(retryAfter, fallback) {
  const seconds = Number.parseInt(retryAfter ?? '', 10);
  return Math.min(MAX_POLL_SECONDS, Math.max(MIN_POLL_SECONDS, Number.isFinite(seconds) ? seconds : fallback));
}

async function call(method, path, token, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store', credentials: 'omit' });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { /* a proxy's HTML error page: keep the status */ }
  if (!response.ok) throw new ProblemAnswer(response.status, json, response.headers.get('Retry-After'));
  return { body: json, retryAfter: response.headers.get('Retry-After') };
}

function formatWait(seconds) {
  if (seconds === null || seconds === undefined) return 'Unknown while admission is paused';
  if (seconds <= 1) return 'Any moment now';
  if (seconds < 60) return `About ${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `About ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function render(entry, session) {
  $('standing').hidden = false;
  $('join').hidden = true;
  if (entry.position === null || entry.position === undefined) {
    setState('pre-queue');
    $('position').textContent = 'Not drawn yet';
    $('ahead').textContent = '—';
    $('wait').textContent = formatWait(entry.estimatedWaitSeconds);
    say('The room has not opened yet. When it opens, everyone already here gets a place in random order.');
    return;
  }
  const ahead = entry.aheadOfYou ?? 0;
  if (session.firstAhead === undefined || ahead > session.firstAhead) {
    session.firstAhead = ahead;
    save(session);
  }
  const percent = session.firstAhead === 0 ? 100 : Math.round((100 * (session.firstAhead - ahead)) / session.firstAhead);
  $('position').textContent = String(entry.position);
  $('ahead').textContent = String(ahead);
  $('wait').textContent = formatWait(entry.estimatedWaitSeconds);
  $('progress').value = percent;
  $('progress').textContent = `${percent}%`;
  $('progress-text').textContent = `${percent}% of the way`;
  setState('waiting');
  say(ahead === 0 ? `You are number ${entry.position} in line, and you are next.`
    : `You are number ${entry.position} in line, with ${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you.`);
}

function goOn(entry) {
  setState('admitted');
  $('progress').value = 100;
  $('progress-text').textContent = '100% of the way';
  const onward = new URL(target);
  // The fragment never reaches a server: not the target's access logs, not a CDN's, not a Referer header.
  onward.hash = `admission=${encodeURIComponent(entry.admissionToken)}`;
  $('onward-link').href = onward.href;
  $('onward-link').textContent = `Continue to ${onward.host}`;
  $('onward').hidden = false;
  say('It is your turn. Taking you on now.');
  location.replace(onward.href);
}

/** Enters (or finds the stored entry again) and polls until admitted, expired or refused for good. */
async function wait(session) {
  const base = `/v1/rooms/${encodeURIComponent(roomId)}/entries`;
  let failures = 0;
  for (;;) {
    try {
      const answer = session.entryId
        ? await call('GET', `${base}/${encodeURIComponent(session.entryId)}`, session.token)
        : await call('POST', base, session.token);
      failures = 0;
      showProblem(null);
      const entry = answer.body;
      if (session.entryId !== entry.entryId) {
        session.entryId = entry.entryId;
        save(session);
      }
      if (entry.status === 'ADMITTED') return goOn(entry);
      if (entry.status === 'EXPIRED') {
        setState('expired');
        say('Your turn came and went: the admission was not used in time.');
        return;
      }
      render(entry, session);
      await sleep(pollSeconds(answer.retryAfter, 5));
    } catch (e) {
      if (!(e instanceof ProblemAnswer)) {
        failures += 1;
        showProblem(`The waiting room cannot be reached right now; trying again. You keep your place.`);
        await sleep(Math.min(MAX_POLL_SECONDS, 2 ** failures));
      } else if (e.status === 404 && session.entryId) {
        // The stored entry is not this visitor's (another sign-in) or is gone: entering again is safe.
        delete session.entryId;
        delete session.firstAhead;
        save(session);
      } else if (e.status === 429 || e.status >= 500) {
        showProblem(e.message);
        await sleep(pollSeconds(e.retryAfter, 5));
      } else {
        if (e.status === 401) {
          delete session.token;
          save(session);
        }
        setState('refused');
        $('join').hidden = true;
        showProblem(e.message);
        say('You are not in the queue.');
        return;
      }
    }
  }
}

/** Locally, the stack signs anybody in (POST /v1/dev/tokens); a deployed API has no such route. */
function askForUser(session) {
  setState('signing-in');
  $('join').hidden = false;
  $('user').value = `guest-${crypto.randomUUID().slice(0, 8)}`;
  say('Choose a user id to join the queue.');
  $('join').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('join-button').disabled = true;
    try {
      session.token = (await call('POST', '/v1/dev/tokens', null, { userId: $('user').value })).body.token;
      save(session);
      await wait(session);
    } catch (e) {
      showProblem(e.status === 404
        ? 'This page needs a sign-in token from the site that sent you here; please go back and follow its link again.'
        : e.message);
      $('join-button').disabled = false;
    }
  });
}

/** The deployed API's base URL from config.json; the page's own origin when there is none (locally). */
async function configure() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) api = String((await response.json()).api ?? '').replace(/\/+$/, '');
  } catch { /* no config: same origin */ }
}

async function start() {
  if (!roomId || !target) {
    setState('refused');
    say('This link is incomplete.');
    showProblem('The link must name a room (room=…) and an http(s) address to continue to (target=…).');
    return;
  }
  const session = load();
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    session.token = fragment.get('token');
    save(session);
    // Out of the address bar, so it is neither bookmarked nor shared by copy and paste.
    history.replaceState(null, '', location.pathname + location.search);
  }
  await configure();
  if (session.token) wait(session);
  else askForUser(session);
}

start();
