// The mapping document (shared/spec/sources.md, Mapping): which team an event belongs to, what
// counts as production, what a deployment is, which issues are incidents and how a pull request
// names its work item. Strict: an unknown field is an error, so a typo never passes silently.
import { z } from "zod";

const name = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const pattern = name.describe("an exact name or a glob pattern (* ? **)");
const teamId = name;

const MATCHERS = ["repository", "gitlabProject", "pagerdutyService", "jiraProject", "cdeventsSource"] as const;
export type Matcher = (typeof MATCHERS)[number];

const teamRule = z
  .strictObject({
    repository: pattern.optional(),
    gitlabProject: pattern.optional(),
    pagerdutyService: pattern.optional(),
    jiraProject: pattern.optional(),
    cdeventsSource: pattern.optional(),
    team: teamId,
  })
  .superRefine((rule, ctx) => {
    const set = MATCHERS.filter((m) => rule[m] !== undefined);
    if (set.length !== 1)
      ctx.addIssue({
        code: "custom",
        path: set.length === 0 ? [] : [set[1]!],
        message:
          set.length === 0
            ? `needs one of ${MATCHERS.join(", ")}`
            : `names both ${set[0]} and ${set[1]}; a rule matches by one of them`,
      });
  });

const deploymentsFrom = z.enum(["deployments", "workflow", "tags"], {
  error: "must be deployments, workflow or tags",
});

const deploymentFields = {
  from: deploymentsFrom,
  /** from: workflow — the workflow's name or file (`.github/workflows/deploy.yml`). */
  workflow: name.optional(),
  /** from: workflow — the branch whose runs deploy (default main). */
  branch: name.optional(),
  /** from: workflow or tags — the environment the deployment is recorded in (default production). */
  environment: name.optional(),
  /** from: tags — the tags that are deployments (default v*). */
  pattern: pattern.optional(),
};

type DeploymentFields = { from: string; workflow?: string; branch?: string; pattern?: string };

function checkDeploymentRule(rule: DeploymentFields, ctx: z.RefinementCtx) {
  if (rule.from === "workflow" && !rule.workflow)
    ctx.addIssue({ code: "custom", path: ["workflow"], message: "is required when from is workflow" });
  if (rule.from !== "workflow")
    for (const key of ["workflow", "branch"] as const)
      if (rule[key] !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: "is used only when from is workflow" });
  if (rule.from !== "tags" && rule.pattern !== undefined)
    ctx.addIssue({ code: "custom", path: ["pattern"], message: "is used only when from is tags" });
}

/** What a deployment is for a repository (the GitHub/GitLab deployments by default). */
const deploymentRule = z.strictObject(deploymentFields).superRefine(checkDeploymentRule);
/** The same for the repositories matching `repository`; the first that matches wins. */
const repositoryDeploymentRule = z
  .strictObject({ repository: pattern, ...deploymentFields })
  .superRefine(checkDeploymentRule);

const regex = z
  .string()
  .min(1, "must not be empty")
  .max(200)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, "must be a valid regular expression");

export const mappingSchema = z.strictObject({
  teams: z.array(teamRule).max(2000, "must hold at most 2000 rules").default([]),
  production: z.array(name).min(1, "must name at least one environment").max(50).default(["production", "prod"]),
  deployments: z
    .strictObject({
      default: deploymentRule.default({ from: "deployments" }),
      repositories: z.array(repositoryDeploymentRule).max(2000).default([]),
    })
    .default({ default: { from: "deployments" }, repositories: [] }),
  incidents: z
    .strictObject({
      label: name.default("incident"),
      gitlabIncidentType: z.boolean().default(true),
      excludeServices: z.array(pattern).max(500).default([]),
    })
    .default({ label: "incident", gitlabIncidentType: true, excludeServices: [] }),
  workItems: z
    .strictObject({
      keyPattern: regex.default("[A-Z][A-Z0-9]+-[0-9]+"),
      /** The work item id a key becomes: `jira:` + the key, as the Jira source names its records. */
      idPrefix: z.string().max(50).default("jira:"),
      from: z
        .array(z.enum(["branch", "title", "closes"], { error: "must be branch, title or closes" }))
        .max(3)
        .default(["branch", "title", "closes"]),
    })
    .default({ keyPattern: "[A-Z][A-Z0-9]+-[0-9]+", idPrefix: "jira:", from: ["branch", "title", "closes"] }),
});

export type Mapping = z.output<typeof mappingSchema>;
export type DeploymentRule = z.output<typeof deploymentRule>;
export type TeamRule = z.output<typeof teamRule>;

export const DEFAULT_MAPPING: Mapping = mappingSchema.parse({});
