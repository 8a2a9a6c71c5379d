#!/usr/bin/env node
// Writes deterministic sample tracking logs, one JSON-lines file per day, as the LMS would:
//   node generate-tracking-logs.mjs --from 2026-01-01 --to 2026-02-01 --out data/tracking [--seed 7]
// Each day has a few hundred events; about a fifth are enrollment activations or deactivations, and some are
// problem_check events with the learner's answer.
// Some days have no enrollment event at all, so the pipeline's empty days are exercised.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
if (!args.from || !args.to || !args.out) {
  console.error('usage: generate-tracking-logs.mjs --from YYYY-MM-DD --to YYYY-MM-DD (excluded) --out FOLDER [--seed N]');
  process.exit(2);
}

// Small linear congruential generators: the same seed always gives the same logs. Answers have their own, so
// adding them left every other event as it was.
const generator = (seed) => {
  let state = BigInt(seed);
  return () => Number((state = (state * 6364136223846793005n + 1442695040888963407n) % (1n << 64n)) >> 33n);
};
const next = generator(args.seed ?? 7);
const nextAnswer = generator(Number(args.seed ?? 7) + 1);
const pick = (list, random = next) => list[random() % list.length];

const courses = ['course-v1:edX+DemoX+2026', 'course-v1:MITx+6.00x+2026', 'course-v1:HarvardX+CS50+2026', 'course-v1:StanfordOnline+DB+2026'];
const other = ['page_view', 'play_video', 'problem_check', 'seq_goto'];
const answers = ['choice_0', 'choice_1', 'choice_2', 'choice_3'];
// A problem_check carries the problem and the learner's answer per input, as the LMS's server-side event does.
const problemCheck = (course) => {
  const problem = `${course.replace('course-v1:', 'block-v1:')}+type@problem+block@q${1 + nextAnswer() % 3}`;
  return { problem_id: problem, answers: { [`${problem}_2_1`]: pick(answers, nextAnswer) } };
};
mkdirSync(args.out, { recursive: true });
for (let day = new Date(`${args.from}T00:00:00Z`); day < new Date(`${args.to}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
  const date = day.toISOString().slice(0, 10);
  const quiet = next() % 9 === 0;
  const lines = [];
  const count = 200 + (next() % 300);
  for (let i = 0; i < count; i++) {
    const time = new Date(day.getTime() + (next() % 86400) * 1000).toISOString();
    const roll = next() % 10;
    const event_type = quiet || roll > 1 ? pick(other)
      : roll === 0 ? 'edx.course.enrollment.activated' : 'edx.course.enrollment.deactivated';
    const username = `learner${next() % 5000}`;
    const context = { course_id: pick(courses), user_id: next() % 5000 };
    const event = event_type.startsWith('edx.course.enrollment') ? { mode: pick(['audit', 'verified']) }
      : event_type === 'problem_check' ? problemCheck(context.course_id)
      : {};
    lines.push(JSON.stringify({ username, event_type, time, context, event }));
  }
  writeFileSync(join(args.out, `tracking.log-${date.replaceAll('-', '')}`), lines.join('\n') + '\n');
}
