import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { visibleDirectory } from "@/lib/access";
import { adminEmails } from "@/lib/auth";
import { currentUser, getRuntime } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { NoAccess } from "./_components/no-access";
import { TeamPicker } from "./_components/team-picker";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const runtime = await getRuntime();
  const empty = !user.admin && user.teams.length === 0 && user.trees.length === 0;
  if (empty) {
    const contact = runtime.env.FOURFOLD_ACCESS_CONTACT
      ? [runtime.env.FOURFOLD_ACCESS_CONTACT]
      : await adminEmails(runtime.db);
    return (
      <section aria-labelledby="page-title" className="space-y-4">
        <h1 id="page-title" className="text-2xl font-semibold">
          Teams
        </h1>
        <NoAccess contact={contact} />
      </section>
    );
  }
  const dir = visibleDirectory(user, await getSeiClient(runtime).directory());
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        Teams
      </h1>
      <TeamPicker teams={dir.teams} orgTrees={dir.orgTrees} />
    </section>
  );
}
