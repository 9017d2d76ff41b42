package dev.rushgate.votes.domain;

import java.net.URI;

/** Where fired alerts go: the Kafka topic {@code alerts}, and the poll's webhook when it has one. */
public interface AlertChannel {

    /** Appends the alert to the alerts topic; throws when it could not, so it stays in the outbox. */
    void publish(FiredAlert alert);

    /** Posts the alert to a Slack-compatible webhook; throws unless it answered 2xx. */
    void notify(FiredAlert alert, String question, URI webhookUrl);
}
