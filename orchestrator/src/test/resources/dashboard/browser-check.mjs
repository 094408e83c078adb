// Drives the dashboard in headless Chromium (playwright-core, the Debian chromium): opens a run
// paused at its plan gate, sees the plan graph, approves it in the inbox, trusts the workspace if
// asked, opens the failed task's evidence, fixes the cause and decides retry in the run's page,
// and watches every task turn green through the live stream. Then refuses trust to a second run in
// the inbox, and reads a third run's cost and spent budget, raises the budget with its retry and
// watches it finish. A screenshot per step; what a person reads is returned as text.
// Usage: node browser-check.mjs URL_WITH_TOKEN RUN_ID SCREENSHOT_DIR FILE_THAT_FIXES_THE_CHECK REFUSED_RUN BUDGET_RUN
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [url, runId, shots, fix, refusedRun, budgetRun] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const at = (path) => new URL(path, url).toString();
const runPage = at(`/run/${runId}`);
const stateOf = (id) => page.evaluate(async (id) => (await fetch(`/run/${id}/state.json`)).json(), id);
const state = () => stateOf(runId);
const inboxOf = (id) => `section.inbox-item[data-run="${id}"]`;
const text = async (selector) => (await page.innerText(selector)).trim();

// Submits the form whose button is `selector`, and fails with the server's answer if it refused.
async function submit(selector, step) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  if (!response.ok()) {
    throw new Error(`${step}: the dashboard answered ${response.status()}: ${await page.textContent("body")}`);
  }
}

// Reloads `where` until `selector` is there (a form is offered once no orchestrator holds the run).
async function offered(where, selector, until) {
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    try {
      await page.goto(where);
      // the run page reloads itself when the run starts or stops waiting: a look may meet a reload
      if (await page.$(selector)) return true;
      if (until && until(await state())) return false;
    } catch (e) {
      if (!/interrupted by another navigation|Execution context was destroyed|navigating/.test(String(e))) throw e;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`never offered: ${selector} on ${where}; state: ${JSON.stringify(await state())}`);
}

try {
  await page.goto(url);
  await page.screenshot({ path: `${shots}/1-runs.png`, fullPage: true });
  // the runs list: every run with its status and what it cost (— where nothing was reported)
  const runsRows = await page.$$eval("table.runs tbody tr", rows => rows.map(r => r.innerText));
  await page.click(`a[href="/run/${runId}"]`);
  await page.waitForSelector("svg.plan-graph g.task-node");
  await page.screenshot({ path: `${shots}/2-run-paused.png`, fullPage: true });

  await offered(at("/inbox"), `${inboxOf(runId)} button.act-approve`);
  await submit(`${inboxOf(runId)} button.act-approve`, "approve");
  await page.screenshot({ path: `${shots}/3-approved.png`, fullPage: true });

  // the resumed run stops again for trust (answered in the inbox), then at the failing check
  const failed = (s) => s.status === "awaiting_decision";
  if (await offered(at("/inbox"), `${inboxOf(runId)} button.act-trust`, failed)) {
    await page.screenshot({ path: `${shots}/4-trust-asked.png`, fullPage: true });
    await submit(`${inboxOf(runId)} button.act-trust`, "trust");
  }
  await offered(runPage, "#inbox-here button.act-retry");

  // the failed task's evidence, where the decision is made: its failing check and why it failed
  const evidence = await page.textContent("details[open] pre.evidence");
  const reason = await page.textContent("details[open] p.reason");
  await page.screenshot({ path: `${shots}/5-failed-evidence.png`, fullPage: true });

  writeFileSync(fix, "fixed\n"); // the person fixes the cause, then decides retry in the page
  await submit("#inbox-here button.act-retry", "retry");
  await page.screenshot({ path: `${shots}/6-retried.png`, fullPage: true });

  // the page reloads itself when the run stops waiting: wait across reloads for every task and the run to be done
  const deadline = Date.now() + 120000;
  for (;;) {
    try {
      await page.waitForFunction(() => [...document.querySelectorAll("g.task-node")]
          .every(n => n.getAttribute("data-status") === "completed")
          && document.getElementById("run-status").textContent.trim() === "completed", null, { timeout: 5000 });
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
  const fills = await page.$$eval("g.task-node rect", rects => rects.map(r => r.getAttribute("fill")));
  const events = await page.textContent("#events");
  await page.screenshot({ path: `${shots}/7-completed.png`, fullPage: true });
  const status = (await page.textContent("#run-status")).trim();

  // trust refused in the inbox, by keyboard: the run ends rejected and its page says who refused it, where
  await offered(at("/inbox"), `${inboxOf(refusedRun)} button.act-refuse`);
  await page.fill(`${inboxOf(refusedRun)} form:has(button.act-refuse) input[name=comment]`, "not this repository");
  await page.focus(`${inboxOf(refusedRun)} button.act-refuse`);
  await page.screenshot({ path: `${shots}/8-refuse-trust.png`, fullPage: true });
  const [refusal] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  if (!refusal.ok()) throw new Error(`refuse: the dashboard answered ${refusal.status()}: ${await page.textContent("body")}`);
  await page.waitForFunction(() => document.getElementById("run-status").textContent.trim() === "rejected");
  const refused = { status: await text("#run-status"), decisions: await text("ul.decisions"),
                    inbox: await page.$$eval("#inbox-here button", b => b.length) };
  await page.screenshot({ path: `${shots}/9-refused.png`, fullPage: true });

  // a run stopped at its budget: what it spent, per task and in all, and that the budget is spent up
  await offered(at(`/run/${budgetRun}`), "#inbox-here button.act-retry");
  const budget = { usage: await text("#run-usage"), budget: await text("#run-budget"),
                   escalation: await text("#inbox-here .escalation"),
                   costs: await page.$$eval("table.tasks tbody tr", rows => rows.map(r =>
                       [r.querySelector("td").innerText, r.querySelector(".cost").innerText, r.querySelector(".tokens").innerText])) };
  await page.screenshot({ path: `${shots}/10-budget-spent.png`, fullPage: true });
  await page.fill("#inbox-here input[name=budget_usd]", "1");
  await submit("#inbox-here button.act-retry", "retry with a new budget");
  // the resumed run finishes; the page follows it live
  const budgetDeadline = Date.now() + 120000;
  for (;;) {
    try {
      // the status line and the cost cells follow state.json; the decisions list comes with the page's
      // next swap of its content, a moment later: wait for all three rather than read between them
      await page.waitForFunction(() => document.getElementById("run-status").textContent.trim() === "completed"
          && document.querySelector("#row-t3 .cost").textContent.trim() !== "—"
          && (document.querySelector("ul.decisions") || { textContent: "" }).textContent.includes("retry for task t3"),
          null, { timeout: 5000 });
      break;
    } catch (e) {
      if (Date.now() > budgetDeadline) throw e;
    }
  }
  budget.after = { status: await text("#run-status"), usage: await text("#run-usage"), budget: await text("#run-budget"),
                   t3: await text("#row-t3 .cost"), decisions: await text("ul.decisions") };
  await page.screenshot({ path: `${shots}/11-budget-raised.png`, fullPage: true });

  console.log(JSON.stringify({ fills, status, evidence, reason, sawTaskCompleted: events.includes("task_completed"),
                               runsRows, refused, budget }));
} catch (e) {
  await page.screenshot({ path: `${shots}/failed.png`, fullPage: true }).catch(() => {});
  console.error(`at ${page.url()}: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
