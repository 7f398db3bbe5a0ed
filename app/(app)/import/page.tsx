import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";

export const metadata: Metadata = { title: "Open a CSV" };

export default function Page() {
  return <NotBuilt title="Open a CSV" />;
}
