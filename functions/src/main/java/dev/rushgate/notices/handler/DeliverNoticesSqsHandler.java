package dev.rushgate.notices.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.NoticesWiring;
import dev.rushgate.notices.domain.DeliverNotice;
import dev.rushgate.notices.domain.NoticeChannel;
import dev.rushgate.notices.domain.NoticeQueue;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.PutOff;
import dev.rushgate.platform.SqsBatches;
import dev.rushgate.platform.Telemetry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores each notice of a batch (once by its id) and sends it to the webhooks that want it. A notice a webhook did not
 * take is put off (2 s doubling a receive, jittered) and reported failed; after the queue's maxReceiveCount it waits in
 * {@code notices-dlq}, which the dead-letter view lists and redrives. A redrive or redelivery stores nothing twice and
 * calls only the webhooks that have not taken it.
 */
public final class DeliverNoticesSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);

    private final DeliverNotice deliver;
    private final NoticeQueue queue;

    public DeliverNoticesSqsHandler() {
        this(NoticesWiring.deliverNotice(), NoticesWiring.queue());
    }

    public DeliverNoticesSqsHandler(DeliverNotice deliver, NoticeQueue queue) {
        this.deliver = deliver;
        this.queue = queue;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            AtomicInteger sent = new AtomicInteger();
            SQSBatchResponse response = SqsBatches.eachAlone(event, "notice", message -> {
                try {
                    sent.addAndGet(deliver.deliver(Json.read(message.getBody(), NoticeIssued.class)));
                } catch (NoticeChannel.NotTaken e) {
                    PutOff.message(message, FIRST_DELAY, LONGEST_DELAY, queue::putOff);
                    throw e;
                }
            });
            int failed = response.getBatchItemFailures().size();
            int received = event.getRecords() == null ? 0 : event.getRecords().size();
            Telemetry.count(Map.of("NoticesHandled", received - failed, "NoticesPutOff", failed,
                    "NoticeWebhooksTook", sent.get()));
            return response;
        });
    }

    /** 2 s doubling per receive, plus up to half again of jitter; at most 15 minutes. */
    static Duration delay(int receives) {
        return PutOff.delay(FIRST_DELAY, LONGEST_DELAY, receives);
    }
}
