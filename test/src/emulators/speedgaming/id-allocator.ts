/** Kinds of SG object that carry their own integer id sequence. */
export type IdKind = 'event' | 'episode' | 'match' | 'person' | 'channel';

// Starting points echo the reference's example ids so fixtures look like live data.
const FIRST_ID: Record<IdKind, number> = {
  event: 9101,
  episode: 500001,
  match: 900001,
  person: 5001,
  channel: 7001,
};

/** Hands out increasing integer ids per kind, skipping ids a test chose explicitly. */
export class IdAllocator {
  private readonly next: Record<IdKind, number> = { ...FIRST_ID };

  /** The next unused id of `kind`. */
  take(kind: IdKind): number {
    const id = this.next[kind];
    this.next[kind] = id + 1;
    return id;
  }

  /** Records an id a test supplied so later generated ids never collide with it. */
  claim(kind: IdKind, id: number): number {
    if (id >= this.next[kind]) this.next[kind] = id + 1;
    return id;
  }
}
