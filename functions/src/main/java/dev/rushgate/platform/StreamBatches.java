package dev.rushgate.platform;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * A DynamoDB stream batch handled record by record, in order, as Lambda's partial batch responses expect: the first
 * record whose handling throws is reported by its sequence number, so the stream retries from it (bisecting, within
 * its bounded retries) and the records before it, done already, are not sent again.
 */
public final class StreamBatches {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBatches.class);

    private StreamBatches() {}

    /** Hands each record's string key {@code keyAttribute} to {@code handle}, in order, until one throws. */
    public static StreamsEventResponse inOrder(DynamodbEvent event, String keyAttribute, Consumer<String> handle) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (var record : records) {
            try {
                handle.accept(record.getDynamodb().getKeys().get(keyAttribute).getS());
            } catch (RuntimeException e) {
                LOG.warn("stream record not handled, retried from here: {}", e.toString());
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                        record.getDynamodb().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
