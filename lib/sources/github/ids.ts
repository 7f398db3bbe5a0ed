// The record ids of GitHub's records (shared/spec/sources.md), and the entities that hold their facts.
export const prId = (repo: string, n: number) => `github:${repo}#${n}`;
export const deploymentId = (repo: string, id: number) => `github:${repo}/deployments/${id}`;
export const runId = (repo: string, id: number) => `github:${repo}/runs/${id}`;
export const issueId = (repo: string, n: number) => `github:${repo}/issues/${n}`;
export const tagId = (repo: string, tag: string) => `github:${repo}/tags/${tag}`;

export const branchEntity = (repo: string, branch: string) => `branch:github:${repo}:${branch}`;
export const entityOf = (recordId: string) => `entity:${recordId}`;
