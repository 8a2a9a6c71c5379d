// Every workflow file, with its workflows and its validation problems.
import { api } from "./api.js";
import { h, replace } from "./dom.js";

export async function showWorkflows(main) {
  const { files, problems } = await api.workflows();
  replace(main,
    h("h1", {}, "Workflows"),
    problems.map((p) => h("p", { class: "error" }, p)),
    h("ul", { class: "files", id: "workflow-list" }, files.map((file) => h("li", { class: file.problems.length ? "invalid" : "valid" },
      h("div", { class: "file" }, file.file),
      h("ul", {}, file.workflows.map((w) => h("li", {},
        h("a", { href: `#/workflows/${encodeURIComponent(w.name)}`, "data-workflow": w.name }, w.name),
        h("span", { class: "muted" }, ` ${w.tasks} tasks`),
        w.description && h("div", { class: "small muted" }, w.description.split("\n")[0])))),
      file.problems.length > 0 && h("ul", { class: "problems" }, file.problems.map((p) => h("li", { class: "error" }, p)))))));
}
