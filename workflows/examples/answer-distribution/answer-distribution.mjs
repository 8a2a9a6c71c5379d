#!/usr/bin/env node
// Reads the tracking logs under the SRC roots (searched recursively) whose paths match an INCLUDE glob, takes each
// learner's last answer to each problem (problem_check events), and writes how many learners gave each answer as TSV:
//   course_id, problem_id, answer, learners
// SRC and INCLUDE are lists as loader writes them: comma-separated, or a JSON array. Files ending in .gz are gunzipped.
//   node answer-distribution.mjs SRC INCLUDE OUTPUT_TSV
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const [src, include, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: answer-distribution.mjs SRC INCLUDE OUTPUT_TSV');
  process.exit(2);
}
const list = (text) => (text.startsWith('[') ? JSON.parse(text) : text.split(',')).filter((item) => item !== '');
// A glob as edX's fnmatch reads it: * and ? also match '/'.
const globs = list(include).map((glob) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`));
const files = (folder) => readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
  entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)]);

const logs = list(src).flatMap((root) => {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    console.error(`--src: ${root} is not a folder`);
    process.exit(2);
  }
  return files(root).filter((path) => globs.some((glob) => glob.test(path)));
}).sort();
if (logs.length === 0) {
  console.error(`no file under ${list(src).join(', ')} matches ${list(include).join(', ')}`);
  process.exit(1);
}

const last = new Map(); // course, problem, learner -> [time, answer]
for (const log of logs) {
  const text = log.endsWith('.gz') ? gunzipSync(readFileSync(log)).toString('utf8') : readFileSync(log, 'utf8');
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      console.error(`${log}:${index + 1}: not JSON, skipped`);
      return;
    }
    const course = event.context?.course_id;
    const problem = event.event?.problem_id;
    if (event.event_type !== 'problem_check' || !course || !problem || !event.username || !event.time) return;
    const answer = Object.values(event.event.answers ?? {}).flat().join('|');
    const key = JSON.stringify([course, problem, event.username]);
    if (!last.has(key) || last.get(key)[0] <= event.time) last.set(key, [event.time, answer]);
  });
}
const learners = new Map();
for (const [key, [, answer]] of last) {
  const [course, problem] = JSON.parse(key);
  const row = [course, problem, answer].join('\t');
  learners.set(row, (learners.get(row) ?? 0) + 1);
}
const rows = [...learners].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([row, count]) => `${row}\t${count}\n`);
writeFileSync(output, rows.join(''));
console.log(`${logs.length} tracking logs, ${last.size} last answers, ${rows.length} answer counts`);
