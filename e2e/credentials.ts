import fs from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "../playwright.config";

/** The first admin as a fresh install makes it: admin@localhost, password in the data folder. */
export function admin(): { email: string; password: string } {
  const [email, password] = fs.readFileSync(path.join(E2E_DATA_DIR, "initial-admin-password"), "utf8").split("\n");
  return { email: email!, password: password! };
}
