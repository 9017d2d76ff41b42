package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.InspectPost;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostStatus;
import dev.rushgate.platform.StreamBatches;
import dev.rushgate.platform.Telemetry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/**
 * Inspects the posts the posts stream shows pending (the event source's filter passes only those), in order. The
 * first record that cannot be inspected now (Bedrock throttled, failed or was slow) is reported as the batch's failure,
 * so the stream retries from it, bisecting, and after its bounded retries sets it aside on {@code posts-failed}. The
 * records before it are done and not sent again.
 */
public final class InspectPostsStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
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
            int[] decided = new int[2]; // published, rejected
            var response = StreamBatches.inOrder(event, "postId", postId -> {
                PostStatus status = inspectPost.inspect(postId).map(Post::status).orElse(null);
                if (status == PostStatus.PUBLISHED) decided[0]++;
                else if (status == PostStatus.REJECTED) decided[1]++;
            });
            Telemetry.count(Map.of("PostsPublished", decided[0], "PostsRejected", decided[1],
                    "PostsNotInspected", response.getBatchItemFailures().size()));
            return response;
        });
    }
}
