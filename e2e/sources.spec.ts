import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import examples from "@octokit/webhooks-examples";
import { expect, test, type Page } from "@playwright/test";
import { suiteServer } from "./suite";
import { axeViolations } from "./axe";

// An admin connects GitHub from the Sources page: the webhook URL and a new secret, a signed
// delivery arriving unmapped, the mapping's problems shown next to their lines, a replay that maps it.

function pullRequestOpened(): string {
  const entry = (examples as { name: string; examples: Record<string, unknown>[] }[]).find(
    (e) => e.name === "pull_request",
  )!;
  return JSON.stringify(entry.examples.find((p) => p.action === "opened"));
}

async function shot(page: Page, name: string) {
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/sources-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an admin connects GitHub: secret, a delivery, the mapping's problems by line, replay", async ({
  page,
  request,
}) => {
  await page.goto("/teams");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();
  const github = page.getByRole("region", { name: "GitHub", exact: true });
  const url = (await github.locator("code").first().textContent())!;
  expect(url).toMatch(/\/v2\/sources\/github\/webhook\?orgIdentifier=demo&projectIdentifier=fourfold$/);
  await expect(github).toContainText("Not set");

  await github.getByRole("button", { name: "Generate a GitHub secret" }).click();
  const secret = (await page.getByLabel("New GitHub secret").textContent())!.trim();
  expect(secret.length).toBeGreaterThanOrEqual(40);
  await expect(github.getByRole("button", { name: "Replace the GitHub secret" })).toBeVisible();

  const body = pullRequestOpened();
  const headers = {
    "content-type": "application/json",
    "x-github-event": "pull_request",
    "x-github-delivery": `e2e-${Date.now()}`,
    "x-hub-signature-256": `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  expect(
    (await request.post(url, { data: body, headers: { ...headers, "x-hub-signature-256": "sha256=00" } })).status(),
  ).toBe(401);
  expect((await request.post(url, { data: body, headers })).status()).toBe(202);

  // Both on one page: the page reads the log query by query, and the mapping may land between two.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("table", { name: /Unmapped and failed deliveries/ })).toContainText(
      "no team rule matches repository Codertocat/Hello-World",
      { timeout: 1000 },
    );
    await expect(github).toContainText("pull_request: unmapped", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await shot(page, "unmapped");

  const editor = page.getByRole("textbox", { name: "Mapping document (YAML or JSON)" });
  await editor.fill("teams:\n  - repository: Codertocat/*\nproduction: []\n");
  await page.getByRole("button", { name: "Save the mapping" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "The mapping was not saved" });
  await expect(problems).toContainText("teams.0.team: is required");
  await expect(problems).toContainText("production: must name at least one environment");
  await problems.getByRole("button", { name: "Line 3" }).click();
  await expect(editor).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, "mapping-problems");

  await editor.fill("teams:\n  - repository: Codertocat/*\n    team: eng-payments\n");
  await page.getByRole("button", { name: "Save the mapping" }).click();
  await expect(page.getByText(/Saved as version 1\./)).toBeVisible();

  await page.getByRole("button", { name: "Replay every event" }).click();
  await expect(
    page.getByText(
      /^Replayed 1 event in [\d.]+ s: 1 mapped, 0 unmapped, 0 ignored, 0 failed; 1 records written, 0 removed\.$/,
    ),
  ).toBeVisible();
  await expect(page.getByText("None: every delivery was mapped or ignored.")).toBeVisible();
  await expect(github).toContainText("pull_request: mapped");
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, "replayed");
});

test.describe("someone who is not an admin", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("gets a 404 for /sources and no Sources link", async ({ page }) => {
    const out = execFileSync(
      "npm",
      ["run", "-s", "users", "--", "add", "sources-viewer@example.com", "--scopes", "eng"],
      {
        env: { ...process.env, FOURFOLD_DATA_DIR: suiteServer().dataDir, FOURFOLD_LOG: "silent" },
        encoding: "utf8",
      },
    );
    const password = /Password: (\S+)/.exec(out)![1]!;
    await page.goto("/signin");
    await page.getByLabel("Email").fill("sources-viewer@example.com");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" })).toHaveCount(0);
    const res = await page.goto("/sources");
    expect(res?.status()).toBe(404);
    const replay = await page.request.post("/api/sources/replay", {
      data: {},
      headers: { origin: new URL(page.url()).origin },
    });
    expect(replay.status()).toBe(404);
  });
});
