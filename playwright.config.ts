import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the production server (`next build` first) in Debian's Chromium.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// Separate data folders and ports let two suites run side by side (E2E_PORT, E2E_DATA_DIR).
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".tmp/e2e-data";
export const E2E_STORAGE_STATE = `${E2E_DATA_DIR}-admin.json`;
const baseURL = `http://localhost:${PORT}`;

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
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && npx next start -p ${PORT}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      FOURFOLD_DATA_DIR: E2E_DATA_DIR,
      NEXTAUTH_URL: baseURL,
    },
  },
});
