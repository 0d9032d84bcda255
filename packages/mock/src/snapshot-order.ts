// The one order pages come in (spec: oldest scheduledTime first, as recorded Atlas
// listings come; ties by id ascending, our choice). Written to tolerate raw entries
// stored for negative tests, which may lack either field.
import { utcMillis } from "./utc-date-time.js";

function field(value: unknown, key: "scheduledTime" | "id"): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function compareSnapshots(a: unknown, b: unknown): number {
  const ta = utcMillis(field(a, "scheduledTime"));
  const tb = utcMillis(field(b, "scheduledTime"));
  // Entries without a valid time go last, in a stable place.
  const byTime = (Number.isNaN(ta) ? Infinity : ta) - (Number.isNaN(tb) ? Infinity : tb);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  const ia = String(field(a, "id") ?? "");
  const ib = String(field(b, "id") ?? "");
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
