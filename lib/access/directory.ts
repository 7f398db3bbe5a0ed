// The teams and org trees a connection knows of: from the engine, or for Harness from SEI_TEAMS_FILE
// and what was exported before. A team known only by its id has no name, tree or parent.
export interface DirectoryTeam {
  id: string;
  name: string;
  parentId: string | null;
  orgTree: string | null;
  refId: number | null;
}

export interface Directory {
  teams: DirectoryTeam[];
  orgTrees: string[];
}
