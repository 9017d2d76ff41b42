package dev.rushgate.platform;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An SQS batch handled message by message, each on its own, as Lambda's partial batch responses expect: a message whose
 * handling throws is reported alone, so it comes back after the visibility timeout (and reaches the queue's DLQ after
 * its maxReceiveCount) while the others are deleted.
 */
public final class SqsBatches {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatches.class);

    private SqsBatches() {}

    /** Hands each message to {@code handle}; {@code what} names it in the log line of one that fails. */
    public static SQSBatchResponse eachAlone(SQSEvent event, String what, Consumer<SQSEvent.SQSMessage> handle) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of()
                : event.getRecords()) {
            try {
                handle.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("{} not handled, left for redelivery: {}", what, e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId())
                        .build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
