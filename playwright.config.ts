import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the production server (`next build` first) in Debian's Chromium: two
// servers, each on its own data folder, each taking half of the spec files one at a time, so the
// two halves run side by side without seeing each other's data (e2e/suite.ts).
const PORT = Number(process.env.E2E_PORT ?? 3210);
// Separate data folders and ports let two suites run side by side (E2E_PORT, E2E_DATA_DIR). Each
// suite takes E2E_PORT and the port after it, so two suites' E2E_PORT must be at least 2 apart.
const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".tmp/e2e-data";
export interface SuiteServer {
  port: number;
  dataDir: string;
  /** The admin's session, saved by the server's setup project (e2e/global.setup.ts). */
  storageState: string;
}
const SERVERS: SuiteServer[] = [0, 1].map((i) => {
  const dataDir = i === 0 ? E2E_DATA_DIR : `${E2E_DATA_DIR}-${i + 1}`;
  return { port: PORT + i, dataDir, storageState: `${dataDir}-admin.json` };
});
const urlOf = (server: SuiteServer) => `http://localhost:${server.port}`;
const baseURL = urlOf(SERVERS[0]!);
// The first server's files: the identity provider knows only its address, so the SSO tests are here.
// Every other spec file (a new one too) runs on the second. The halves take about as long.
const FIRST_SERVER_SPECS =
  /(annotations|org-comparison|engine-operator|small-screens|sso|home|team-view|server-snapshots|sign-in|api-auth)\.spec\.ts$/;

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
  workers: SERVERS.length,
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
  projects: SERVERS.flatMap((server, i) => [
    {
      name: `setup-${i + 1}`,
      testMatch: /global\.setup\.ts/,
      use: { baseURL: urlOf(server) },
      metadata: { server },
    },
    {
      name: `chromium-${i + 1}`,
      ...(i === 0 ? { testMatch: FIRST_SERVER_SPECS } : { testIgnore: FIRST_SERVER_SPECS }),
      use: { ...devices["Desktop Chrome"], baseURL: urlOf(server), storageState: server.storageState },
      metadata: { server },
      dependencies: [`setup-${i + 1}`],
      // One file at a time per server, as each server's data expects.
      workers: 1,
    },
  ]),
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
    ...SERVERS.map((server) => ({
      command: `rm -rf ${server.dataDir} && npx next start -p ${server.port}`,
      url: `${urlOf(server)}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        FOURFOLD_DATA_DIR: server.dataDir,
        NEXTAUTH_URL: urlOf(server),
        OIDC_ISSUER: IDP_URL,
        OIDC_CLIENT_ID: IDP_CLIENT.id,
        OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
        OIDC_END_SESSION: "on",
      },
    })),
  ],
});
