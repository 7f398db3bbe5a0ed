import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { visibleDirectory } from "@/lib/access/scope-access";
import { currentUser } from "@/lib/server/route";
import { getRuntime } from "@/lib/server/runtime";
import { getSeiClient } from "@/lib/sei";
import { TeamPicker } from "./_components/team-picker";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const dir = visibleDirectory(user, await getSeiClient(await getRuntime()).directory());
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">Teams</h1>
      <TeamPicker teams={dir.teams} orgTrees={dir.orgTrees} />
    </section>
  );
}
