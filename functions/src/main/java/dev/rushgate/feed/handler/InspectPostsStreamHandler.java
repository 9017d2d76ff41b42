package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.InspectPost;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostStatus;
import dev.rushgate.platform.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.List;
import java.util.Map;

/**
 * Inspects the posts the posts stream shows pending (the event source's filter passes only those), in order. The
 * first record that cannot be inspected now (Bedrock throttled, failed or was slow) is reported as the batch's failure,
 * so the stream retries from it, bisecting, and after its bounded retries sets it aside on {@code posts-failed}. The
 * records before it are done and not sent again.
 */
public final class InspectPostsStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(InspectPostsStreamHandler.class);

    private final InspectPost inspectPost;

    public InspectPostsStreamHandler() {
        this(FeedWiring.inspectPost());
    }

    public InspectPostsStreamHandler(InspectPost inspectPost) {
        this.inspectPost = inspectPost;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int published = 0;
            int rejected = 0;
            List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of()
                    : event.getRecords();
            for (var record : records) {
                try {
                    var status = inspectPost.inspect(record.getDynamodb().getKeys().get("postId").getS())
                            .map(Post::status).orElse(null);
                    if (status == PostStatus.PUBLISHED) published++;
                    else if (status == PostStatus.REJECTED) rejected++;
                } catch (RuntimeException e) {
                    LOG.warn("post not inspected, retried from here: {}", e.toString());
                    Telemetry.count(Map.of("PostsPublished", published, "PostsRejected", rejected,
                            "PostsNotInspected", 1));
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                            record.getDynamodb().getSequenceNumber())));
                }
            }
            Telemetry.count(Map.of("PostsPublished", published, "PostsRejected", rejected));
            return new StreamsEventResponse(List.of());
        });
    }
}
