package dev.rushgate.platform;

import java.time.Duration;

/**
 * How long a consumer puts off a message that a third party did not take (a webhook): {@code first} doubling with each
 * receive, plus up to half again of jitter, never more than {@code longest}. Jittered so that a crowd of messages
 * refused together does not come back together.
 */
public final class PutOff {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PutOff.class);

    private PutOff() {}

    /** @param receives how many times SQS has handed the message out, this time included (1 on the first) */
    public static Duration delay(Duration first, Duration longest, int receives) {
        long base = first.toSeconds() << Math.min(Math.max(receives - 1, 0), 20);
        long seconds = base + Randomness.nextLong(base / 2 + 1);
        return Duration.ofSeconds(Math.min(seconds, longest.toSeconds()));
    }

    /**
     * Puts off a received message that was not taken: {@code change} makes it invisible for {@link #delay} by its
     * receive count. Should that fail, the message comes back after its queue's own visibility timeout instead.
     */
    public static void message(com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message, Duration first,
                               Duration longest, java.util.function.BiConsumer<String, Duration> change) {
        try {
            change.accept(message.getReceiptHandle(), delay(first, longest, receives(message.getAttributes())));
        } catch (RuntimeException e) {
            LOG.warn("could not put off message {}: {}", message.getMessageId(), e.toString());
        }
    }

    /** The receive count SQS gave the message ({@code ApproximateReceiveCount}), 1 when absent. */
    public static int receives(java.util.Map<String, String> attributes) {
        return Integer.parseInt(attributes == null ? "1" : attributes.getOrDefault("ApproximateReceiveCount", "1"));
    }
}
