import { NotBuilt } from "@/components/shell/not-built";

type Props = { params: Promise<{ teamId: string }> };

export default async function TeamPage({ params }: Props) {
  const { teamId } = await params;
  return <NotBuilt title={`Team ${decodeURIComponent(teamId)}`} />;
}
