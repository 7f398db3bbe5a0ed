import "server-only";
import fs from "node:fs";
import type { Store } from "@/lib/store";

// Export files kept in the store (PostgreSQL, where several instances serve the same jobs): the
// worker writes the file locally as on SQLite, then copies it into `export_files` in parts, in the
// transaction that completes the job; a download reads the parts back one at a time.

/** Bytes per stored part: a download holds one part in memory at a time. */
export const PART_BYTES = 512 * 1024;

/** Copies the local file into the store as the job's parts (inside the caller's transaction). */
export async function storeArtifact(trx: Store, jobId: string, file: string): Promise<void> {
  const handle = await fs.promises.open(file, "r");
  try {
    await trx.deleteFrom("export_files").where("job_id", "=", jobId).execute();
    for (let part = 0; ; part++) {
      const buffer = Buffer.alloc(PART_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, PART_BYTES, null);
      // An empty file is still one (empty) part, so that "no parts" always means "gone".
      if (bytesRead === 0 && part > 0) break;
      await trx
        .insertInto("export_files")
        .values({ job_id: jobId, part, bytes: buffer.subarray(0, bytesRead) })
        .execute();
      if (bytesRead < PART_BYTES) break;
    }
  } finally {
    await handle.close();
  }
}

/** Whether the store holds the job's file. */
export async function hasStoredArtifact(db: Store, jobId: string): Promise<boolean> {
  const row = await db
    .selectFrom("export_files")
    .select("part")
    .where("job_id", "=", jobId)
    .where("part", "=", 0)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The job's stored file of `sizeBytes` bytes, part after part. A part missing before the end (the
 * file expired during the download) ends the stream with an error, never a short file.
 */
export async function* storedArtifact(db: Store, jobId: string, sizeBytes: number): AsyncGenerator<Buffer> {
  let sent = 0;
  for (let part = 0; sent < sizeBytes; part++) {
    const row = await db
      .selectFrom("export_files")
      .select("bytes")
      .where("job_id", "=", jobId)
      .where("part", "=", part)
      .executeTakeFirst();
    if (!row || row.bytes.length === 0) throw new Error(`export file ${jobId} ended at ${sent} of ${sizeBytes} bytes`);
    sent += row.bytes.length;
    yield Buffer.from(row.bytes);
  }
}
