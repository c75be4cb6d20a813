/* kg graph view. Data comes from the JSON block; text reaches the page only via textContent. */
(function () {
  "use strict";
  var T0 = performance.now(), timings = { start: Math.round(T0) };
  function mark(name) { timings[name] = Math.round(performance.now() - T0); }
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  mark("parse");
  var FONT = '"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif';
  var KIND = {}, EDGE = {};
  DATA.kinds.forEach(function (k) { KIND[k.key] = k; });
  DATA.edgeKinds.forEach(function (k) { EDGE[k.key] = k; });
  var NODES = DATA.nodes, EDGES = DATA.edges, ARTICLES = DATA.articles;
  var large = !!DATA.big;
  var state = { kinds: {}, article: -1, hidden: new Array(NODES.length).fill(false), selected: null };
  DATA.kinds.forEach(function (k) { state.kinds[k.key] = true; });

  var adjacency = NODES.map(function () { return []; });
  EDGES.forEach(function (e, i) { adjacency[e.f].push(i); if (e.t !== e.f) { adjacency[e.t].push(i); } });

  var view = window.kgView = {
    data: DATA, ready: false, settledAt: null, iterations: 0,
    errors: window.__kgErrors || [], timings: timings
  };

  // ---------- small DOM helpers (textContent only) ----------
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  var SVG = "http:" + "//www.w3.org/2000/svg";  // an XML namespace name, never fetched; split so the file holds no URL
  function icon(shape, color, dashes) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "18"); s.setAttribute("height", "18"); s.setAttribute("viewBox", "0 0 18 18");
    var p;
    if (shape === "line") {
      p = document.createElementNS(SVG, "line");
      p.setAttribute("x1", "1"); p.setAttribute("y1", "9"); p.setAttribute("x2", "17"); p.setAttribute("y2", "9");
      p.setAttribute("stroke", color); p.setAttribute("stroke-width", "2.5");
      if (dashes) { p.setAttribute("stroke-dasharray", "3 2"); }
    } else if (shape === "dot") {
      p = document.createElementNS(SVG, "circle");
      p.setAttribute("cx", "9"); p.setAttribute("cy", "9"); p.setAttribute("r", "7");
    } else if (shape === "square" || shape === "box") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", "2"); p.setAttribute("y", shape === "box" ? "4" : "2");
      p.setAttribute("width", "14"); p.setAttribute("height", shape === "box" ? "10" : "14");
      p.setAttribute("rx", shape === "box" ? "2" : "0");
    } else {
      var pts = {
        hexagon: "9,1 16,5 16,13 9,17 2,13 2,5", diamond: "9,1 17,9 9,17 1,9",
        triangle: "9,2 17,16 1,16", star: "9,1 11.2,6.6 17,6.9 12.5,10.6 14,16.5 9,13.2 4,16.5 5.5,10.6 1,6.9 6.8,6.6"
      }[shape] || "2,2 16,2 16,16 2,16";
      p = document.createElementNS(SVG, "polygon");
      p.setAttribute("points", pts);
    }
    if (shape !== "line") { p.setAttribute("fill", color); p.setAttribute("stroke", "#ffffff"); }
    s.appendChild(p);
    return s;
  }
  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), f = 0.72;
    var r = Math.round(((n >> 16) & 255) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  // ---------- vis data ----------
  function visNode(n) {
    var k = KIND[n.k];
    var o = {
      id: n.id, label: n.v, shape: k.shape, x: n.x, y: n.y,
      color: { background: k.color, border: darker(k.color),
               highlight: { background: k.color, border: "#111111" }, hover: { background: k.color, border: "#111111" } },
      font: { face: FONT, size: 16, color: "#1f2933", strokeWidth: 4, strokeColor: "#ffffff" }
    };
    if (k.shape === "box") {
      o.font = { face: FONT, size: 15, color: "#ffffff", strokeWidth: 0, multi: false };
      o.margin = { top: 4, bottom: 4, left: 6, right: 6 };
      o.shapeProperties = { borderRadius: 4 };
    } else {
      o.size = n.z;
    }
    return o;
  }
  function visEdge(e, i) {
    var s = EDGE[e.k] || { color: "#999999", width: 1, dashes: false };
    return {
      id: i, from: e.f, to: e.t, label: e.l || undefined, width: s.width, dashes: s.dashes,
      arrows: { to: { enabled: e.k !== "mentions", scaleFactor: 0.55 } },
      color: { color: s.color, highlight: darker(darker(s.color)), hover: darker(s.color), inherit: false },
      font: { face: FONT, size: 14, color: "#34404b", strokeWidth: 4, strokeColor: "#ffffff", align: "horizontal" }
    };
  }
  var nodes = null, edges = null;

  function extent(n) {
    // half width and half height of a node with its label, estimated (CJK glyphs are 1 em wide)
    var k = KIND[n.k], box = k.shape === "box", size = box ? 15 : 16, lines = String(n.v).split("\n"), w = 0;
    lines.forEach(function (line) {
      var em = 0;
      for (var i = 0; i < line.length; i++) { em += line.charCodeAt(i) > 0x2e7f ? 1 : 0.55; }
      w = Math.max(w, em * size);
    });
    var h = lines.length * size * 1.15;
    if (box) { return [w / 2 + 8, h / 2 + 6]; }
    return [Math.max(n.z, w / 2), (2 * n.z + 4 + h) / 2];
  }

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 150,
                   keyboard: false, navigationButtons: false, multiselect: false },
    nodes: { borderWidth: 1.5, scaling: { label: { enabled: false, drawThreshold: 7 } } },
    edges: { smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.25 }, selectionWidth: 1.5,
             scaling: { label: { enabled: false, drawThreshold: 7 } } },
    physics: { enabled: false }
  };
  var container = $("network"), network = null;

  function settled() {
    if (view.ready) { return; }
    view.ready = true;
    view.settledAt = performance.now();
    $("progress").hidden = true;
    document.body.setAttribute("data-ready", "1");
    status();
  }
  function progress(done, total) {
    view.iterations = done;
    var bar = $("progress");
    bar.hidden = false;
    bar.textContent = "布局中 " + Math.round(100 * done / total) + "%";
  }
  function start(xs, ys) {
    nodes = view.nodes = new vis.DataSet(NODES.map(function (n) {
      var o = visNode(n);
      if (xs) { o.x = xs[n.id]; o.y = ys[n.id]; }
      o.hidden = state.hidden[n.id];
      return o;
    }));
    edges = view.edges = new vis.DataSet(EDGES.map(visEdge));
    mark("datasets");
    network = view.network = new vis.Network(container, { nodes: [], edges: [] }, options);
    network.once("afterDrawing", function () { setTimeout(settled, 0); });
    wire();
    mark("network");
    network.setData({ nodes: nodes, edges: edges });
    mark("setData");
    network.fit({ animation: false });
  }
  if (NODES.length) {
    // a bounded force layout (layout.js) first, then vis draws it frozen: physics stays off
    var xs = new Float64Array(NODES.map(function (n) { return n.x; }));
    var ys = new Float64Array(NODES.map(function (n) { return n.y; }));
    var fr = new Int32Array(EDGES.map(function (e) { return e.f; }));
    var tt = new Int32Array(EDGES.map(function (e) { return e.t; }));
    var pull = new Float64Array(EDGES.map(function (e) { return EDGE[e.k] ? EDGE[e.k].pull : 1; }));
    var halfW = new Float64Array(NODES.length), halfH = new Float64Array(NODES.length);
    NODES.forEach(function (n) { var e = extent(n); halfW[n.id] = e[0]; halfH[n.id] = e[1]; });
    progress(0, 1);
    window.kgForceLayout(NODES.length, fr, tt, pull, xs, ys,
      { k: DATA.k, iterations: DATA.iterations, budgetMs: 8000, halfW: halfW, halfH: halfH }, progress,
      function (done) {
        view.iterations = done;
        mark("layout");
        start(xs, ys);
      });
  } else {
    start();
  }

  // ---------- counts ----------
  function drawn() {
    if (!network) { return { nodes: 0, edges: 0 }; }
    var b = network.body;
    return { nodes: b.nodeIndices.length, edges: b.edgeIndices.length };
  }
  view.drawn = drawn;
  function status() {
    if (!network) { $("status").textContent = "布局中…"; return; }
    var c = drawn(), t = view.settledAt === null ? "" : " · 布局 " + Math.round(view.settledAt) + " ms";
    $("status").textContent = c.nodes + " 个节点 · " + c.edges + " 条关系" + t;
  }

  // ---------- filters ----------
  function applyFilters() {
    var updates = [];
    NODES.forEach(function (n) {
      var hide = !state.kinds[n.k] || (state.article >= 0 && n.d.indexOf(state.article) < 0);
      if (hide !== state.hidden[n.id]) {
        state.hidden[n.id] = hide;
        updates.push({ id: n.id, hidden: hide });
      }
    });
    if (updates.length && nodes) { nodes.update(updates); }
    status();
  }
  view.setKind = function (kind, on) {
    state.kinds[kind] = !!on;
    var box = $("kind-" + kind);
    if (box) { box.checked = !!on; }
    applyFilters();
  };
  view.setArticle = function (index) {
    state.article = index;
    $("article-filter").value = String(index);
    applyFilters();
  };

  var legend = $("legend");
  DATA.kinds.forEach(function (k) {
    if (!k.count) { return; }
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.id = "kind-" + k.key;
    box.addEventListener("change", function () { view.setKind(k.key, box.checked); });
    label.appendChild(box);
    label.appendChild(icon(k.shape, k.color));
    label.appendChild(el("span", null, k.name + (k.key === "figure" ? "（可隐藏）" : "")));
    label.appendChild(el("span", "count", k.count));
    li.appendChild(label);
    legend.appendChild(li);
  });
  var edgeCounts = {};
  EDGES.forEach(function (e) { edgeCounts[e.k] = (edgeCounts[e.k] || 0) + 1; });
  DATA.edgeKinds.forEach(function (k) {
    if (!edgeCounts[k.key]) { return; }
    var li = el("li");
    li.appendChild(icon("line", k.color, k.dashes));
    li.appendChild(el("span", null, k.name));
    li.appendChild(el("span", "count", edgeCounts[k.key]));
    $("edge-legend").appendChild(li);
  });
  var articleBox = $("article-filter");
  var all = el("option", null, "全部文章（" + ARTICLES.length + "）");
  all.value = "-1";
  articleBox.appendChild(all);
  ARTICLES.forEach(function (a, i) {
    var o = el("option", null, (a.date ? a.date + " " : "") + a.title);
    o.value = String(i);
    articleBox.appendChild(o);
  });
  articleBox.addEventListener("change", function () { view.setArticle(parseInt(articleBox.value, 10)); });

  // ---------- details ----------
  function names(n) { return [n.l].concat(n.a || []); }
  function marked(text, words) {
    // the sentence with the node's names highlighted; built from text nodes, never parsed as HTML
    var frag = document.createDocumentFragment(), at = 0;
    words = words.filter(function (w) { return w && w.length > 1; });
    while (at < text.length) {
      var best = -1, len = 0;
      words.forEach(function (w) {
        var i = text.indexOf(w, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && w.length > len))) { best = i; len = w.length; }
      });
      if (best < 0) { break; }
      frag.appendChild(document.createTextNode(text.slice(at, best)));
      frag.appendChild(el("mark", null, text.slice(best, best + len)));
      at = best + len;
    }
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }
  function section(box, title, items) {
    if (!items || !items.length) { return; }
    box.appendChild(el("h3", null, title));
    var ul = el("ul");
    items.forEach(function (it) {
      var li = el("li");
      if (typeof it === "string") { li.textContent = it; } else { li.appendChild(it); }
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  function nodeLink(id) {
    var b = el("button", "link", NODES[id].l);
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }
  function showDetails(id) {
    var n = NODES[id], k = KIND[n.k], box = $("details");
    box.textContent = "";
    var badge = el("span", "badge", k.name);
    badge.style.background = k.color;
    box.appendChild(badge);
    box.appendChild(el("h2", null, n.l));
    if (n.r) { box.appendChild(el("div", "ref", n.r)); }
    if (n.i && n.i.length) {
      var dl = el("dl");
      n.i.forEach(function (row) { dl.appendChild(el("dt", null, row[0])); dl.appendChild(el("dd", null, row[1])); });
      box.appendChild(dl);
    }
    section(box, "别名", n.a);
    section(box, n.k === "person" ? "职务" : "任职人员", n.p);
    section(box, "数据", n.f);
    if (n.k !== "article" && n.k !== "figure") {
      box.appendChild(el("h3", null, "提及它的文章：" + n.n));
    }
    var rel = adjacency[id].slice(0, 60).map(function (ei) {
      var e = EDGES[ei], frag = document.createDocumentFragment(), out = e.f === id;
      var name = e.l || (EDGE[e.k] ? EDGE[e.k].name : e.k);
      frag.appendChild(document.createTextNode(out ? "—" + name + "→ " : "←" + name + "— "));
      frag.appendChild(nodeLink(out ? e.t : e.f));
      return frag;
    });
    section(box, "关系（" + adjacency[id].length + "）", rel);
    if (n.s && n.s.length) {
      box.appendChild(el("h3", null, "来源句子" + (n.sn ? "（共 " + n.sn + " 句，显示 " + n.s.length + " 句）" : "")));
      n.s.forEach(function (s) {
        var q = el("blockquote");
        q.appendChild(marked(s[0], names(n)));
        box.appendChild(q);
        var a = ARTICLES[s[1]];
        box.appendChild(el("div", "src", a ? "——《" + a.title + "》" + (a.date ? " " + a.date : "") : ""));
      });
    }
  }
  function select(id) {
    var n = NODES[id];
    if (!n) { return; }
    if (state.hidden[id]) {
      state.kinds[n.k] = true;
      $("kind-" + n.k).checked = true;
      if (state.article >= 0 && n.d.indexOf(state.article) < 0) { state.article = -1; articleBox.value = "-1"; }
      applyFilters();
    }
    state.selected = id;
    if (!network) { showDetails(id); return; }
    network.selectNodes([id]);
    var scale = Math.max(network.getScale(), 1.0);
    network.focus(id, { scale: scale, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showDetails(id);
  }
  view.select = select;
  function wire() {
    network.on("click", function (p) {
      if (p.nodes.length) { state.selected = p.nodes[0]; showDetails(p.nodes[0]); } else { state.selected = null; }
    });
    var tip = $("tooltip");
    network.on("hoverNode", function (p) {
      var n = NODES[p.node];
      if (state.selected === null) { showDetails(p.node); }  // hover fills the panel until something is clicked
      tip.textContent = "";
      tip.appendChild(el("div", null, n.l));
      var sub = KIND[n.k].name + (n.a && n.a.length ? " · 别名 " + n.a.slice(0, 4).join("、") : "") +
        (n.k !== "article" && n.k !== "figure" ? " · " + n.n + " 篇文章" : "");
      tip.appendChild(el("div", "sub", sub));
      tip.style.left = (p.pointer.DOM.x + 14) + "px";
      tip.style.top = (p.pointer.DOM.y + 14) + "px";
      tip.hidden = false;
    });
    network.on("blurNode", function () { tip.hidden = true; });
    network.on("dragStart", function () { tip.hidden = true; });
  }
  view.showDetails = showDetails;

  // ---------- search (names and aliases, NFKC-folded) ----------
  function fold(s) { return String(s || "").normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }
  var folded = NODES.map(function (n) { return names(n).map(fold); });
  function search(q) {
    q = fold(q);
    if (!q) { return []; }
    var tiers = [[], [], []];
    folded.forEach(function (ns, id) {
      var t = 3;
      ns.forEach(function (s) {
        if (s === q) { t = Math.min(t, 0); } else if (s.indexOf(q) === 0) { t = Math.min(t, 1); } else if (s.indexOf(q) > 0) { t = Math.min(t, 2); }
      });
      if (t < 3) { tiers[t].push(id); }
    });
    tiers.forEach(function (ids) { ids.sort(function (a, b) { return NODES[b].n - NODES[a].n || a - b; }); });
    return tiers[0].concat(tiers[1], tiers[2]);
  }
  view.search = search;
  var input = $("search"), results = $("results"), active = 0, found = [];
  function renderResults() {
    results.textContent = "";
    found = search(input.value).slice(0, 15);
    active = 0;
    found.forEach(function (id, i) {
      var n = NODES[id], li = el("li", i === 0 ? "active" : "");
      li.setAttribute("role", "option");
      li.appendChild(el("span", null, n.l));
      li.appendChild(el("span", "kind", KIND[n.k].name));
      var q = fold(input.value), alias = (n.a || []).filter(function (a) { return fold(a).indexOf(q) >= 0; })[0];
      if (alias && fold(n.l).indexOf(q) < 0) { li.appendChild(el("span", "alias", "别名 " + alias)); }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(id); });
      results.appendChild(li);
    });
    results.hidden = found.length === 0 && !input.value;
    if (!found.length && input.value) { results.appendChild(el("li", "kind", "没有找到")); results.hidden = false; }
  }
  function choose(id) {
    results.hidden = true;
    input.blur();
    select(id);
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      if (!found.length) { renderResults(); }
      if (found.length) { choose(found[active]); }
      ev.preventDefault();
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!found.length) { return; }
      active = (active + (ev.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      Array.prototype.forEach.call(results.children, function (li, i) { li.className = i === active ? "active" : ""; });
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { setTimeout(function () { results.hidden = true; }, 150); });

  if (!NODES.length) { $("details").textContent = "这个图里没有可显示的节点。"; }
  status();
})();
