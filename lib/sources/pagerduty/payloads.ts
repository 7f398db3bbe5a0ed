// The parts of PagerDuty's V3 webhook payloads and REST API incidents that the mapper reads
// (developer.pagerduty.com: Webhooks Overview, "incident" event data; REST API, List incidents).
// Lenient as PagerDuty is (unknown fields ignored, null for absent values).
import { z } from "zod";

const instant = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)), "must be an ISO-8601 instant")
  .transform((s) => Date.parse(s));
const optionalInstant = instant.nullish().transform((v) => v ?? null);

const service = z.object({
  id: z.string().min(1).max(200),
  summary: z
    .string()
    .max(500)
    .nullish()
    .transform((v) => v ?? null),
});

/** An incident as webhook events (`event.data`) and the REST API both show it. */
export const incidentObject = z.object({
  id: z.string().min(1).max(200),
  status: z.string().min(1),
  created_at: instant,
  service,
});

/** A V3 webhook event whose data is an incident (`incident.triggered`, `.resolved`, `.reopened`, …). */
export const incidentEventPayload = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    occurred_at: instant,
    data: incidentObject,
  }),
});

/** The importer's event: one incident of `GET /incidents` as it was when read. */
export const importedIncidentPayload = z.object({
  incident: incidentObject.extend({
    resolved_at: optionalInstant,
    last_status_change_at: optionalInstant,
    updated_at: optionalInstant,
  }),
});

export type PagerdutyIncident = z.output<typeof incidentObject>;
