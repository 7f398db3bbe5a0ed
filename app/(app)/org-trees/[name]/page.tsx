import { NotBuilt } from "@/components/shell/not-built";

type Props = { params: Promise<{ name: string }> };

export default async function OrgTreePage({ params }: Props) {
  const { name } = await params;
  return <NotBuilt title={`Org tree ${decodeURIComponent(name)}`} />;
}
