import type { TenantSnapshot } from "@atlas-snapshots/types";
import { type Paint, statusFormat } from "./color.js";
import { type Cell, renderTable } from "./render-table.js";

const HEADER = ["ID", "STATUS", "MONGODB", "SCHEDULED", "STARTED", "FINISHED"];

/** The `table` output: one aligned row per snapshot, status coloured when `paint` colours. */
export function renderSnapshotTable(snapshots: readonly TenantSnapshot[], paint: Paint): string {
  const rows = snapshots.map((s): Cell[] => {
    const format = statusFormat(s.status);
    const status: Cell = format ? { text: s.status, paint: (text) => paint(format, text) } : s.status;
    return [s.id, status, s.mongoDBVersion, s.scheduledTime, s.startTime ?? "-", s.finishTime ?? "-"];
  });
  const header = HEADER.map((title): Cell => ({ text: title, paint: (text) => paint("bold", text) }));
  return renderTable(header, rows);
}
