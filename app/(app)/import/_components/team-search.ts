// Finding a team of an opened export by what people type: words of its name or its hierarchy.

export interface TeamMatches {
  /** Indices into the teams, in file order, at most `limit` of them. */
  indices: number[];
  /** How many teams match in all. */
  total: number;
}

/** A team's label as the picker shows it: its hierarchy from the root. */
export function teamLabel(team: { hierarchy: readonly string[] }): string {
  return team.hierarchy.join(" / ");
}

/**
 * Teams whose key holds every word of the query (case-insensitive), in file order; an empty query
 * matches all. `keys` are lower-case labels, built once per file.
 */
export function matchTeams(keys: readonly string[], query: string, limit: number): TeamMatches {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const indices: number[] = [];
  let total = 0;
  keys.forEach((key, i) => {
    if (!words.every((w) => key.includes(w))) return;
    total++;
    if (indices.length < limit) indices.push(i);
  });
  return { indices, total };
}
