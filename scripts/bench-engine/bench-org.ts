// The benchmark's organisation: 500 teams in one tree over 36 months, built with the demo's generators.
import {
  generateOrg,
  Rng,
  type Linking,
  type OrgData,
  type OrgOptions,
  type ProfileName,
  type TeamSpec,
  type TreeSpec,
} from "@/lib/demo";

// The benchmark organisation: 500 teams in one tree (1 root, 20 groups, 479 squads) and 36 months
// of data. At scale 1 it yields about 1M pull requests, 1M builds, 700k work items, 200k
// deployments and 20k incidents; `scale` multiplies every rate, so 0.001 gives a quick test run.

const GROUPS = 20;
const SQUADS = 479;

const PROFILE_MIX: [ProfileName, number][] = [
  ["elite", 0.03],
  ["high", 0.29],
  ["medium", 0.45],
  ["low", 0.23],
];
const LINKING_MIX: [Linking, number][] = [
  ["pullRequestIds", 0.45],
  ["commitShas", 0.45],
  ["repository", 0.1],
];

/** Exactly `share × n` of each value (rounded), in a seeded random order. */
function deal<T>(rng: Rng, mix: [T, number][], n: number): T[] {
  const out: T[] = [];
  for (const [value, share] of mix) for (let i = Math.round(share * n); i > 0 && out.length < n; i--) out.push(value);
  while (out.length < n) out.push(mix[0]![0]);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function benchSquad(rng: Rng, id: string, n: number, profile: ProfileName, linking: Linking): TeamSpec {
  const spec: TeamSpec = { id, name: `Squad ${n}`, profile, linking, key: `S${n}` };
  spec.staging = rng.chance(0.2);
  if (rng.chance(0.05)) spec.startMonthsAgo = rng.int(3, 30);
  if (rng.chance(0.03)) spec.freezes = [{ fromMonthsAgo: rng.int(4, 30), months: rng.int(1, 3) }];
  spec.repository = `bench/squad-${n}`;
  return spec;
}

export function benchTree(seed: number): TreeSpec {
  const rng = new Rng(seed);
  const profiles = deal(rng, PROFILE_MIX, SQUADS);
  const linkings = deal(rng, LINKING_MIX, SQUADS);
  const groups: TeamSpec[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const gid = `bench-g${String(g + 1).padStart(2, "0")}`;
    const children: TeamSpec[] = [];
    for (let s = g; s < SQUADS; s += GROUPS) {
      const n = s + 1;
      children.push(benchSquad(rng, `${gid}-s${String(n).padStart(3, "0")}`, n, profiles[s]!, linkings[s]!));
    }
    groups.push({ id: gid, name: `Group ${g + 1}`, children });
  }
  return { name: "Bench", root: { id: "bench", name: "Bench", children: groups } };
}

export const BENCH_ORG: Omit<OrgOptions, "end"> = {
  seed: 42,
  months: 36,
  trees: [benchTree(42)],
  prsPerTeamPerWeek: 13,
  repositoryOwner: "bench",
};

export function benchOrg(end: Date, scale = 1): OrgData {
  return generateOrg({ ...BENCH_ORG, end, scale });
}
