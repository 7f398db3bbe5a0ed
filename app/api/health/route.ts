// GET /api/health – liveness, with the connection mode (no session needed, nothing secret)
import { NextResponse } from "next/server";
import { publicConfig } from "@/lib/server";
import { version } from "@/package.json";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok", mode: publicConfig().mode, version });
}
