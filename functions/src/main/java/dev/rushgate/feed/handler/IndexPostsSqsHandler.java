package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.IndexPost;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the search index in line with the posts table, one post per message: indexed when published, removed when
 * rejected or deleted. The messages come from {@code fan-out-posts} (the posts stream serves two readers per shard,
 * and has two), so indexing never becomes a third stream consumer. A message that fails comes back after the
 * visibility timeout, then waits in {@code index-posts-dlq} for a redrive; handling it again changes nothing.
 */
public final class IndexPostsSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(IndexPostsSqsHandler.class);

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
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            int indexed = 0;
            int removed = 0;
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                try {
                    String postId = Json.read(message.getBody(), Message.class).postId();
                    if (postId == null || postId.isBlank()) throw new IllegalArgumentException("no postId");
                    if (indexPost.sync(postId)) indexed++;
                    else removed++;
                } catch (RuntimeException e) {
                    LOG.warn("post not indexed, left for retry: {}", e.toString());
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(message.getMessageId()).build());
                }
            }
            Telemetry.count(Map.of("PostsIndexed", indexed, "PostsUnindexed", removed,
                    "PostsNotIndexed", failures.size()));
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }
}
