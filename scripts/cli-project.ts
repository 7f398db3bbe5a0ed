// The engine project a sources command works on: --org and --project, else the one the dashboard
// shows (SEI_ORG_IDENTIFIER and SEI_PROJECT_IDENTIFIER, else the demo's).
import { DEMO_SCOPE } from "@/lib/demo";
import { serverEnv } from "@/lib/server";

const IDENTIFIER = /^[A-Za-z0-9_.-]{1,128}$/;

export const PROJECT_OPTIONS = { org: { type: "string" }, project: { type: "string" } } as const;

export function cliProject(values: { org?: string; project?: string }): { org: string; project: string } {
  const env = serverEnv();
  const org = values.org ?? env.SEI_ORG_IDENTIFIER ?? DEMO_SCOPE.org;
  const project = values.project ?? env.SEI_PROJECT_IDENTIFIER ?? DEMO_SCOPE.project;
  for (const [name, value] of [
    ["--org", org],
    ["--project", project],
  ] as const)
    if (!IDENTIFIER.test(value)) cliFail(`${name} must be 1-128 letters, digits, '_', '-' or '.'.`);
  return { org, project };
}

/** An instant from --since: a date (midnight UTC) or an ISO-8601 instant. */
export function cliSince(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) cliFail(`--since must be a date such as 2026-01-31 (got "${value.slice(0, 40)}").`);
  return ms;
}

export function cliFail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
