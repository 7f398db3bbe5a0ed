import { Suspense } from "react";
import { redirect } from "next/navigation";
import { ExportView } from "@/components/view/export-view";
import { NoAccess } from "@/components/view/no-access";
import type { ViewScope } from "@/lib/browser/api/export-request";
import { viewInfo } from "@/lib/registry/view-info";
import { currentUser } from "@/lib/server/route";
import { getRuntime } from "@/lib/server/runtime";
import { EarlyDownload } from "./early-download";
import { startEarlyExport } from "./early-export";
import { RememberView } from "./remember-view";
import type { PageSearch } from "./view-search";

/**
 * A team or org-tree view's page: the access check, then the export started here (not awaited: the
 * page streams at once and the export's answer follows it), the CSV preload and the view.
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
  const early = startEarlyExport(user, scope, search);
  return (
    <>
      <RememberView path={path} search={search} />
      <Suspense>
        <EarlyDownload early={early} />
      </Suspense>
      <Suspense>
        <ExportView scope={scope} title={info.title} crumbs={info.crumbs} early={early} />
      </Suspense>
    </>
  );
}
