import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { ExportView } from "@/components/view/export-view";
import { NoAccess } from "@/components/view/no-access";
import { viewInfo } from "@/lib/registry/view-info";
import { currentUser } from "@/lib/server/route";
import { getRuntime } from "@/lib/server/runtime";
import { EarlyDownload } from "../../_components/early-download";
import { startEarlyExport } from "../../_components/early-export";
import { RememberView } from "../../_components/remember-view";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Org tree" };

export default async function OrgTreePage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  const user = await currentUser();
  if (!user) redirect("/signin");
  const info = await viewInfo(user, await getRuntime(), { kind: "orgTree", orgTreeName: name });
  if (!info.allowed) return <NoAccess what={`the org tree “${name}”`} />;
  const scope = { kind: "orgTree", orgTreeName: name } as const;
  const search = await searchParams;
  // Not awaited: the page streams at once and the export's answer follows it.
  const early = startEarlyExport(user, scope, search);
  return (
    <>
      <RememberView path={`/org-trees/${encodeURIComponent(name)}`} search={search} />
      <Suspense>
        <EarlyDownload early={early} />
      </Suspense>
      <Suspense>
        <ExportView scope={scope} title={info.title} crumbs={info.crumbs} early={early} />
      </Suspense>
    </>
  );
}
