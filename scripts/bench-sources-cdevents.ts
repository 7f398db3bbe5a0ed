// bench:sources' CDEvents deliveries: the CDEvents specification's own examples
// (tests/fixtures/sources/cdevents/) with their sources, subjects, ids and times changed, as a CD
// platform of 20 pipelines and a monitoring system would send them, as CloudEvents over HTTP in
// binary and structured mode (every type in both, alternately) with a bearer token.
import crypto from "node:crypto";
import serviceDeployed from "../tests/fixtures/sources/cdevents/service-deployed.json";
import pipelinerunFinished from "../tests/fixtures/sources/cdevents/pipelinerun-finished.json";
import changeMerged from "../tests/fixtures/sources/cdevents/change-merged.json";
import incidentDetected from "../tests/fixtures/sources/cdevents/incident-detected.json";
import incidentResolved from "../tests/fixtures/sources/cdevents/incident-resolved.json";

export const CDEVENTS_TOKEN = "bench-cdevents-token-0123456789abcdef";
/** Every source the deliveries come from. */
export const CDEVENTS_SOURCES = "/bench/**";

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sha = (s: string) => crypto.createHash("sha1").update(s).digest("hex");
/** The merge commit of GitHub's delivery j when it merges a pull request (bench-sources.ts, i % 6 === 1). */
const githubMerge = (j: number) => sha(`bench-org/repo-${j % 40}#${Math.floor(j / 40) + 1}`);

/**
 * Delivery i, by i % 5: a service deployed to production, a pipeline run finished (every seventh
 * failed), a change merged, an incident detected, the same incident resolved; binary mode when i is
 * even, structured when odd. A deployment ships the merge commit of one of GitHub's merged pull
 * requests, so it links to it as a producer's `customData` would.
 */
export function cdeventsDelivery(i: number): { headers: Record<string, string>; raw: string } {
  const n = Math.floor(i / 5);
  const at = new Date(Date.parse("2026-01-05T00:00:00Z") + i * 60_000).toISOString();
  const pipeline = `/bench/ci/pipeline-${n % 20}`;
  const repository = `bench-org/repo-${n % 40}`;
  let e: Payload;
  switch (i % 5) {
    case 0:
      e = structuredClone(serviceDeployed) as Payload;
      e.context.source = pipeline;
      e.subject = {
        ...e.subject,
        id: `service-${n % 20}`,
        source: pipeline,
        content: {
          environment: { id: "production" },
          artifactId: `pkg:oci/service-${n % 20}@sha256%3A${sha(`a${n}`)}`,
        },
      };
      e.customData = { repository: `bench-org/repo-${(6 * n + 1) % 40}`, commitShas: [githubMerge(6 * n + 1)] };
      break;
    case 1:
      e = structuredClone(pipelinerunFinished) as Payload;
      e.context.source = pipeline;
      e.subject = {
        ...e.subject,
        id: `run-${n}`,
        source: pipeline,
        content: {
          ...e.subject.content,
          pipelineName: `pipeline-${n % 20}`,
          outcome: n % 7 === 0 ? "failure" : "success",
        },
      };
      e.customData = { repository, commitSha: sha(`m${n}`) };
      break;
    case 2:
      e = structuredClone(changeMerged) as Payload;
      e.context.source = `/bench/scm/${repository}`;
      e.subject = {
        ...e.subject,
        id: `change-${n}`,
        source: `/bench/scm/${repository}`,
        content: { repository: { id: repository, source: "https://scm.bench.example" } },
      };
      e.customData = { commitSha: sha(`m${n}`) };
      break;
    default: {
      const resolved = i % 5 === 4;
      e = structuredClone(resolved ? incidentResolved : incidentDetected) as Payload;
      e.context.source = `/bench/monitoring/${n % 4}`;
      e.subject.id = `incident-${n}`;
      e.subject.source = e.context.source;
      e.subject.content.service = { id: `service-${n % 20}`, source: "/bench/cluster" };
      e.subject.content.environment = { id: "production", source: "/bench/cluster" };
    }
  }
  e.context.id = `bench-cd-${i}`;
  e.context.timestamp = at;
  const headers: Record<string, string> = { authorization: `Bearer ${CDEVENTS_TOKEN}` };
  const ctx = e.context as { id: string; source: string; type: string; timestamp: string };
  if (i % 2 === 0) {
    Object.assign(headers, {
      "content-type": "application/json; charset=utf-8",
      "ce-specversion": "1.0",
      "ce-id": ctx.id,
      "ce-source": ctx.source,
      "ce-type": ctx.type,
      "ce-time": ctx.timestamp,
      "ce-subject": String(e.subject.id),
    });
    return { headers, raw: JSON.stringify(e) };
  }
  headers["content-type"] = "application/cloudevents+json; charset=utf-8";
  const cloudEvent = {
    specversion: "1.0",
    id: ctx.id,
    source: ctx.source,
    type: ctx.type,
    time: ctx.timestamp,
    subject: String(e.subject.id),
    datacontenttype: "application/json",
    data: e,
  };
  return { headers, raw: JSON.stringify(cloudEvent) };
}
