/** A growable list of message ids (an Int32Array and a length, plain data): no boxing for a million of them. */
export interface Ids {
  a: Int32Array;
  length: number;
}

export const newIds = (): Ids => ({ a: new Int32Array(64), length: 0 });

export function pushId(ids: Ids, id: number): void {
  if (ids.length === ids.a.length) {
    const b = new Int32Array(ids.a.length * 2);
    b.set(ids.a);
    ids.a = b;
  }
  ids.a[ids.length++] = id;
}
