// npm run bench:ui – what a manager feels in the browser, on the production build and the embedded
// engine: a shared team-view link (export already reused) to charts painted, the JavaScript it
// transfers, and a 100,000-row CSV parsed in the worker with the main thread's longest task.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const PORT = 3290;
const BASE = `http://127.0.0.1:${PORT}`;
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
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
  const header = "Team_Id,Team_Ref_Id,Team_Name,Parent_Team_Id,Team_Hierarchy,Org_Tree,Period,Start_Date,End_Date,PLANNING_Median_Days,CODING_Median_Days,REVIEW_Median_Days,BUILD_Median_Days,DEPLOY_Median_Days,LTTC_Median_Days,LTTC_Change_Count,DF_Deployment_Count,DF_Per_Day,CFR_Total_Success,CFR_Total_Failures,CFR_Percent,MTTR_Median_Days,MTTR_Incident_Count,LTTC_Rating,DF_Rating,CFR_Rating,MTTR_Rating,OVERALL_RATING";
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const team = `t${Math.floor(i / 100)}`;
    const day = (i % 100) * 7;
    const d = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    lines.push(`${team},${Math.floor(i / 100) + 1},Team ${team},,Team ${team},Bench,W${i % 100},${d},${d},0.5,0.3,0.2,0.01,0.04,1.05,12,30,4.2857,28,2,6.67,0.1,3,High,Elite,Elite,High,Elite`);
  }
  return lines.join("\n") + "\n";
}

async function main() {
  const distDir = process.env.FOURFOLD_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run npm run build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-bench-ui-"));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FOURFOLD_DATA_DIR: dataDir, NEXTAUTH_URL: BASE, FOURFOLD_LOG: "silent" },
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

    const times: number[] = [];
    let jsBytes = 0;
    for (let run = 0; run < 5; run++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const scripts = new Map<string, number>();
      cdp.on("Network.responseReceived", (e) => {
        if (e.type === "Script") scripts.set(e.requestId, 0);
      });
      cdp.on("Network.loadingFinished", (e) => {
        if (scripts.has(e.requestId)) scripts.set(e.requestId, e.encodedDataLength);
      });
      const t0 = Date.now();
      await page.goto(BASE + LINK);
      await page.getByRole("img", { name: "Mean time to restore chart" }).locator("svg").first().waitFor({ timeout: 60_000 });
      times.push(Date.now() - t0);
      if (run === 0) jsBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
      await page.close();
    }

    const page = await context.newPage();
    await page.goto(`${BASE}/import`);
    await page.evaluate(() => {
      (window as unknown as { longest: number }).longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const w = window as unknown as { longest: number };
          w.longest = Math.max(w.longest, e.duration);
        }
      }).observe({ type: "longtask", buffered: false });
    });
    const csv = bigCsv(100_000);
    await page.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForFunction(() => performance.getEntriesByName("fourfold:csv-parse").length > 0, null, { timeout: 120_000 });
    const parseMs = await page.evaluate(() => performance.getEntriesByName("fourfold:csv-parse")[0]!.duration);
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);

    console.log(`shared link → charts painted (export reused), 5 runs: ${times.join(", ")} ms; median ${median(times)} ms (target < 1500)`);
    console.log(`JavaScript transferred on that first load (gzip, cache off): ${(jsBytes / 1024).toFixed(1)} kB (target < 200)`);
    console.log(`100,000-row CSV (${(csv.length / 1e6).toFixed(1)} MB) parsed in the worker: ${parseMs.toFixed(0)} ms (target < 1500); longest main-thread task meanwhile: ${longest.toFixed(0)} ms (target ≤ 50)`);
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
