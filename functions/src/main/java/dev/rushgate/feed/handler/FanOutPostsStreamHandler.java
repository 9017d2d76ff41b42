package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.FanOutPost;
import dev.rushgate.platform.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.List;
import java.util.Map;

/**
 * Starts the fan-out of the posts the posts stream shows published (the event source's filter passes only those):
 * the first page of each one's followers goes to {@code fan-out-pages}. A record that fails is reported, so the stream
 * retries from it and, after its bounded retries, describes it on {@code posts-failed}.
 */
public final class FanOutPostsStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutPostsStreamHandler.class);

    private final FanOutPost fanOutPost;

    public FanOutPostsStreamHandler() {
        this(FeedWiring.fanOutPost());
    }

    public FanOutPostsStreamHandler(FanOutPost fanOutPost) {
        this.fanOutPost = fanOutPost;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int started = 0;
            for (var record : event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of()
                    : event.getRecords()) {
                try {
                    if (fanOutPost.start(record.getDynamodb().getKeys().get("postId").getS()).isPresent()) started++;
                } catch (RuntimeException e) {
                    LOG.warn("fan-out not started, retried from here: {}", e.toString());
                    Telemetry.count(Map.of("FanOutsStarted", started, "FanOutsNotStarted", 1));
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                            record.getDynamodb().getSequenceNumber())));
                }
            }
            Telemetry.count(Map.of("FanOutsStarted", started));
            return new StreamsEventResponse(List.of());
        });
    }
}
