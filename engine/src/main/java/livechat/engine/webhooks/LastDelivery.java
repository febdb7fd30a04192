package livechat.engine.webhooks;

import java.time.Instant;

/**
 * The last attempt to deliver an event to a webhook: when, and the receiver's HTTP status (0 when
 * the receiver could not be reached or did not answer in time).
 */
public record LastDelivery(Instant at, int status) {}
