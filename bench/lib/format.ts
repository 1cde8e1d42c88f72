// Numbers for tables: about three significant digits, '—' for what was not measured.
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a < 1) return x.toFixed(3);
  if (a < 10) return x.toFixed(2);
  if (a < 1000) return x.toFixed(1);
  return Math.round(x).toString();
}
