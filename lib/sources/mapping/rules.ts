// The mapping's rules as questions the mappers ask: whose is this repository, is this environment
// production, what is a deployment here, which work item does this pull request name.
import { globMatch } from "../glob";
import type { DeploymentRule, Mapping, Matcher } from "./schema";

/**
 * The team of the first rule that matches, or null (the event is then unmapped). With several values
 * (a PagerDuty service's id and name), a rule matches when it matches any of them.
 */
export function teamFor(mapping: Mapping, matcher: Matcher, value: string | string[]): string | null {
  const values = typeof value === "string" ? [value] : value;
  for (const rule of mapping.teams) {
    const pattern = rule[matcher];
    if (pattern !== undefined && values.some((v) => globMatch(pattern, v))) return rule.team;
  }
  return null;
}

/**
 * The environment as the engine should store it: the engine counts only `production` and `prod` as
 * production (spec §2), so an environment the mapping counts as production is stored as
 * `production`, and one it does not count but the engine would is marked so the engine does not.
 */
export function engineEnvironment(mapping: Mapping, environment: string): string {
  const production = mapping.production.some((name) => name.toLowerCase() === environment.toLowerCase());
  if (production) return "production";
  return /^(production|prod)$/i.test(environment) ? `${environment} (not production)` : environment;
}

export function deploymentRuleFor(mapping: Mapping, repository: string): DeploymentRule {
  return (
    mapping.deployments.repositories.find((rule) => globMatch(rule.repository, repository)) ??
    mapping.deployments.default
  );
}

/** Whether a workflow (by its name or its file) is the rule's deploying workflow. */
export function isDeployWorkflow(rule: DeploymentRule, run: { name: string | null; path: string | null }): boolean {
  if (rule.from !== "workflow" || !rule.workflow) return false;
  const wanted = rule.workflow.toLowerCase();
  const path = run.path?.toLowerCase() ?? "";
  return run.name?.toLowerCase() === wanted || path === wanted || path.endsWith(`/${wanted}`);
}

const CLOSES = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([\w.-]+\/[\w.-]+))?#(\d+)\b/i;

/**
 * The work item a pull request names (spec: the first key in its branch name, then its title; a
 * GitHub issue it closes), as the id of that work item's record, or null.
 */
export function workItemIdFor(
  mapping: Mapping,
  pr: { branch: string | null; title: string | null; body: string | null; repository: string },
  issueId: (repository: string, number: number) => string,
): string | null {
  const key = new RegExp(mapping.workItems.keyPattern);
  for (const from of mapping.workItems.from) {
    if (from === "closes") {
      const m = CLOSES.exec(`${pr.title ?? ""}\n${pr.body ?? ""}`);
      if (m) return issueId(m[1] ?? pr.repository, Number(m[2]));
      continue;
    }
    const text = from === "branch" ? pr.branch : pr.title;
    const m = text ? key.exec(text) : null;
    if (m) return `${mapping.workItems.idPrefix}${m[0]}`.slice(0, 200);
  }
  return null;
}
