#!/usr/bin/env node
// Starts s3rver for Loader's S3 tests and benchmark:
//   node --openssl-legacy-provider tools/s3rver/serve.js -d DIR -a 127.0.0.1 -p PORT [--verbose]
// It is s3rver's own command (node_modules/.bin/s3rver) with two fixes for how AWSSDK.S3 4.x talks to it:
// - x-amz-copy-source arrives fully percent-encoded ("bucket%2Fkey"), as real S3 accepts; s3rver reads it with
//   decodeURI, which keeps "%2F", so every server-side copy failed with NoSuchBucket.
// - s3rver encrypts continuation tokens with DES, which Node 17+ (OpenSSL 3) offers only with the legacy
//   provider: without --openssl-legacy-provider every second page of a listing fails with InternalError.
'use strict';
const crypto = require('crypto');
const S3rver = require('s3rver');

try {
  crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch (e) {
  console.error('s3rver needs DES for listing pages: start it with node --openssl-legacy-provider ' + __filename);
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
const server = new S3rver({
  directory: option('-d'),
  address: option('-a', '127.0.0.1'),
  port: Number(option('-p', '4568')),
  silent: !args.includes('--verbose'),
});
server.middleware.unshift((ctx, next) => {
  const source = ctx.get('x-amz-copy-source');
  if (source) {
    ctx.request.header['x-amz-copy-source'] = encodeURI(decodeURIComponent(source));
  }
  return next();
});
server.run().then(
  ({ address, port }) => console.log(`s3rver listening on ${address}:${port}`),
  error => {
    console.error(error.message);
    process.exit(1);
  },
);
