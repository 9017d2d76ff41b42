package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Refresh;
import dev.rushgate.feed.domain.RefreshQueue;
import dev.rushgate.feed.domain.RefreshUpstream;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Randomness;
import dev.rushgate.platform.SqsBatches;
import dev.rushgate.platform.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Duration;
import java.util.Map;

/**
 * Refreshes cached upstream entries, one per message. A refresh that cannot happen now (the upstream is open, or
 * failed all its tries) is put off: its message is made invisible for longer on each receive (4 s, doubling, with
 * jitter, and at least until the upstream's breaker closes), then reported failed. After the queue's maxReceiveCount
 * it waits in the DLQ, which the dead-letter view lists and redrives; and since its refresh mark expires, the next
 * reader of that entry asks again anyway.
 */
public final class RefreshUpstreamSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshUpstreamSqsHandler.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(4);
    /** SQS's longest visibility timeout is 12 h; an hour is plenty between tries at a user's profile. */
    static final Duration LONGEST_DELAY = Duration.ofHours(1);

    private final RefreshUpstream refreshUpstream;
    private final RefreshQueue queue;

    public RefreshUpstreamSqsHandler() {
        this(FeedWiring.refreshUpstream(), FeedWiring.refreshQueue());
    }

    public RefreshUpstreamSqsHandler(RefreshUpstream refreshUpstream, RefreshQueue queue) {
        this.refreshUpstream = refreshUpstream;
        this.queue = queue;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            SQSBatchResponse response = SqsBatches.eachAlone(event, "upstream refresh", message -> {
                try {
                    refreshUpstream.refresh(Json.read(message.getBody(), Refresh.class));
                } catch (RefreshUpstream.Later e) {
                    putOff(message, e.after());
                    throw e;
                }
            });
            int failed = response.getBatchItemFailures().size();
            Telemetry.count(Map.of("UpstreamRefreshed", event.getRecords().size() - failed,
                    "UpstreamRefreshesPutOff", failed));
            return response;
        });
    }

    /** Invisible for the receive's backoff, or until the upstream closes if that is later. */
    private void putOff(SQSEvent.SQSMessage message, Duration atLeast) {
        int receives = Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        Duration delay = delay(receives, atLeast);
        try {
            queue.putOff(message.getReceiptHandle(), delay);
        } catch (RuntimeException e) {
            // it comes back after the queue's own visibility timeout instead
            LOG.warn("could not put off a refresh: {}", e.toString());
        }
    }

    /** 4 s doubling per receive, plus up to half again of jitter; at least {@code atLeast}; at most an hour. */
    static Duration delay(int receives, Duration atLeast) {
        long base = FIRST_DELAY.toSeconds() << Math.min(Math.max(receives - 1, 0), 20);
        long seconds = base + Randomness.nextLong(base / 2 + 1);
        seconds = Math.max(seconds, atLeast.toSeconds() + 1);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_DELAY.toSeconds()));
    }

}
