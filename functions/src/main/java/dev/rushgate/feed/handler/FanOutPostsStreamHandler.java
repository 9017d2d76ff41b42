package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.FanOutPost;
import dev.rushgate.platform.StreamBatches;
import dev.rushgate.platform.Telemetry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/**
 * Starts the fan-out of the posts the posts stream shows published (the event source's filter passes only those):
 * the first page of each one's followers goes to {@code fan-out-pages}. A record that fails is reported, so the stream
 * retries from it and, after its bounded retries, describes it on {@code posts-failed}.
 */
public final class FanOutPostsStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
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
            int[] started = new int[1];
            var response = StreamBatches.inOrder(event, "postId", postId -> {
                if (fanOutPost.start(postId).isPresent()) started[0]++;
            });
            Telemetry.count(Map.of("FanOutsStarted", started[0],
                    "FanOutsNotStarted", response.getBatchItemFailures().size()));
            return response;
        });
    }
}
