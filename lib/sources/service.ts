import "server-only";
import type { Store } from "@/lib/store";
import { Mapper } from "./mapper";
import { sourcesKey } from "./secrets";

/** The sources' state in a process: the store, the key of the secrets and the mapper. */
export interface Sources {
  db: Store;
  key: Buffer;
  mapper: Mapper;
}

/**
 * Opens the sources on the store. With `mapPending` (the server) the mapper starts on whatever the
 * log holds unmapped, so deliveries answered just before a crash are mapped now.
 */
export function startSources(opts: { db: Store; dataDir: string; mapPending: boolean }): Sources {
  const mapper = new Mapper(opts.db);
  if (opts.mapPending) mapper.kick();
  return { db: opts.db, key: sourcesKey(opts.dataDir), mapper };
}
