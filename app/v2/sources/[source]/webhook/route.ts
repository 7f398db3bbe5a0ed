// POST /v2/sources/{source}/webhook – take a signed delivery into the event log (mapped after the answer)
import { sourceWebhook } from "@/lib/runtime";

export const POST = sourceWebhook;
