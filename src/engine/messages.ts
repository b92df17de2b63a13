/**
 * Every message the applications sent, in columns (typed arrays) so a million
 * of them stay small and fast. A message id is its row; within one producer,
 * ids grow in send order, which is what ordering per key is checked against.
 */
export const enum SendStatus {
  Pending = 0,
  /** The send callback reported success (acks=0: as soon as it left the client). */
  Acked = 1,
  /** The callback reported an error; the application knew. */
  Failed = 2,
  /** The producer process died with the record still in its buffer; nobody was told. */
  Dropped = 3,
}

export class MessageTable {
  size = 0;
  producer = new Int16Array(1024);
  key = new Int32Array(1024); // -1: no key
  partition = new Int32Array(1024);
  sentAt = new Float64Array(1024);
  status = new Uint8Array(1024);
  ackedAt = new Float64Array(1024);
  ackBroker = new Int16Array(1024);
  ackOffset = new Float64Array(1024);
  /** Trace index of the event that settled the send (ack or error). */
  settleCause = new Int32Array(1024);
  error: (string | undefined)[] = [];
  /** The message was resent by the application after a failure. */
  resends = new Uint16Array(1024);
  /** The restarted application sent it again because it had never been acknowledged. */
  restartResends = new Uint16Array(1024);
  /** How many messages have restartResends > 0 (a count the observer reads without a scan). */
  restartResent = 0;

  add(producer: number, key: number, partition: number, sentAt: number): number {
    if (this.size === this.producer.length) this.grow();
    const id = this.size++;
    this.producer[id] = producer;
    this.key[id] = key;
    this.partition[id] = partition;
    this.sentAt[id] = sentAt;
    this.status[id] = SendStatus.Pending;
    this.ackedAt[id] = -1;
    this.ackBroker[id] = -1;
    this.ackOffset[id] = -1;
    this.settleCause[id] = -1;
    return id;
  }

  private grow(): void {
    const n = this.producer.length * 2;
    const g = <T extends Int16Array | Int32Array | Float64Array | Uint8Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.producer = g(this.producer);
    this.key = g(this.key);
    this.partition = g(this.partition);
    this.sentAt = g(this.sentAt);
    this.status = g(this.status);
    this.ackedAt = g(this.ackedAt);
    this.ackBroker = g(this.ackBroker);
    this.ackOffset = g(this.ackOffset);
    this.settleCause = g(this.settleCause);
    this.resends = g(this.resends);
    this.restartResends = g(this.restartResends);
  }
}
