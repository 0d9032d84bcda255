import { printable } from "@atlas-snapshots/client";
import type { TenantSnapshot } from "@atlas-snapshots/types";

export const CSV_COLUMNS = ["id", "status", "mongoDBVersion", "scheduledTime", "startTime", "finishTime"] as const;

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes. */
export function csvField(value: unknown): string {
  // Server text: control characters escaped (line breaks stay, quoted as RFC 4180 says).
  const text = value === undefined || value === null ? "" : printable(String(value), { keep: "\r\n" });
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CRLF-terminated record (RFC 4180 line breaks). */
export const csvRecord = (fields: readonly unknown[]) => `${fields.map(csvField).join(",")}\r\n`;

export const csvHeader = () => csvRecord(CSV_COLUMNS);

export const csvSnapshot = (snapshot: TenantSnapshot) => csvRecord(CSV_COLUMNS.map((column) => snapshot[column]));
