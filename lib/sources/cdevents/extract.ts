// CDEvents to facts (pure). The stored body is the CDEvent (binary mode) or the CloudEvent holding it
// in `data` (structured mode); the event type is the CloudEvent's, `dev.cdevents.{subject}.{predicate}.0.x.y`.
import { z } from "zod";
import type { Extracted, Fact, FactData, SourceEvent } from "../facts";
import { reasonOf } from "../github/payloads";
import { engineEnvironment, teamFor } from "../mapping/rules";
import type { Mapping } from "../mapping/schema";

const TYPE = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.(\d+)\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

const instant = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)), "must be an RFC 3339 instant")
  .transform((s) => Date.parse(s));
const ref = z.object({ id: z.string().min(1).max(300), source: z.string().max(500).nullish() });
const shortText = z.string().min(1).max(300);

const cdevent = z.object({
  context: z.object({
    id: z.string().min(1).max(300),
    source: z.string().min(1).max(500),
    type: z.string(),
    timestamp: instant,
  }),
  subject: z.object({
    id: z.string().min(1).max(300),
    source: z.string().max(500).nullish(),
    content: z.record(z.string(), z.unknown()).nullish(),
  }),
  customData: z.unknown().optional(),
});
type CDEvent = z.output<typeof cdevent>;

/**
 * What CDEvents has no field for but a link to pull requests needs: producers may add it to
 * `customData` (JSON), as `repository`, `commitSha` (a build, a change's merge) or `commitShas`.
 */
const extras = z
  .object({
    repository: shortText.optional().catch(undefined),
    commitSha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i)
      .optional()
      .catch(undefined),
    commitShas: z
      .array(z.string().regex(/^[0-9a-f]{7,64}$/i))
      .max(1000)
      .optional()
      .catch(undefined),
  })
  .catch({});

const deployedContent = z.object({ environment: ref, artifactId: z.string().max(1000).nullish() });
const pipelineContent = z.object({
  pipelineName: z.string().max(300).nullish(),
  outcome: z.string().nullish(),
});
const changeContent = z.object({ repository: ref.nullish() });
const incidentContent = z.object({ service: ref.nullish(), environment: ref.nullish() });

/** The record id: `cdevents:{source}/{subject id}` (spec). */
export const cdeventsId = (source: string, subjectId: string) => `cdevents:${source}/${subjectId}`.slice(0, 200);

type Context = { e: CDEvent; team: string; mapping: Mapping; id: string; extra: z.output<typeof extras> };

export function extractCdevents(event: SourceEvent, mapping: Mapping): Extracted {
  const type = TYPE.exec(event.type);
  if (!type) return { status: "ignored", reason: `event type ${event.type.slice(0, 80)} is not a CDEvent` };
  if (type[3] !== "0") return { status: "ignored", reason: `CDEvents version ${type[3]}.x is not read (0.x is)` };
  const handler = HANDLERS[`${type[1]}.${type[2]}`];
  if (!handler) return { status: "ignored", reason: `${type[1]}.${type[2]} is not used` };
  const body = event.body as Record<string, unknown> | null;
  // Structured mode: the CloudEvent, with the CDEvent in its data.
  const inner = body && typeof body === "object" && "specversion" in body && "data" in body ? body.data : body;
  const parsed = cdevent.safeParse(inner);
  if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
  const e = parsed.data;
  const team = teamFor(mapping, "cdeventsSource", e.context.source);
  if (team === null) return { status: "unmapped", reason: `no team rule matches CDEvents source ${e.context.source}` };
  const id = cdeventsId(e.context.source, e.subject.id);
  return handler({ e, team, mapping, id, extra: extras.parse(e.customData) });
}

const fact = (id: string, at: number, data: FactData): Fact => ({ entity: `entity:${id}`, link: null, at, data });
const mapped = (f: Fact): Extracted => ({ status: "mapped", facts: [f] });

function content<S extends z.ZodType>(schema: S, e: CDEvent): z.output<S> | Extracted {
  const result = schema.safeParse(e.subject.content ?? {});
  if (result.success) return result.data;
  return { status: "failed", reason: reasonOf(result.error).replace(/^/, "subject.content.") };
}
const isExtracted = (v: unknown): v is Extracted =>
  typeof v === "object" && v !== null && "status" in v && typeof (v as { status: unknown }).status === "string";

const OUTCOME: Record<string, string> = { success: "success", failure: "failure", error: "failure" };

/** A deployment: the service's subject is the service, so each deployment is the event itself. */
function deployedService({ e, team, mapping, extra }: Context): Extracted {
  const c = content(deployedContent, e);
  if (isExtracted(c)) return c;
  const id = `${cdeventsId(e.context.source, e.subject.id)}@${e.context.id}`.slice(0, 200);
  return mapped(
    fact(id, e.context.timestamp, {
      t: "deployed",
      id,
      team,
      environment: engineEnvironment(mapping, c.environment.id.slice(0, 200)),
      status: "success",
      service: e.subject.id.slice(0, 500),
      repo: extra.repository ?? null,
      commitShas: extra.commitShas ?? (extra.commitSha ? [extra.commitSha] : []),
    }),
  );
}

function change(merged: boolean) {
  return ({ e, team, id, extra }: Context): Extracted => {
    const c = content(changeContent, e);
    if (isExtracted(c)) return c;
    const at = e.context.timestamp;
    return mapped(
      fact(id, at, {
        t: "pr",
        id,
        team,
        repo: (extra.repository ?? c.repository?.id ?? e.subject.source ?? e.context.source).slice(0, 500),
        state: merged ? "closed" : "open",
        // Opened when its creation was told; a merge alone says only that it was open by then.
        createdAt: at,
        updatedAt: at,
        closedAt: merged ? at : null,
        mergedAt: merged ? at : null,
        mergeSha: merged ? (extra.commitSha ?? null) : null,
        workItemId: null,
      }),
    );
  };
}

function incident(resolved: boolean) {
  return ({ e, team, id }: Context): Extracted => {
    const c = content(incidentContent, e);
    if (isExtracted(c)) return c;
    const at = e.context.timestamp;
    return mapped(
      fact(id, at, {
        t: "issue",
        id,
        team,
        key: e.subject.id.slice(0, 500),
        incident: true,
        state: resolved ? "closed" : "open",
        stateReason: null,
        createdAt: at,
        closedAt: resolved ? at : null,
        gone: false,
        ...(resolved ? { createdKnown: false } : {}),
        ...(c.service ? { service: c.service.id.slice(0, 500) } : {}),
      }),
    );
  };
}

const HANDLERS: Record<string, (ctx: Context) => Extracted> = {
  "service.deployed": deployedService,
  "service.upgraded": deployedService,
  "service.rolledback": deployedService,
  "pipelinerun.finished"({ e, team, id, extra }) {
    const c = content(pipelineContent, e);
    if (isExtracted(c)) return c;
    const outcome = c.outcome?.toLowerCase() ?? "success";
    return mapped(
      fact(id, e.context.timestamp, {
        t: "run",
        id,
        team,
        repo: (extra.repository ?? c.pipelineName ?? e.subject.source ?? e.context.source).slice(0, 500),
        as: "build",
        environment: "",
        status: "completed",
        conclusion: OUTCOME[outcome] ?? outcome.slice(0, 40),
        attempt: 1,
        startedAt: null,
        headSha: extra.commitSha ?? "unknown",
      }),
    );
  },
  "change.created": change(false),
  "change.merged": change(true),
  "incident.detected": incident(false),
  "incident.reported": incident(false),
  "incident.resolved": incident(true),
};
