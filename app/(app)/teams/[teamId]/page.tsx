import type { Metadata } from "next";
import { ViewPage } from "../../_components/view-page";

type Props = {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params, searchParams }: Props) {
  const teamId = decodeURIComponent((await params).teamId);
  return (
    <ViewPage
      scope={{ kind: "team", teamId }}
      path={`/teams/${encodeURIComponent(teamId)}`}
      what={`the team “${teamId}”`}
      search={await searchParams}
    />
  );
}
