// The cikg page: query catalog with forms, sortable results and CSV download; a SPARQL
// editor; views, briefings and the ontology. Every text reaches the page through
// textContent (names in the graph are untrusted input); nothing loads from elsewhere.
"use strict";

const DEFAULT_QUERY = `SELECT ?company ?name ?country
WHERE {
  ?company a cikg:Company ;
           rdfs:label ?name .
  OPTIONAL { ?company cikg:headquarteredIn/skos:notation ?country
             FILTER(DATATYPE(?country) = cikg:ISO3166Alpha2) }
}
ORDER BY ?name
LIMIT 100
`;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

async function fetchText(url, options) {
  const response = await fetch(url, options);
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}: ${text.trim()}`);
  }
  return { response, text };
}

// ------------------------------------------------------------------ sortable tables

function compareCells(a, b) {
  if (a === b) return 0;
  if (a === null || a === "") return 1;      // empty cells last
  if (b === null || b === "") return -1;
  const x = typeof a === "number" ? a : Number(a);
  const y = typeof b === "number" ? b : Number(b);
  if (!Number.isNaN(x) && !Number.isNaN(y) && String(a).trim() !== "" && String(b).trim() !== "") {
    return x - y;
  }
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}

function cellText(value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function resultTable(columns, rows, caption) {
  const table = el("table", { class: "results" });
  if (caption) table.appendChild(el("caption", { text: caption }));
  const headRow = el("tr");
  const body = el("tbody");
  let order = rows.map((_, i) => i);
  const state = { column: -1, direction: 1 };
  function fill() {
    const fragment = document.createDocumentFragment();
    for (const index of order) {
      const tr = el("tr");
      for (const value of rows[index]) {
        const td = el("td", { text: cellText(value) });
        if (typeof value === "number") td.className = "num";
        tr.appendChild(td);
      }
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
  }
  columns.forEach((name, column) => {
    const button = el("button", { type: "button", class: "sort", text: name });
    const th = el("th", { scope: "col", "aria-sort": "none" }, button);
    button.addEventListener("click", () => {
      state.direction = state.column === column ? -state.direction : 1;
      state.column = column;
      order = rows.map((_, i) => i).sort((i, j) =>
        state.direction * compareCells(rows[i][column], rows[j][column]) || i - j);
      for (const other of headRow.children) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", state.direction === 1 ? "ascending" : "descending");
      fill();
    });
    headRow.appendChild(th);
  });
  table.appendChild(el("thead", {}, headRow));
  table.appendChild(body);
  fill();
  return table;
}

// ------------------------------------------------------------------ catalog

function paramInput(queryName, param) {
  const id = `p-${queryName}-${param.name}`;
  const attrs = { id, name: param.name, "data-param": param.name };
  let input;
  if (param.type === "boolean") {
    input = el("select", attrs, el("option", { value: "", text: "(any)" }),
               el("option", { value: "true", text: "true" }),
               el("option", { value: "false", text: "false" }));
  } else {
    const type = { integer: "number", decimal: "number", date: "date" }[param.type] || "text";
    input = el("input", { ...attrs, type, step: param.type === "decimal" ? "any" : null,
                          placeholder: param.default !== null ? `default ${param.default}` :
                            (param.required ? "required" : "optional"),
                          required: param.required });
  }
  const label = el("label", { for: id }, el("span", { class: "pname", text: param.name }),
                   el("span", { class: "ptype", text: ` (${param.type}${param.required ? "" : ", optional"})` }));
  return el("div", { class: "param", title: param.doc || "" }, label, input,
            param.doc ? el("small", { class: "muted", text: param.doc }) : null);
}

function catalogCard(entry) {
  const status = el("span", { class: "status", role: "status" });
  const result = el("div", { class: "result" });
  const csv = el("a", { class: "button csv", href: `/api/catalog/${encodeURIComponent(entry.name)}.csv`,
                        download: `${entry.name}.csv`, text: "Download CSV" });
  const form = el("form", { class: "catalog-form", "data-query": entry.name });
  for (const param of entry.params) form.appendChild(paramInput(entry.name, param));
  const run = el("button", { type: "submit", text: "Run" });
  form.appendChild(el("div", { class: "actions" }, run, csv, status));

  function query() {
    const params = new URLSearchParams();
    for (const input of form.querySelectorAll("[data-param]")) {
      if (input.value.trim() !== "") params.append(input.dataset.param, input.value.trim());
    }
    const text = params.toString();
    return text ? `?${text}` : "";
  }
  function refreshCsv() {
    csv.href = `/api/catalog/${encodeURIComponent(entry.name)}.csv${query()}`;
  }
  form.addEventListener("input", refreshCsv);
  form.addEventListener("change", refreshCsv);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    refreshCsv();
    status.textContent = "Running…";
    status.classList.remove("error");
    const started = performance.now();
    try {
      const { text } = await fetchText(`/api/catalog/${encodeURIComponent(entry.name)}${query()}`,
                                       { headers: { Accept: "application/json" } });
      const data = JSON.parse(text);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      status.textContent = `${data.rows.length} row${data.rows.length === 1 ? "" : "s"} in ${seconds} s`;
      result.replaceChildren(resultTable(data.columns, data.rows));
    } catch (error) {
      status.textContent = error.message;
      status.classList.add("error");
      result.replaceChildren();
    }
  });
  const details = el("details", { class: "query", id: `q-${entry.name}` },
    el("summary", {}, el("strong", { text: entry.title }), " ",
       el("code", { class: "muted", text: entry.name })),
    el("p", { text: entry.question }),
    el("p", { class: "muted" }, "Columns: ", entry.columns.join(", ")),
    form, result);
  return details;
}

async function loadCatalog() {
  const target = document.getElementById("catalog-list");
  try {
    const { text } = await fetchText("/api/catalog");
    const entries = JSON.parse(text);
    target.replaceChildren(...entries.map(catalogCard));
    if (!entries.length) target.replaceChildren(el("p", { text: "The catalog is empty." }));
  } catch (error) {
    target.replaceChildren(el("p", { class: "error", text: `Cannot load the catalog: ${error.message}` }));
  }
}

// ------------------------------------------------------------------ SPARQL editor

function bindingValue(term) {
  if (!term) return null;
  if (term.type === "uri") return term.value;
  if (term.type === "bnode") return `_:${term.value}`;
  if (term.type === "literal" && term.datatype && /#(integer|decimal|double|float|int|long)$/.test(term.datatype)) {
    const number = Number(term.value);
    return Number.isNaN(number) ? term.value : number;
  }
  if (term.type === "triple") return JSON.stringify(term.value);
  return term["xml:lang"] ? `${term.value}@${term["xml:lang"]}` : term.value;
}

function setupEditor(prefixes) {
  const textarea = document.getElementById("sparql-text");
  const highlight = document.getElementById("sparql-highlight");
  const status = document.getElementById("sparql-status");
  const result = document.getElementById("sparql-result");
  const prologue = Object.entries(prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
  textarea.value = `${prologue}\n\n${DEFAULT_QUERY}`;
  const update = window.SparqlHighlight.attach(textarea, highlight);
  update();

  async function post(accept) {
    return fetchText("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: accept },
      body: textarea.value,
    });
  }
  async function run() {
    status.textContent = "Running…";
    status.classList.remove("error");
    const started = performance.now();
    try {
      const { response, text } = await post(
        "application/sparql-results+json, text/turtle;q=0.9");
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = response.headers.get("Content-Type") || "";
      if (type.startsWith("application/sparql-results+json")) {
        const data = JSON.parse(text);
        if ("boolean" in data) {
          status.textContent = `ASK: ${data.boolean} (${seconds} s)`;
          result.replaceChildren(el("p", { class: "boolean", text: String(data.boolean) }));
          return;
        }
        const vars = data.head.vars;
        const rows = data.results.bindings.map((b) => vars.map((v) => bindingValue(b[v])));
        status.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${seconds} s`;
        result.replaceChildren(resultTable(vars, rows));
      } else {
        status.textContent = `graph result in ${seconds} s`;
        result.replaceChildren(el("pre", { class: "turtle", text }));
      }
    } catch (error) {
      status.textContent = error.message;
      status.classList.add("error");
      result.replaceChildren();
    }
  }
  async function downloadCsv() {
    try {
      const { text } = await post("text/csv");
      const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
      const link = el("a", { href: url, download: "query.csv" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      status.textContent = error.message;
      status.classList.add("error");
    }
  }
  document.getElementById("sparql-run").addEventListener("click", run);
  document.getElementById("sparql-csv").addEventListener("click", downloadCsv);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
      update();
    }
  });
}

// ------------------------------------------------------------------ views

function linkForm(item, label) {
  const form = el("form", { class: "view-form", action: item.url, method: "get", target: "_blank" });
  for (let i = 0; i < (item.args || 0); i++) {
    const id = `v-${label}-arg${i}`;
    form.appendChild(el("div", { class: "param" },
      el("label", { for: id, text: item.args > 1 ? `entity ${i + 1}` : "entity" }),
      el("input", { id, name: "arg", type: "text", required: true,
                    placeholder: "a name, alias or IRI" })));
  }
  for (const param of item.params) {
    const id = `v-${label}-${param.name}`;
    form.appendChild(el("div", { class: "param" },
      el("label", { for: id, text: `${param.name}${param.required ? "" : " (optional)"}` }),
      el("input", { id, name: param.name, type: "text", required: param.required,
                    placeholder: param.default !== null ? `default ${param.default}` : "" })));
  }
  form.appendChild(el("button", { type: "submit", text: `Open ${label}` }));
  return form;
}

async function loadViews() {
  const target = document.getElementById("views-list");
  try {
    const { text } = await fetchText("/api/views");
    const data = JSON.parse(text);
    const items = [];
    for (const view of data.views) {
      const title = view.args ? el("h3", { text: view.name })
        : el("h3", {}, el("a", { href: view.url, target: "_blank", text: view.name }));
      items.push(el("div", { class: "view", "data-view": view.name }, title,
        view.args || view.params.length ? linkForm(view, view.name) : null));
    }
    if (data.views.length && data.views[0].doc) {
      items.unshift(el("p", { class: "muted", text: data.views[0].doc }));
    }
    if (!data.views.length) items.push(el("p", { text: "This cikg offers no views." }));
    if (data.briefing) {
      items.push(el("div", { class: "view" }, el("h3", { text: "Briefing" }),
                    linkForm(data.briefing, "briefing")));
    } else {
      items.push(el("p", { class: "muted", id: "briefings-missing",
        text: "Briefings are not available in this version of cikg (the API has no kg.brief yet)." }));
    }
    target.replaceChildren(...items);
  } catch (error) {
    target.replaceChildren(el("p", { class: "error", text: `Cannot list the views: ${error.message}` }));
  }
}

// ------------------------------------------------------------------ start

async function start() {
  let info = { prefixes: {} };
  try {
    info = JSON.parse((await fetchText("/api/info")).text);
    document.getElementById("info").textContent =
      `cikg ${info.version}: read-only SPARQL 1.1 endpoint at /sparql; queries stop after ` +
      `${info.timeout} s, results are capped at ${info.max_rows.toLocaleString("en")} rows.`;
  } catch (error) {
    document.getElementById("info").textContent = `Cannot reach the server: ${error.message}`;
  }
  setupEditor(info.prefixes || {});
  await Promise.all([loadCatalog(), loadViews()]);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
