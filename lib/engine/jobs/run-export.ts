import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import {
  exportCsvChunks,
  computeExportFromRecords,
  recordsNeeded,
  buildHierarchy,
  resolveScope,
  type ExportParams,
} from "@/lib/dora";
import type { Store } from "@/lib/store";
import { listTeams } from "../dataset";
import { recordsFor, type Defer } from "../figure-records";
import type { JobRow } from "./repo";

export interface Artifact {
  artifact: string;
  rowCount: number;
  sizeBytes: number;
  /** Where the file was written (the worker's exports folder). */
  file?: string;
}

export function artifactName(id: string, compression: ExportParams["compression"]): string {
  return `${id}.csv${compression === "gzip" ? ".gz" : ""}`;
}

/**
 * Computes one export and writes its CSV as a stream to a temporary file, renamed into place only
 * when complete, so a partial file is never served. Work the result does not depend on (keeping
 * freshly computed figure records) is handed to `defer`, to run once the job is marked done.
 */
export async function runExport(db: Store, exportsDir: string, job: JobRow, defer?: Defer): Promise<Artifact> {
  const params = JSON.parse(job.params) as ExportParams;
  const scope = { org: job.org_id, project: job.project_id };
  const teams = await listTeams(db, scope);
  const scoped = resolveScope(buildHierarchy(teams), params.scope);
  const teamIds = scoped.map((s) => s.node.team.id);
  const records = await recordsFor(db, scope, teams, teamIds, recordsNeeded(params), defer);
  const result = computeExportFromRecords(teams, records, params);

  fs.mkdirSync(exportsDir, { recursive: true });
  const name = artifactName(job.id, params.compression);
  const final = path.join(exportsDir, name);
  const partial = `${final}.${process.pid}.partial`;
  const source = Readable.from(exportCsvChunks(result), { objectMode: false });
  try {
    const sink = fs.createWriteStream(partial, { mode: 0o600 });
    if (params.compression === "gzip") await pipeline(source, zlib.createGzip(), sink);
    else await pipeline(source, sink);
    const fd = fs.openSync(partial, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, final);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { artifact: name, rowCount: result.rows.length, sizeBytes: fs.statSync(final).size, file: final };
}
