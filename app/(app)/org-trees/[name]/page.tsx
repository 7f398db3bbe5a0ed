import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { ExportView } from "@/components/view/export-view";
import { NoAccess } from "@/components/view/no-access";
import { viewInfo } from "@/lib/registry/view-info";
import { currentUser } from "@/lib/server/route";
import { getRuntime } from "@/lib/server/runtime";

type Props = { params: Promise<{ name: string }> };

export const metadata: Metadata = { title: "Org tree" };

export default async function OrgTreePage({ params }: Props) {
  const name = decodeURIComponent((await params).name);
  const user = await currentUser();
  if (!user) redirect("/signin");
  const info = await viewInfo(user, await getRuntime(), { kind: "orgTree", orgTreeName: name });
  if (!info.allowed) return <NoAccess what={`the org tree “${name}”`} />;
  return (
    <Suspense>
      <ExportView scope={{ kind: "orgTree", orgTreeName: name }} title={info.title} crumbs={info.crumbs} />
    </Suspense>
  );
}
