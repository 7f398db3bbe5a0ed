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

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params, searchParams }: Props) {
  const teamId = decodeURIComponent((await params).teamId);
  const user = await currentUser();
  if (!user) redirect("/signin");
  const info = await viewInfo(user, await getRuntime(), { kind: "team", teamId });
  if (!info.allowed) return <NoAccess what={`the team “${teamId}”`} />;
  const scope = { kind: "team", teamId } as const;
  const search = await searchParams;
  // Not awaited: the page streams at once and the export's answer follows it.
  const early = startEarlyExport(user, scope, search);
  return (
    <>
      <RememberView path={`/teams/${encodeURIComponent(teamId)}`} search={search} />
      <Suspense>
        <EarlyDownload early={early} />
      </Suspense>
      <Suspense>
        <ExportView scope={scope} title={info.title} crumbs={info.crumbs} early={early} />
      </Suspense>
    </>
  );
}
