package dev.rushgate.votes.adapter;

import dev.rushgate.platform.Json;
import dev.rushgate.votes.domain.AlertChannel;
import dev.rushgate.votes.domain.FiredAlert;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * Alerts as {@code channel} sends them, and each published one also told to the operators: the same
 * {@link dev.rushgate.model.PollAlertFired} the alerts topic carries, sent to the {@code admin-alerts} queue before it
 * is published. A failed send throws, so the alert stays in the outbox and is sent again with its id (the topic's
 * readers and the operators' consumer each drop a repeat by that id).
 */
public final class AdminCopyAlertChannel implements AlertChannel {
    private final AlertChannel channel;
    private final SqsClient sqs;
    private final String queueUrl;

    public AdminCopyAlertChannel(AlertChannel channel, SqsClient sqs, String queueUrl) {
        this.channel = channel;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(FiredAlert alert) {
        // The operators' copy first: publishing to the topic stays the last step before the outbox lets the alert go,
        // so a sender killed in between publishes to the topic again no more often than before. A repeated copy is
        // dropped by the operators' consumer.
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(KafkaAlertChannel.event(alert))));
        channel.publish(alert);
    }

    @Override
    public void notify(FiredAlert alert, String question, URI webhookUrl) {
        channel.notify(alert, question, webhookUrl);
    }
}
