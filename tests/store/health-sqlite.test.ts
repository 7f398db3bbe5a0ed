// GET /api/health on SQLite (FOURFOLD_DATABASE_URL unset): reports the store.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { setupEngine } from "../engine-api/helpers";

setupEngine({ jobs: false });

describe("GET /api/health on SQLite", () => {
  it("reports the store as sqlite", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", store: "sqlite" });
  });
});
