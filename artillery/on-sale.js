'use strict';

// Functions for on-sale.yml: the room and show, tokens (as in drop-rush.js: from POST /v1/dev/tokens on the local
// stack, or RUSHGATE_ADMIN_TOKEN plus RUSHGATE_TOKENS_FILE / RUSHGATE_TOKEN for a deployed API), reading entries
// as the API advises (Retry-After), picking seats, and following the order until it settles.

const crypto = require('node:crypto');
const fs = require('node:fs');

const env = process.env;
const MAX_POLLS = Number.parseInt(env.RUSHGATE_MAX_POLLS || '120', 10);
const userTokens = env.RUSHGATE_TOKENS_FILE
  ? fs.readFileSync(env.RUSHGATE_TOKENS_FILE, 'utf8').split(/\r?\n/).map((t) => t.trim()).filter(Boolean)
  : env.RUSHGATE_TOKEN ? [env.RUSHGATE_TOKEN.trim()] : [];

function number(name, fallback) {
  return Number.parseInt(env[name] || `${fallback}`, 10);
}

/** `before`: ids and terms, and whether tokens come from the local stack. */
function prepareSale(context, events, done) {
  const deployed = Boolean(env.RUSHGATE_ADMIN_TOKEN);
  if (deployed && userTokens.length === 0) {
    return done(new Error('RUSHGATE_ADMIN_TOKEN is set: also set RUSHGATE_TOKENS_FILE or RUSHGATE_TOKEN'));
  }
  const run = Date.now().toString(36);
  context.vars.localTokens = !deployed;
  context.vars.adminToken = env.RUSHGATE_ADMIN_TOKEN || '';
  context.vars.roomId = env.RUSHGATE_ROOM_ID || `sale-${run}`;
  context.vars.showId = env.RUSHGATE_SHOW_ID || `show-${run}`;
  context.vars.admitPerSecond = number('RUSHGATE_ADMIT_PER_SECOND', 100);
  context.vars.rows = number('RUSHGATE_ROWS', 50);
  context.vars.seatsPerRow = number('RUSHGATE_SEATS_PER_ROW', 40);
  return done();
}

function roomTerms(requestParams, context, events, done) {
  requestParams.json = {
    admitPerSecond: context.vars.admitPerSecond,
    admissionTtlSeconds: 300,
    opensAt: new Date(Date.now() - 1000).toISOString(),
    // every virtual user comes from this machine's address: the per-address entry limit is off (0)
    entriesPerIpPerMinute: number('RUSHGATE_PER_IP_LIMIT', 0),
  };
  return done();
}

/** beforeRequest of the show's PUT: one section behind the room, holds of 5 minutes, 4 seats a person. */
function showTerms(requestParams, context, events, done) {
  requestParams.json = {
    name: 'Artillery on-sale',
    startsAt: new Date(Date.now() + 30 * 86400 * 1000).toISOString(),
    roomId: context.vars.roomId,
    holdSeconds: 300,
    maxSeatsPerUser: 4,
    sections: [{ id: 'A', rows: context.vars.rows, seatsPerRow: context.vars.seatsPerRow, priceCents: 6500 }],
  };
  return done();
}

function pickUser(context, events, done) {
  context.vars.userId = `sale-${crypto.randomUUID()}`;
  context.vars.localTokens = userTokens.length === 0;
  context.vars.polls = 0;
  context.vars.holdId = '';
  context.vars.orderId = '';
  context.vars.orderStatus = '';
  if (userTokens.length > 0) context.vars.token = userTokens[crypto.randomInt(userTokens.length)];
  return done();
}

function readEntry(requestParams, response, context, events, done) {
  if (response.statusCode === 200 || response.statusCode === 201) {
    const entry = JSON.parse(response.body);
    context.vars.entryId = entry.entryId;
    context.vars.entryStatus = entry.status;
    context.vars.admissionToken = entry.admissionToken || '';
  } else {
    context.vars.entryStatus = `HTTP ${response.statusCode}`;
  }
  const retryAfter = Number.parseInt(response.headers['retry-after'] || '0', 10);
  context.vars.retryAfter = Number.isNaN(retryAfter) ? 1 : retryAfter;
  return done();
}

function stillWaiting(context, next) {
  context.vars.polls += 1;
  return next(context.vars.entryStatus === 'WAITING' && context.vars.polls < MAX_POLLS);
}

function requireAdmission(context, events, done) {
  if (context.vars.entryStatus === 'ADMITTED') return done();
  return done(new Error(`not admitted after ${context.vars.polls} polls: ${context.vars.entryStatus}`));
}

/** beforeRequest of the hold: 1 to 4 adjacent seats in a random row. */
function pickSeats(requestParams, context, events, done) {
  const n = 1 + crypto.randomInt(4);
  const row = 1 + crypto.randomInt(context.vars.rows);
  const first = 1 + crypto.randomInt(context.vars.seatsPerRow - n + 1);
  const seatIds = [];
  for (let s = first; s < first + n; s += 1) seatIds.push(`A-${row}-${s}`);
  requestParams.json = { seatIds };
  return done();
}

function readHold(requestParams, response, context, events, done) {
  if (response.statusCode === 201) {
    context.vars.holdId = JSON.parse(response.body).holdId;
    events.emit('counter', 'sale.held', 1);
  } else {
    events.emit('counter', 'sale.seat_unavailable', 1);
  }
  return done();
}

function readOrder(requestParams, response, context, events, done) {
  if (response.statusCode === 200) context.vars.orderStatus = JSON.parse(response.body).status;
  return done();
}

/** Follow a paid order until it settles (never loops without an order). */
function orderPending(context, next) {
  if (!context.vars.orderId) return next(false);
  context.vars.polls += 1;
  return next(context.vars.orderStatus !== 'CONFIRMED' && context.vars.orderStatus !== 'FAILED'
    && context.vars.polls < MAX_POLLS);
}

function requireSettled(context, events, done) {
  if (!context.vars.orderId) return done();
  if (context.vars.orderStatus === 'CONFIRMED') {
    events.emit('counter', 'sale.confirmed', 1);
    return done();
  }
  return done(new Error(`order ${context.vars.orderId} did not settle: ${context.vars.orderStatus}`));
}

module.exports = {
  prepareSale, roomTerms, showTerms, pickUser, readEntry, stillWaiting, requireAdmission, pickSeats, readHold,
  readOrder, orderPending, requireSettled,
};
