import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

// An admin connects PagerDuty and Jira from the Sources page: each shows its webhook URL; PagerDuty's
// signing secret (made by PagerDuty) is pasted, Jira's generated; signed deliveries then arrive.
// (Named to run after sources.spec.ts, whose replay counts the project's events.)

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/sources/${name}`, "utf8");
const hmac = (secret: string, body: string) => crypto.createHmac("sha256", secret).update(body).digest("hex");

async function shot(page: Page, name: string) {
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/sources-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an admin connects PagerDuty (a pasted secret) and Jira (a generated one)", async ({ page, request }) => {
  await page.goto("/sources");
  const pagerduty = page.getByRole("region", { name: "PagerDuty", exact: true });
  const jira = page.getByRole("region", { name: "Jira", exact: true });
  const pdUrl = (await pagerduty.locator("code").first().textContent())!;
  const jiraUrl = (await jira.locator("code").first().textContent())!;
  expect(pdUrl).toMatch(/\/v2\/sources\/pagerduty\/webhook\?orgIdentifier=demo&projectIdentifier=fourfold$/);
  expect(jiraUrl).toMatch(/\/v2\/sources\/jira\/webhook\?orgIdentifier=demo&projectIdentifier=fourfold$/);
  await expect(pagerduty).toContainText("Not set");

  // PagerDuty made the secret: paste it.
  const secret = crypto.randomBytes(24).toString("base64url");
  const input = pagerduty.getByLabel("PagerDuty's signing secret");
  await input.fill(secret);
  await pagerduty.getByRole("button", { name: "Save the PagerDuty secret" }).click();
  await expect(pagerduty.getByText("The PagerDuty secret is saved.")).toBeVisible();
  await expect(pagerduty).toContainText(/Set \d{4}-\d\d-\d\d/);
  await expect(input).toHaveValue("");

  const incident = fixture("pagerduty/incident.triggered.json");
  const wrong = `v1=${hmac("not-the-secret-0000000", incident)}`;
  expect((await request.post(pdUrl, { data: incident, headers: { "x-pagerduty-signature": wrong } })).status()).toBe(
    401,
  );
  const signatures = `${wrong},v1=${hmac(secret, incident)}`;
  const delivered = await request.post(pdUrl, {
    data: incident,
    headers: { "content-type": "application/json", "x-pagerduty-signature": signatures },
  });
  expect(delivered.status()).toBe(202);

  await jira.getByRole("button", { name: "Generate a Jira secret" }).click();
  const jiraSecret = (await page.getByLabel("New Jira secret").textContent())!.trim();
  const issue = fixture("jira/issue_created.json");
  const jiraDelivery = await request.post(jiraUrl, {
    data: issue,
    headers: {
      "content-type": "application/json",
      "x-hub-signature": `sha256=${hmac(jiraSecret, issue)}`,
      "x-atlassian-webhook-identifier": `e2e-${Date.now()}`,
    },
  });
  expect(jiraDelivery.status()).toBe(202);

  // Each delivery is mapped on its own, and the page shows them as they were when it loaded: both
  // are looked for on the same reload.
  await expect(async () => {
    await page.reload();
    const unmapped = page.getByRole("table", { name: /Unmapped and failed deliveries/ });
    await expect(unmapped).toContainText('no team rule matches PagerDuty service "API Service" (PF9KMXH)', {
      timeout: 1000,
    });
    await expect(unmapped).toContainText("no team rule matches Jira project PAY", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(pagerduty).toContainText("incident.triggered: unmapped");
  await expect(jira).toContainText("jira:issue_created: unmapped");
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, "pagerduty-jira");
});
