// npm run sources -- <replay|secret> …  – re-map the sources' event log; set a source's webhook secret.
import { parseArgs } from "node:util";
import { logToStderr } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { MIN_SECRET_LENGTH, newWebhookSecret, setSecret, WEBHOOK_SOURCES } from "@/lib/sources";
import { cliFail, cliProject, cliSince, PROJECT_OPTIONS } from "./cli-project";
import { readPassword } from "./read-password";

const USAGE = `Usage: npm run sources -- <command>
  replay [--source github] [--since 2026-01-01] [--org O --project P]
        re-maps the stored events with the current mapping (every project unless one is named);
        records the mapping no longer produces are removed. Running it twice changes nothing.
  secret <source> [--stdin] [--org O --project P]
        sets the webhook secret of a source (${Object.keys(WEBHOOK_SOURCES).join(", ")}) for the project
        (default: the dashboard's); a new one is generated and printed once, or read with --stdin.
Logs go to stderr; stdout holds only the answer.`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      source: { type: "string" },
      since: { type: "string" },
      stdin: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      ...PROJECT_OPTIONS,
    },
  });
  logToStderr();
  const [command, sourceArg] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  switch (command) {
    case "replay": {
      const since = cliSince(values.since);
      const scope = values.org || values.project ? cliProject(values) : undefined;
      const { sources } = await getRuntime({ jobs: false });
      const started = Date.now();
      const r = await sources.mapper.replay({ scope, source: values.source, since });
      await sources.mapper.stop();
      const s = r.byStatus;
      process.stdout.write(
        `Replayed ${r.events} event${r.events === 1 ? "" : "s"} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${s.mapped} mapped, ${s.unmapped} unmapped, ${s.ignored} ignored, ${s.failed} failed; ` +
          `${r.written} records written, ${r.removed} removed.\n`,
      );
      return;
    }
    case "secret": {
      if (!sourceArg || !WEBHOOK_SOURCES[sourceArg])
        cliFail(`<source> must be one of ${Object.keys(WEBHOOK_SOURCES).join(", ")}.\n${USAGE}`);
      const scope = cliProject(values);
      const secret = values.stdin ? await readPassword("Webhook secret: ") : newWebhookSecret();
      if (secret.length < MIN_SECRET_LENGTH) cliFail(`The secret must be at least ${MIN_SECRET_LENGTH} characters.`);
      const { db, sources } = await getRuntime({ jobs: false });
      await setSecret(db, sources.key, scope, sourceArg, secret);
      process.stdout.write(
        `Set the ${sourceArg} webhook secret of ${scope.org}/${scope.project}.` +
          (values.stdin
            ? "\n"
            : `\nSecret: ${secret}\n(paste it into the webhook's settings now; it is not shown again)\n`),
      );
      return;
    }
    default:
      cliFail(`Unknown command "${command}".\n${USAGE}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => cliFail(err instanceof Error ? err.message : String(err)),
);
