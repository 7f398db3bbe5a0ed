// npm run import -- <git|github> …  – backfill history into the event log, mapped like webhooks.
import { parseArgs } from "node:util";
import { logToStderr } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { importGit } from "@/lib/sources";
import { cliFail, cliProject, PROJECT_OPTIONS } from "./cli-project";

const USAGE = `Usage: npm run import -- <source> …
  git <path> --repository NAME [--branch main] [--deploy-tags 'v*'] [--org O --project P]
        merge commits on the branch's first-parent line and squash commits ending in (#123) become
        pull requests; tags matching --deploy-tags become production deployments.
The records go to the project named (default: the dashboard's), through its mapping: its teams rules
must map the repository NAME. Progress goes to stderr; stdout holds only the summary.`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      repository: { type: "string" },
      branch: { type: "string" },
      "deploy-tags": { type: "string" },
      help: { type: "boolean", short: "h" },
      ...PROJECT_OPTIONS,
    },
  });
  logToStderr();
  const [source, target] = positionals;
  if (values.help || !source) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const progress = (message: string) => process.stderr.write(`${message}\n`);
  switch (source) {
    case "git": {
      if (!target) cliFail(`<path> is missing.\n${USAGE}`);
      if (!values.repository) cliFail(`--repository NAME is required (the name the mapping's rules match).\n${USAGE}`);
      const scope = cliProject(values);
      const { sources } = await getRuntime({ jobs: false });
      const r = await importGit(sources, scope, {
        path: target,
        repository: values.repository,
        branch: values.branch,
        deployTags: values["deploy-tags"],
        onProgress: progress,
      });
      await sources.mapper.stop();
      process.stdout.write(
        `Imported ${values.repository}: ${r.pullRequests} pull requests, ${r.deployments} deployments (${r.newEvents} new events).\n`,
      );
      return;
    }
    default:
      cliFail(`Unknown source "${source}".\n${USAGE}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => cliFail(err instanceof Error ? err.message : String(err)),
);
