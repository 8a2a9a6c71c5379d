// The service's schedules: when each fires next, how its last fire went, when it last succeeded; pause, resume, run now.
import { api } from "./api.js";
import { h, replace } from "./dom.js";

// Fires happen while the view is open: it reads the schedules again every few seconds.
const refreshEvery = 5000;
let refresh;

export async function showSchedules(main) {
  clearTimeout(refresh);
  let schedules;
  try {
    ({ schedules } = await api.schedules());
  } catch (error) {
    if (error.status !== 404) throw error;
    replace(main, h("h1", {}, "Schedules"), h("p", { class: "muted", id: "no-scheduler" }, error.message));
    return;
  }
  const problem = h("p", { class: "error", id: "schedule-error" });
  const act = (request) => async () => {
    try {
      await request();
      await showSchedules(main);
    } catch (error) {
      problem.textContent = error.message;
    }
  };
  const runNow = (name) => async () => {
    try {
      location.hash = `#/runs/${(await api.runSchedule(name)).runId}`;
    } catch (error) {
      problem.textContent = error.message;
    }
  };
  replace(main,
    h("h1", {}, "Schedules"),
    problem,
    schedules.length === 0
      ? h("p", { class: "muted" }, "No schedule in the configuration's schedules: section.")
      : h("table", { class: "data", id: "schedules" },
        h("thead", {}, h("tr", {}, ["Schedule", "Workflow", "Cron", "Next fire", "Last fire", "Last success", "Paused", ""].map((t) => h("th", {}, t)))),
        h("tbody", {}, schedules.map((s) => h("tr", { "data-schedule": s.name, "data-paused": String(s.paused) },
          h("td", {}, s.name),
          h("td", {}, h("a", { href: `#/workflows/${encodeURIComponent(s.workflow)}` }, s.workflow)),
          h("td", {}, h("code", {}, s.cron), " ", h("span", { class: "muted" }, s.timeZone)),
          h("td", {}, s.paused ? h("span", { class: "muted" }, "paused") : time(s.nextFire)),
          h("td", { class: "last-fire" }, lastFire(s.lastFire)),
          h("td", { class: "last-success" }, time(s.lastSuccess)),
          h("td", {}, s.paused ? "yes" : "no"),
          h("td", {}, h("div", { class: "buttons" },
            s.paused
              ? h("button", { type: "button", class: "resume", onclick: act(() => api.resumeSchedule(s.name)) }, "Resume")
              : h("button", { type: "button", class: "pause", onclick: act(() => api.pauseSchedule(s.name)) }, "Pause"),
            h("button", { type: "button", class: "run-now", onclick: runNow(s.name) }, "Run now"))))))));
  refresh = setTimeout(() => location.hash === "#/schedules" && showSchedules(main).catch((error) => { problem.textContent = error.message; }), refreshEvery);
}

function lastFire(fire) {
  if (!fire) return h("span", { class: "muted" }, "never fired");
  return [
    h("span", { class: `badge state-${fire.status}`, "data-status": fire.status }, fire.status),
    " ", time(fire.fireTime),
    fire.runId ? [" ", h("a", { href: `#/runs/${fire.runId}` }, `#${fire.runId}`)] : "",
    fire.note ? h("div", { class: fire.status === "failed" ? "error small" : "muted small" }, fire.note) : "",
  ];
}

function time(value) {
  return value ? new Date(value).toLocaleString() : h("span", { class: "muted" }, "—");
}
