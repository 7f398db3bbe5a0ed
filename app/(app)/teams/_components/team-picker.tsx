"use client";

// A searchable tree of the teams and org trees this user may see.
import Link from "next/link";
import { useId, useState } from "react";

export interface PickerTeam {
  id: string;
  name: string;
  parentId: string | null;
  orgTree: string | null;
}

function Branch({
  team,
  tree,
  match,
}: {
  team: PickerTeam;
  tree: Map<string | null, PickerTeam[]>;
  match: (t: PickerTeam) => boolean;
}) {
  const shown = (tree.get(team.id) ?? []).filter((k) => visible(k, tree, match));
  return (
    <li className="py-0.5">
      <Link
        className="text-blue-700 underline dark:text-blue-300"
        href={`/teams/${encodeURIComponent(team.id)}`}
        prefetch={false}
      >
        {team.name}
      </Link>
      {shown.length > 0 && (
        <ul className="ml-4 border-l border-slate-200 pl-3 dark:border-slate-700">
          {shown.map((k) => (
            <Branch key={k.id} team={k} tree={tree} match={match} />
          ))}
        </ul>
      )}
    </li>
  );
}

function visible(
  t: PickerTeam,
  children: Map<string | null, PickerTeam[]>,
  match: (t: PickerTeam) => boolean,
): boolean {
  return match(t) || (children.get(t.id) ?? []).some((k) => visible(k, children, match));
}

export function TeamPicker({ teams, orgTrees }: { teams: PickerTeam[]; orgTrees: string[] }) {
  const [query, setQuery] = useState("");
  const id = useId();
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, PickerTeam[]>();
  for (const t of [...teams].sort((a, b) => a.name.localeCompare(b.name))) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const q = query.trim().toLowerCase();
  const match = (t: PickerTeam) => q === "" || t.name.toLowerCase().includes(q) || t.id.toLowerCase().includes(q);
  const roots = (children.get(null) ?? []).filter((r) => visible(r, children, match));
  const trees = orgTrees.filter((t) => q === "" || t.toLowerCase().includes(q));
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          Search teams and org trees
        </label>
        <input
          id={id}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
      </div>
      {trees.length > 0 && (
        <section aria-labelledby="trees-title">
          <h2 id="trees-title" className="font-semibold">
            Org trees
          </h2>
          <ul className="mt-1 flex flex-wrap gap-2">
            {trees.map((t) => (
              <li key={t}>
                <Link
                  className="text-blue-700 underline dark:text-blue-300"
                  href={`/org-trees/${encodeURIComponent(t)}`}
                  prefetch={false}
                >
                  {t}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="teams-title">
        <h2 id="teams-title" className="font-semibold">
          Teams
        </h2>
        {roots.length === 0 ? (
          <p className="text-sm">{q ? "No team matches." : "None of the teams granted to you exists here."}</p>
        ) : (
          <ul className="mt-1">
            {roots.map((r) => (
              <Branch key={r.id} team={r} tree={children} match={match} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
