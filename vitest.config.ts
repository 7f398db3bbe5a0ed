import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside a React Server Components bundle; tests run server code directly.
      "server-only": path.resolve(__dirname, "lib/server/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "scripts/**/*.test.ts",
      "tests/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["tests/global-setup.ts", "tests/pg-global-setup.ts"],
    pool: "forks",
    // One test file per core (vitest's default leaves one idle, which on two cores halves the pace).
    maxWorkers: os.availableParallelism(),
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
