import os from "node:os";
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const UNIT = ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"];
/** Unit test files that replace a module with vi.mock. */
const MOCKING = ["lib/sources/mapper.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside a React Server Components bundle; tests run server code directly.
      "server-only": path.resolve(__dirname, "lib/server/testing/server-only-stub.ts"),
    },
  },
  test: {
    // Unit tests share each worker's modules (no isolation: their imports took a third of the run);
    // the request-level suites, which set the environment and build one runtime per file, and a file
    // that mocks a module, get fresh modules per file.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: UNIT,
          exclude: [...configDefaults.exclude, ...MOCKING],
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: ["tests/**/*.test.ts", ...MOCKING] } },
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
