// The dashboard's only script (served by the harness; no libraries): follows a run's live event
// stream (server-sent events) and recolours the plan graph and the task table from state.json.
"use strict";
(function () {
  var run = document.getElementById("run");
  if (!run) { return; }
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
            row.querySelector(".last").textContent = t.last_line || "";
          }
        });
        // what the run spent, and its budget, as they change
        document.getElementById("run-usage").textContent = state.usage_line;
        var budget = document.getElementById("run-budget");
        budget.textContent = state.budget_line || "";
        budget.hidden = !state.budget_line;
        budget.className = state.spent_up ? "spent-up" : "";
        // a run that starts or stops waiting changes what the inbox offers: reload the page for its forms
        var waiting = state.status.indexOf("awaiting_") === 0;
        if (lastStatus !== null && lastStatus !== state.status && (waiting || lastStatus.indexOf("awaiting_") === 0)) {
          window.location.reload();
        }
        lastStatus = state.status;
        // a question asked at a terminal logs nothing until answered: its appearing or going changes the forms too
        var asked = state.asked_at_terminal ? JSON.stringify(state.asked_at_terminal) : "";
        if (lastAsked !== null && lastAsked !== asked) {
          window.location.reload();
        }
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
