import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the production server (`next build` first) in Debian's Chromium.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// Separate data folders and ports let two suites run side by side (E2E_PORT, E2E_DATA_DIR).
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".tmp/e2e-data";
export const E2E_STORAGE_STATE = `${E2E_DATA_DIR}-admin.json`;
const baseURL = `http://localhost:${PORT}`;

// The tests' identity provider (e2e/idp/server.mjs) on a free loopback port, chosen once by the runner
// and inherited by its workers through the environment, with the token that guards its test routes.
process.env.E2E_IDP_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.E2E_IDP_TOKEN ??= randomBytes(16).toString("hex");
export const IDP_URL = `http://127.0.0.1:${process.env.E2E_IDP_PORT}`;
export const IDP_TOKEN = process.env.E2E_IDP_TOKEN;
const IDP_CLIENT = { id: "fourfold-e2e", secret: randomBytes(16).toString("hex") };

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: E2E_STORAGE_STATE },
      dependencies: ["setup"],
    },
  ],
  webServer: [
    {
      command: "node e2e/idp/server.mjs",
      url: `${IDP_URL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        IDP_PORT: process.env.E2E_IDP_PORT,
        IDP_TEST_TOKEN: IDP_TOKEN,
        IDP_CLIENT_ID: IDP_CLIENT.id,
        IDP_CLIENT_SECRET: IDP_CLIENT.secret,
        APP_URL: baseURL,
      },
    },
    {
      command: `rm -rf ${E2E_DATA_DIR} && npx next start -p ${PORT}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        FOURFOLD_DATA_DIR: E2E_DATA_DIR,
        NEXTAUTH_URL: baseURL,
        OIDC_ISSUER: IDP_URL,
        OIDC_CLIENT_ID: IDP_CLIENT.id,
        OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
        OIDC_END_SESSION: "on",
      },
    },
  ],
});
