'use strict';

// Functions for drop-rush.yml: which drop to rush, and where each virtual user's bearer token comes from.
//
// Two ways to get tokens:
// - Local stack (default): nothing to set. Tokens come from POST /v1/dev/tokens, which only the local stack serves:
//   one admin token in the `before` flow, and one token per virtual user, each for a fresh user id.
// - Deployed API: the JWT authorizer only accepts tokens from the configured issuer (Cognito by default), so they
//   are handed in: RUSHGATE_ADMIN_TOKEN (a token whose `roles` claim holds `admin`) and either RUSHGATE_TOKENS_FILE
//   (one user token per line; each virtual user picks one at random) or RUSHGATE_TOKEN (one user token for all,
//   so every claim after that user's first is a 409 limit-reached: fine for a smoke run, not for a crowd).

const crypto = require('node:crypto');
const fs = require('node:fs');

const env = process.env;
const DEFAULT_STOCK = 100;

/** Tokens handed in for a deployed API, read once per worker; empty against the local stack. */
const userTokens = env.RUSHGATE_TOKENS_FILE
  ? fs.readFileSync(env.RUSHGATE_TOKENS_FILE, 'utf8').split(/\r?\n/).map((t) => t.trim()).filter(Boolean)
  : env.RUSHGATE_TOKEN ? [env.RUSHGATE_TOKEN.trim()] : [];

/** `before`: the drop's id and terms, and whether tokens come from the local stack. Runs once per test run. */
function prepareDrop(context, events, done) {
  const deployed = Boolean(env.RUSHGATE_ADMIN_TOKEN);
  if (deployed && userTokens.length === 0) {
    return done(new Error('RUSHGATE_ADMIN_TOKEN is set: also set RUSHGATE_TOKENS_FILE or RUSHGATE_TOKEN'));
  }
  context.vars.localTokens = !deployed;
  context.vars.adminToken = env.RUSHGATE_ADMIN_TOKEN || '';
  // Admin-chosen ids match [a-z0-9][a-z0-9-]{0,63}; a fresh one per run keeps runs apart.
  context.vars.dropId = env.RUSHGATE_DROP_ID || `rush-${Date.now().toString(36)}`;
  context.vars.stock = Number.parseInt(env.RUSHGATE_STOCK || `${DEFAULT_STOCK}`, 10);
  return done();
}

/** beforeRequest of the PUT: the drop's terms as JSON with real numbers (a template would send strings). */
function dropTerms(requestParams, context, events, done) {
  requestParams.json = {
    name: 'Artillery drop rush',
    stock: context.vars.stock,
    perUserLimit: 1,
    opensAt: new Date(Date.now() - 1000).toISOString(),
  };
  return done();
}

/** Each virtual user: a fresh user id (local stack) or one of the tokens handed in (deployed API). */
function pickUser(context, events, done) {
  context.vars.userId = `rush-${crypto.randomUUID()}`;
  context.vars.localTokens = userTokens.length === 0;
  if (userTokens.length > 0) {
    context.vars.token = userTokens[crypto.randomInt(userTokens.length)];
  }
  return done();
}

module.exports = { prepareDrop, dropTerms, pickUser };
