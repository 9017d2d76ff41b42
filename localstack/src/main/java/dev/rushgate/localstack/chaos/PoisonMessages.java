package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.provision.LocalAwsClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Poison in every consumed queue and topic ({@code claims}, {@code payments}, {@code votes}): bodies no consumer can
 * read, sent while a crowd claims and votes. Each must reach its dead letters, as the admin view shows them, and the
 * crowd's claims and votes must all be stored. A poison message not dead-lettered by the deadline counts as lost.
 */
final class PoisonMessages implements Scenario {
    private static final List<String> GARBAGE = List.of("not json", "{\"dropId\":42}", "{}", "<%garbage%>",
            "[1,2,3]");
    private static final List<String> QUEUES = List.of("claims", "payments");
    private static final String TOPIC = "votes";

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 200 : 1_000;
        // 2 s invisibility: five failed receives (claims' maxReceiveCount) take about 10 s, not 15 minutes
        try (Stack stack = Stack.start(run.path(name() + ".log"), Optional.empty(), List.of("--visibility-timeout", "2"));
             SqsClient sqs = LocalAwsClients.sqs(stack.sqs());
             var kafka = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka(),
                     ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            Api api = new Api(stack.url());
            String dropId = "chaos-poison";
            String pollId = "chaos-poison";
            Drops.create(api, dropId, users);
            api.ok("PUT", "/v1/admin/polls/" + pollId, Drops.ADMIN, Map.of("question", "Poison?",
                    "options", List.of(Map.of("id", "a", "label", "a"), Map.of("id", "b", "label", "b")),
                    "opensAt", Instant.now().minusSeconds(1).toString(),
                    "closesAt", Instant.now().plusSeconds(3600).toString()));
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "user-" + i).toList();
            api.mint(clients);

            Instant fault = Instant.now();
            for (String queue : QUEUES) {
                String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
                for (String body : GARBAGE) sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            for (String body : GARBAGE) {
                kafka.send(new ProducerRecord<>(TOPIC, pollId.getBytes(StandardCharsets.UTF_8),
                        body.getBytes(StandardCharsets.UTF_8))).get();
            }
            Ledger claims = new Ledger();
            Ledger votes = new Ledger();
            Drops.claimAll(api, claims, dropId, clients);
            String votePath = "/v1/polls/" + pollId + "/votes";
            Crowd.start(clients, 16, u -> {
                try {
                    Api.Answer a = api.send("POST", votePath, u, Map.of("optionId", "a"), "chaos-" + u);
                    votes.record(u, a.status(), a.text("voteId"), a.text("code"));
                } catch (java.io.IOException e) {
                    votes.record(u, Ledger.NO_ANSWER, null, e.toString());
                }
            }).join();
            Set<String> acknowledgedClaims = new HashSet<>();
            claims.told(202).forEach(t -> acknowledgedClaims.add(t.id()));
            long acknowledgedVotes = votes.told(202).size();

            Map<String, Long> dead = new HashMap<>();
            Duration recovered = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                dead.clear();
                for (JsonNode d : api.get("/v1/admin/dead-letters", Drops.ADMIN).path("deadLetters")) {
                    dead.put(d.path("name").asText(), d.path("count").asLong());
                }
                boolean allDead = QUEUES.stream().allMatch(q -> dead.getOrDefault(q, 0L) >= GARBAGE.size())
                        && dead.getOrDefault(TOPIC, 0L) >= GARBAGE.size();
                JsonNode tally = api.get("/v1/polls/" + pollId + "/tally", Drops.ADMIN);
                long confirmed = api.get("/v1/drops/" + dropId, Drops.ADMIN).path("confirmed").asLong();
                if (allDead && confirmed >= acknowledgedClaims.size()
                        && tally.path("persisted").asLong() >= acknowledgedVotes) {
                    recovered = Duration.between(fault, Instant.now());
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(1_000);
            List<JsonNode> stored = Drops.stored(api, dropId);
            Set<String> storedIds = new HashSet<>();
            stored.forEach(c -> storedIds.add(c.path("claimId").asText()));
            long persistedVotes = api.get("/v1/polls/" + pollId + "/tally", Drops.ADMIN).path("persisted").asLong();
            long poisonAlive = QUEUES.stream().mapToLong(q -> Math.max(0, GARBAGE.size() - dead.getOrDefault(q, 0L))).sum()
                    + Math.max(0, GARBAGE.size() - dead.getOrDefault(TOPIC, 0L));
            long lost = acknowledgedClaims.stream().filter(id -> !storedIds.contains(id)).count()
                    + Math.max(0, acknowledgedVotes - persistedVotes) + poisonAlive;
            long duplicated = Drops.duplicates(stored) + Math.max(0, persistedVotes - acknowledgedVotes);
            String note = String.format(Locale.ROOT, "%d poison bodies each to queues %s and topic %s during %,d claims "
                            + "and %,d votes; dead letters seen: %s; claims stored %,d/%,d, votes persisted %,d/%,d",
                    GARBAGE.size(), QUEUES, TOPIC, users, users, dead, storedIds.size(), acknowledgedClaims.size(),
                    persistedVotes, acknowledgedVotes);
            return new Row(name(), claims.requests() + votes.requests() + 3L * GARBAGE.size(),
                    acknowledgedClaims.size() + acknowledgedVotes, storedIds.size() + persistedVotes, lost, duplicated,
                    Math.max(0, storedIds.size() - users), recovered, note);
        }
    }
}
