import "server-only";
import { storeFile, type Store } from "@/lib/store";
import { Mapper, type EventMapper } from "./mapper";
import { sourcesKey } from "./secrets";
import { MapperThread } from "./thread";

/** The sources' state in a process: the store, the key of the secrets and the mapper. */
export interface Sources {
  db: Store;
  key: Buffer;
  mapper: EventMapper;
}

/**
 * Opens the sources on the store. With `mapPending` (the server) the mapper starts on whatever the
 * log holds unmapped, so deliveries answered just before a crash are mapped now; a server's store
 * file gets the sources' thread (thread/), a store in memory (tests) or a CLI maps in its own thread.
 */
export function startSources(opts: { db: Store; dataDir: string; mapPending: boolean }): Sources {
  const file = opts.mapPending ? storeFile(opts.db) : null;
  let mapper: EventMapper;
  if (file) mapper = new MapperThread(file).start();
  else {
    mapper = new Mapper(opts.db);
    if (opts.mapPending) mapper.kick();
  }
  return { db: opts.db, key: sourcesKey(opts.dataDir), mapper };
}
