// `npm run import -- pagerduty|jira` as an operator uses it: what it refuses before starting, and a
// whole run against a local fake of PagerDuty's API with the token from the environment.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIncidents, startFakePagerduty } from "../sources/fake-pagerduty";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-cli-import-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const importCli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/import.ts", ...args], {
    env: {
      ...process.env,
      FOURFOLD_DATA_DIR: dir,
      FOURFOLD_DEMO: "off",
      FOURFOLD_API_KEYS: "ff_cli_test_key",
      FOURFOLD_LOG: "silent",
      FOURFOLD_JIRA_URL: "",
      ...env,
    },
  });

describe("npm run import -- pagerduty | jira", () => {
  it("refuses a jira import without --jql or a site, and an --api-url that is not http(s)", async () => {
    await expect(importCli(["jira", "--api-url", "https://acme.atlassian.net"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--jql is required"),
    });
    await expect(importCli(["jira", "--jql", "project = PAY"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--api-url (or FOURFOLD_JIRA_URL) must name the Jira site"),
    });
    await expect(importCli(["pagerduty", "--api-url", "ftp://example.com"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--api-url must be an http(s) URL."),
    });
  }, 90_000);

  it("imports a PagerDuty account's incidents with the token from FOURFOLD_PAGERDUTY_TOKEN", async () => {
    const fake = await startFakePagerduty(fakeIncidents(12));
    try {
      const { stdout, stderr } = await importCli(
        ["pagerduty", "--since", "2026-01-05", "--api-url", fake.url, "--org", "acme", "--project", "web"],
        { FOURFOLD_PAGERDUTY_TOKEN: "pd-cli-token" },
      );
      // A page per month since --since: how many depends on today.
      expect(stdout).toMatch(/^Imported PagerDuty incidents: 12 in \d+ pages \(12 new events\)\.\n$/);
      expect(stderr).toContain("incidents created 2026-01-05 to 2026-02-04: 12 on this page");
      expect(fake.requests.every((r) => r.authorization === "Token token=pd-cli-token")).toBe(true);
    } finally {
      await fake.close();
    }
  }, 90_000);
});
