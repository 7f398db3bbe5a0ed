import fs from "node:fs";
import path from "node:path";
import { suiteServer } from "./suite";

/** The first admin as a fresh install makes it: admin@localhost, password in the data folder. */
export function admin(): { email: string; password: string } {
  const [email, password] = fs
    .readFileSync(path.join(suiteServer().dataDir, "initial-admin-password"), "utf8")
    .split("\n");
  return { email: email!, password: password! };
}
