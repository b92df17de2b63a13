/** A growable list of message ids (an Int32Array and a length): no boxing for a million of them. */
export class Ids {
  a = new Int32Array(64);
  length = 0;

  push(id: number): void {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = id;
  }
}
