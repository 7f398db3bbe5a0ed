// The engine's background threads (the store writer, the export worker) run at a lower CPU priority
// than the request thread: on a machine whose cores are all busy, a poll is then answered at once
// and the background work takes the time the requests leave. Linux gives each thread a nice value
// of its own; elsewhere, or when the system refuses, the thread keeps the process's priority.
import fs from "node:fs";
import os from "node:os";

/** Nice steps below the request thread: the writer yields the most, as a batch can wait. */
export const WRITER_NICE = 10;
/** Exports come before batches when both want the CPU: a small export should not wait for them. */
export const EXPORT_WORKER_NICE = 5;

/**
 * Sets the calling thread's priority `steps` nice steps below the request thread's (the process's
 * main thread), at most to 19; true when it did. Counted from the main thread, not from the calling
 * thread's own: a thread starts with the nice value of the thread that started it, so the writer's
 * reader would otherwise end `steps` below the writer.
 */
export function lowerThreadPriority(steps: number): boolean {
  try {
    const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, Math.min(19, os.getPriority(process.pid) + steps));
    return true;
  } catch {
    return false;
  }
}
