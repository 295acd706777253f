// The stakeholder survey: points that always sum to 100, drag-to-rank, pairwise consistency.
"use strict";
(function () {
  var form = document.getElementById("survey-form");
  if (!form) { return; }

  // --- points: moving one slider moves the others so that the total stays 100 --------------
  var points = Array.prototype.slice.call(form.querySelectorAll("input[data-points]"));
  function show() {
    var total = 0;
    points.forEach(function (p) { total += +p.value; p.nextElementSibling.textContent = p.value; });
    var out = document.getElementById("points-total");
    if (out) { out.textContent = String(total); }
  }
  function balance(moved) {
    var others = points.filter(function (p) { return p !== moved; });
    var rest = 100 - +moved.value;
    var min = 1, n = others.length;
    if (!n) { moved.value = 100; return show(); }
    if (rest < min * n) { moved.value = 100 - min * n; rest = min * n; }
    var sum = others.reduce(function (s, p) { return s + +p.value; }, 0);
    var assigned = 0;
    others.forEach(function (p, i) {
      var v = i === n - 1 ? rest - assigned
        : Math.max(min, Math.round(sum > 0 ? (+p.value / sum) * rest : rest / n));
      if (i < n - 1 && assigned + v > rest - min * (n - 1 - i)) { v = rest - min * (n - 1 - i) - assigned; }
      p.value = Math.max(min, v);
      assigned += +p.value;
    });
    show();
  }
  if (points.length) {
    // start from a total of 100 whatever was stored
    var total = points.reduce(function (s, p) { return s + +p.value; }, 0);
    if (total !== 100 && points.length) { balance(points[0]); }
    points.forEach(function (p) { p.addEventListener("input", function () { balance(p); }); });
    show();
  }

  // --- ranking: drag and drop, or the up/down buttons ----------------------------------------
  var list = document.getElementById("rank-list");
  if (list) {
    var dragged = null;
    list.addEventListener("dragstart", function (e) { dragged = e.target.closest("li"); });
    list.addEventListener("dragover", function (e) {
      e.preventDefault();
      var over = e.target.closest("li");
      if (!dragged || !over || over === dragged) { return; }
      var after = e.clientY > over.getBoundingClientRect().top + over.offsetHeight / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-move]");
      if (!button) { return; }
      var li = button.closest("li");
      if (button.getAttribute("data-move") === "up" && li.previousElementSibling) {
        list.insertBefore(li, li.previousElementSibling);
      } else if (button.getAttribute("data-move") === "down" && li.nextElementSibling) {
        list.insertBefore(li.nextElementSibling, li);
      }
      button.focus();
    });
  }

  // --- pairwise: the consistency ratio as the answers change (Saaty's random indices) --------
  var pairs = Array.prototype.slice.call(form.querySelectorAll("select[data-pair]"));
  var RI = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];
  function consistency() {
    var ids = [];
    pairs.forEach(function (s) {
      [s.getAttribute("data-a"), s.getAttribute("data-b")].forEach(function (x) {
        if (ids.indexOf(x) < 0) { ids.push(x); }
      });
    });
    var n = ids.length, m = [];
    for (var i = 0; i < n; i++) { m.push([]); for (var j = 0; j < n; j++) { m[i].push(1); } }
    pairs.forEach(function (s) {
      var v = +s.value, a = ids.indexOf(s.getAttribute("data-a")), b = ids.indexOf(s.getAttribute("data-b"));
      var r = v < 0 ? 1 / -v : v;
      m[a][b] = r; m[b][a] = 1 / r;
    });
    // principal eigenvector by power iteration, then lambda max
    var w = ids.map(function () { return 1 / n; });
    for (var it = 0; it < 100; it++) {
      var next = m.map(function (row) { return row.reduce(function (s, x, k) { return s + x * w[k]; }, 0); });
      var sum = next.reduce(function (s, x) { return s + x; }, 0);
      w = next.map(function (x) { return x / sum; });
    }
    var lambda = 0;
    m.forEach(function (row, r) {
      lambda += row.reduce(function (s, x, k) { return s + x * w[k]; }, 0) / w[r];
    });
    lambda /= n;
    var ci = n > 2 ? (lambda - n) / (n - 1) : 0;
    var cr = n > 2 && RI[n] ? ci / RI[n] : 0;
    var out = document.getElementById("consistency");
    out.setAttribute("data-cr", cr.toFixed(3));
    out.className = cr > 0.1 ? "small warn" : "small ok";
    out.textContent = "Consistency ratio " + cr.toFixed(2) + (cr > 0.1
      ? ": some answers contradict each other (above 0.10). Look again at the pairs you are least sure of."
      : ": your answers agree with each other.");
  }
  if (pairs.length) {
    pairs.forEach(function (s) { s.addEventListener("change", consistency); });
    consistency();
  }
})();
