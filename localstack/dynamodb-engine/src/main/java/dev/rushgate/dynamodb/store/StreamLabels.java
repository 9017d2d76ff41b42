package dev.rushgate.dynamodb.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A stream's label, as DynamoDB makes it: the time the stream was enabled, to the millisecond. */
final class StreamLabels {
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private StreamLabels() {}

    static String of(Instant enabled) {
        return LABEL.format(enabled);
    }
}
