// npm run db -- copy --from sqlite:<file> --to postgres://… [--replace]  – move a store to another database.
import { parseArgs } from "node:util";
import { copyStore, CopyRefused, isPostgresUrl, openStore, type Store } from "@/lib/store";

const USAGE = `Usage: npm run db -- copy --from <store> --to <store> [--replace]
  A store is sqlite:<file> (a Fourfold SQLite store, e.g. sqlite:data/fourfold.db) or a
  postgres://user:password@host:5432/database URL. Every row of every table is copied, in
  batches, in one transaction of the target, and each table's count is checked before it commits.
  Both stores are brought to the latest schema first. A target that holds rows is refused unless
  --replace (PostgreSQL only), which empties it in the same transaction.
  Stop the servers using the source first, or copy from a backup of it, to leave nothing behind.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** `sqlite:<file>` or a PostgreSQL URL, as openStore takes it. */
function storeTarget(arg: string | undefined, flag: string): string {
  if (!arg) fail(`${flag} is required\n\n${USAGE}`);
  if (isPostgresUrl(arg)) return arg;
  if (arg.startsWith("sqlite:") && arg.length > "sqlite:".length) return arg.slice("sqlite:".length);
  fail(`${flag}: expected sqlite:<file> or postgres://…`);
}

/** The store's location for messages, without a password. */
function shown(target: string): string {
  if (!isPostgresUrl(target)) return `sqlite:${target}`;
  const url = new URL(target);
  if (url.password) url.password = "***";
  return url.toString();
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      replace: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help || positionals[0] !== "copy") fail(USAGE);
  const from = storeTarget(values.from, "--from");
  const to = storeTarget(values.to, "--to");
  if (from === to) fail("--from and --to are the same store");

  let source: Store | undefined;
  let target: Store | undefined;
  try {
    source = await openStore(from);
    target = await openStore(to);
    const started = Date.now();
    let last = "";
    const result = await copyStore(source, target, {
      replace: values.replace ?? false,
      onProgress: ({ table, rows }) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${table}: ${rows} rows`);
        else if (table !== last) process.stderr.write(`${table}…\n`);
        last = table;
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    const total = result.tables.reduce((n, t) => n + t.rows, 0);
    for (const { table, rows } of result.tables) process.stdout.write(`${table}\t${rows}\n`);
    process.stdout.write(
      `copied ${total} rows in ${result.tables.length} tables from ${shown(from)} to ${shown(to)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } catch (err) {
    if (err instanceof CopyRefused) fail(err.message);
    fail(`copy failed, the target is unchanged: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await source?.destroy();
    await target?.destroy();
  }
}

void main();
