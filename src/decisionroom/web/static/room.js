// The decision room: live updates (server-sent events) and weight sliders that re-rank at once.
"use strict";
(function () {
  var room = document.getElementById("room");
  if (!room) { return; }
  var decision = room.getAttribute("data-decision");
  var version = parseInt(room.getAttribute("data-version"), 10);
  var dirty = false;

  // Forms the user is typing in are never replaced under their fingers.
  function trackDirty(scope) {
    scope.querySelectorAll("form[data-dirty-track]").forEach(function (form) {
      form.addEventListener("input", function () { dirty = true; });
    });
  }
  trackDirty(document);

  // --- live re-ranking from the additive scores --------------------------------------------
  function initSliders(scope) {
    var list = scope.querySelector("#ranking");
    var sliders = scope.querySelectorAll("input[type=range][data-live]");
    if (!list || !sliders.length) { return; }
    var values = JSON.parse(list.getAttribute("data-values") || "{}");
    var higher = list.getAttribute("data-higher") !== "0";
    var timing = scope.querySelector("#rerank-time");
    function weights() {
      var w = {}, total = 0;
      sliders.forEach(function (s) { w[s.getAttribute("data-factor")] = +s.value; total += +s.value; });
      Object.keys(w).forEach(function (k) { w[k] = total > 0 ? w[k] / total : 0; });
      return w;
    }
    function rerank() {
      var t0 = performance.now();
      var w = weights();
      var items = Array.prototype.slice.call(list.children);
      items.forEach(function (li) {
        var v = values[li.getAttribute("data-option")] || {}, score = 0;
        li.querySelectorAll(".seg").forEach(function (seg) {
          var f = seg.getAttribute("data-factor"), c = (w[f] || 0) * (v[f] || 0);
          score += c;
          seg.style.width = (100 * c).toFixed(1) + "%";
        });
        li.setAttribute("data-value", score);
        li.querySelector("[data-score]").textContent = score.toFixed(3);
      });
      items.sort(function (a, b) {
        var d = +b.getAttribute("data-value") - +a.getAttribute("data-value");
        return higher ? d : -d;
      });
      items.forEach(function (li) { list.appendChild(li); });
      var ms = performance.now() - t0;
      list.setAttribute("data-rerank-ms", ms.toFixed(2));
      if (timing) { timing.textContent = "Re-ranked in " + ms.toFixed(1) + " ms from the sliders (not saved)."; }
    }
    sliders.forEach(function (s) {
      var out = scope.querySelector("output[data-for='" + s.getAttribute("data-factor") + "']");
      s.addEventListener("input", function () { if (out) { out.textContent = s.value; } rerank(); });
      s.addEventListener("change", function () {
        var share = scope.querySelector("[data-share]");
        if (share && share.checked) { save(s.form); }
      });
    });
  }

  function save(form) {
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "follow" })
      .then(function () { dirty = false; });
  }

  // --- live workshop: a new version anywhere refreshes this view ------------------------------
  function refresh(by) {
    var banner = document.getElementById("live-banner");
    var status = document.getElementById("live-status");
    if (dirty) {
      document.getElementById("live-banner-text").textContent =
        (by ? by + " changed" : "Someone changed") + " this decision (version " + version +
        "). Your typing is kept: save to see what changed and merge, or reload.";
      banner.hidden = false;
      return;
    }
    fetch(window.location.pathname + window.location.search.replace(/([?&])saved=1&?/, "$1"),
      { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("tab-body");
        var mine = document.getElementById("tab-body");
        if (!fresh || !mine || dirty) { return; }
        mine.replaceWith(fresh);
        var freshRoom = doc.getElementById("room");
        room.setAttribute("data-version", freshRoom.getAttribute("data-version"));
        status.textContent = "version " + freshRoom.getAttribute("data-version") +
          (by ? " · updated by " + by : "");
        room.setAttribute("data-refreshed", String(Date.now()));
        if (window.htmx) { window.htmx.process(fresh); }
        trackDirty(fresh);
        initSliders(fresh);
      });
  }

  function listen() {
    if (!window.EventSource) { return; }
    var source = new EventSource("/d/" + decision + "/events?v=" + version);
    source.addEventListener("change", function (e) {
      var data = JSON.parse(e.data);
      if (data.version !== version) { version = data.version; refresh(data.by); }
    });
    source.addEventListener("error", function () {
      // the stream ends every minute; reconnect with the version we have
      source.close();
      setTimeout(listen, 1000);
    });
  }
  initSliders(document);
  listen();
})();
