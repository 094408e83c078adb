// The dashboard's only script (served by the harness; no libraries): follows a run's live event
// stream (server-sent events) and recolours the plan graph and the task table from state.json; the
// runs list and the inbox follow /api/runs.
"use strict";
(function () {
  var stale = false; // a swap put off while a person types: done at the next look

  // A change that alters what the page offers (forms, evidence, decisions, diffs): the page's content is
  // fetched again and swapped in, no reload. What a person is typing is never thrown away, and a run
  // page's live event pane is kept as it is.
  function swapMain() {
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        var main = document.querySelector("main");
        if (!fresh || !main) { return; }
        stale = main.contains(document.activeElement) && document.activeElement.tagName === "INPUT";
        if (stale) { return; }
        var pane = document.getElementById("events");
        main.replaceWith(fresh);
        var placeholder = document.getElementById("events");
        if (pane && placeholder) { placeholder.replaceWith(pane); }
      })
      .catch(function () { /* the next look tries again */ });
  }

  var run = document.getElementById("run");
  if (!run) {
    // the runs list and the inbox: looked at again when a run starts, changes status, or a terminal starts or stops asking
    var seen = null;
    var look = function () {
      fetch("/api/runs", { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (runs) {
          var now = JSON.stringify(runs.map(function (r) { return [r.run_id, r.status, r.completed, r.asking]; }));
          if (stale || seen !== null && seen !== now) { swapMain(); }
          seen = now;
        })
        .catch(function () { /* the next look tries again */ });
    };
    look();
    setInterval(look, 2000);
    return;
  }
  var id = run.getAttribute("data-run");
  var pane = document.getElementById("events");
  var pending = false;
  var lastStatus = null;
  var lastAsked = null;

  function refresh() {
    if (pending) { return; }
    pending = true;
    fetch("/run/" + encodeURIComponent(id) + "/state.json", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        pending = false;
        var status = document.getElementById("run-status");
        status.textContent = state.status;
        state.tasks.forEach(function (t) {
          var node = document.getElementById("task-" + t.id);
          if (node) {
            node.setAttribute("data-status", t.status);
            var rect = node.querySelector("rect");
            if (rect) { rect.setAttribute("fill", t.fill); }
            var label = node.querySelector("tspan.st");
            if (label) { label.textContent = t.status; }
          }
          var row = document.getElementById("row-" + t.id);
          if (row) {
            row.querySelector(".status").textContent = t.status;
            row.querySelector(".attempt").textContent = t.attempt;
            row.querySelector(".cost").textContent = t.cost;
            row.querySelector(".tokens").textContent = t.tokens;
            row.querySelector(".budget").textContent = t.budget || "";
            var last = row.querySelector(".last");
            last.textContent = t.last_line || "";
            last.title = t.last_line || ""; // the cell shows one line; the whole of it on hover
          }
        });
        // what the run spent, and its budget, as they change
        document.getElementById("run-usage").textContent = state.usage_line;
        var budget = document.getElementById("run-budget");
        budget.textContent = state.budget_line || "";
        budget.hidden = !state.budget_line;
        budget.className = state.spent_up ? "spent-up" : "";
        state.tasks.forEach(function (t) {
          var summary = document.querySelector("#detail-" + CSS.escape(t.id) + " > summary");
          if (summary) { summary.textContent = t.id + " \u2014 " + t.status + ", attempt " + t.attempt; }
        });
        // a run whose status changes, or whose terminal starts or stops asking, offers other forms (and
        // evidence, decisions, diffs): the page's content is fetched again and swapped in, no reload
        var asked = state.asked_at_terminal ? JSON.stringify(state.asked_at_terminal) : "";
        if (stale || lastStatus !== null && (lastStatus !== state.status || lastAsked !== asked)) {
          swapMain();
        }
        lastStatus = state.status;
        lastAsked = asked;
      })
      .catch(function () { pending = false; });
  }

  var source = new EventSource("/run/" + encodeURIComponent(id) + "/events");
  source.addEventListener("run_event", function (message) {
    var line = message.data;
    try {
      var event = JSON.parse(line);
      line = event.seq + " " + event.time + " " + event.kind + (event.task_id ? " " + event.task_id : "");
    } catch (e) { /* shown as it came */ }
    pane.textContent += line + "\n";
    pane.scrollTop = pane.scrollHeight;
    refresh();
  });
  refresh();
  setInterval(refresh, 2000); // and what no event announces (a terminal starting to ask)
})();
