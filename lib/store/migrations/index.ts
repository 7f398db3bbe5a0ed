import type { Migration } from "kysely/migration";
import * as m001 from "./001-users";
import * as m002 from "./002-engine-data";

/** Versioned migrations, applied in name order at start-up. Never edit one that has shipped; add the next. */
export const migrations: Record<string, Migration> = {
  "001-users": m001,
  "002-engine-data": m002,
};
