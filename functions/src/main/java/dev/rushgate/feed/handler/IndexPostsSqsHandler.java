package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.IndexPost;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.SqsBatches;
import dev.rushgate.platform.Telemetry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/**
 * Keeps the search index in line with the posts table, one post per message: indexed when published, removed when
 * rejected or deleted. The messages come from {@code fan-out-posts} (the posts stream serves two readers per shard,
 * and has two), so indexing never becomes a third stream consumer. A message that fails comes back after the
 * visibility timeout, then waits in {@code index-posts-dlq} for a redrive; handling it again changes nothing.
 */
public final class IndexPostsSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    record Message(String postId) {}

    private final IndexPost indexPost;

    public IndexPostsSqsHandler() {
        this(FeedWiring.indexPost());
    }

    public IndexPostsSqsHandler(IndexPost indexPost) {
        this.indexPost = indexPost;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int[] indexed = new int[2];
            SQSBatchResponse response = SqsBatches.eachAlone(event, "post index", message -> {
                String postId = Json.read(message.getBody(), Message.class).postId();
                if (postId == null || postId.isBlank()) throw new IllegalArgumentException("no postId");
                indexed[indexPost.sync(postId) ? 0 : 1]++;
            });
            Telemetry.count(Map.of("PostsIndexed", indexed[0], "PostsUnindexed", indexed[1],
                    "PostsNotIndexed", response.getBatchItemFailures().size()));
            return response;
        });
    }
}
