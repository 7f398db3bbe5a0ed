import type { Metadata } from "next";
import { ViewPage } from "../../_components/view-page";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Org tree" };

export default async function OrgTreePage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  return (
    <ViewPage
      scope={{ kind: "orgTree", orgTreeName: name }}
      path={`/org-trees/${encodeURIComponent(name)}`}
      what={`the org tree “${name}”`}
      search={await searchParams}
    />
  );
}
