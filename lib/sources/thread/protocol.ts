// The messages between the request thread and the sources' thread (entry.ts).
import type { Admission, Arrival } from "../arrival";
import type { EventFilter } from "../events";
import type { ReplayOutcome } from "../mapper";

export type MapperRequest =
  | { op: "admit"; items: { id: number; arrival: Arrival }[] }
  | { id: number; op: "idle" }
  | { id: number; op: "replay"; filter: EventFilter }
  | { id: number; op: "stop" }
  | { op: "kick" };

export interface MapperValue {
  admit: Admission;
  idle: undefined;
  replay: ReplayOutcome;
  stop: undefined;
}

export type MapperReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** The answers of one message of admits come back together, in one message. */
export type MapperMessage = MapperReply | { replies: MapperReply[] };
