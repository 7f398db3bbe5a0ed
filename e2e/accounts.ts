// Accounts for browser tests that need a user other than the admin: made with the users CLI on the
// suite's data folder, signed in through the sign-in page.
import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { suiteServer } from "./suite";

/** Adds a user with these scopes (or finds it, from an earlier test of the run) and gives its password. */
export function addUser(email: string, scopes: string[]): string {
  const run = (...args: string[]) =>
    execFileSync("npm", ["run", "-s", "users", "--", ...args], {
      env: { ...process.env, FOURFOLD_DATA_DIR: suiteServer().dataDir, FOURFOLD_LOG: "silent" },
      encoding: "utf8",
    });
  let out: string;
  try {
    out = run("add", email, "--scopes", scopes.join(","));
  } catch {
    // Already there (a retried test): a fresh password, printed by passwd as add prints it.
    out = run("passwd", email);
  }
  return /Password: (\S+)/.exec(out)![1]!;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
