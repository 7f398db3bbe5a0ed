import { describe, expect, it } from "vitest";
import { emailSchema } from "./email";

describe("emailSchema", () => {
  it.each([
    ["admin@localhost", "admin@localhost"],
    ["Manager@Example.com", "manager@example.com"],
    ["  a.b+c@d.example ", "a.b+c@d.example"],
  ])("accepts %j", (input, out) => expect(emailSchema.parse(input)).toBe(out));

  it.each(["", "admin", "@localhost", "admin@", "a b@c.d", "a@b@c"])("refuses %j", (input) => {
    expect(emailSchema.safeParse(input).success).toBe(false);
  });
});
