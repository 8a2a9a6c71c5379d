#!/usr/bin/env node
// An SMTP server for Loader's notification tests, on loopback:
//   node tools/smtp-sink/serve.js --out FILE [--user NAME --password WORD] [--refuse "550 TEXT"] [--starttls | --tls]
// It listens on a free 127.0.0.1 port and prints "listening on 127.0.0.1:PORT". Each message it accepts is
// appended to FILE as one JSON line (envelope, the user it authenticated, parsed subject and text, the raw
// message) before the client is told it was accepted, so a test reads it as soon as its send returns.
// --user/--password require AUTH with exactly those; --refuse answers every MAIL FROM with that reply;
// --starttls offers STARTTLS, --tls speaks TLS from the start (smtps), both with smtp-server's own self-signed
// certificate, which no client trusts.
'use strict';
const fs = require('fs');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const args = process.argv.slice(2);
const option = name => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const out = option('--out');
const user = option('--user');
const password = option('--password');
const refuse = option('--refuse');
if (!out) {
  console.error('usage: serve.js --out FILE [--user NAME --password WORD] [--refuse "550 TEXT"] [--starttls | --tls]');
  process.exit(2);
}

const server = new SMTPServer({
  secure: args.includes('--tls'),
  disabledCommands: args.includes('--starttls') ? [] : ['STARTTLS'],
  authOptional: !user,
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, session, callback) {
    if (auth.username === user && auth.password === password) {
      callback(null, { user: auth.username });
    } else {
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    }
  },
  onMailFrom(address, session, callback) {
    if (refuse) {
      const code = Number(refuse.slice(0, 3));
      callback(Object.assign(new Error(refuse.slice(4)), { responseCode: code }));
    } else {
      callback();
    }
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', chunk => chunks.push(chunk));
    stream.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        const mail = await simpleParser(raw);
        fs.appendFileSync(out, JSON.stringify({
          from: session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map(r => r.address),
          user: session.user || null,
          subject: mail.subject || '',
          text: mail.text || '',
          raw,
        }) + '\n');
        callback();
      } catch (error) {
        callback(error);
      }
    });
  },
});
server.on('error', error => console.error(error.message));
server.listen(0, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${server.server.address().port}`));
