// Lists that grow with the input (URL notices, CSV errors, golden-file problems) keep at most
// MAX_LISTED entries and count the rest, so a hostile input cannot make the page render 100k lines.

/** Entries listed before "and N more". */
export const MAX_LISTED = 20;

export class LimitedList<T> {
  private readonly kept: T[] = [];
  private extra = 0;

  constructor(readonly max: number = MAX_LISTED) {}

  add(item: T): void {
    if (this.kept.length < this.max) this.kept.push(item);
    else this.extra++;
  }

  /** the first `max` entries */
  get items(): readonly T[] {
    return this.kept;
  }

  /** how many were added beyond `max` */
  get more(): number {
    return this.extra;
  }

  get total(): number {
    return this.kept.length + this.extra;
  }
}

/** "and 4,980 more" (or null when nothing was left out). */
export function moreLine(more: number): string | null {
  return more > 0 ? `… and ${more.toLocaleString('en-US')} more` : null;
}

/** At most `max` lines, then one "… and N more" line for the rest. */
export function limitLines(lines: readonly string[], max = MAX_LISTED, alreadyLeftOut = 0): string[] {
  const kept = lines.slice(0, max);
  const more = moreLine(Math.max(0, lines.length - max) + alreadyLeftOut);
  return more ? [...kept, more] : kept;
}
