/* Force layout for big pages: Fruchterman-Reingold forces with Barnes-Hut repulsion on a
   typed-array quadtree, run in chunks so the page stays responsive. Repulsion is weighted by
   degree (as in ForceAtlas2) so hubs push apart and their leaves stay around them.
   Deterministic: it starts from the radial layout computed in Python and cools linearly.
   vis-network's own Barnes-Hut costs ~70 ms per iteration at 5,000 nodes; this costs a few. */
window.kgForceLayout = function (n, from, to, pull, x, y, opts, progress, done) {
  "use strict";
  var k = opts.k || 60, iterations = opts.iterations || 300, budget = opts.budgetMs || 6000;
  var theta2 = 1.0, i, e, m = from.length;
  var w = new Float64Array(n).fill(1);
  for (e = 0; e < m; e++) { if (from[e] !== to[e]) { w[from[e]] += 1; w[to[e]] += 1; } }
  for (i = 0; i < n; i++) { w[i] = Math.sqrt(w[i]); }
  var dx = new Float64Array(n), dy = new Float64Array(n);
  // quadtree cells
  var cap = 8 * n + 64, used = 0;
  var mass = new Float64Array(cap), sx = new Float64Array(cap), sy = new Float64Array(cap);
  var ox = new Float64Array(cap), oy = new Float64Array(cap), size = new Float64Array(cap);
  var kid = new Int32Array(cap), body = new Int32Array(cap), stack = new Int32Array(cap);

  // scale the starting layout to an area of about n * (2k)^2 around (0, 0)
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (i = 0; i < n; i++) {
    minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]); minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
  }
  var side = 2 * k * Math.sqrt(n), s = side / Math.max(maxX - minX, maxY - minY, 1);
  var mx = (minX + maxX) / 2, my = (minY + maxY) / 2;
  for (i = 0; i < n; i++) { x[i] = (x[i] - mx) * s; y[i] = (y[i] - my) * s; }
  var k2 = k * k, gravity = opts.gravity === undefined ? 1 : opts.gravity, t0 = side / 10;
  var iter = 0, started = performance.now();

  function cell(x0, y0, sz) {
    var c = used++;
    mass[c] = 0; sx[c] = 0; sy[c] = 0; ox[c] = x0; oy[c] = y0; size[c] = sz; kid[c] = -1; body[c] = -1;
    return c;
  }
  function quadrant(c, px, py) {
    var h = size[c] / 2;
    return (px >= ox[c] + h ? 1 : 0) + (py >= oy[c] + h ? 2 : 0);
  }
  function split(c) {  // four children at kid[c] .. kid[c] + 3
    var h = size[c] / 2, first = used;
    cell(ox[c], oy[c], h); cell(ox[c] + h, oy[c], h); cell(ox[c], oy[c] + h, h); cell(ox[c] + h, oy[c] + h, h);
    kid[c] = first;
  }
  function insert(b) {
    var c = 0;
    for (;;) {
      mass[c] += w[b]; sx[c] += x[b] * w[b]; sy[c] += y[b] * w[b];
      if (kid[c] < 0) {
        if (body[c] < 0 && mass[c] === w[b]) { body[c] = b; return; }  // empty leaf
        if (size[c] < 1e-3 || used + 4 > cap) { return; }  // coincident points: an aggregate leaf
        var old = body[c];
        split(c);
        body[c] = -1;
        if (old >= 0) {
          var q = kid[c] + quadrant(c, x[old], y[old]);
          mass[q] = w[old]; sx[q] = x[old] * w[old]; sy[q] = y[old] * w[old]; body[q] = old;
        }
      }
      c = kid[c] + quadrant(c, x[b], y[b]);
    }
  }
  function build() {
    var lx = Infinity, ly = Infinity, hx = -Infinity, hy = -Infinity;
    for (i = 0; i < n; i++) {
      lx = Math.min(lx, x[i]); hx = Math.max(hx, x[i]); ly = Math.min(ly, y[i]); hy = Math.max(hy, y[i]);
    }
    used = 0;
    cell(lx - 1, ly - 1, Math.max(hx - lx, hy - ly) + 2);
    for (i = 0; i < n; i++) { insert(i); }
  }
  function repel(b) {
    var top = 0, fx = 0, fy = 0;
    stack[top++] = 0;
    while (top > 0) {
      var c = stack[--top], cm = mass[c];
      if (cm === 0) { continue; }
      var cx = sx[c], cy = sy[c];
      if (kid[c] < 0 && body[c] === b) {  // the leaf holding b itself (maybe with coincident others)
        cm -= w[b];
        if (cm <= 1e-9) { continue; }
        cx -= x[b] * w[b]; cy -= y[b] * w[b];
      }
      cx /= cm; cy /= cm;
      var ex = x[b] - cx, ey = y[b] - cy, d2 = ex * ex + ey * ey;
      if (kid[c] < 0 || size[c] * size[c] < theta2 * d2) {
        if (d2 < 0.01) { ex = 0.1 * ((b % 7) - 3 || 1); ey = 0.1 * ((b % 5) - 2 || 1); d2 = ex * ex + ey * ey; }
        var f = k2 * cm * w[b] / d2;
        fx += ex * f; fy += ey * f;
      } else {
        var kc = kid[c];
        stack[top++] = kc; stack[top++] = kc + 1; stack[top++] = kc + 2; stack[top++] = kc + 3;
      }
    }
    dx[b] += fx; dy[b] += fy;
  }
  function step() {
    var t = Math.max(1, t0 * (1 - iter / iterations));
    dx.fill(0); dy.fill(0);
    build();
    for (i = 0; i < n; i++) { repel(i); }
    for (e = 0; e < m; e++) {  // attraction pull * d^2 / k along edges
      var a = from[e], b = to[e];
      if (a === b) { continue; }
      var vx = x[a] - x[b], vy = y[a] - y[b], g = pull[e] * Math.sqrt(vx * vx + vy * vy) / k;
      dx[a] -= vx * g; dy[a] -= vy * g; dx[b] += vx * g; dy[b] += vy * g;
    }
    for (i = 0; i < n; i++) {  // weak gravity keeps components together; move at most t
      dx[i] -= x[i] * gravity * w[i]; dy[i] -= y[i] * gravity * w[i];
      var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len > 0) { var mv = Math.min(len, t) / len; x[i] += dx[i] * mv; y[i] += dy[i] * mv; }
    }
    iter++;
  }
  function separate(passes) {
    // push apart nodes whose boxes (shape plus label, opts.halfW/halfH) overlap, on a grid
    var hw = opts.halfW, hh = opts.halfH, pad = 6, big = 0, p, a, b, c, r;
    if (!hw || !hh) { return; }
    for (i = 0; i < n; i++) { big = Math.max(big, hw[i], hh[i]); }
    var size = 2 * big + pad, next = new Int32Array(n), cellOf = new Int32Array(n);
    for (p = 0; p < passes; p++) {
      var lx = Infinity, ly = Infinity, hx = -Infinity, hy = -Infinity, moved = 0;
      for (i = 0; i < n; i++) {
        lx = Math.min(lx, x[i]); hx = Math.max(hx, x[i]); ly = Math.min(ly, y[i]); hy = Math.max(hy, y[i]);
      }
      var sz = Math.max(size, (hx - lx) / 2048, (hy - ly) / 2048);
      var cols = Math.floor((hx - lx) / sz) + 1, rows = Math.floor((hy - ly) / sz) + 1;
      var head = new Int32Array(cols * rows).fill(-1);
      for (i = 0; i < n; i++) {
        c = Math.floor((x[i] - lx) / sz) + cols * Math.floor((y[i] - ly) / sz);
        cellOf[i] = c; next[i] = head[c]; head[c] = i;
      }
      for (a = 0; a < n; a++) {
        var ca = cellOf[a] % cols, ra = (cellOf[a] - ca) / cols;
        for (r = ra - 1; r <= ra + 1; r++) {
          if (r < 0 || r >= rows) { continue; }
          for (c = ca - 1; c <= ca + 1; c++) {
            if (c < 0 || c >= cols) { continue; }
            for (b = head[c + r * cols]; b >= 0; b = next[b]) {
              if (b <= a) { continue; }
              var ex = x[b] - x[a], ey = y[b] - y[a];
              var ox_ = hw[a] + hw[b] + pad - Math.abs(ex), oy_ = hh[a] + hh[b] + pad - Math.abs(ey);
              if (ox_ <= 0 || oy_ <= 0) { continue; }
              moved++;
              if (ox_ < oy_) {
                var sx_ = (ex > 0 || (ex === 0 && b % 2)) ? ox_ / 2 : -ox_ / 2;
                x[a] -= sx_; x[b] += sx_;
              } else {
                var sy_ = (ey > 0 || (ey === 0 && b % 2)) ? oy_ / 2 : -oy_ / 2;
                y[a] -= sy_; y[b] += sy_;
              }
            }
          }
        }
      }
      if (!moved) { return; }
    }
  }
  function chunk() {
    var until = performance.now() + 50;
    while (iter < iterations && performance.now() < until) { step(); }
    if (iter >= iterations || performance.now() - started > budget) {
      separate(opts.passes || 40);
      done(iter);
      return;
    }
    progress(iter, iterations);
    setTimeout(chunk, 0);
  }
  if (n) { chunk(); } else { done(0); }
};
