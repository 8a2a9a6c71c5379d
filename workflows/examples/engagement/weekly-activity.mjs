#!/usr/bin/env node
// Counts the learners active in each course per week, the weeks counted back from END (excluded), from the daily
// activity partitions given (each folder holding part-00000.tsv: date, course_id, username), and writes TSV:
//   interval_start, interval_end, course_id, label, count
//   node weekly-activity.mjs END OUTPUT_TSV PARTITION...
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [end, output, ...partitions] = process.argv.slice(2);
if (!output) {
  console.error('usage: weekly-activity.mjs END OUTPUT_TSV PARTITION...');
  process.exit(2);
}
const day = 24 * 60 * 60 * 1000;
const endTime = Date.parse(`${end}T00:00:00Z`);
const iso = (time) => new Date(time).toISOString().slice(0, 10);
const learners = new Map(); // week start, course -> usernames
for (const partition of partitions) {
  for (const line of readFileSync(join(partition, 'part-00000.tsv'), 'utf8').split('\n')) {
    if (!line) continue;
    const [date, course, username] = line.split('\t');
    const weeksBack = Math.ceil((endTime - Date.parse(`${date}T00:00:00Z`)) / (7 * day));
    const key = `${iso(endTime - weeksBack * 7 * day)}\t${iso(endTime - (weeksBack - 1) * 7 * day)}\t${course}`;
    learners.set(key, (learners.get(key) ?? new Set()).add(username));
  }
}
const rows = [...learners].map(([key, users]) => `${key}\tACTIVE\t${users.size}\n`).sort();
writeFileSync(output, rows.join(''));
console.log(`${rows.length} course weeks`);
