package livechat.engine;

/**
 * Marks the messages, events and snapshots that Pekko serializes with Jackson CBOR: everything that
 * is persisted or crosses the network. Bound in this module's {@code reference.conf}.
 */
public interface CborSerializable {}
