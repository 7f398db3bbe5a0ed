import { expect, test as setup } from "@playwright/test";
import { admin } from "./credentials";
import { suiteServer } from "./suite";

setup("sign in once as the admin", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(admin().email);
  await page.getByLabel("Password").fill(admin().password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().storageState({ path: suiteServer().storageState });
});
