'use strict';

// Functions for live-vote.yml: which poll to vote in, its terms, and each virtual user's voter and token.
//
// Tokens as in drop-rush.js: against the local stack nothing is set (POST /v1/dev/tokens, local only); against a
// deployed API set RUSHGATE_ADMIN_TOKEN and RUSHGATE_TOKENS_FILE (one user token per line). A token handed in
// twice votes once, so the second virtual user with it gets 409 already-voted, which the scenario accepts.

const crypto = require('node:crypto');
const fs = require('node:fs');

const env = process.env;
const OPTIONS = ['red', 'green', 'blue', 'yellow'];

const userTokens = env.RUSHGATE_TOKENS_FILE
  ? fs.readFileSync(env.RUSHGATE_TOKENS_FILE, 'utf8').split(/\r?\n/).map((t) => t.trim()).filter(Boolean)
  : [];

/** `before`: the poll's id, and whether tokens come from the local stack. */
function preparePoll(context, events, done) {
  const deployed = Boolean(env.RUSHGATE_ADMIN_TOKEN);
  if (deployed && userTokens.length === 0) {
    return done(new Error('RUSHGATE_ADMIN_TOKEN is set: also set RUSHGATE_TOKENS_FILE'));
  }
  context.vars.localTokens = !deployed;
  context.vars.adminToken = env.RUSHGATE_ADMIN_TOKEN || '';
  context.vars.pollId = env.RUSHGATE_POLL_ID || `vote-${Date.now().toString(36)}`;
  return done();
}

/** beforeRequest of the PUT: the poll's terms, open now for an hour, with an alert per 1,000 votes of red. */
function pollTerms(requestParams, context, events, done) {
  requestParams.json = {
    question: 'Which colour?',
    options: OPTIONS.map((id) => ({ id, label: id })),
    opensAt: new Date(Date.now() - 1000).toISOString(),
    closesAt: new Date(Date.now() + 3600 * 1000).toISOString(),
    alerts: [{ optionId: 'red', threshold: 1000 }, { threshold: 2000 }],
  };
  return done();
}

/** Each virtual user: a fresh voter, an option, and whether it tries a second vote (one in ten). */
function pickVoter(context, events, done) {
  context.vars.userId = `voter-${crypto.randomUUID()}`;
  context.vars.optionId = OPTIONS[crypto.randomInt(OPTIONS.length)];
  context.vars.votesTwice = crypto.randomInt(10) === 0;
  context.vars.localTokens = userTokens.length === 0;
  if (userTokens.length > 0) {
    context.vars.token = userTokens[crypto.randomInt(userTokens.length)];
  }
  return done();
}

module.exports = { preparePoll, pollTerms, pickVoter };
