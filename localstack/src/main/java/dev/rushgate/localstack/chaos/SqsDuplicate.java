package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.provision.LocalAwsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The same SQS message delivered twice: after a drop's claims are stored, each stored claim's {@code ClaimAccepted}
 * is sent to the {@code claims} queue again, twice in one batch (so one consumer batch holds both copies) and once
 * more on its own. The drop's confirmed count and its claims listing must not change.
 */
final class SqsDuplicate implements Scenario {

    @Override
    public String name() {
        return "sqs-duplicate";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 200 : 1_000;
        String dropId = "chaos-dup";
        try (Stack stack = Stack.start(run.path(name() + ".log"), Optional.empty(), run.stackArgs());
             SqsClient sqs = LocalAwsClients.sqs(stack.sqs())) {
            Api api = new Api(stack.url());
            Drops.create(api, dropId, users);
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "user-" + i).toList();
            api.mint(clients);
            Ledger ledger = new Ledger();
            Drops.claimAll(api, ledger, dropId, clients);
            Set<String> acknowledged = new HashSet<>();
            ledger.told(202).forEach(t -> acknowledged.add(t.id()));
            Drops.settled(api, dropId, acknowledged.size(), Duration.ofSeconds(1), Duration.ofSeconds(60));
            List<JsonNode> before = Drops.stored(api, dropId);

            String queue = sqs.getQueueUrl(b -> b.queueName("claims")).queueUrl();
            Instant fault = Instant.now();
            int sent = 0;
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (JsonNode c : before) {
                String body = Api.JSON.writeValueAsString(Map.of("dropId", dropId, "claimId", c.path("claimId").asText(),
                        "userId", c.path("userId").asText(), "acceptedAt", epochMillis(c.path("acceptedAt"))));
                batch.add(SendMessageBatchRequestEntry.builder().id("a" + sent).messageBody(body).build());
                batch.add(SendMessageBatchRequestEntry.builder().id("b" + sent).messageBody(body).build());
                sent += 2;
                if (batch.size() == 10) {
                    var entries = List.copyOf(batch);
                    sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
                    batch.clear();
                }
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
                sent++;
            }
            if (!batch.isEmpty()) sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(batch));
            // the copies are consumed within seconds; a wrongly stored one would move the count
            awaitEmpty(sqs, queue, Duration.ofSeconds(60));
            long confirmed = Drops.settled(api, dropId, 0, Duration.ofSeconds(3), Duration.ofSeconds(30));
            Duration recovered = Duration.between(fault, Instant.now());
            List<JsonNode> after = Drops.stored(api, dropId);
            Set<String> storedIds = new HashSet<>();
            after.forEach(c -> storedIds.add(c.path("claimId").asText()));
            long lost = acknowledged.stream().filter(id -> !storedIds.contains(id)).count();
            long duplicated = Drops.duplicates(after) + Math.abs(confirmed - after.size())
                    + Math.max(0, after.size() - before.size());
            String note = String.format(Locale.ROOT, "%,d claims stored, then %,d copies of their messages sent to "
                    + "the claims queue (pairs in one batch, and once more alone); confirmed %,d before, %,d after",
                    before.size(), sent, before.size(), confirmed);
            return new Row(name(), ledger.requests() + sent, acknowledged.size(), storedIds.size(), lost, duplicated,
                    Math.max(0, storedIds.size() - users), recovered, note);
        }
    }

    /** A stored claim's {@code acceptedAt}, as the message carries it (epoch milliseconds). */
    private static long epochMillis(JsonNode acceptedAt) {
        if (acceptedAt.isTextual()) return Instant.parse(acceptedAt.asText()).toEpochMilli();
        if (acceptedAt.isIntegralNumber()) return acceptedAt.asLong();
        return (long) (acceptedAt.asDouble() * 1000);
    }

    /** Waits (bounded) until the queue has nothing visible or in flight. */
    static void awaitEmpty(SqsClient sqs, String queue, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if (attributes.values().stream().allMatch("0"::equals)) return;
            Thread.sleep(250);
        }
    }
}
