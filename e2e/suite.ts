// The suite's server of the running test's project (playwright.config.ts): its port, data folder
// and the admin's saved session. Call it inside a test or a hook.
import { test } from "@playwright/test";
import type { SuiteServer } from "../playwright.config";

export function suiteServer(): SuiteServer {
  const server = test.info().project.metadata.server as SuiteServer | undefined;
  if (!server) throw new Error(`project ${test.info().project.name} names no suite server`);
  return server;
}
