import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// What the browser's code may not import: the server, whose modules hold secrets and the store.
// Each part by its face and by a path into it.
const SERVER_DATA = ["engine", "sei", "store", "auth"]
  .flatMap((p) => [`@/lib/${p}`, `@/lib/${p}/*`])
  .concat("better-sqlite3");
const SERVER = ["@/lib/server", "@/lib/server/*"];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "dist/**",
      "node_modules/**",
      "data/**",
      ".tmp/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // CommonJS files (the dependency-cruiser config) can only load modules with require().
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Migrations are written against the schema of their day, not today's typed DB.
    files: ["lib/store/migrations/**", "lib/store/migrate.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The pure domain is shared by the engine, the proxy and the browser: it imports nothing of the server.
    files: ["lib/dora/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next/*", "node:*", ...SERVER, ...SERVER_DATA, "kysely"] }],
    },
  },
  {
    files: ["lib/browser/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...SERVER, ...SERVER_DATA] }],
    },
  },
  {
    // The charts' snapshots are drawn on the server (server-only, never bundled for the browser):
    // they log like the rest of the server.
    files: ["components/charts/snapshots/index.ts", "components/charts/snapshots/worker-client.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: SERVER_DATA }],
    },
  },
];

export default config;
