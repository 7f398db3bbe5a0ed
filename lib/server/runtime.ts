// Moved: the composition root lives in lib/runtime.
export * from "@/lib/runtime/runtime";
