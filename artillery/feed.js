'use strict';

// Functions for feed.yml: who each virtual user is, which author it follows, and what it searches for.
// Tokens: from the local stack's POST /v1/dev/tokens by default; for a deployed API, RUSHGATE_TOKENS_FILE (one user
// token per line) or RUSHGATE_TOKEN, as drop-rush.js explains.

const crypto = require('node:crypto');
const fs = require('node:fs');

const env = process.env;
const AUTHORS = Number.parseInt(env.RUSHGATE_AUTHORS || '10', 10);
const RUN = env.RUSHGATE_RUN || Date.now().toString(36);
const QUERIES = ['운동화', '마라톤', '커피 여행', '크라우드 펀딩', 'running shoes', 'coffee', 'concert ticket',
  '마라톤 running'];

const userTokens = env.RUSHGATE_TOKENS_FILE
  ? fs.readFileSync(env.RUSHGATE_TOKENS_FILE, 'utf8').split(/\r?\n/).map((t) => t.trim()).filter(Boolean)
  : env.RUSHGATE_TOKEN ? [env.RUSHGATE_TOKEN.trim()] : [];

function useTokens(context) {
  context.vars.localTokens = userTokens.length === 0;
  if (userTokens.length > 0) context.vars.token = userTokens[crypto.randomInt(userTokens.length)];
}

/** A reader: a fresh id, and one of the run's authors to follow. */
function pickUser(context, events, done) {
  context.vars.userId = `reader-${crypto.randomUUID()}`;
  context.vars.authorId = `author-${RUN}-${crypto.randomInt(AUTHORS)}`;
  useTokens(context);
  return done();
}

/** An author of this run, and a post in Korean and English. */
function pickAuthor(context, events, done) {
  const n = crypto.randomInt(AUTHORS);
  context.vars.authorId = `author-${RUN}-${n}`;
  context.vars.title = `마라톤 후기 ${n}`;
  context.vars.body = `새 운동화를 신고 달렸다. New running shoes, ${new Date().toISOString()}`;
  useTokens(context);
  return done();
}

/** beforeRequest of the search: one of a few Korean, English and mixed queries, URL-encoded. */
function pickQuery(requestParams, context, events, done) {
  const q = QUERIES[crypto.randomInt(QUERIES.length)];
  requestParams.url = requestParams.url.replace(/q=[^&]*/, `q=${encodeURIComponent(q)}`);
  return done();
}

module.exports = { pickUser, pickAuthor, pickQuery };
