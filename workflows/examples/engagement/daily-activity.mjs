#!/usr/bin/env node
// Reads one day of tracking logs (JSON lines) and writes the learners active that day in each course as TSV:
//   date, course_id, username
// Any event with a course in its context and the day's date counts as activity. A day without any writes an empty file.
//   node daily-activity.mjs DATE TRACKING_LOG OUTPUT_TSV
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [date, log, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: daily-activity.mjs DATE TRACKING_LOG OUTPUT_TSV');
  process.exit(2);
}
if (!existsSync(log)) {
  console.error(`no tracking log for ${date}: ${log} does not exist`);
  process.exit(1);
}
const active = new Set();
readFileSync(log, 'utf8').split('\n').forEach((line, index) => {
  if (!line.trim()) return;
  let event;
  try {
    event = JSON.parse(line);
  } catch {
    console.error(`${log}:${index + 1}: not JSON, skipped`);
    return;
  }
  const course = event.context?.course_id;
  if (!course || !event.username || !event.time?.startsWith(date)) return;
  active.add(`${date}\t${course}\t${event.username}\n`);
});
writeFileSync(output, [...active].sort().join(''));
console.log(`${date}: ${active.size} learners active in a course`);
