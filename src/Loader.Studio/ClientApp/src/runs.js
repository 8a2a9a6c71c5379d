// Run history, and one run: its attempts on a timeline, their logs, live progress while it runs, cancel.
import { api } from "./api.js";
import { h, replace, formatDuration } from "./dom.js";
import { table } from "./inspector.js";

export async function showRuns(main) {
  const { runs } = await api.runs();
  replace(main,
    h("h1", {}, "Runs"),
    runs.length === 0
      ? h("p", { class: "muted" }, "No run yet.")
      : h("table", { class: "data", id: "runs" },
        h("thead", {}, h("tr", {}, ["Run", "Workflow", "Status", "Started", "Took", "Parameters", "Summary"].map((t) => h("th", {}, t)))),
        h("tbody", {}, runs.map((run) => h("tr", { "data-run": run.id },
          h("td", {}, h("a", { href: `#/runs/${run.id}` }, `#${run.id}`)),
          h("td", {}, run.workflow),
          h("td", {}, h("span", { class: `badge state-${run.status}` }, run.live ? "running" : run.status)),
          h("td", {}, new Date(run.started).toLocaleString()),
          h("td", {}, formatDuration(run.durationMs)),
          h("td", {}, h("code", {}, run.parameters)),
          h("td", {}, run.summary ?? ""))))));
}

export async function showRun(main, id) {
  const { run, attempts } = await api.run(id);
  const log = h("pre", { class: "log", id: "log" }, "Click an attempt to read its log.");
  const status = h("span", { class: `badge state-${run.status}`, id: "run-status", "data-status": run.status }, run.status);
  // Any running run can be cancelled, wherever it was started: the Studio asks its runner through the state store.
  const cancel = run.status === "running" && h("button", { type: "button", id: "cancel-button", onclick: () => api.cancel(id).catch((e) => alert(e.message)) }, "Cancel");
  replace(main,
    h("h1", {}, `Run #${run.id} — ${run.workflow}`),
    h("p", {}, status, " ", h("code", {}, run.parameters), " ", cancel, " ", h("span", { class: "muted" }, run.summary ?? "")),
    h("h2", {}, "Timeline"),
    timeline(run, attempts, log),
    h("h2", {}, "Attempts"),
    table(["Task", "Attempt", "Status", "Took", "Error", "Log"], attempts.map((a) => [
      a.task, a.attempt,
      h("span", { class: `badge state-${a.status}`, title: a.holder ? `leased by ${a.holder.host}, process ${a.holder.pid}` : null }, a.status),
      formatDuration(a.durationMs), a.error ?? "",
      a.log ? h("a", { href: "#", onclick: (e) => { e.preventDefault(); openLog(log, a); } }, "log") : "",
    ]), "attempts"),
    h("h2", {}, "Log"),
    log);
  if (run.live) {
    const source = api.events(id);
    const reload = () => { source.close(); if (location.hash === `#/runs/${id}`) showRun(main, id); };
    source.addEventListener("end", reload);
    source.onerror = reload;
  } else if (run.status === "running") {
    // Started by another process (loader run, a schedule elsewhere): read it again until it ends.
    setTimeout(() => { if (location.hash === `#/runs/${id}`) showRun(main, id); }, 2000);
  }
}

function timeline(run, attempts, log) {
  if (attempts.length === 0) return h("p", { class: "muted" }, "No attempt recorded.");
  const start = new Date(run.started).getTime();
  const end = Math.max(...attempts.map((a) => new Date(a.finished ?? Date.now()).getTime()), start + 1);
  const span = end - start;
  return h("div", { class: "timeline", id: "timeline" }, attempts.map((a) => {
    const left = ((new Date(a.started).getTime() - start) / span) * 100;
    const width = Math.max(((new Date(a.finished ?? Date.now()).getTime() - new Date(a.started).getTime()) / span) * 100, 0.5);
    return h("div", { class: "lane" },
      h("span", { class: "lane-label", title: a.task }, a.task),
      h("span", { class: "lane-track" },
        h("span", {
          class: `bar state-${a.status}`, style: `left:${left}%;width:${width}%`,
          title: `${a.task} attempt ${a.attempt}: ${a.status}, ${formatDuration(a.durationMs)}`,
          onclick: () => a.log && openLog(log, a),
        })));
  }));
}

async function openLog(log, attempt) {
  log.textContent = `Loading ${attempt.task} attempt ${attempt.attempt}…`;
  try {
    log.textContent = (await api.log(attempt.log)) || "(empty log)";
  } catch (error) {
    log.textContent = error.message;
  }
}
