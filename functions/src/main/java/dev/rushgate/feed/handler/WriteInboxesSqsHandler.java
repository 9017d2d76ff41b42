package dev.rushgate.feed.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.FanOutPost;
import dev.rushgate.feed.domain.FanOutQueue;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.SqsBatches;
import dev.rushgate.platform.Telemetry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/**
 * Writes one page of a post's followers' inboxes per message, and queues the next page. A page that fails (DynamoDB
 * left writes unprocessed too long, an unreadable message) is reported alone: it comes back after the visibility
 * timeout, and reaches the DLQ after the queue's maxReceiveCount; writing it again puts nothing twice.
 */
public final class WriteInboxesSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FanOutPost fanOutPost;

    public WriteInboxesSqsHandler() {
        this(FeedWiring.fanOutPost());
    }

    public WriteInboxesSqsHandler(FanOutPost fanOutPost) {
        this.fanOutPost = fanOutPost;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int[] written = new int[1];
            SQSBatchResponse response = SqsBatches.eachAlone(event, "inbox page", message ->
                    written[0] += fanOutPost.writePage(Json.read(message.getBody(), FanOutQueue.Page.class)));
            Telemetry.count(Map.of("InboxesWritten", written[0],
                    "InboxPagesNotWritten", response.getBatchItemFailures().size()));
            return response;
        });
    }
}
