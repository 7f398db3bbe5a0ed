// Moved: the session wrapper lives in lib/runtime.
export * from "@/lib/runtime/session";
