import { Suspense } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ExportView } from "@/components/view/export-view";
import type { PreparedView } from "@/components/view/prepared-view";
import { NoAccess } from "@/components/view/no-access";
import type { ViewScope } from "@/lib/browser";
import { viewInfo } from "@/lib/dashboard";
import { publicConfig } from "@/lib/server";
import { currentUser, getRuntime } from "@/lib/runtime";
import { EarlyDownload } from "./early-download";
import { startEarlyExport } from "./early-export";
import { drawWhenComplete, prepareView } from "./prepare-view";
import { mayStartUpstream } from "./navigation";
import { RememberView } from "./remember-view";
import { viewOf, type PageSearch } from "./view-search";

/**
 * A team or org-tree view's page: the access check, then (for a navigation made on this site or by
 * the person alone) the export started here and, when it is already complete and small, its
 * figures and charts read and drawn here too (or, when it is not complete yet, drawn as soon as it
 * is, for the next visit). The page streams at once; until that is done, the view runs as in the
 * browser alone (the fallback).
 */
export async function ViewPage({
  scope,
  path,
  what,
  search,
}: {
  scope: ViewScope;
  path: string;
  what: string;
  search: PageSearch;
}) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const info = await viewInfo(user, await getRuntime(), scope);
  if (!info.allowed) return <NoAccess what={what} />;
  // A link followed from another site renders the view, but starts nothing upstream.
  const site = (await headers()).get("sec-fetch-site");
  const answer = mayStartUpstream(site) ? startEarlyExport(user, scope, search) : Promise.resolve(null);
  // What the server does with it needs an export; the browser also takes a problem.
  const early = answer.then((a) => (a && "created" in a ? a : null));
  const { benchmark } = viewOf(search);
  const first = early.then((found) => {
    drawWhenComplete(user, found, scope, benchmark);
    return prepareView(user, found, scope, benchmark);
  });
  const view = { scope, title: info.title, crumbs: info.crumbs, early: answer, features: publicConfig().features };
  return (
    <>
      <RememberView path={path} search={search} />
      <Suspense>
        <EarlyDownload early={early} first={first} />
      </Suspense>
      <Suspense fallback={<ExportView {...view} />}>
        <OpenedView {...view} first={first} />
      </Suspense>
    </>
  );
}

async function OpenedView({
  first,
  ...view
}: Omit<React.ComponentProps<typeof ExportView>, "first"> & { first: Promise<PreparedView | null> }) {
  return <ExportView {...view} first={(await first) ?? undefined} />;
}
