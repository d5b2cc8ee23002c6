export const ROWS = 1000;

export function makeRows(count = ROWS) {
  const rows = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = { id: i, label: `Row ${i}`, count: 0, selected: false };
  return rows;
}

/** Every row changes: a new count and label, as a refresh from a server would deliver. */
export function touchAll(rows, round) {
  return rows.map((row) => ({ ...row, label: `Row ${row.id} · ${round}`, count: row.count + 1 }));
}
