import Link from "next/link";
import { Suspense } from "react";
import type { User } from "@/lib/auth";
import { readHomeLevels, startHomeExport } from "./home-export";
import type { HomeMonths } from "./home-levels";
import type { HomeRoot } from "./home-roots";
import { LevelsTable } from "./levels-table";
import { LiveLevels } from "./live-levels";

const KIND = { orgTree: "Org tree", team: "Team" } as const;

/**
 * One team or org tree on the home page. Its export is started (or reused) while the page streams;
 * a complete one is read here and arrives with the page, anything else is waited for by the
 * browser (LiveLevels), which is also what shows until this part of the page has streamed in.
 */
export function HomeCard({
  user,
  root,
  months,
  mayStart,
}: {
  user: User;
  root: HomeRoot;
  months: HomeMonths;
  mayStart: boolean;
}) {
  const answer = mayStart ? startHomeExport(user, root.scope, months) : Promise.resolve(null);
  const levels = answer.then((a) => readHomeLevels(user, a, root.scope, months));
  const live = <LiveLevels scope={root.scope} title={root.name} months={months} early={answer} />;
  const headingId = `home-${root.scope.kind}-${root.href.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <section
      data-home-card
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <span className="rounded bg-slate-200 px-1.5 py-px text-xs font-semibold tracking-wide text-slate-800 uppercase dark:bg-slate-800 dark:text-slate-200">
          {KIND[root.scope.kind]}
        </span>{" "}
        <Link className="underline underline-offset-2" href={root.href} prefetch={false}>
          {root.name}
        </Link>
      </h2>
      <Suspense fallback={live}>
        <Prepared levels={levels} root={root} months={months} live={live} />
      </Suspense>
    </section>
  );
}

async function Prepared({
  levels,
  root,
  months,
  live,
}: {
  levels: ReturnType<typeof readHomeLevels>;
  root: HomeRoot;
  months: HomeMonths;
  live: React.ReactNode;
}) {
  const found = await levels;
  return found ? <LevelsTable title={root.name} levels={found} months={months} /> : live;
}
