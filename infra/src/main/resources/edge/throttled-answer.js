'use strict';
// Lambda@Edge, origin response of the API's behaviour on CloudFront. API Gateway answers a throttled request
// itself, with {"message":"Too Many Requests"} and no Retry-After, before any Rushgate function runs. This gives
// that answer the shape every other refusal has: problem+json `throttled` with Retry-After, as the local stack
// answers. Every other response, Rushgate's own 429s included (already problem+json), passes unchanged.
const PROBLEM = JSON.stringify({
  type: 'https://rushgate.dev/problems/throttled',
  title: 'Too many requests',
  status: 429,
  detail: 'This route is over its rate limit; try again after Retry-After seconds.',
  code: 'throttled',
});

exports.handler = async (event) => {
  const response = event.Records[0].cf.response;
  if (response.status !== '429') return response;
  const type = response.headers['content-type'];
  if (type && type.length && type[0].value.toLowerCase().startsWith('application/problem+json')) return response;
  response.statusDescription = 'Too Many Requests';
  response.body = PROBLEM;
  response.bodyEncoding = 'text';
  response.headers['content-type'] = [{ key: 'Content-Type', value: 'application/problem+json' }];
  response.headers['retry-after'] = [{ key: 'Retry-After', value: '1' }];
  delete response.headers['content-length'];
  return response;
};
