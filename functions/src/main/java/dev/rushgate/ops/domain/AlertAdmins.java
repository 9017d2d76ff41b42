package dev.rushgate.ops.domain;

/**
 * Tells the operators about one alarm or alert: posts it to their webhook once, however many copies arrive. A post
 * that fails (or finds another copy being posted) throws {@link AdminChannel.NotTaken}: the message comes back later,
 * put off longer each time, and after its queue's tries waits in the dead-letter queue.
 */
public final class AlertAdmins {

    public enum Outcome { SENT, ALREADY_SENT, NO_WEBHOOK }

    private final AdminChannel channel;
    private final SentAlerts sent;

    public AlertAdmins(AdminChannel channel, SentAlerts sent) {
        this.channel = channel;
        this.sent = sent;
    }

    public Outcome alert(AdminAlert alert) {
        if (!channel.configured()) return Outcome.NO_WEBHOOK;
        switch (sent.begin(alert.id())) {
            case ALREADY_SENT -> {
                return Outcome.ALREADY_SENT;
            }
            case BUSY -> throw new AdminChannel.NotTaken("another copy of " + alert.id() + " is being posted");
            case BEGUN -> { }
        }
        try {
            channel.send(alert);
        } catch (RuntimeException e) {
            sent.failed(alert.id());
            throw e;
        }
        sent.sent(alert.id());
        return Outcome.SENT;
    }
}
