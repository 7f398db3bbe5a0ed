import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { currentUser, getRuntime } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { sourcesOverview, type SourceOverview } from "@/lib/sources";
import { PastedSecretForm, ReplayButton, SecretButton } from "./_components/actions";
import { MappingEditor } from "./_components/mapping-editor";

export const metadata: Metadata = { title: "Sources" };

const when = (ms: number | null) =>
  ms === null ? "–" : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const OUTCOME: Record<string, string> = {
  pending: "waiting to be mapped",
  mapped: "mapped",
  unmapped: "unmapped",
  ignored: "ignored",
  failed: "failed",
};

/** Sources whose webhook makes its own secret, to be pasted here (PagerDuty's signing secret). */
const MAKES_ITS_OWN_SECRET = new Set(["pagerduty"]);

// Admins only: anyone else gets the same 404 as a page that does not exist.
export default async function SourcesPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fsources");
  if (!user.admin) notFound();
  const runtime = await getRuntime();
  const scope = getSeiClient(runtime).identifiers;
  const overview = await sourcesOverview(runtime.db, scope, await origin(runtime.env.NEXTAUTH_URL));
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold">
          Sources
        </h1>
        <p className="text-slate-700 dark:text-slate-300">
          Where the engine&apos;s records for{" "}
          <code>
            {scope.org}/{scope.project}
          </code>{" "}
          come from: webhooks and importers write every event to a log, and the mapping below turns them into pull
          requests, builds, deployments, incidents and work items. See docs/sources.md to connect GitHub, GitLab,
          PagerDuty, Jira or a CDEvents sender.
        </p>
      </div>
      {overview.sources.map((s) => (
        <SourceSection key={s.source} s={s} />
      ))}
      <section aria-labelledby="problems" className="space-y-2">
        <h2 id="problems" className="text-xl font-semibold">
          Unmapped and failed deliveries
        </h2>
        {overview.problems.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">None: every delivery was mapped or ignored.</p>
        ) : (
          <DataTable
            caption="Unmapped and failed deliveries, newest first"
            columns={[
              { label: "Received" },
              { label: "Source" },
              { label: "Event" },
              { label: "Outcome" },
              { label: "Reason" },
            ]}
            rows={overview.problems.map((p) => ({
              key: String(p.id),
              cells: [when(p.receivedAt), p.source, p.type, OUTCOME[p.status] ?? p.status, p.reason ?? "–"],
            }))}
            maxHeight={420}
          />
        )}
      </section>
      <section aria-labelledby="imports" className="space-y-2">
        <h2 id="imports" className="text-xl font-semibold">
          Imports
        </h2>
        {overview.imports.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">
            None yet. Backfill history with <code>npm run import -- github --repo owner/name</code>,{" "}
            <code>npm run import -- gitlab --project group/name</code>,{" "}
            <code>npm run import -- git &lt;path&gt; --repository NAME</code>, <code>npm run import -- pagerduty</code>{" "}
            or <code>npm run import -- jira --jql &apos;project = KEY&apos;</code>.
          </p>
        ) : (
          <DataTable
            caption="Imports, newest first"
            columns={[
              { label: "Source and target" },
              { label: "Status" },
              { label: "Progress" },
              { label: "Started" },
              { label: "Last progress" },
              { label: "Note" },
            ]}
            rows={overview.imports.map((i) => ({
              key: String(i.id),
              cells: [
                `${i.source}: ${i.target}`,
                i.status,
                `${i.phase ?? "starting"}: ${i.done.toLocaleString("en-US")} items, ${i.events.toLocaleString("en-US")} new events`,
                when(i.startedAt),
                when(i.updatedAt),
                i.message ?? "–",
              ],
            }))}
          />
        )}
      </section>
      <section aria-labelledby="mapping" className="space-y-2">
        <h2 id="mapping" className="text-xl font-semibold">
          Mapping
        </h2>
        {overview.mapping.savedAt !== null && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Version {overview.mapping.version}, saved {when(overview.mapping.savedAt)} by {overview.mapping.savedBy}.
            Every save is kept as a new version.
          </p>
        )}
        <MappingEditor initialText={overview.mapping.text} version={overview.mapping.version} />
      </section>
      <section aria-labelledby="replay" className="space-y-2">
        <h2 id="replay" className="text-xl font-semibold">
          Replay
        </h2>
        <p className="text-slate-700 dark:text-slate-300">
          Maps every stored event again with the current mapping: records it now makes are written, records it no longer
          makes are removed. Replaying twice gives the same records as once.
        </p>
        <ReplayButton />
      </section>
    </section>
  );
}

function SourceSection({ s }: { s: SourceOverview }) {
  const headingId = `source-${s.source}`;
  const active = s.days.filter((d) => d.deliveries > 0);
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={headingId} className="text-xl font-semibold">
        {s.label}
      </h2>
      <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
        {s.webhookUrl && (
          <>
            <dt className="font-medium">Webhook URL</dt>
            <dd>
              <code className="break-all select-all">{s.webhookUrl}</code>
            </dd>
            <dt className="font-medium">Secret</dt>
            <dd className="space-y-2">
              <p>
                {s.secretSetAt === null
                  ? "Not set: every delivery is refused until one is."
                  : `Set ${when(s.secretSetAt)}.`}
              </p>
              {MAKES_ITS_OWN_SECRET.has(s.source) ? (
                <PastedSecretForm source={s.source} label={s.label} isSet={s.secretSetAt !== null} />
              ) : (
                <SecretButton source={s.source} label={s.label} isSet={s.secretSetAt !== null} />
              )}
            </dd>
          </>
        )}
        {!s.webhookUrl && (
          <>
            <dt className="font-medium">How it arrives</dt>
            <dd>By its importer only (no webhook).</dd>
          </>
        )}
        <dt className="font-medium">Last delivery</dt>
        <dd>
          {s.last
            ? `${when(s.last.receivedAt)}, ${s.last.type}: ${OUTCOME[s.last.status] ?? s.last.status}${s.last.reason ? ` (${s.last.reason})` : ""}`
            : "None yet."}
        </dd>
        <dt className="font-medium">All deliveries</dt>
        <dd>{s.total.toLocaleString("en-US")}</dd>
      </dl>
      {active.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No delivery in the last 14 days.</p>
      ) : (
        <DataTable
          caption={`${s.label}: deliveries and records per day, last 14 days`}
          showCaption
          columns={[
            { label: "Day (UTC)" },
            { label: "Deliveries", numeric: true },
            { label: "Mapped", numeric: true },
            { label: "Ignored", numeric: true },
            { label: "Unmapped", numeric: true },
            { label: "Failed", numeric: true },
            { label: "Waiting", numeric: true },
            { label: "Records", numeric: true },
          ]}
          rows={active.map((d) => ({
            key: d.day,
            cells: [d.day, d.deliveries, d.mapped, d.ignored, d.unmapped, d.failed, d.pending, d.records].map(String),
          }))}
        />
      )}
    </section>
  );
}

/** The server's public origin, for the webhook URL: NEXTAUTH_URL's, else the request's. */
async function origin(nextAuthUrl: string | undefined): Promise<string> {
  if (nextAuthUrl) return new URL(nextAuthUrl).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
