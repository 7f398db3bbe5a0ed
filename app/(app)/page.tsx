import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { adminEmails } from "@/lib/auth";
import { visibleDirectory } from "@/lib/access";
import { todayUtc } from "@/lib/browser";
import { currentUser, getRuntime } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { HomeCard } from "./_components/home/home-card";
import { homeMonths } from "./_components/home/home-levels";
import { homeRoots } from "./_components/home/home-roots";
import { LastViewLink } from "./_components/home/last-view-link";
import { mayStartUpstream } from "./_components/navigation";
import { NoAccess } from "./teams/_components/no-access";

export const metadata: Metadata = { title: "Home" };

/**
 * Home: the teams and org trees this user may see (an admin: the org trees), each with its levels
 * in the last complete month and the change from the month before, and the last view opened.
 */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const runtime = await getRuntime();
  const title = (
    <h1 id="page-title" className="text-2xl font-semibold">
      Your teams
    </h1>
  );
  if (!user.admin && user.teams.length === 0 && user.trees.length === 0) {
    const contact = runtime.env.FOURFOLD_ACCESS_CONTACT
      ? [runtime.env.FOURFOLD_ACCESS_CONTACT]
      : await adminEmails(runtime.db);
    return (
      <section aria-labelledby="page-title" className="space-y-4">
        {title}
        <NoAccess contact={contact} />
      </section>
    );
  }
  const dir = await getSeiClient(runtime).directory();
  const roots = homeRoots(user, dir);
  const names = Object.fromEntries(visibleDirectory(user, dir).teams.map((t) => [t.id, t.name]));
  const months = homeMonths(todayUtc());
  // As for a view: a link followed from another site starts nothing upstream (the browser asks).
  const mayStart = mayStartUpstream((await headers()).get("sec-fetch-site"));
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      {title}
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Levels in {months.last.label}, the last complete month, with the change from {months.previous.label}.
      </p>
      <LastViewLink names={names} />
      {roots.map((root) => (
        <HomeCard key={root.href} user={user} root={root} months={months} mayStart={mayStart} />
      ))}
      <p data-home-end className="text-sm">
        <Link className="underline underline-offset-2" href="/teams" prefetch={false}>
          All teams and org trees
        </Link>
      </p>
    </section>
  );
}
