// The bound on ingestion batches in the server: a batch holds a place from before its body is
// read until it is written, so a burst of writers cannot pile bodies up in memory. When every place
// is taken the answer is 429 with a Retry-After, at once.

export class Admission {
  private taken = 0;
  private batchMs = 1000;

  constructor(readonly places: number) {}

  /** A place, released by calling the function returned (once), or null when all are taken. */
  enter(): (() => void) | null {
    if (this.taken >= this.places) return null;
    this.taken++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken--;
    };
  }

  /** Records how long a batch took in the writer, for the Retry-After estimate. */
  observe(ms: number): void {
    this.batchMs += (ms - this.batchMs) * 0.2;
  }

  /** Whole seconds until a place is likely free: about one batch, at least 1. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.batchMs / 1000));
  }

  get inUse(): number {
    return this.taken;
  }
}
