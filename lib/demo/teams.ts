import { seedFor } from "./prng";
import { PROFILES, type Profile } from "./profiles";
import { addMonthsUtc } from "./time";
import type { Linking, OrgOptions, TeamItem, TeamSpec } from "./types";

/** Everything the simulation needs to know about one team that owns records. */
export interface SquadPlan {
  teamId: string;
  seed: number;
  profile: Profile;
  /** Active window [from, to), epoch ms. */
  from: number;
  to: number;
  /** No deployments in these [start, end) intervals. */
  freezes: [number, number][];
  linking: Linking;
  staging: boolean;
  prsPerWeek: number;
  scale: number;
  repository: string;
  /** Where the PRs that are never deployed go (docs, tooling). */
  toolsRepository: string;
  service: string;
  key: string;
}

export interface OrgPlan {
  start: number;
  end: number;
  teams: TeamItem[];
  squads: SquadPlan[];
}

/** Teams in ingestion order (depth-first, so parents before children) and the plans of teams with data. */
export function planOrg(options: OrgOptions): OrgPlan {
  const end = options.end.getTime();
  const start = addMonthsUtc(end, -options.months);
  const teams: TeamItem[] = [];
  const squads: SquadPlan[] = [];
  const ids = new Set<string>();
  const visit = (spec: TeamSpec, orgTree: string, parentId: string | null): void => {
    if (ids.has(spec.id)) throw new Error(`Duplicate team id in demo spec: ${spec.id}`);
    ids.add(spec.id);
    teams.push({ id: spec.id, name: spec.name, orgTree, refId: teams.length + 1, parentId });
    if (spec.profile) squads.push(squadPlan(spec, options, start, end));
    for (const child of spec.children ?? []) visit(child, orgTree, spec.id);
  };
  for (const tree of options.trees) visit(tree.root, tree.name, null);
  return { start, end, teams, squads };
}

function squadPlan(spec: TeamSpec, options: OrgOptions, start: number, end: number): SquadPlan {
  const profile = PROFILES[spec.profile ?? "medium"];
  const slug = spec.id.split("-").pop() ?? spec.id;
  const repository = spec.repository ?? `${options.repositoryOwner ?? "acme"}/${slug}`;
  const from = spec.startMonthsAgo === undefined ? start : Math.max(start, addMonthsUtc(end, -spec.startMonthsAgo));
  return {
    teamId: spec.id,
    seed: seedFor(options.seed, spec.id),
    profile,
    from,
    to: end,
    freezes: (spec.freezes ?? []).map((f) => [
      addMonthsUtc(end, -f.fromMonthsAgo),
      addMonthsUtc(end, -f.fromMonthsAgo + f.months),
    ]),
    linking: spec.linking ?? "pullRequestIds",
    staging: spec.staging ?? false,
    prsPerWeek: (options.prsPerTeamPerWeek ?? 6) * profile.prRateFactor,
    scale: options.scale ?? 1,
    repository,
    toolsRepository: `${repository}-tools`,
    service: repository.split("/").pop() ?? repository,
    key:
      spec.key ??
      slug
        .replace(/[^a-z0-9]/gi, "")
        .slice(0, 4)
        .toUpperCase(),
  };
}
