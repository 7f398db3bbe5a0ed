// GET /api/me – the signed-in user and what they may see
import { NextResponse } from "next/server";
import { withSession } from "@/lib/runtime";

export const GET = withSession(async (_req, { user }) =>
  NextResponse.json({ email: user.email, admin: user.admin, teams: user.teams, trees: user.trees }),
);
