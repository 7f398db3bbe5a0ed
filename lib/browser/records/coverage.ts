// The data coverage strip's lines (engine spec §9's coverage), as sentences with their share:
// how much of a team's data its figures see. A share under COVERAGE_WARNING is a warning.
import type { Coverage, RecordMetric } from "@/lib/contract";

export const COVERAGE_WARNING = 0.7;

export interface CoverageLine {
  key: string;
  text: string;
  part: number;
  whole: number;
  /** part ÷ whole, null when there is nothing to see (whole 0). */
  share: number | null;
  low: boolean;
  /** The records to open for this line (over the whole range), and the link's words. */
  records: { metric: RecordMetric; label: string } | null;
}

const INT = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const n = (v: number) => INT.format(v);
const pct = (share: number) => `${INT.format(100 * share)}%`;

function line(
  key: string,
  part: number,
  whole: number,
  text: (share: string) => string,
  empty: string,
  records: CoverageLine["records"],
): CoverageLine {
  const share = whole > 0 ? part / whole : null;
  return {
    key,
    text: share === null ? empty : text(pct(share)),
    part,
    whole,
    share,
    low: share !== null && share < COVERAGE_WARNING,
    records: share === null ? null : records,
  };
}

export function coverageLines(c: Coverage): CoverageLine[] {
  const pr = c.pullRequests;
  const undeployed = pr.merged - pr.deployed;
  const plural = (v: number, one: string, many: string) => `${n(v)} ${v === 1 ? one : many}`;
  return [
    line(
      "lead-time",
      pr.deployed,
      pr.merged,
      (s) =>
        `Lead time sees ${n(pr.deployed)} of ${plural(pr.merged, "merged pull request", "merged pull requests")} (${s}): ${n(undeployed)} reached no deployment.`,
      "No pull request was merged in this range.",
      { metric: "lttc", label: "The pull requests lead time sees" },
    ),
    line(
      "work-items",
      pr.withWorkItem,
      pr.merged,
      (s) =>
        `${n(pr.withWorkItem)} of ${plural(pr.merged, "merged pull request", "merged pull requests")} name a work item (${s}): planning is measured for those only.`,
      "No pull request was merged, so none names a work item.",
      null,
    ),
    line(
      "builds",
      pr.withBuild,
      pr.merged,
      (s) =>
        `${n(pr.withBuild)} of ${plural(pr.merged, "merged pull request", "merged pull requests")} have a build (${s}): build time is measured for those only.`,
      "No pull request was merged, so none has a build.",
      null,
    ),
    line(
      "deployments",
      c.deployments.withChanges,
      c.deployments.production,
      (s) =>
        `${n(c.deployments.withChanges)} of ${plural(c.deployments.production, "production deployment", "production deployments")} shipped a merged pull request (${s}).`,
      "No production deployment finished in this range.",
      { metric: "df", label: "The deployments" },
    ),
    line(
      "incidents",
      c.incidents.linked,
      c.incidents.opened,
      (s) =>
        `${n(c.incidents.linked)} of ${plural(c.incidents.opened, "incident", "incidents")} are linked to a deployment (${s})` +
        (c.incidents.unresolved > 0
          ? `; ${n(c.incidents.unresolved)} not resolved yet, so not in time to restore.`
          : "."),
      "No incident was opened in this range.",
      { metric: "mttr", label: "The incidents time to restore sees" },
    ),
    line(
      "work-items-prs",
      c.workItems.withPullRequest,
      c.workItems.resolved,
      (s) =>
        `${n(c.workItems.withPullRequest)} of ${plural(c.workItems.resolved, "resolved work item", "resolved work items")} have a pull request (${s}).`,
      "No work item was resolved in this range.",
      null,
    ),
  ];
}
