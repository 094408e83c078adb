// Drives the dashboard in headless Chromium (playwright-core, the Debian chromium): opens a run
// paused at its plan gate, sees the plan graph, approves it in the inbox, trusts the workspace if
// asked, and watches the tasks turn green through the live stream. A screenshot per step.
// Usage: node browser-check.mjs URL_WITH_TOKEN RUN_ID SCREENSHOT_DIR
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [url, runId, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.screenshot({ path: `${shots}/1-runs.png`, fullPage: true });
  await page.click(`a[href="/run/${runId}"]`);
  await page.waitForSelector("svg.plan-graph g.task-node");
  await page.screenshot({ path: `${shots}/2-run-paused.png`, fullPage: true });
  await page.goto(new URL("/inbox", url).toString());
  await page.click("button.act-approve");
  await page.waitForURL(`**/run/${runId}`);
  await page.screenshot({ path: `${shots}/3-approved.png`, fullPage: true });
  // the resumed run may stop again for trust: the page reloads with its form
  // the run page reloads itself when the run changes: a navigation it interrupts is tried again
  const go = async (target) => {
    for (let i = 0; ; i++) {
      try {
        return await page.goto(target);
      } catch (e) {
        if (i >= 5 || !String(e).includes("ERR_ABORTED")) throw e;
        await page.waitForTimeout(200);
      }
    }
  };
  const deadline = Date.now() + 120000;
  const runPage = new URL(`/run/${runId}`, url).toString();
  while (Date.now() < deadline) {
    if ((await page.textContent("#run-status")).trim() === "completed") break;
    // the resumed run may stop again for trust: answered in the inbox
    await go(new URL("/inbox", url).toString());
    if (await page.$("button.act-trust")) {
      await page.screenshot({ path: `${shots}/4-trust-asked.png`, fullPage: true });
      await Promise.all([page.waitForNavigation(), page.click("button.act-trust")]);
      await go(runPage);
    } else {
      await go(runPage);
    }
    await page.waitForTimeout(500);
  }
  await page.waitForFunction(() => [...document.querySelectorAll("g.task-node")]
      .every(n => n.getAttribute("data-status") === "completed"), null, { timeout: 120000 });
  const fills = await page.$$eval("g.task-node rect", rects => rects.map(r => r.getAttribute("fill")));
  const events = await page.textContent("#events");
  await page.screenshot({ path: `${shots}/5-completed.png`, fullPage: true });
  console.log(JSON.stringify({ fills, status: (await page.textContent("#run-status")).trim(),
                               sawTaskCompleted: events.includes("task_completed") }));
} finally {
  await browser.close();
}
