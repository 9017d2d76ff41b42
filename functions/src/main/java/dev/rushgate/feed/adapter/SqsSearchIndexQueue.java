package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.SearchIndexQueue;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/** The {@code index-posts} queue: {@code {"postId"}} per post whose searchability may have changed. */
public final class SqsSearchIndexQueue implements SearchIndexQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSearchIndexQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String postId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("postId", postId))));
    }
}
