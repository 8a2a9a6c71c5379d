// The Studio's JSON API. Errors carry the server's messages so forms can show them.
export class ApiError extends Error {
  constructor(status, messages) {
    super(messages.join("\n"));
    this.status = status;
    this.messages = messages;
  }
}

async function call(method, path, body) {
  // Every POST carries a JSON body: the Studio refuses others, so another site's page cannot post to it.
  const json = method === "GET" ? undefined : JSON.stringify(body ?? {});
  const response = await fetch(path, {
    method,
    headers: json === undefined ? {} : { "Content-Type": "application/json" },
    body: json,
    credentials: "same-origin",
  });
  const text = await response.text();
  if (!response.ok) {
    let messages = [text || response.statusText];
    try {
      messages = JSON.parse(text).errors ?? messages;
    } catch {
      // Not JSON: keep the text.
    }
    throw new ApiError(response.status, messages);
  }
  return response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
}

const enc = encodeURIComponent;
const query = (parameters) => new URLSearchParams(Object.entries(parameters).filter(([, v]) => v !== "")).toString();

export const api = {
  workflows: () => call("GET", "/api/workflows"),
  workflow: (name) => call("GET", `/api/workflows/${enc(name)}`),
  plan: (name, parameters) => call("POST", `/api/workflows/${enc(name)}/plan`, { parameters }),
  task: (name, family, parameters, date) =>
    call("GET", `/api/workflows/${enc(name)}/tasks/${enc(family)}?${query({ ...parameters, date: date ?? "" })}`),
  start: (name, parameters) => call("POST", `/api/workflows/${enc(name)}/runs`, { parameters }),
  runs: (workflow) => call("GET", `/api/runs${workflow ? `?workflow=${enc(workflow)}` : ""}`),
  run: (id) => call("GET", `/api/runs/${enc(id)}`),
  log: (path) => call("GET", path),
  cancel: (id) => call("POST", `/api/runs/${enc(id)}/cancel`),
  events: (id) => new EventSource(`/api/runs/${enc(id)}/events`),
  schedules: () => call("GET", "/api/schedules"),
  pauseSchedule: (name) => call("POST", `/api/schedules/${enc(name)}/pause`),
  resumeSchedule: (name) => call("POST", `/api/schedules/${enc(name)}/resume`),
  runSchedule: (name) => call("POST", `/api/schedules/${enc(name)}/run`),
};
