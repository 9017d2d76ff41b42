package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimQueue;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.GroupCommit;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Accepted claims onto the SQS claims queue, one JSON message each. Claims sent at the same moment from one process
 * go together ({@link GroupCommit}): up to 10 in one SendMessageBatch, in a few lanes at once. In Lambda an environment
 * serves one claim at a time, so every send is a lone SendMessage; where one process serves many (the local stack,
 * a container), one signed request carries up to ten. A message the batch did not take fails its own caller only,
 * whose claim then stays in the outbox for the sweeper.
 */
public final class SqsClaimQueue implements ClaimQueue {
    /** SQS takes at most 10 messages a batch. */
    static final int MOST_PER_BATCH = 10;
    /** Batches in flight at once from one process. */
    static final int LANES = 4;
    /** Where the blocking SDK call runs, so that the next batch never waits on the thread of the one before. */
    private static final Executor SENDING = Executors.newVirtualThreadPerTaskExecutor();

    private final SqsClient sqs;
    private final String queueUrl;
    private final GroupCommit<Integer, ClaimAccepted, Boolean> sends =
            new GroupCommit<>(MOST_PER_BATCH, (lane, claims) -> sendAll(claims));

    public SqsClaimQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(ClaimAccepted claim) {
        int lane = (int) (Thread.currentThread().threadId() % LANES);
        if (!sends.call(lane, claim)) {
            throw new IllegalStateException("SQS did not take claim " + claim.claimId() + " in its batch");
        }
    }

    /** One answer per claim: whether SQS took it. */
    private CompletionStage<List<Boolean>> sendAll(List<ClaimAccepted> claims) {
        return CompletableFuture.supplyAsync(() -> {
            if (claims.size() == 1) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(claims.getFirst())));
                return List.of(true);
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(claims.size());
            for (int i = 0; i < claims.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(claims.get(i))).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            List<Boolean> taken = new ArrayList<>(java.util.Collections.nCopies(claims.size(), false));
            response.successful().forEach(ok -> taken.set(Integer.parseInt(ok.id()), true));
            return taken;
        }, SENDING);
    }
}
