/** A cell: plain text, or text with a painter (colour codes are added after measuring, so widths stay right). */
export type Cell = string | { text: string; paint: (text: string) => string };

import { printable } from "@atlas-snapshots/client";

/** Cells hold server text: control characters are escaped before measuring and printing. */
const textOf = (cell: Cell) => printable(typeof cell === "string" ? cell : cell.text);

/**
 * Left-aligned columns two spaces apart, trailing spaces trimmed. Widths count
 * UTF-16 code units, which is right for the ASCII this tool prints.
 */
export function renderTable(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(textOf(title).length, ...rows.map((row) => textOf(row[i] ?? "").length)),
  );
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, i) => {
        const text = textOf(cell);
        const padding = " ".repeat((widths[i] ?? 0) - text.length);
        return (typeof cell === "string" ? text : cell.paint(text)) + padding;
      })
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `${l}\n`).join("");
}
