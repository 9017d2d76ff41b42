package dev.rushgate.tickets.adapter;

import dev.rushgate.model.PaymentRequested;
import dev.rushgate.platform.Json;
import dev.rushgate.tickets.domain.PaymentQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The payments queue on SQS; its consumer is idempotent, so a message sent twice charges once. */
public final class SqsPaymentQueue implements PaymentQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsPaymentQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String orderId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(new PaymentRequested(orderId))));
    }
}
