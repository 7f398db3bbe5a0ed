// GET|POST /api/auth/* – next-auth's sign-in, sign-out, session and provider callbacks
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/runtime";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(req, ctx, await getAuthOptions());
}

export { handler as GET, handler as POST };
