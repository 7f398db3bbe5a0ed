import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";

export const metadata: Metadata = { title: "Teams" };

export default function Page() {
  return <NotBuilt title="Teams" />;
}
