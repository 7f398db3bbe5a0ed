import { z } from "zod";

// What a user may see: team ids and org tree names. A team grant covers its descendants (the
// engine's roll-up means a team's figures already include them); a tree grant covers every team in it.

export const scopeSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^(tree:)?[^\s,][^,]*$/, "a team id or tree:<org tree name>");

export interface Access {
  admin: boolean;
  teams: string[];
  trees: string[];
}

export function parseScopes(list: readonly string[]): { teams: string[]; trees: string[] } {
  const teams: string[] = [];
  const trees: string[] = [];
  for (const s of list) {
    if (s.startsWith("tree:")) trees.push(s.slice(5));
    else teams.push(s);
  }
  return { teams, trees };
}

export function formatScopes(access: Pick<Access, "teams" | "trees">): string[] {
  return [...access.teams, ...access.trees.map((t) => `tree:${t}`)];
}
