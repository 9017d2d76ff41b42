package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimQueue;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Accepted claims onto the SQS claims queue, one JSON message each. */
public final class SqsClaimQueue implements ClaimQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsClaimQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(ClaimAccepted claim) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(claim)));
    }
}
