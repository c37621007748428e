(function () {
  "use strict";
  // Every text below is untrusted: it reaches the page through textContent, canvas
  // text and vis-network's plain-text tooltips only, never as markup.
  performance.mark("cikg:start");
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  performance.mark("cikg:parsed");
  var SVG = "http://www.w3.org/2000/svg";

  function text(el, value) { el.textContent = value; return el; }
  text(document.getElementById("title"), data.title);
  text(document.getElementById("sources"), data.subtitle);
  text(document.getElementById("notes"), data.notes.join(" "));
  document.title = data.title;

  // one vis group per class (named g0, g1 ..., never by the untrusted class name):
  // group styles are parsed once, not once per node, which speeds up large pages
  var groupOf = new Map(), colorOf = new Map(), edgeColor = new Map();
  data.options.groups = {};
  data.legend.nodes.forEach(function (e, i) {
    groupOf.set(e.name, "g" + i);
    colorOf.set(e.name, e.color);
    data.options.groups["g" + i] = { shape: e.shape, color: { background: e.color,
      border: "#ffffff", highlight: { background: e.color, border: "#000000" },
      hover: { background: e.color, border: "#000000" } } };
  });
  data.legend.edges.forEach(function (e) { edgeColor.set(e.name, e.color); });
  data.nodes.forEach(function (n) {
    n.group = groupOf.get(n.kind);
    if (n.borderWidth) {  // highlighted: the class's colour with a black border
      var c = colorOf.get(n.kind);
      n.color = { background: c, border: "#000000", highlight: { background: c, border: "#000000" },
                  hover: { background: c, border: "#000000" } };
    }
  });
  data.edges.forEach(function (e) { e.color = edgeColor.get(e.kind); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenClasses = new Map(), hiddenKinds = new Map();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenClasses.get(n.kind); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !hiddenKinds.get(e.kind); } });
  performance.mark("cikg:datasets");
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  performance.mark("cikg:network");
  var status = document.getElementById("status");

  function shapeIcon(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14"); svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    var el, points = {
      triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13", diamond: "7,1 13,7 7,13 1,7",
      hexagon: "4,1 10,1 13,7 10,13 4,13 1,7",
      star: "7,1 8.8,5.2 13,5.4 9.7,8.2 10.8,12.6 7,10.2 3.2,12.6 4.3,8.2 1,5.4 5.2,5.2"
    };
    if (points[shape]) {
      el = document.createElementNS(SVG, "polygon"); el.setAttribute("points", points[shape]);
    } else if (shape === "square" || shape === "box") {
      el = document.createElementNS(SVG, "rect");
      el.setAttribute("x", "1.5"); el.setAttribute("y", "1.5");
      el.setAttribute("width", "11"); el.setAttribute("height", shape === "box" ? "8" : "11");
    } else if (shape === "line") {
      el = document.createElementNS(SVG, "rect");
      el.setAttribute("x", "0"); el.setAttribute("y", "5.5");
      el.setAttribute("width", "14"); el.setAttribute("height", "3");
    } else {
      el = document.createElementNS(SVG, "ellipse");
      el.setAttribute("cx", "7"); el.setAttribute("cy", "7");
      el.setAttribute("rx", shape === "ellipse" ? "6.5" : "5.5"); el.setAttribute("ry", "5.5");
    }
    el.setAttribute("fill", color); el.setAttribute("stroke", "#666");
    el.setAttribute("stroke-width", "0.6");
    svg.appendChild(el);
    return svg;
  }

  function showCounts() {
    text(status, "showing " + nodeView.length + " of " + nodes.length + " nodes, " +
         edgeView.length + " of " + edges.length + " edges");
  }

  function addFilter(containerId, entries, hidden, view, isEdge) {
    var box = document.getElementById(containerId);
    entries.forEach(function (entry) {
      var label = document.createElement("label");
      label.className = "item";
      var input = document.createElement("input");
      input.type = "checkbox"; input.checked = true; input.value = entry.name;
      input.addEventListener("change", function () {
        hidden.set(entry.name, !input.checked); view.refresh(); showCounts();
      });
      label.appendChild(input);
      label.appendChild(shapeIcon(isEdge ? "line" : entry.shape, entry.color));
      label.appendChild(document.createTextNode(entry.name + " (" + entry.count + ")"));
      box.appendChild(label);
    });
  }
  addFilter("node-filter", data.legend.nodes, hiddenClasses, nodeView, false);
  addFilter("edge-filter", data.legend.edges, hiddenKinds, edgeView, true);

  var list = document.getElementById("names");
  var seen = new Set();
  for (var i = 0; i < data.nodes.length && seen.size < data.searchListLimit; i++) {
    if (!seen.has(data.nodes[i].label)) {
      seen.add(data.nodes[i].label);
      var option = document.createElement("option"); option.value = data.nodes[i].label;
      list.appendChild(option);
    }
  }

  // rank: exact label, label prefix, label or alias contains; visible nodes first
  function find(query) {
    var q = query.trim().toLowerCase(), best = null, bestRank = 99;
    if (!q) { return null; }
    for (var k = 0; k < data.nodes.length; k++) {
      var n = data.nodes[k], label = n.label.toLowerCase(), rank;
      if (label === q) { rank = 0; }
      else if (label.indexOf(q) === 0) { rank = 2; }
      else if (label.indexOf(q) > 0 || (n.search || "").toLowerCase().indexOf(q) >= 0) { rank = 4; }
      else { continue; }
      if (hiddenClasses.get(n.kind)) { rank += 1; }
      if (rank < bestRank) { best = n; bestRank = rank; }
    }
    return best;
  }

  function search(query) {
    var hit = find(query);
    if (!query.trim()) { showCounts(); return null; }
    if (!hit) { text(status, "no match for \u201c" + query.trim() + "\u201d"); return null; }
    if (hiddenClasses.get(hit.kind)) {
      text(status, hit.label + " is hidden: tick " + hit.kind + " to show it");
      return hit.id;
    }
    text(status, "found " + hit.label + " (" + hit.kind + ")");
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    return hit.id;
  }
  var input = document.getElementById("search");
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(input.value); } });
  input.addEventListener("change", function () { search(input.value); });
  document.getElementById("find").addEventListener("click", function () { search(input.value); });
  // small graphs: zoom in up to 2x (vis-network stops at 1x) so labels are readable
  function fit() { network.fit({ animation: false, maxZoomLevel: 2 }); }
  document.getElementById("fit").addEventListener("click", fit);
  network.once("stabilizationIterationsDone", fit);

  network.once("afterDrawing", function () {
    document.body.dataset.painted = String(Math.round(performance.now()));
  });
  if (data.focus !== null) {
    network.once("afterDrawing", function () { network.selectNodes([data.focus]); });
  }
  showCounts();
  window.cikgView = { nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                      network: network, search: search };
})();
