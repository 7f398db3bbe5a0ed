// PagerDuty's events to facts (pure: the event and the mapping in, facts out). An incident's
// webhook events and the importer's snapshots of it give changes of its state; fold.ts makes one
// incident of them, from its first opening to its last resolution.
import type { Extracted, Fact, SourceEvent } from "../facts";
import { reasonOf } from "../github/payloads";
import { globMatch } from "../glob";
import { teamFor } from "../mapping/rules";
import type { Mapping } from "../mapping/schema";
import { importedIncidentPayload, incidentEventPayload, type PagerdutyIncident } from "./payloads";

/** The V3 webhook events the mapper reads; every other one is stored and ignored. */
export const PAGERDUTY_EVENTS = ["incident.triggered", "incident.reopened", "incident.resolved"] as const;

/** The importer's event type: an incident as `GET /incidents` listed it. */
export const PAGERDUTY_IMPORTED = "incident.imported";

export const incidentId = (id: string) => `pagerduty:${id}`;
const entityOf = (id: string) => `entity:${incidentId(id)}`;

const STATE: Record<string, "open" | "resolved"> = {
  "incident.triggered": "open",
  "incident.reopened": "open",
  "incident.resolved": "resolved",
};

export function extractPagerduty(event: SourceEvent, mapping: Mapping): Extracted {
  if (event.type === PAGERDUTY_IMPORTED) {
    const parsed = importedIncidentPayload.safeParse(event.body);
    if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
    const i = parsed.data.incident;
    const resolved = i.status === "resolved";
    // The list shows the incident now: resolved at its last resolution, or open since its last change.
    const at = resolved
      ? (i.resolved_at ?? i.last_status_change_at ?? i.updated_at ?? i.created_at)
      : (i.last_status_change_at ?? i.created_at);
    return change(i, mapping, at, resolved ? "resolved" : "open");
  }
  const state = STATE[event.type];
  if (!state)
    return {
      status: "ignored",
      reason: event.type.startsWith("pagey.")
        ? "ping: PagerDuty says the webhook is connected"
        : `event type ${event.type.slice(0, 60)} is not used`,
    };
  const parsed = incidentEventPayload.safeParse(event.body);
  if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
  const { occurred_at, data } = parsed.data.event;
  return change(data, mapping, occurred_at, state);
}

function change(i: PagerdutyIncident, mapping: Mapping, at: number, state: "open" | "resolved"): Extracted {
  const names = [i.service.id, ...(i.service.summary ? [i.service.summary] : [])];
  const shown = i.service.summary ? `"${i.service.summary.slice(0, 100)}" (${i.service.id})` : i.service.id;
  if (mapping.incidents.excludeServices.some((pattern) => names.some((n) => globMatch(pattern, n))))
    return { status: "ignored", reason: `PagerDuty service ${shown} is left out by the mapping` };
  const team = teamFor(mapping, "pagerdutyService", names);
  if (team === null) return { status: "unmapped", reason: `no team rule matches PagerDuty service ${shown}` };
  const fact: Fact = {
    entity: entityOf(i.id),
    link: null,
    at,
    data: { t: "incident", id: incidentId(i.id), team, openedAt: i.created_at, state },
  };
  return { status: "mapped", facts: [fact] };
}
