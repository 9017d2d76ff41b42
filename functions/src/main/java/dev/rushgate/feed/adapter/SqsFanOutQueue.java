package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.FanOutQueue;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The {@code fan-out-pages} queue: one JSON message per page of a post's followers. */
public final class SqsFanOutQueue implements FanOutQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsFanOutQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(Page page) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(page)));
    }
}
