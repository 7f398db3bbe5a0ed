import "server-only";
import { ScopeNotFoundError, type ExportParams, type LegacyReportRequest } from "@/lib/dora";
import {
  listTeams,
  orgTreeNames,
  type Engine,
  createExport,
  exportStatus,
  openExportDownload,
  legacyReport,
  readCoverage,
  readRecords,
} from "@/lib/engine";
import { ApiError } from "@/lib/server";
import { DEFAULT_LIMITS, type SeiClient, type SeiLimits } from "./types";
import { exportRequestBody, legacyReportBody } from "./upstream-body";

/**
 * The in-process transport: the same bodies the HTTP transport would send, handed to the engine's
 * own operations, so both transports validate and answer alike.
 */
export function embeddedSeiClient(
  engine: Engine,
  ids: { org: string; project: string },
  limits: Partial<SeiLimits> = {},
): SeiClient {
  const scope = ids;
  return {
    mode: "embedded",
    connection: "embedded",
    identifiers: ids,
    limits: { ...DEFAULT_LIMITS, ...limits },

    async createExport(params: ExportParams) {
      const { reused, response } = await createExport(engine, scope, exportRequestBody(params, ids));
      return { exportId: response.exportId, status: response.status, createdAt: response.createdAt, reused };
    },

    exportStatus: (exportId: string) => exportStatus(engine, scope, exportId),

    async openDownload(exportId: string) {
      return (await openExportDownload(engine, scope, exportId)).body;
    },

    async legacyReport(request: LegacyReportRequest) {
      try {
        const query = { format: "csv", projectIdentifier: ids.project, orgIdentifier: ids.org };
        return (await legacyReport(engine, query, legacyReportBody(request))).csv;
      } catch (err) {
        if (err instanceof ScopeNotFoundError)
          throw new ApiError("NOT_FOUND", `No team with teamRefId ${request.teamRefId}.`);
        throw err;
      }
    },

    // The engine's own endpoints (engine spec §9), given the query the proxy has validated.
    records: (query) => readRecords(engine, scope, query),
    coverage: (query) => readCoverage(engine, scope, query),

    async directory() {
      const teams = await listTeams(engine.db, scope);
      return { teams, orgTrees: await orgTreeNames(engine.db, scope) };
    },
  };
}
