import "server-only";
import fs from "node:fs/promises";
import { z } from "zod";
import type { Directory } from "@/lib/access";

// SEI_TEAMS_FILE: the teams and org trees of a Harness account, which this API does not list.
// {"teams": [{"id": "t1", "name": "Payments", "parentId": null, "orgTree": "Engineering", "refId": 12}],
//  "orgTrees": ["Engineering"]}   (orgTrees also gains every tree a team names)

const teamSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200).optional(),
  parentId: z.string().trim().min(1).nullish(),
  orgTree: z.string().trim().min(1).nullish(),
  refId: z.number().int().nullish(),
});

export const teamsFileSchema = z.strictObject({
  teams: z.array(teamSchema).default([]),
  orgTrees: z.array(z.string().trim().min(1)).default([]),
});

export function parseTeamsFile(text: string): Directory {
  const parsed = teamsFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `SEI_TEAMS_FILE is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const teams = parsed.data.teams.map((t) => ({
    id: t.id,
    name: t.name ?? t.id,
    parentId: t.parentId ?? null,
    orgTree: t.orgTree ?? null,
    refId: t.refId ?? null,
  }));
  const trees = new Set([...parsed.data.orgTrees, ...teams.flatMap((t) => (t.orgTree ? [t.orgTree] : []))]);
  return { teams, orgTrees: [...trees].sort() };
}

let cache: { file: string; mtimeMs: number; dir: Directory } | undefined;

/** The file's directory, re-read when it changes; no file, no teams. */
export async function readTeamsFile(file: string | undefined): Promise<Directory> {
  if (!file) return { teams: [], orgTrees: [] };
  const stat = await fs.stat(file);
  if (cache?.file === file && cache.mtimeMs === stat.mtimeMs) return cache.dir;
  const dir = parseTeamsFile(await fs.readFile(file, "utf8"));
  cache = { file, mtimeMs: stat.mtimeMs, dir };
  return dir;
}
