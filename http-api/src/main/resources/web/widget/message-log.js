// The conversation's messages as the visitor sees them: stored ones in seq order, each seq once,
// then the visitor's own still pending, in the order they were written. No DOM, no network.

export class MessageLog {
  messages = [];
  lastSeq = 0; // every message up to this seq is here
  highestSeq = 0;
  #seqs = new Set();
  #order = 0;

  /** Some message arrived after one that did not. */
  get hasGap() {
    return this.highestSeq > this.lastSeq;
  }

  has(seq) {
    return this.#seqs.has(seq);
  }

  pending(clientMessageId) {
    return this.messages.find((m) => m.pending && m.clientMessageId === clientMessageId);
  }

  /** A message the visitor wrote, pending until the server stores it. */
  addOwn(text, clientMessageId, displayName) {
    const message = {
      clientMessageId,
      text,
      at: new Date().toISOString(),
      author: { kind: 'visitor', displayName: displayName || null },
      mine: true,
      pending: true,
      error: null,
      order: ++this.#order,
    };
    this.messages.push(message);
    return message;
  }

  /** A stored message (history or socket); false when its seq is already here. */
  add(m) {
    if (typeof m.seq !== 'number' || this.#seqs.has(m.seq)) return false;
    const fields = {
      seq: m.seq,
      text: m.text,
      at: m.at,
      author: m.author || { kind: 'system' },
      clientMessageId: m.clientMessageId || null,
    };
    const own = m.clientMessageId ? this.pending(m.clientMessageId) : null;
    if (own) Object.assign(own, fields, { pending: false, error: null });
    else this.messages.push({ ...fields, mine: fields.author.kind === 'visitor', pending: false, error: null, order: ++this.#order });
    this.#note(m.seq);
    return true;
  }

  /** The server acknowledged a pending message as `seq`; false when nothing changed. */
  confirm(clientMessageId, seq) {
    const message = this.pending(clientMessageId);
    if (!message || typeof seq !== 'number') return false;
    if (this.#seqs.has(seq)) this.messages.splice(this.messages.indexOf(message), 1);
    else {
      Object.assign(message, { seq, pending: false, error: null });
      this.#note(seq);
    }
    return true;
  }

  clear() {
    this.messages = [];
    this.#seqs.clear();
    this.lastSeq = this.highestSeq = 0;
  }

  #note(seq) {
    this.#seqs.add(seq);
    this.highestSeq = Math.max(this.highestSeq, seq);
    while (this.#seqs.has(this.lastSeq + 1)) this.lastSeq += 1;
    this.messages.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.order - b.order);
  }
}
