package dev.rushgate.ops.domain;

/** Where operators are told: their Slack-compatible webhook, when one is configured. */
public interface AdminChannel {

    /** False when the operators have configured no webhook: alerts are then only logged. */
    boolean configured();

    /** Posts the alert; throws {@link NotTaken} unless the webhook answered 2xx in time. */
    void send(AdminAlert alert);

    /** The webhook did not take the alert (no answer, or not a 2xx): it is tried again later. */
    final class NotTaken extends RuntimeException {
        public NotTaken(String message) {
            super(message);
        }
    }
}
