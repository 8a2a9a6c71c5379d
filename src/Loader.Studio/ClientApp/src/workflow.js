// One workflow: the parameter form, the graph coloured by state, the interval grid, the plan, a live run, the inspector.
import { api } from "./api.js";
import { buildModel, drawGraph } from "./graph.js";
import { h, replace } from "./dom.js";
import { showInspector, table } from "./inspector.js";

export async function showWorkflow(main, name) {
  const workflow = await api.workflow(name);
  const state = { plan: null, live: new Map(), expanded: new Set(), selected: null, parameters: {}, tab: "graph", source: null };
  const errors = h("div", { class: "errors", id: "form-errors", role: "alert" });
  const liveBanner = h("div", { id: "live", class: "live" });
  const view = h("div", { class: "view", id: "view" });
  const inspector = h("aside", { id: "inspector", class: "inspector" }, h("p", { class: "muted" }, "Click a task to inspect it."));
  const inputs = workflow.parameters.map((p) => field(p));
  const tabs = ["graph", "grid", "plan"].map((tab) => h("button", { type: "button", class: "tab", "data-tab": tab, onclick: () => { state.tab = tab; render(); } }, tab[0].toUpperCase() + tab.slice(1)));

  replace(main,
    h("h1", {}, workflow.name),
    workflow.description && h("p", { class: "description" }, workflow.description),
    h("form", { class: "parameters", id: "parameters", onsubmit: (e) => { e.preventDefault(); plan(); } },
      inputs.map((f) => f.label),
      h("div", { class: "buttons" },
        h("button", { type: "submit", id: "plan-button" }, "Plan"),
        h("button", { type: "button", id: "run-button", class: "primary", onclick: () => start() }, "Run"))),
    errors,
    liveBanner,
    h("div", { class: "tabs" }, tabs),
    h("div", { class: "workspace" }, view, inspector));
  render();

  function field(p) {
    const input = p.choices?.length
      ? h("select", { name: p.name }, h("option", { value: "" }, p.default ? `(default ${p.default})` : ""), p.choices.map((c) => h("option", { value: c }, c)))
      : h("input", { name: p.name, type: p.secret ? "password" : "text", placeholder: p.optional ? "none (optional)" : p.default ?? "required", autocomplete: "off", "data-type": p.type });
    const label = h("label", { title: p.description ?? "" }, h("span", {}, p.name, h("small", {}, ` ${p.type}${p.required ? ", required" : ""}`)), input);
    return { label, input, name: p.name };
  }

  function values() {
    const result = {};
    for (const f of inputs) if (f.input.value.trim() !== "") result[f.name] = f.input.value.trim();
    state.parameters = result;
    return result;
  }

  async function plan() {
    replace(errors);
    try {
      state.plan = await api.plan(name, values());
      state.live = new Map();
      render();
    } catch (error) {
      showErrors(error);
    }
  }

  async function start() {
    replace(errors);
    try {
      const parameters = values();
      state.plan = await api.plan(name, parameters);
      const { runId } = await api.start(name, parameters);
      follow(runId);
    } catch (error) {
      showErrors(error);
    }
  }

  function follow(runId) {
    state.live = new Map();
    state.source?.close();
    const counts = { succeeded: 0, failed: 0, running: 0 };
    const status = h("strong", { id: "live-status", "data-status": "running" }, "running");
    const progress = h("span", { id: "live-progress" });
    const notice = h("span", { id: "live-notice", class: "muted" });
    const cancel = h("button", { type: "button", id: "cancel-button", onclick: () => api.cancel(runId).catch(showErrors) }, "Cancel");
    replace(liveBanner, "Run ", h("a", { href: `#/runs/${runId}`, id: "live-run-link" }, `#${runId}`), ": ", status, " ", progress, " ", cancel, " ", notice);
    const source = api.events(runId);
    state.source = source;
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      const next = { "task-started": "running", "task-succeeded": "succeeded", "task-cancelled": "cancelled", "task-skipped": "skipped" }[event.type]
        ?? (event.type === "task-failed" ? (event.willRetry ? "running" : "failed") : null);
      if (event.key && next) state.live.set(event.key, next);
      counts.succeeded = [...state.live.values()].filter((s) => s === "succeeded").length;
      counts.failed = [...state.live.values()].filter((s) => s === "failed").length;
      counts.running = [...state.live.values()].filter((s) => s === "running").length;
      progress.textContent = `${counts.succeeded} succeeded, ${counts.running} running, ${counts.failed} failed`;
      if (event.type === "run-notice") notice.textContent = event.message;
      if (event.type === "run-finished") finish();
      scheduleRender();
    };
    source.addEventListener("end", () => finish());
    source.onerror = () => finish();

    async function finish() {
      source.close();
      cancel.remove();
      try {
        const { run } = await api.run(runId);
        status.textContent = run.status;
        status.dataset.status = run.status;
      } catch (error) {
        status.textContent = error.message;
      }
      scheduleRender();
    }
  }

  let pending = false;
  function scheduleRender() {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; render(); }, 150);
  }

  function render() {
    for (const tab of tabs) tab.classList.toggle("active", tab.dataset.tab === state.tab);
    if (state.tab === "graph") renderGraph();
    else if (state.tab === "grid") renderGrid();
    else renderPlan();
  }

  function renderGraph() {
    const holder = h("div", { class: "graph-holder", id: "graph" });
    const legend = h("p", { class: "small muted" }, state.plan
      ? "Per-day families are collapsed: + (or a double click) expands one. Colours: state for the chosen parameters."
      : "Give the parameters and press Plan to colour the tasks by state.");
    replace(view, legend, holder);
    drawGraph(holder, buildModel(workflow, state.plan, state.live, state.expanded), {
      selected: state.selected,
      onSelect: (node) => {
        state.selected = node.id;
        render();
        showInspector(inspector, name, node.family, values(), node.date);
      },
      onToggle: (family) => {
        if (state.expanded.has(family)) state.expanded.delete(family);
        else state.expanded.add(family);
        render();
      },
    });
  }

  function renderGrid() {
    if (!state.plan) return replace(view, h("p", { class: "muted" }, "Plan first: the grid shows each day of the interval against each per-day task."));
    const families = state.plan.families.filter((f) => f.perDay).map((f) => f.family);
    const days = [...new Set(state.plan.entries.filter((e) => e.date).map((e) => e.date))].sort();
    const byCell = new Map(state.plan.entries.filter((e) => e.date).map((e) => [`${e.family} ${e.date}`, e]));
    const cellState = (entry) => {
      const live = state.live.get(entry.key);
      if (live === "succeeded") return "complete";
      if (live) return live;
      // A day still to run whose last attempt failed reads as failed, not merely missing.
      if (entry.decision === "run" && entry.lastAttempt?.status === "failed") return "failed";
      if (entry.decision === "run" && entry.lastAttempt?.status === "running") return "running";
      return { complete: "complete", run: "missing", overwrite: "overwrite", "waiting-external": "missing", blocked: "missing" }[entry.decision] ?? entry.decision;
    };
    replace(view, h("table", { class: "grid", id: "interval-grid" },
      h("thead", {}, h("tr", {}, h("th", {}, "Day"), families.map((f) => h("th", {}, f)))),
      h("tbody", {}, days.map((day) => h("tr", {}, h("th", {}, day), families.map((family) => {
        const entry = byCell.get(`${family} ${day}`);
        if (!entry) return h("td", { class: "cell empty" });
        const s = cellState(entry);
        const last = entry.lastAttempt ? ` (last attempt: ${entry.lastAttempt.status}${entry.lastAttempt.error ? `, ${entry.lastAttempt.error}` : ""})` : "";
        return h("td", { class: `cell cell-${s}`, title: `${entry.task}: ${s} — ${entry.reason}${last}`, "data-state": s, onclick: () => showInspector(inspector, name, family, values(), day) }, s);
      }))))));
  }

  function renderPlan() {
    if (!state.plan) return replace(view, h("p", { class: "muted" }, "Press Plan to see what a run would do, and why."));
    const counts = Object.entries(state.plan.counts).filter(([, n]) => n > 0).map(([d, n]) => `${n} ${d}`).join(", ");
    replace(view, h("div", { id: "plan-view" },
      h("p", {}, h("strong", {}, "Plan: "), counts || "nothing to do"),
      state.plan.warnings.map((w) => h("p", { class: "warning" }, w)),
      state.plan.families.map((family) => h("details", { open: !family.perDay && !family.perHour, "data-family": family.family },
        h("summary", {}, `${family.family}${family.perDay || family.perHour ? ` — ${family.instances} ${family.perHour ? "hours" : "days"}, ${family.first} to ${family.last}` : ""}: `,
          Object.entries(family.decisions).map(([d, n]) => h("span", { class: `badge state-${d}` }, `${n} ${d}`))),
        table(["Task", "Decision", "Reason"], state.plan.entries.filter((e) => e.family === family.family)
          .map((e) => [e.task, h("span", { class: `badge state-${state.live.get(e.key) ?? e.decision}` }, state.live.get(e.key) ?? e.decision), e.reason]))))));
  }

  function showErrors(error) {
    replace(errors, h("ul", {}, (error.messages ?? [error.message]).map((m) => h("li", {}, m))));
  }
}
