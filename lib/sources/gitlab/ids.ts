// The record ids of GitLab's records (shared/spec/sources.md), and the entities that hold their facts.
export const mrId = (project: string, iid: number) => `gitlab:${project}!${iid}`;
export const deploymentId = (project: string, id: number) => `gitlab:${project}/deployments/${id}`;
export const pipelineId = (project: string, id: number) => `gitlab:${project}/pipelines/${id}`;
export const jobId = (project: string, id: number) => `gitlab:${project}/jobs/${id}`;
export const issueId = (project: string, iid: number) => `gitlab:${project}/issues/${iid}`;
export const tagId = (project: string, tag: string) => `gitlab:${project}/tags/${tag}`;

export const branchEntity = (project: string, branch: string) => `branch:gitlab:${project}:${branch}`;
export const entityOf = (recordId: string) => `entity:${recordId}`;
