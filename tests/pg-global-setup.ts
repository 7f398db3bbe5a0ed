// Starts the test PostgreSQL server once per vitest run (scripts/pg-test-server.ts), unless
// FOURFOLD_TEST_DATABASE_URL names one already, and stops it at the end. Tests create a database
// of their own on it (lib/store/testing/test-store.ts).
import { startTestPostgres } from "../scripts/pg-test-server";

export default async function setup(): Promise<(() => void) | void> {
  if (process.env.FOURFOLD_TEST_DATABASE_URL) return;
  const server = await startTestPostgres();
  process.env.FOURFOLD_TEST_DATABASE_URL = server.url;
  return () => server.stop();
}
