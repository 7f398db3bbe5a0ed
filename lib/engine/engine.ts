import "server-only";
import type { Store } from "@/lib/store";
import type { JobRunner } from "./jobs/runner";

/** The embedded engine's state: its store, where export files go, its keys and its job runner. */
export interface Engine {
  db: Store;
  exportsDir: string;
  apiKeys: readonly string[];
  runner: JobRunner | null;
}
