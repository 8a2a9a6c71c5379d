#!/usr/bin/env node
// Reads one day of tracking logs (JSON lines) and writes that day's enrollment changes per course as TSV:
//   date, course_id, activations, deactivations
// A day without enrollment events writes an empty file: downstream tasks can require every day.
//   node daily-enrollments.mjs DATE TRACKING_LOG OUTPUT_TSV
import { readFileSync, writeFileSync } from 'node:fs';

const [date, log, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: daily-enrollments.mjs DATE TRACKING_LOG OUTPUT_TSV');
  process.exit(2);
}
const counts = new Map();
readFileSync(log, 'utf8').split('\n').forEach((line, index) => {
  if (!line.trim()) return;
  let event;
  try {
    event = JSON.parse(line);
  } catch {
    console.error(`${log}:${index + 1}: not JSON, skipped`);
    return;
  }
  const change = { 'edx.course.enrollment.activated': 0, 'edx.course.enrollment.deactivated': 1 }[event.event_type];
  const course = event.context?.course_id;
  if (change === undefined || !course || !event.time?.startsWith(date)) return;
  const row = counts.get(course) ?? [0, 0];
  row[change]++;
  counts.set(course, row);
});
const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([course, [on, off]]) => `${date}\t${course}\t${on}\t${off}\n`);
writeFileSync(output, rows.join(''));
console.log(`${date}: ${rows.length} courses with enrollment changes`);
