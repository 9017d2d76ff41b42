'use strict';

// Functions for waiting-room.yml: which room and drop, where tokens come from, and reading each entry answer
// (status, admission token, the Retry-After hint) so the flow can wait as the API advises.
//
// Tokens come as in drop-rush.js: from POST /v1/dev/tokens on the local stack (nothing to set), or handed in for a
// deployed API: RUSHGATE_ADMIN_TOKEN plus RUSHGATE_TOKENS_FILE (one user token per line) or RUSHGATE_TOKEN (one for
// all: each virtual user then re-enters the same entry, and the per-user entry limit answers 429 after a few).

const crypto = require('node:crypto');
const fs = require('node:fs');

const env = process.env;

/** Polls per virtual user before it gives up (and fails): a cap, so a paused room cannot hold a run forever. */
const MAX_POLLS = Number.parseInt(env.RUSHGATE_MAX_POLLS || '120', 10);

const userTokens = env.RUSHGATE_TOKENS_FILE
  ? fs.readFileSync(env.RUSHGATE_TOKENS_FILE, 'utf8').split(/\r?\n/).map((t) => t.trim()).filter(Boolean)
  : env.RUSHGATE_TOKEN ? [env.RUSHGATE_TOKEN.trim()] : [];

function number(name, fallback) {
  return Number.parseInt(env[name] || `${fallback}`, 10);
}

/** `before`: ids and terms of the room and its drop, and whether tokens come from the local stack. */
function prepareRoom(context, events, done) {
  const deployed = Boolean(env.RUSHGATE_ADMIN_TOKEN);
  if (deployed && userTokens.length === 0) {
    return done(new Error('RUSHGATE_ADMIN_TOKEN is set: also set RUSHGATE_TOKENS_FILE or RUSHGATE_TOKEN'));
  }
  const run = Date.now().toString(36);
  context.vars.localTokens = !deployed;
  context.vars.adminToken = env.RUSHGATE_ADMIN_TOKEN || '';
  context.vars.roomId = env.RUSHGATE_ROOM_ID || `room-${run}`;
  context.vars.dropId = env.RUSHGATE_DROP_ID || `gated-${run}`;
  context.vars.admitPerSecond = number('RUSHGATE_ADMIT_PER_SECOND', 50);
  context.vars.stock = number('RUSHGATE_STOCK', 1000);
  return done();
}

/** beforeRequest of the room's PUT: JSON numbers (a template would send strings). */
function roomTerms(requestParams, context, events, done) {
  requestParams.json = {
    admitPerSecond: context.vars.admitPerSecond,
    admissionTtlSeconds: 300,
    opensAt: new Date(Date.now() - 1000).toISOString(),
    // Every virtual user comes from this machine's address, so the per-address entry limit would refuse the
    // crowd: 0 turns it off (RUSHGATE_PER_IP_LIMIT sets one). The per-user limit keeps its default.
    entriesPerIpPerMinute: number('RUSHGATE_PER_IP_LIMIT', 0),
  };
  return done();
}

/** beforeRequest of the drop's PUT: the drop behind the room (`roomId`), so claims need an admission token. */
function dropTerms(requestParams, context, events, done) {
  requestParams.json = {
    name: 'Artillery waiting room',
    stock: context.vars.stock,
    perUserLimit: 1,
    opensAt: new Date(Date.now() - 1000).toISOString(),
    roomId: context.vars.roomId,
  };
  return done();
}

/** Each virtual user: a fresh user id (local stack) or one of the tokens handed in (deployed API). */
function pickUser(context, events, done) {
  context.vars.userId = `wait-${crypto.randomUUID()}`;
  context.vars.localTokens = userTokens.length === 0;
  context.vars.polls = 0;
  if (userTokens.length > 0) {
    context.vars.token = userTokens[crypto.randomInt(userTokens.length)];
  }
  return done();
}

/**
 * afterResponse of entering and of each poll: the entry's id, status and admission token, and the seconds the API
 * asks to wait before the next poll (Retry-After; absent once there is nothing left to wait for).
 */
function readEntry(requestParams, response, context, events, done) {
  if (response.statusCode === 200 || response.statusCode === 201) {
    const entry = JSON.parse(response.body);
    context.vars.entryId = entry.entryId;
    context.vars.entryStatus = entry.status;
    context.vars.admissionToken = entry.admissionToken || '';
    context.vars.position = entry.position;
  } else {
    context.vars.entryStatus = `HTTP ${response.statusCode}`;
  }
  const retryAfter = Number.parseInt(response.headers['retry-after'] || '0', 10);
  context.vars.retryAfter = Number.isNaN(retryAfter) ? 1 : retryAfter;
  return done();
}

/** The poll loop's condition: still WAITING, and under the cap. */
function stillWaiting(context, next) {
  context.vars.polls += 1;
  return next(context.vars.entryStatus === 'WAITING' && context.vars.polls < MAX_POLLS);
}

/** After the loop: fail the virtual user unless it was admitted (expired, refused, or out of polls). */
function requireAdmission(context, events, done) {
  if (context.vars.entryStatus === 'ADMITTED') {
    events.emit('counter', 'room.admitted', 1);
    events.emit('histogram', 'room.polls_until_admitted', context.vars.polls);
    return done();
  }
  return done(new Error(`not admitted after ${context.vars.polls} polls: ${context.vars.entryStatus}`));
}

module.exports = { prepareRoom, roomTerms, dropTerms, pickUser, readEntry, stillWaiting, requireAdmission };
