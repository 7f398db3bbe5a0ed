import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Store } from "@/lib/store";
import { addUser, countUsers } from "@/lib/auth";
import { type ServerEnv, randomSecret, log, noticeStream } from "@/lib/server";

export const ADMIN_PASSWORD_FILE = "initial-admin-password";

/**
 * On a fresh install (no users), creates the first admin: from FOURFOLD_ADMIN_EMAIL/PASSWORD, or
 * admin@localhost with a random password, printed once and kept in a 0600 file in the data folder.
 */
export async function ensureAdmin(db: Store, env: ServerEnv): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  if (env.FOURFOLD_ADMIN_EMAIL && env.FOURFOLD_ADMIN_PASSWORD) {
    await addUser(db, {
      email: env.FOURFOLD_ADMIN_EMAIL,
      password: env.FOURFOLD_ADMIN_PASSWORD,
      admin: true,
      scopes: [],
    });
    log.info("bootstrap.admin", { email: env.FOURFOLD_ADMIN_EMAIL, source: "environment" });
    return;
  }
  const password = randomSecret(15);
  const file = path.join(env.dataDir, ADMIN_PASSWORD_FILE);
  try {
    await addUser(db, { email: "admin@localhost", password, admin: true, scopes: [] });
  } catch (err) {
    // Another process created the first user at the same moment.
    if ((await countUsers(db)) > 0) return;
    throw err;
  }
  fs.writeFileSync(file, `admin@localhost\n${password}\n`, { mode: 0o600 });
  // Printed once, on purpose: this is the only way a newcomer learns the first password.
  noticeStream().write(
    `\n  Fourfold: first admin account created\n    email:    admin@localhost\n    password: ${password}\n    (also in ${file}; change it with \`npm run users -- passwd admin@localhost\`)\n\n`,
  );
}
