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
  var rerankNow = null;   // re-ranks the current tab from its sliders (set by initSliders)
  var lastWhatif = null;  // the shared what-if last heard, re-applied after a refresh
  var lastMove = 0;       // when this view's own sliders last moved: its echo must not pull them back

  function initSliders(scope) {
    var list = scope.querySelector("#ranking");
    var sliders = scope.querySelectorAll("input[type=range][data-factor]");
    if (!sliders.length) { rerankNow = null; return; }
    var values = list ? JSON.parse(list.getAttribute("data-values") || "{}") : {};
    var higher = list ? list.getAttribute("data-higher") !== "0" : true;
    var live = scope.querySelectorAll("input[type=range][data-live]").length > 0;
    var timing = scope.querySelector("#rerank-time");
    function weights() {
      var w = {}, total = 0;
      sliders.forEach(function (s) { w[s.getAttribute("data-factor")] = +s.value; total += +s.value; });
      Object.keys(w).forEach(function (k) { w[k] = total > 0 ? w[k] / total : 0; });
      return w;
    }
    function rerank(note) {
      sliders.forEach(function (s) {
        var out = scope.querySelector("output[data-for='" + s.getAttribute("data-factor") + "']");
        if (out) { out.textContent = s.value; }
      });
      if (!list || !live) { return; }
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
      if (timing) { timing.textContent = note || ("Re-ranked in " + ms.toFixed(1) + " ms from the sliders (not saved)."); }
    }
    rerankNow = rerank;
    sliders.forEach(function (s) {
      s.addEventListener("input", function () { lastMove = Date.now(); rerank(); });
      s.addEventListener("change", function () {
        var share = scope.querySelector("[data-share]");
        if (share && share.checked) { post(share.getAttribute("data-action"), s.form); }
      });
    });
    var reset = scope.querySelector("#whatif-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        applyWhatif(null);
        post(reset.getAttribute("data-action"), reset.form);
      });
    }
    if (lastWhatif && lastWhatif.version === version) { applyWhatif(lastWhatif); }
  }

  function post(action, form) {
    var body = new URLSearchParams(new FormData(form));
    return fetch(action, { method: "POST", body: body, credentials: "same-origin" });
  }

  // The shared what-if (or null: the saved weights) onto this view's sliders and ranking.
  function applyWhatif(state, ownMove) {
    var sliders = ownMove ? [] : document.querySelectorAll("input[type=range][data-factor]");
    var status = document.getElementById("whatif-status");
    sliders.forEach(function (s) {
      var f = s.getAttribute("data-factor");
      s.value = state ? Math.round(state.weights[f] || 0) : s.getAttribute("data-saved");
    });
    if (status) {
      status.hidden = !state;
      status.textContent = state ? "Trying the weights " + state.by +
        " shared (not saved): save them to keep them, or reset to the saved weights." : "";
    }
    room.setAttribute("data-whatif", state ? state.at : "");
    if (rerankNow && !ownMove) {
      rerankNow(state ? "What-if from " + state.by + ", not saved." : "The saved weights.");
    }
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
    source.addEventListener("whatif", function (e) {
      var data = JSON.parse(e.data);
      lastWhatif = data;
      // our own move coming back must not pull the slider being dragged
      if (!data || data.version === version) { applyWhatif(data, Date.now() - lastMove < 1500); }
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
