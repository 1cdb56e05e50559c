/** What the slot needs of a kafkajs producer. */
export interface SlotProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

// The broker no longer accepts this producer id's sequence numbers: after a broker crash, or a request
// that timed out on the client but was appended, every later send of the producer is refused the same
// way. Only a new producer (a new id, sequences from 0) gets through again.
const DESYNCED = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH']);

/** Whether a send failed because the broker refuses the producer's idempotence state (searched through causes). */
export function isProducerDesynced(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const { type, cause, originalError } = current as {
      type?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof type === 'string' && DESYNCED.has(type)) return true;
    current = cause ?? originalError;
  }
  return false;
}

/**
 * The bus's one connected producer, made on first use and shared by every send. A failed connect is
 * forgotten, so the next send tries again; a producer the broker refuses for its sequence numbers is
 * replaced, so publishing recovers by itself (the failed send stays the caller's to retry).
 */
export class ProducerSlot<P extends SlotProducer> {
  private current: Promise<P> | undefined;
  /** The producer `current` resolved to, once connected. */
  private connected: P | undefined;

  constructor(
    private readonly create: () => P,
    private readonly onReplaced: (error: unknown) => void = () => undefined,
  ) {}

  /** The connected producer. */
  get(): Promise<P> {
    if (this.current !== undefined) return this.current;
    const producer = this.create();
    const connecting = producer.connect().then(() => {
      if (this.current === connecting) this.connected = producer;
      return producer;
    });
    this.current = connecting;
    connecting.catch(() => {
      if (this.current === connecting) this.current = undefined;
    });
    return connecting;
  }

  /** Called with a send's error: a desynced producer is dropped (and disconnected) for a new one. */
  failed(producer: P, error: unknown): void {
    // Another send may have replaced it already; only the producer that failed goes, once.
    if (!isProducerDesynced(error) || this.connected !== producer) return;
    this.current = undefined;
    this.connected = undefined;
    this.onReplaced(error);
    void producer.disconnect().catch(() => undefined);
  }

  /** Disconnects the producer, if one was made; the next `get` makes a new one. */
  async close(): Promise<void> {
    const producer = this.current;
    this.current = undefined;
    this.connected = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }
}
