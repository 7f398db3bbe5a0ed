import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

// An admin connects GitLab and a CDEvents sender from the Sources page: each shows its webhook URL
// and makes a token; a delivery with the token is taken, one without it refused, and the page tells
// of the last delivery. Runs after sources.spec.ts (files run in name order, one worker), whose
// replay counts every event of the project.

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/sources/${name}.json`, "utf8");

async function shot(page: Page, name: string) {
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/sources-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an admin connects GitLab and CDEvents: URLs, tokens, a delivery each", async ({ page, request }) => {
  await page.goto("/sources");
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();

  const gitlab = page.getByRole("region", { name: "GitLab", exact: true });
  const gitlabUrl = (await gitlab.locator("code").first().textContent())!;
  expect(gitlabUrl).toMatch(/\/v2\/sources\/gitlab\/webhook\?orgIdentifier=demo&projectIdentifier=fourfold$/);
  // A retry finds the secret of the first attempt, and replaces it (after confirming).
  page.on("dialog", (dialog) => void dialog.accept());
  await gitlab.getByRole("button", { name: /^(Generate a|Replace the) GitLab secret$/ }).click();
  const token = (await page.getByLabel("New GitLab secret").textContent())!.trim();
  expect(token.length).toBeGreaterThanOrEqual(40);

  const cdevents = page.getByRole("region", { name: "CDEvents", exact: true });
  const cdeventsUrl = (await cdevents.locator("code").first().textContent())!;
  expect(cdeventsUrl).toMatch(/\/v2\/sources\/cdevents\/webhook\?orgIdentifier=demo&projectIdentifier=fourfold$/);
  await cdevents.getByRole("button", { name: /^(Generate a|Replace the) CDEvents secret$/ }).click();
  const bearer = (await page.getByLabel("New CDEvents secret").textContent())!.trim();

  const mr = fixture("gitlab/merge-request");
  const gitlabHeaders = {
    "content-type": "application/json",
    "x-gitlab-event": "Merge Request Hook",
    "x-gitlab-event-uuid": `e2e-${Date.now()}`,
  };
  expect(
    (await request.post(gitlabUrl, { data: mr, headers: { ...gitlabHeaders, "x-gitlab-token": "wrong" } })).status(),
  ).toBe(401);
  expect(
    (await request.post(gitlabUrl, { data: mr, headers: { ...gitlabHeaders, "x-gitlab-token": token } })).status(),
  ).toBe(202);

  const deployed = JSON.parse(fixture("cdevents/service-deployed")) as { context: Record<string, string> };
  const ceHeaders = {
    "content-type": "application/json",
    "ce-specversion": "1.0",
    "ce-id": `e2e-${Date.now()}`,
    "ce-source": deployed.context.source!,
    "ce-type": deployed.context.type!,
  };
  expect((await request.post(cdeventsUrl, { data: deployed, headers: ceHeaders })).status()).toBe(401);
  expect(
    (
      await request.post(cdeventsUrl, {
        data: deployed,
        headers: { ...ceHeaders, authorization: `Bearer ${bearer}` },
      })
    ).status(),
  ).toBe(202);

  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "GitLab", exact: true })).toContainText(
      "Merge Request Hook: unmapped",
      { timeout: 1000 },
    );
    // Each delivery is mapped on its own: the page must have been read after both were.
    await expect(page.getByRole("region", { name: "CDEvents", exact: true })).toContainText(
      "dev.cdevents.service.deployed.0.3.0: unmapped",
      { timeout: 1000 },
    );
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("table", { name: /Unmapped and failed deliveries/ })).toContainText(
    "no team rule matches GitLab project gitlabhq/gitlab-test",
  );
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, "gitlab-cdevents");
});
