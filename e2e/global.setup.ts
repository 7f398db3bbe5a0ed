import { expect, test as setup } from "@playwright/test";
import { E2E_STORAGE_STATE } from "../playwright.config";
import { admin } from "./credentials";

setup("sign in once as the admin", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(admin().email);
  await page.getByLabel("Password").fill(admin().password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().storageState({ path: E2E_STORAGE_STATE });
});
