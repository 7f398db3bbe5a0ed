import type { Migration } from "kysely";
import * as m001 from "./001-users";
import * as m002 from "./002-engine-data";
import * as m003 from "./003-export-jobs";
import * as m004 from "./004-export-registry";
import * as m005 from "./005-figure-records";
import * as m006 from "./006-record-links";
import * as m007 from "./007-identities-sessions";
import * as m009 from "./009-links-by-record-key";
import * as m010 from "./010-behind-the-figures";
import * as m011 from "./011-sources";
import * as m012 from "./012-annotations";
import * as m013 from "./013-instances";
import * as m014 from "./014-narrow-sha-index";
import * as m015 from "./015-narrow-deployed-index";

/** Versioned migrations, applied in name order at start-up. Never edit one that has shipped; add the next. */
export const migrations: Record<string, Migration> = {
  "001-users": m001,
  "002-engine-data": m002,
  "003-export-jobs": m003,
  "004-export-registry": m004,
  "005-figure-records": m005,
  "006-record-links": m006,
  "007-identities-sessions": m007,
  "009-links-by-record-key": m009,
  "010-behind-the-figures": m010,
  "011-sources": m011,
  "012-annotations": m012,
  "013-instances": m013,
  "014-narrow-sha-index": m014,
  "015-narrow-deployed-index": m015,
};
