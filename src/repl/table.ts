// Aligned tables for the terminal (status, stats): a row per peer, columns given by the caller, fitted to a width.

export interface Column<R> {
  /** Wrapped at spaces like any cell when the column is narrowed. */
  header: string;
  value: (row: R) => string;
  /** Numbers read best right-aligned (default left). */
  align?: 'left' | 'right';
}

/** Space between columns. */
const GAP = '  ';
/** A cell's longest list item (a header's longest word) decides how narrow its column may get, up to this. */
const MAX_WORD = 24;

/**
 * The table's lines, at most `width` characters each where the columns allow: wide cells wrap at spaces onto more
 * lines, the widest column first; columns that still do not fit go to another block below, which repeats the first
 * `keyColumns` columns (the peer) so every row can be read.
 */
export function table<R>(columns: readonly Column<R>[], rows: readonly R[], width: number, keyColumns = 1): string[] {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const natural = columns.map((column, c) => Math.max(column.header.length, ...cells.map((row) => row[c]!.length)));
  const narrowest = columns.map((column, c) =>
    Math.min(natural[c]!, Math.max(longest(column.header.split(' ')), ...cells.map((row) => longest(pieces(row[c]!))))),
  );
  const keys = columns.slice(0, keyColumns).map((_, c) => c);
  const blocks: number[][] = [];
  let block = [...keys];
  const fits = (cols: number[]) => cols.reduce((sum, c) => sum + narrowest[c]!, 0) + GAP.length * (cols.length - 1);
  for (let c = keyColumns; c < columns.length; c++) {
    if (block.length > keys.length && fits([...block, c]) > width) {
      blocks.push(block);
      block = [...keys];
    }
    block.push(c);
  }
  blocks.push(block);

  const out: string[] = [];
  for (const [b, cols] of blocks.entries()) {
    if (b > 0) out.push('');
    const widths = narrowTo(
      cols.map((c) => natural[c]!),
      cols.map((c) => narrowest[c]!),
      width - GAP.length * (cols.length - 1),
    );
    const render = (texts: string[]) => {
      const wrapped = texts.map((text, i) => wrap(text, widths[i]!));
      const height = Math.max(...wrapped.map((lines) => lines.length));
      for (let line = 0; line < height; line++) {
        const parts = cols.map((c, i) => {
          const text = wrapped[i]![line] ?? '';
          return columns[c]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        });
        out.push(parts.join(GAP).trimEnd());
      }
    };
    render(cols.map((c) => columns[c]!.header));
    out.push(widths.map((w) => '-'.repeat(w)).join(GAP));
    for (const row of cells) render(cols.map((c) => row[c]!));
  }
  return out;
}

/** Column widths whose sum is at most `total`, narrowing the widest first, none below its narrowest. */
function narrowTo(natural: number[], narrowest: number[], total: number): number[] {
  const widths = [...natural];
  let excess = widths.reduce((a, b) => a + b, 0) - total;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++)
      if (widths[i]! > narrowest[i]! && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
    if (widest === -1) break; // no narrower: the lines are longer than the width
    widths[widest]!--;
    excess--;
  }
  return widths;
}

/** The pieces a cell breaks into: the items of a list ("2067 (3 KiB), 0012 (1 KiB)"), else its words. */
function pieces(text: string): string[] {
  return text.split(/(?<=,) /);
}

function longest(words: readonly string[]): number {
  return Math.min(MAX_WORD, Math.max(0, ...words.map((word) => word.length)));
}

/** `text` in lines of at most `width`, broken after a list's commas, else at spaces; a longer word is cut. */
export function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  const add = (piece: string) => {
    if (line === '') line = piece;
    else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  };
  for (const piece of pieces(text)) {
    if (piece.length <= width) {
      add(piece);
      continue;
    }
    for (let word of piece.split(' ')) {
      while (word.length > width) {
        if (line !== '') lines.push(line);
        line = '';
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (word !== '') add(word);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
