import { describe, expect, it } from "vitest";
import { deploymentRuleFor, engineEnvironment, isDeployWorkflow, teamFor, workItemIdFor } from "./rules";
import { mappingSchema } from "./schema";

const mapping = mappingSchema.parse({
  teams: [
    { repository: "acme/payments-*", team: "payments" },
    { repository: "acme/*", team: "platform" },
    { jiraProject: "PAY", team: "payments" },
  ],
  production: ["production", "live"],
  deployments: {
    repositories: [{ repository: "acme/web", from: "workflow", workflow: "Deploy", branch: "main" }],
  },
});
const issueId = (repo: string, n: number) => `github:${repo}/issues/${n}`;

describe("mapping rules", () => {
  it("the first matching team rule wins; none is null", () => {
    expect(teamFor(mapping, "repository", "acme/payments-api")).toBe("payments");
    expect(teamFor(mapping, "repository", "acme/web")).toBe("platform");
    expect(teamFor(mapping, "repository", "other/web")).toBeNull();
    expect(teamFor(mapping, "jiraProject", "PAY")).toBe("payments");
  });

  it("environments: the mapping's production names become production; others stay out of it", () => {
    expect(engineEnvironment(mapping, "Live")).toBe("production");
    expect(engineEnvironment(mapping, "production")).toBe("production");
    expect(engineEnvironment(mapping, "prod")).toBe("prod (not production)");
    expect(engineEnvironment(mapping, "staging")).toBe("staging");
  });

  it("deployment rules per repository, else the default", () => {
    expect(deploymentRuleFor(mapping, "acme/web")).toMatchObject({ from: "workflow", workflow: "Deploy" });
    expect(deploymentRuleFor(mapping, "acme/api")).toEqual({ from: "deployments" });
    const rule = deploymentRuleFor(mapping, "acme/web");
    expect(isDeployWorkflow(rule, { name: "deploy", path: null })).toBe(true);
    expect(isDeployWorkflow(rule, { name: "CI", path: ".github/workflows/ci.yml" })).toBe(false);
  });

  it("work items: a key in the branch, then the title, then an issue it closes", () => {
    const pr = { repository: "acme/web", branch: "feature/PAY-12-refunds", title: "OPS-3 refunds", body: "Fixes #4" };
    expect(workItemIdFor(mapping, pr, issueId)).toBe("jira:PAY-12");
    expect(workItemIdFor(mapping, { ...pr, branch: "refunds" }, issueId)).toBe("jira:OPS-3");
    expect(workItemIdFor(mapping, { ...pr, branch: "refunds", title: "Refunds" }, issueId)).toBe(
      "github:acme/web/issues/4",
    );
    expect(workItemIdFor(mapping, { ...pr, branch: null, title: null, body: "closes acme/api#9" }, issueId)).toBe(
      "github:acme/api/issues/9",
    );
    expect(workItemIdFor(mapping, { ...pr, branch: "x", title: "y", body: null }, issueId)).toBeNull();
  });
});
