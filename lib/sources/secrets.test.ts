// Webhook secrets as a burst of deliveries reads them: kept a second, and read once for all the
// deliveries that miss together.
import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openTestStore } from "@/lib/store/testing/test-store";
import { getSecret, SECRET_KEPT_MS, setSecret } from "./secrets";

const scope = { org: "default", project: "p1" };
const key = crypto.randomBytes(32);

afterEach(() => vi.restoreAllMocks());

describe("getSecret", () => {
  it("reads once for the deliveries that miss together, and answers them in the same turn", async () => {
    const db = await openTestStore();
    try {
      await setSecret(db, key, scope, "github", "a-secret-of-sixteen+");
      const reads = vi.spyOn(db, "selectFrom");
      const answered: string[] = [];
      const all = Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          getSecret(db, key, scope, "github").then((value) => {
            answered.push(`${i}:${value}`);
          }),
        ),
      );
      // A turn of the event loop later, either all five have their answer or none has.
      const atNextTurn = new Promise<number>((resolve) => {
        const look = () => (answered.length === 0 ? setImmediate(look) : resolve(answered.length));
        setImmediate(look);
      });
      await all;
      expect(await atNextTurn).toBe(5);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(answered.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${i}:a-secret-of-sixteen+`));

      // Kept: no read within the second; read again after it, and always when asked fresh.
      await getSecret(db, key, scope, "github");
      expect(reads).toHaveBeenCalledTimes(1);
      await getSecret(db, key, scope, "github", { fresh: true });
      expect(reads).toHaveBeenCalledTimes(2);
      const later = Date.now() + SECRET_KEPT_MS + 1;
      vi.spyOn(Date, "now").mockReturnValue(later);
      await Promise.all([getSecret(db, key, scope, "github"), getSecret(db, key, scope, "github")]);
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      await db.destroy();
    }
  });

  it("does not join a fresh read to one under way: it starts its own", async () => {
    const db = await openTestStore();
    try {
      await setSecret(db, key, scope, "github", "the-old-secret-0001");
      const reads = vi.spyOn(db, "selectFrom");
      const old = getSecret(db, key, scope, "github");
      const fresh = getSecret(db, key, scope, "github", { fresh: true });
      expect(await old).toBe("the-old-secret-0001");
      expect(await fresh).toBe("the-old-secret-0001");
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      await db.destroy();
    }
  });
});
