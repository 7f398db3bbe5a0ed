// The engine's JSON answers are marked no-transform: Next.js gzips every compressible answer a
// client accepts gzip for, which for a poll of a few hundred bytes cost the request thread about a
// millisecond and a zlib stream each. Files keep their own headers and may still be compressed.
import { describe, expect, it } from "vitest";
import { api, exportBody, ingestOk, setupEngine } from "./helpers";

setupEngine({ jobs: false });

describe("Cache-Control of the engine's answers", () => {
  it("JSON answers, errors included, are no-store and no-transform", async () => {
    await ingestOk("teams", [{ id: "h", name: "H", orgTree: "Eng" }]);
    const created = await api.createExport(exportBody("h"));
    const answers = [
      await api.ingest("teams", { items: [{ id: "h2", name: "H2", orgTree: "Eng" }] }),
      created,
      await api.poll(((await created.json()) as { exportId: string }).exportId),
      await api.poll("exp_0000000000"),
      await api.ingest("teams", "{oops"),
      await api.remove("teams", "h2"),
      await api.createExport(exportBody("h"), { auth: "ApiKey wrong" }),
    ];
    for (const res of answers) {
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    }
  });

  it("a CSV report keeps its own Cache-Control", async () => {
    const res = await api.report({ dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 1 });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });
});
