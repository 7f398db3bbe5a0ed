// A valid batch of 13 MiB or more: 5,000 production deployments of team `teamId` with 60
// commitShas each. Used where a body larger than a proxy's or a parser's default limit must
// arrive whole (the request-level tests and the production server's browser tests).
export const LARGE_BATCH_MIN_BYTES = 13 * 1024 * 1024;

export function largeDeploymentBatch(teamId: string) {
  return Array.from({ length: 5000 }, (_, i) => ({
    id: `deployment-${i}-of-a-large-batch`,
    teamId,
    environment: "production",
    status: "success",
    finishedAt: "2026-03-04T15:00:00Z",
    commitShas: Array.from({ length: 60 }, (_, j) => `${String(i).padStart(6, "0")}${String(j).padStart(34, "0")}`),
  }));
}
