// The messages between the request thread and the sources' thread (entry.ts).
import type { EventFilter, NewEvent } from "../events";
import type { ReplayOutcome } from "../mapper";

export type MapperRequest =
  | { id: number; op: "append"; event: NewEvent }
  | { id: number; op: "idle" }
  | { id: number; op: "replay"; filter: EventFilter }
  | { id: number; op: "stop" }
  | { op: "kick" };

export interface MapperValue {
  append: number | null;
  idle: undefined;
  replay: ReplayOutcome;
  stop: undefined;
}

export type MapperReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
