// npm run import -- <git|github|gitlab|pagerduty|jira> …  – backfill history into the event log, mapped like webhooks.
import { parseArgs } from "node:util";
import { logToStderr } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { importGit, importGithub, importGitlab, importJira, importPagerduty } from "@/lib/sources";
import { cliFail, cliProject, cliSince, PROJECT_OPTIONS } from "./cli-project";

const USAGE = `Usage: npm run import -- <source> …
  git <path> --repository NAME [--branch main] [--deploy-tags 'v*'] [--org O --project P]
        merge commits on the branch's first-parent line and squash commits ending in (#123) become
        pull requests; tags matching --deploy-tags become production deployments.
  github --repo owner/name [--since 2026-01-01] [--api-url URL] [--org O --project P]
        pull requests (with their commits), deployments, workflow runs and issues, through the
        REST API with the token in GITHUB_TOKEN (or GH_TOKEN); rate limits honoured. Ctrl-C stops
        after the page being read; the same command resumes where it stopped.
  gitlab --project group/sub/name [--since 2026-01-01] [--api-url URL] [--org O --engine-project P]
        merge requests (with their commits), deployments, pipelines and issues, through the REST
        API v4 with the token in FOURFOLD_GITLAB_TOKEN (or GITLAB_TOKEN); --api-url for a
        self-managed GitLab (default https://gitlab.com). Rate limits honoured; Ctrl-C and resume as
        for github. (--project names the GitLab project here; --engine-project the engine's.)
  pagerduty [--since 2026-01-01] [--api-url URL] [--org O --project P]
        incidents, through the REST API with the token in FOURFOLD_PAGERDUTY_TOKEN (a read-only API
        key); rate limits honoured; Ctrl-C stops after the page being read, the same command resumes.
  jira --jql 'project = PAY' [--api-url https://acme.atlassian.net] [--org O --project P]
        the issues the JQL finds, with their changelogs, through the REST API (the site from
        --api-url or FOURFOLD_JIRA_URL; FOURFOLD_JIRA_EMAIL + FOURFOLD_JIRA_TOKEN, an API token).
The records go to the project named (default: the dashboard's), through its mapping: its teams rules
must map the repository NAME, the PagerDuty services, the Jira projects. Progress goes to stderr; stdout holds only the summary.`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      repository: { type: "string" },
      repo: { type: "string" },
      since: { type: "string" },
      "api-url": { type: "string" },
      branch: { type: "string" },
      "deploy-tags": { type: "string" },
      "engine-project": { type: "string" },
      jql: { type: "string" },
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
    case "github": {
      if (!values.repo) cliFail(`--repo owner/name is required.\n${USAGE}`);
      const since = cliSince(values.since);
      const apiUrl = apiUrlOf(values["api-url"]);
      const scope = cliProject(values);
      const { sources } = await getRuntime({ jobs: false });
      const r = await importGithub(sources, scope, {
        repo: values.repo,
        since,
        apiUrl,
        token: process.env.GITHUB_TOKEN || process.env.GH_TOKEN || undefined,
        signal: stopOnCtrlC(progress),
        onProgress: progress,
      });
      await sources.mapper.stop();
      summary(values.repo, r, "items");
      return;
    }
    case "gitlab": {
      if (!values.project) cliFail(`--project group/sub/name is required (the GitLab project's full path).\n${USAGE}`);
      if (!/^[\w.-]+(\/[\w.-]+)+$/.test(values.project))
        cliFail(`--project must be a GitLab project's full path, group/name or group/sub/name.`);
      const since = cliSince(values.since);
      const apiUrl = apiUrlOf(values["api-url"]);
      const scope = cliProject({ org: values.org, project: values["engine-project"] });
      const { sources } = await getRuntime({ jobs: false });
      const r = await importGitlab(sources, scope, {
        project: values.project,
        since,
        apiUrl,
        token: process.env.FOURFOLD_GITLAB_TOKEN || process.env.GITLAB_TOKEN || undefined,
        signal: stopOnCtrlC(progress),
        onProgress: progress,
      });
      await sources.mapper.stop();
      summary(values.project, r, "items");
      return;
    }
    case "pagerduty": {
      const since = cliSince(values.since);
      const apiUrl = apiUrlOf(values["api-url"]);
      const scope = cliProject(values);
      const { sources } = await getRuntime({ jobs: false });
      const r = await importPagerduty(sources, scope, {
        since,
        apiUrl,
        token: process.env.FOURFOLD_PAGERDUTY_TOKEN || undefined,
        signal: stopOnCtrlC(progress),
        onProgress: progress,
      });
      await sources.mapper.stop();
      summary("PagerDuty incidents", r);
      return;
    }
    case "jira": {
      if (!values.jql) cliFail(`--jql is required (e.g. --jql 'project = PAY').\n${USAGE}`);
      const apiUrl = apiUrlOf(values["api-url"] ?? (process.env.FOURFOLD_JIRA_URL || undefined));
      if (!apiUrl)
        cliFail("--api-url (or FOURFOLD_JIRA_URL) must name the Jira site, e.g. https://acme.atlassian.net.");
      const scope = cliProject(values);
      const { sources } = await getRuntime({ jobs: false });
      const r = await importJira(sources, scope, {
        jql: values.jql,
        apiUrl,
        email: process.env.FOURFOLD_JIRA_EMAIL || undefined,
        token: process.env.FOURFOLD_JIRA_TOKEN || undefined,
        signal: stopOnCtrlC(progress),
        onProgress: progress,
      });
      await sources.mapper.stop();
      summary("Jira issues", r);
      return;
    }
    default:
      cliFail(`Unknown source "${source}".\n${USAGE}`);
  }
}

function apiUrlOf(value: string | undefined): string | undefined {
  if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) cliFail("--api-url must be an http(s) URL.");
  return value;
}

function stopOnCtrlC(progress: (message: string) => void): AbortSignal {
  const stop = new AbortController();
  process.once("SIGINT", () => {
    progress("Stopping after the page being read… (Ctrl-C again to quit at once)");
    stop.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  return stop.signal;
}

/** What an import did, or where it stopped (exit 130: run it again to resume). */
function summary(
  what: string,
  r: { status: string; items: number; pages: number; newEvents: number; resumed: boolean },
  unit = "",
) {
  process.stdout.write(
    r.status === "done"
      ? `Imported ${what}: ${r.items}${unit ? ` ${unit}` : ""} in ${r.pages} pages (${r.newEvents} new events)${r.resumed ? ", resumed" : ""}.\n`
      : `Stopped ${what} after ${r.pages} pages (${r.newEvents} new events); run the same command to resume.\n`,
  );
  if (r.status !== "done") process.exit(130);
}

main().then(
  () => process.exit(0),
  (err: unknown) => cliFail(err instanceof Error ? err.message : String(err)),
);
