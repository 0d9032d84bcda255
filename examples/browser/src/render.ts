// DOM output. Text goes in with textContent only: nothing from a response is parsed as HTML.
import { AtlasApiError } from "@atlas-snapshots/client";
import type { TenantSnapshot } from "@atlas-snapshots/types";

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

export function showWhere(text: string): void {
  $("#where").textContent = text;
}

export function showStatus(state: "loading" | "done" | "error", text: string): void {
  const status = $("#status");
  status.dataset.state = state;
  status.textContent = text;
}

const cell = (text: string | undefined, className?: string) => {
  const td = document.createElement("td");
  td.textContent = text ?? "—";
  if (className) td.className = className;
  return td;
};

export function addSnapshotRow(snapshot: TenantSnapshot, highlight: boolean): void {
  const table = $<HTMLTableElement>("#snapshots");
  table.hidden = false;
  const row = document.createElement("tr");
  row.dataset.id = snapshot.id;
  if (highlight) row.className = "highlight";
  row.append(
    cell(snapshot.id, "id"),
    cell(snapshot.status, snapshot.status),
    cell(snapshot.mongoDBVersion),
    cell(snapshot.scheduledTime),
    cell(snapshot.startTime),
    cell(snapshot.finishTime),
  );
  table.tBodies[0]?.append(row);
}

/** A readable error: the class, Atlas's errorCode and status when there are any, and the message. */
export function showError(error: unknown): void {
  const box = $("#error");
  const fields: [string, string, string | undefined][] = [["Error", "name", (error as Error)?.name ?? typeof error]];
  if (error instanceof AtlasApiError) {
    fields.push(
      ["HTTP status", "status", String(error.status)],
      ["Atlas errorCode", "errorCode", error.errorCode],
      ["Request id", "requestId", error.requestId],
    );
  }
  fields.push(["Message", "message", error instanceof Error ? error.message : String(error)]);
  const list = document.createElement("dl");
  for (const [label, key, value] of fields) {
    if (value === undefined) continue;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.dataset.field = key;
    dd.textContent = value;
    list.append(dt, dd);
  }
  box.replaceChildren(list);
  box.hidden = false;
}
