/** A delivery's event type and id, as its source names them (or why they cannot be named). */
export type Described =
  | { ok: true; type: string; deliveryId: string | null }
  | { ok: false; field: string; message: string; summary: string };
