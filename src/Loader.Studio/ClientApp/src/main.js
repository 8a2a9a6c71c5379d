// The Studio's page: a hash router over the views.
import { h, replace } from "./dom.js";
import { showWorkflows } from "./workflows.js";
import { showWorkflow } from "./workflow.js";
import { showRuns, showRun } from "./runs.js";
import { showSchedules } from "./schedules.js";

const main = document.getElementById("main");

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", location.hash.startsWith(link.getAttribute("href")));
  try {
    if (parts[0] === "workflows" && parts[1]) await showWorkflow(main, parts[1]);
    else if (parts[0] === "runs" && parts[1]) await showRun(main, parts[1]);
    else if (parts[0] === "runs") await showRuns(main);
    else if (parts[0] === "schedules") await showSchedules(main);
    else await showWorkflows(main);
  } catch (error) {
    replace(main, h("p", { class: "error" }, error.message));
  }
}

window.addEventListener("hashchange", route);
route();
