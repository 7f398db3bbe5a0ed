/** An engine project (spec §1): sources, mappings and secrets are kept per project. */
export interface Scope {
  org: string;
  project: string;
}
