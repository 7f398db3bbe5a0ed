import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { ExportView } from "@/components/view/export-view";
import { NoAccess } from "@/components/view/no-access";
import { viewInfo } from "@/lib/registry/view-info";
import { currentUser } from "@/lib/server/route";
import { getRuntime } from "@/lib/server/runtime";

type Props = { params: Promise<{ teamId: string }> };

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: Props) {
  const teamId = decodeURIComponent((await params).teamId);
  const user = await currentUser();
  if (!user) redirect("/signin");
  const info = await viewInfo(user, await getRuntime(), { kind: "team", teamId });
  if (!info.allowed) return <NoAccess what={`the team “${teamId}”`} />;
  return (
    <Suspense>
      <ExportView scope={{ kind: "team", teamId }} title={info.title} crumbs={info.crumbs} />
    </Suspense>
  );
}
