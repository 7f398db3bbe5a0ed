// GET /api/health – liveness, with the connection mode and the store (no session needed, nothing secret);
// 503 while the store does not answer
import { NextResponse } from "next/server";
import { storeHealth } from "@/lib/runtime";
import { publicConfig } from "@/lib/server";
import { version } from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  const { store, reachable } = await storeHealth();
  return NextResponse.json(
    { status: reachable ? "ok" : "unavailable", mode: publicConfig().mode, store, version },
    { status: reachable ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
