// npm run bench:ui – what a manager feels in the browser, on the production build and the embedded
// engine: a shared team-view link (export already reused) to charts painted, the JavaScript it
// transfers, and a 100,000-row CSV parsed in the worker with the main thread's longest task.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { benchHome } from "./bench-home";

// BENCH_UI_PORT: a second build can be measured beside another one. `--link-only` skips the import part.
const PORT = Number(process.env.BENCH_UI_PORT ?? 3290);
const LINK_ONLY = process.argv.includes("--link-only");
const BASE = `http://127.0.0.1:${PORT}`;
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const LINK = "/teams/eng?range=6m&granularity=MONTHLY&aggregation=median&benchmark=sei";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function waitHealthy() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

async function signIn(page: Page, dataDir: string) {
  const [email, password] = fs.readFileSync(path.join(dataDir, "initial-admin-password"), "utf8").split("\n");
  await page.goto(`${BASE}/signin`);
  await page.getByLabel("Email").fill(email!);
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

function bigCsv(rows: number): string {
  const header =
    "Team_Id,Team_Ref_Id,Team_Name,Parent_Team_Id,Team_Hierarchy,Org_Tree,Period,Start_Date,End_Date,PLANNING_Median_Days,CODING_Median_Days,REVIEW_Median_Days,BUILD_Median_Days,DEPLOY_Median_Days,LTTC_Median_Days,LTTC_Change_Count,DF_Deployment_Count,DF_Per_Day,CFR_Total_Success,CFR_Total_Failures,CFR_Percent,MTTR_Median_Days,MTTR_Incident_Count,LTTC_Rating,DF_Rating,CFR_Rating,MTTR_Rating,OVERALL_RATING";
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const team = `t${Math.floor(i / 100)}`;
    const day = (i % 100) * 7;
    const d = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    lines.push(
      `${team},${Math.floor(i / 100) + 1},Team ${team},,Team ${team},Bench,W${i % 100},${d},${d},0.5,0.3,0.2,0.01,0.04,1.05,12,30,4.2857,28,2,6.67,0.1,3,High,Elite,Elite,High,Elite`,
    );
  }
  return lines.join("\n") + "\n";
}

async function main() {
  const distDir = process.env.FOURFOLD_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID")))
    throw new Error(`no production build in ${distDir}: run npm run build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-bench-ui-"));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      FOURFOLD_DATA_DIR: dataDir,
      NEXTAUTH_URL: BASE,
      FOURFOLD_LOG: "silent",
    },
    stdio: "ignore",
    detached: true,
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  try {
    await waitHealthy();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const warm = await context.newPage();
    await signIn(warm, dataDir);
    await warm.goto(BASE + LINK);
    await warm.getByRole("heading", { name: "Sub-teams" }).waitFor({ timeout: 60_000 });
    await warm.close();
    // A shared link is opened some time after its sharer saw the view: by then the server has
    // drawn the view's snapshots (app/(app)/_components/prepare-view.ts, drawWhenComplete).
    await new Promise((r) => setTimeout(r, 5000));

    const times: number[] = [];
    const driverTimes: number[] = [];
    let js = { first: 0, later: 0 };
    for (let run = 0; run < 5; run++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Page.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      // "First load" is what the page needs up to its load event (Next.js's First Load JS); the
      // chart code, loaded on demand once there is data to draw, is counted apart.
      const requested = new Map<string, number>();
      const scripts = new Map<string, number>();
      let loadedAt = Infinity;
      cdp.on("Network.requestWillBeSent", (e) => requested.set(e.requestId, e.timestamp));
      cdp.on("Network.responseReceived", (e) => {
        if (e.type === "Script") scripts.set(e.requestId, 0);
      });
      cdp.on("Network.loadingFinished", (e) => {
        if (scripts.has(e.requestId)) scripts.set(e.requestId, e.encodedDataLength);
      });
      cdp.on("Page.loadEventFired", (e) => (loadedAt = Math.min(loadedAt, e.timestamp)));
      // Painted: the frame after the last chart's SVG entered the page, from the navigation's start.
      // Read in the page, so the test driver's own polling does not add to it.
      await page.addInitScript(() => {
        const w = window as unknown as { paintedAt?: number };
        const seen = new MutationObserver(() => {
          if (!document.querySelector('[role="img"][aria-label="Mean time to restore chart"] svg')) return;
          seen.disconnect();
          requestAnimationFrame(() => (w.paintedAt = performance.now()));
        });
        seen.observe(document, { subtree: true, childList: true });
      });
      const t0 = Date.now();
      await page.goto(BASE + LINK);
      await page
        .getByRole("img", { name: "Mean time to restore chart" })
        .locator("svg")
        .first()
        .waitFor({ timeout: 60_000 });
      driverTimes.push(Date.now() - t0);
      await page.waitForFunction(() => (window as unknown as { paintedAt?: number }).paintedAt !== undefined);
      times.push(Math.round(await page.evaluate(() => (window as unknown as { paintedAt: number }).paintedAt)));
      if (run === 0) {
        // The live charts (every chart of the view, FDRT and rework too) replace the server's
        // snapshots once their code is in: wait for them, so that the code loaded on demand is counted too.
        await page.waitForFunction(
          () =>
            document.querySelectorAll(".plot-live .recharts-surface").length ===
            document.querySelectorAll('[role="img"][aria-label$=" chart"]').length,
          null,
          { timeout: 60_000 },
        );
        js = { first: 0, later: 0 };
        for (const [id, bytes] of scripts) {
          if ((requested.get(id) ?? 0) <= loadedAt) js.first += bytes;
          else js.later += bytes;
        }
      }
      await page.close();
    }

    console.log(
      `shared link → charts painted (export reused), 5 runs: ${times.join(", ")} ms; median ${median(times)} ms (target < 1500)`,
    );
    console.log(`  as the test driver saw it (goto, then polling for the chart): median ${median(driverTimes)} ms`);
    console.log(
      `JavaScript of that first load (gzip, cache off, up to the load event): ${(js.first / 1024).toFixed(1)} kB (target < 200)`,
    );
    console.log(
      `  then loaded on demand for the charts: ${(js.later / 1024).toFixed(1)} kB; in all ${((js.first + js.later) / 1024).toFixed(1)} kB`,
    );
    console.log(await benchHome(context, BASE));
    if (LINK_ONLY) return;

    const page = await context.newPage();
    await page.goto(`${BASE}/import`);
    await page.evaluate(() => {
      const w = window as unknown as { tasks: { start: number; duration: number }[] };
      w.tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: false });
    });
    const csv = bigCsv(100_000);
    // Chosen by path: a buffer would be turned into a File on the page's main thread by the test
    // driver itself, a multi-second task that is not the page's.
    const file = path.join(dataDir, "big.csv");
    fs.writeFileSync(file, csv);
    await page.evaluate(() => performance.mark("bench:chosen"));
    await page.getByLabel("CSV file").setInputFiles(file);
    await page.waitForFunction(() => performance.getEntriesByName("fourfold:csv-parse").length > 0, null, {
      timeout: 120_000,
    });
    // The result drawn (its table's caption), then a second for anything still running.
    await page.waitForFunction(() => document.querySelector("caption") !== null, null, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    const m = await page.evaluate(() => {
      const w = window as unknown as { tasks: { start: number; duration: number }[] };
      const parse = performance.getEntriesByName("fourfold:csv-parse")[0]!;
      // From the file chosen to the parse done: the page's own start (hydration) is not the parse's.
      const chosen = performance.getEntriesByName("bench:chosen")[0]!.startTime;
      const during = w.tasks.filter((t) => t.start + t.duration > chosen && t.start < parse.startTime + parse.duration);
      const after = w.tasks.filter((t) => t.start + t.duration > chosen);
      return {
        parseMs: parse.duration,
        duringParse: Math.max(0, ...during.map((t) => t.duration)),
        overall: Math.max(0, ...after.map((t) => t.duration)),
      };
    });

    console.log(
      `100,000-row CSV (${(csv.length / 1e6).toFixed(1)} MB) parsed in the worker: ${m.parseMs.toFixed(0)} ms (target < 1000)`,
    );
    console.log(
      `  longest main-thread task while it parsed: ${m.duringParse.toFixed(0)} ms (target ≤ 50); until the result was drawn: ${m.overall.toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {}
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
