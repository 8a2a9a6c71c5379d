// The workflow graph: a model of nodes and edges, laid out by dagre and drawn as SVG.
// Per-day and per-hour families collapse into one group node unless expanded, so a plan of thousands of instances stays a handful of nodes.
import dagre from "@dagrejs/dagre";
import { svg } from "./dom.js";

export const STATES = ["complete", "run", "overwrite", "waiting-external", "blocked", "running", "succeeded", "failed", "cancelled", "skipped"];

/** Builds nodes and edges from the workflow, its plan (or null), live task states by key, and the expanded families. */
export function buildModel(workflow, plan, live, expanded) {
  const nodes = new Map();
  const edges = new Set();
  if (!plan) {
    for (const task of workflow.tasks) {
      nodes.set(task.family, { id: task.family, family: task.family, label: task.family, sub: task.perDay ? `per day over ${task.perDay}` : task.perHour ? `per hour over ${task.perHour}` : task.uses, state: "none" });
    }
    for (const edge of workflow.edges) edges.add(`${edge.from}\u0000${edge.to}`);
    return { nodes: [...nodes.values()], edges: [...edges].map((e) => e.split("\u0000")) };
  }
  // Per-day and per-hour families are one node each until expanded; an expanded one shows each instance by its day or hour.
  const fannedOut = new Set(workflow.tasks.filter((t) => t.perDay || t.perHour).map((t) => t.family));
  const perHour = new Set(workflow.tasks.filter((t) => t.perHour).map((t) => t.family));
  const nodeOf = new Map();
  for (const entry of plan.entries) {
    const state = live.get(entry.key) ?? entry.decision;
    if (fannedOut.has(entry.family) && !expanded.has(entry.family)) {
      const id = `group:${entry.family}`;
      nodeOf.set(entry.key, id);
      let group = nodes.get(id);
      if (!group) {
        group = { id, family: entry.family, label: entry.family, group: true, unit: perHour.has(entry.family) ? "hours" : "days", counts: {}, total: 0 };
        nodes.set(id, group);
      }
      group.counts[state] = (group.counts[state] ?? 0) + 1;
      group.total++;
    } else {
      nodeOf.set(entry.key, entry.key);
      nodes.set(entry.key, { id: entry.key, family: entry.family, date: entry.date, label: entry.hour || entry.date ? `${entry.family} ${entry.hour ?? entry.date}` : entry.family, sub: `${state}: ${entry.reason}`, state, expandedFrom: fannedOut.has(entry.family) });
    }
  }
  for (const node of nodes.values()) {
    if (node.group) {
      node.state = dominant(node.counts);
      node.sub = `${node.total} ${node.unit} · ${Object.entries(node.counts).map(([s, n]) => `${n} ${s}`).join(", ")}`;
    }
  }
  for (const entry of plan.entries) {
    for (const required of entry.requires) {
      const from = nodeOf.get(required);
      const to = nodeOf.get(entry.key);
      if (from && to && from !== to) edges.add(`${from}\u0000${to}`);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges].map((e) => e.split("\u0000")) };
}

function dominant(counts) {
  for (const state of ["failed", "running", "blocked", "waiting-external", "run", "overwrite", "cancelled", "succeeded", "complete", "skipped"]) {
    if (counts[state]) return state;
  }
  return "none";
}

const WIDTH = 190;
const HEIGHT = 46;

/** Lays out and draws the model into the container; clicks select a node, double clicks (or the +/- badge) toggle a family. */
export function drawGraph(container, model, { selected, onSelect, onToggle }) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 14, ranksep: 60, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) g.setNode(node.id, { width: WIDTH, height: HEIGHT });
  for (const [from, to] of model.edges) g.setEdge(from, to);
  dagre.layout(g);
  const { width, height } = g.graph();
  const root = svg("svg", { width: Math.max(width, 200), height: Math.max(height, 80), class: "graph", role: "img", "aria-label": "workflow graph" });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" }, svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }))));
  for (const edge of g.edges()) {
    const points = g.edge(edge).points;
    root.append(svg("path", { class: "edge", d: `M${points.map((p) => `${p.x},${p.y}`).join(" L")}`, "marker-end": "url(#arrow)" }));
  }
  for (const node of model.nodes) {
    const { x, y } = g.node(node.id);
    const left = x - WIDTH / 2;
    const top = y - HEIGHT / 2;
    const item = svg("g", {
      class: `node state-${node.state}${node.group ? " group" : ""}${selected === node.id ? " selected" : ""}`,
      "data-id": node.id,
      "data-family": node.family,
      "data-state": node.state,
      tabindex: 0,
      onclick: () => onSelect(node),
      ondblclick: () => (node.group || node.expandedFrom) && onToggle(node.family),
      onkeydown: (e) => e.key === "Enter" && onSelect(node),
    });
    item.append(svg("rect", { x: left, y: top, width: WIDTH, height: HEIGHT, rx: 6 }));
    if (node.group) {
      item.append(svg("rect", { class: "stack", x: left + 4, y: top + HEIGHT - 2, width: WIDTH - 8, height: 4, rx: 2 }));
    }
    item.append(svg("text", { x: left + 8, y: top + 18, class: "label" }, clip(node.label, 24)));
    item.append(svg("text", { x: left + 8, y: top + 35, class: "sub" }, clip(node.sub ?? "", 30)));
    if (node.group || node.expandedFrom) {
      item.append(svg("text", {
        x: left + WIDTH - 16, y: top + 18, class: "toggle", "data-toggle": node.family,
        onclick: (e) => { e.stopPropagation(); onToggle(node.family); },
      }, node.group ? "+" : "−"));
    }
    item.append(svg("title", {}, `${node.label}\n${node.sub ?? ""}`));
    root.append(item);
  }
  container.replaceChildren(root);
}

function clip(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
