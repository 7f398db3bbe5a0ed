// PagerDuty's REST API incidents list (GET /incidents), as its OpenAPI document describes it
// (tests/fixtures/sources/pagerduty/README.md): filtered by creation between `since` and `until`
// (or every one with `date_range=all`), sorted by creation, paged by `offset` and `limit` with `more`.
import { startFakeApi, type FakeApi } from "./fake-vendor";

type Obj = Record<string, unknown>;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export const SERVICES = [
  { id: "PF9KMXH", summary: "API Service" },
  { id: "PCHK001", summary: "Checkout" },
];

/** `n` incidents, one every 19 hours from `start`: most resolved, every seventh still open, every fifth reopened once. */
export function fakeIncidents(n: number, start = Date.parse("2026-01-05T09:00:00Z")): Obj[] {
  const out: Obj[] = [];
  for (let i = 1; i <= n; i++) {
    const created = start + i * 19 * HOUR;
    const open = i % 7 === 0;
    const resolved = open ? null : created + (i % 5) * HOUR + 20 * 60_000;
    const service = SERVICES[i % SERVICES.length]!;
    out.push({
      id: `PINC${String(i).padStart(4, "0")}`,
      type: "incident",
      summary: `[#${i}] Something broke`,
      self: `https://api.pagerduty.com/incidents/PINC${i}`,
      html_url: `https://acme.pagerduty.com/incidents/PINC${i}`,
      incident_number: i,
      title: "Something broke",
      created_at: iso(created),
      updated_at: iso((resolved ?? created) + 60_000),
      status: open ? (i % 2 === 0 ? "acknowledged" : "triggered") : "resolved",
      incident_key: `key-${i}`,
      service: { ...service, type: "service_reference", self: `https://api.pagerduty.com/services/${service.id}` },
      assignments: [],
      last_status_change_at: iso(resolved ?? created + 5 * 60_000),
      resolved_at: resolved === null ? null : iso(resolved),
      urgency: "high",
      resolve_reason: null,
    });
  }
  return out;
}

export async function startFakePagerduty(incidents: Obj[]): Promise<FakeApi> {
  const sorted = [...incidents].sort((a, b) => Date.parse(String(a.created_at)) - Date.parse(String(b.created_at)));
  return startFakeApi((url) => {
    if (url.pathname !== "/incidents") return null;
    const q = url.searchParams;
    let list = sorted;
    if (q.get("date_range") !== "all") {
      const since = Date.parse(q.get("since") ?? "");
      const until = Date.parse(q.get("until") ?? "");
      if (!Number.isFinite(since) || !Number.isFinite(until) || until - since > 183 * 24 * HOUR)
        return { status: 400, body: { error: { message: "Invalid Input Provided", code: 2001 } } };
      list = list.filter((i) => {
        const t = Date.parse(String(i.created_at));
        return t >= since && t < until;
      });
    }
    const limit = Math.min(100, Number(q.get("limit") ?? 25));
    const offset = Number(q.get("offset") ?? 0);
    const slice = list.slice(offset, offset + limit);
    return {
      status: 200,
      body: { incidents: slice, limit, offset, total: null, more: offset + slice.length < list.length },
    };
  });
}
