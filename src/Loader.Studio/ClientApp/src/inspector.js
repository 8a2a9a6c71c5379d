// The task inspector: step type, inputs with their resolved values and layers, parameters and their sources, outputs.
import { api } from "./api.js";
import { h, replace } from "./dom.js";

export async function showInspector(panel, workflow, family, parameters, date) {
  replace(panel, h("p", { class: "muted" }, `Loading ${family}…`));
  try {
    const task = await api.task(workflow, family, parameters, date);
    replace(panel,
      h("h2", { id: "inspector-title" }, task.task),
      task.description && h("p", {}, task.description),
      task.days.length > 1 && h("p", { class: "muted" }, `${task.days.length} days, ${task.days[0]} to ${task.days[task.days.length - 1]}`),
      h("h3", {}, "Step"),
      task.step
        ? h("p", {}, h("code", {}, task.step.name), " — ", task.step.summary)
        : h("p", { class: "error" }, "unknown step type"),
      h("h3", {}, "Inputs"),
      table(["Input", "Value", "Source"], task.inputs.map((input) => [
        h("span", { title: input.type ?? "" }, input.name),
        h("div", {}, h("code", { class: "value" }, input.value === null || input.value === undefined ? "" : typeof input.value === "string" ? input.value : JSON.stringify(input.value)),
          input.template && input.template !== input.value && h("div", { class: "muted small" }, "as written: ", h("code", {}, input.template))),
        h("div", {}, input.source,
          input.references.map((r) => h("div", { class: "small" }, h("code", {}, r.key), " = ", h("code", {}, r.value ?? "(missing)"), " from ", h("span", { class: "layer" }, r.source)))),
      ]), "inputs"),
      h("h3", {}, "Parameters"),
      table(["Parameter", "Value", "Source"], task.parameters.map((p) => [p.name, h("code", {}, p.value), h("span", { class: "layer" }, p.source)]), "parameters"),
      h("h3", {}, "Outputs"),
      table(["Output", "Location", "Exists"], task.outputs.map((o) => [o.name, h("code", {}, o.location), h("span", { class: o.exists ? "yes" : "no" }, o.exists ? "exists" : "missing")]), "outputs"),
      task.requires.length > 0 && h("p", { class: "small muted" }, `Requires ${task.requires.map((r) => r.task).join(", ")}`),
    );
  } catch (error) {
    replace(panel, h("p", { class: "error" }, error.message));
  }
}

export function table(headers, rows, name) {
  return h("table", { class: "data", "data-name": name ?? "" },
    h("thead", {}, h("tr", {}, headers.map((title) => h("th", {}, title)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, row.map((cell) => h("td", {}, cell))))));
}
