package dev.rushgate.localstack.chaos;

import io.lettuce.core.RedisClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Redis flushed or restarted under a vote. The poll's voters live in Redis: a poll defined again empty after a flush
 * would let everyone who voted vote again, so it must wait (503 {@code recovering}) until every vote accepted before
 * the flush is stored, and go on from the stored votes. Clients retry a 503 or any 5xx with their
 * {@code Idempotency-Key}. At the end every client told 202 votes again, once with its key (it must get the same vote
 * back) and once without, for another option (it must be refused {@code already-voted}). Each option's persisted count
 * must equal its 202s.
 */
final class VotesRedisFault implements Scenario {
    private static final int MOST_RETRIES = 60;

    private final RedisFault.Fault fault;

    VotesRedisFault(RedisFault.Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return fault == RedisFault.Fault.FLUSH ? "votes-redis-flush" : "votes-redis-restart";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 1_200 : 6_000;
        Duration faultAfter = Duration.ofMillis(run.quick() ? 1_000 : 2_000);
        String pollId = "chaos-redis-poll";
        String path = "/v1/polls/" + pollId + "/votes";
        Optional<Path> data = fault == RedisFault.Fault.RESTART ? Optional.of(run.path(name() + "-data"))
                : Optional.empty();
        try (Stack stack = Stack.start(run.path(name() + ".log"), data, run.stackArgs());
             RedisClient redis = RedisClient.create(stack.redis());
             var connection = redis.connect()) {
            Api api = new Api(stack.url());
            Votes.create(api, pollId);
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "voter-" + i).toList();
            api.mint(clients);
            Ledger ledger = new Ledger();
            Map<String, Integer> retried = new ConcurrentHashMap<>();
            Crowd crowd = Crowd.start(clients, 32, voter -> vote(api, ledger, path, voter, retried));
            Thread.sleep(faultAfter.toMillis());
            int before = ledger.told(202).size();
            Instant at = RedisFault.inject(fault, connection, data);
            crowd.join();
            String restartedIn = RedisFault.restartedIn(fault, stack);

            Votes.Checked checked = Votes.check(api, pollId, ledger, at, Duration.ofSeconds(run.quick() ? 45 : 240));
            // every client told 202 asks again: with its key the same vote, without it a refusal
            AtomicLong replaysDiffering = new AtomicLong();
            AtomicLong secondVotes = new AtomicLong();
            for (Ledger.Told t : ledger.told(202)) {
                Api.Answer again = api.send("POST", path, t.client(),
                        Map.of("optionId", VotesSigkill.option(t.client())), "chaos-" + t.client());
                if (again.status() != 202 || !t.id().equals(again.text("voteId"))) replaysDiffering.incrementAndGet();
                Api.Answer second = api.send("POST", path, t.client(), Map.of("optionId", other(t.client())), null);
                if (second.status() != 409 || !"already-voted".equals(second.text("code"))) {
                    secondVotes.incrementAndGet();
                }
            }
            String note = String.format(Locale.ROOT, "%,d voters; %s %.1f s in, after %,d accepted; %,d clients "
                            + "told 503 or 5xx (%,d times in all) and retried; %,d replays with the key answered "
                            + "differently; %,d second votes not refused already-voted; %s%s",
                    users, fault == RedisFault.Fault.FLUSH ? "FLUSHALL" : "Redis SIGKILLed (on --data)",
                    faultAfter.toMillis() / 1000.0, before, retried.size(),
                    retried.values().stream().mapToInt(Integer::intValue).sum(), replaysDiffering.get(),
                    secondVotes.get(), checked.note(),
                    restartedIn == null ? "" : "; the stack started Redis again in " + restartedIn + " ms");
            return new Row(name(), ledger.requests(), checked.acknowledged(), checked.persisted(), checked.lost(),
                    checked.duplicated() + replaysDiffering.get() + secondVotes.get(), 0, checked.recovered(), note);
        }
    }

    /** An option other than the voter's own. */
    private static String other(String voter) {
        List<String> options = Votes.OPTIONS;
        return options.get((options.indexOf(VotesSigkill.option(voter)) + 1) % options.size());
    }

    /** One client's vote, retried with its key while the answer is a 5xx (a 503 asks for it with Retry-After). */
    private static void vote(Api api, Ledger ledger, String path, String voter, Map<String, Integer> retried)
            throws InterruptedException {
        for (int attempt = 0; attempt <= MOST_RETRIES; attempt++) {
            try {
                Api.Answer a = api.send("POST", path, voter, Map.of("optionId", VotesSigkill.option(voter)),
                        "chaos-" + voter);
                ledger.record(voter, a.status(), a.text("voteId"), a.text("code"));
                if (a.status() < 500) return;
                retried.merge(voter, 1, Integer::sum);
            } catch (IOException noAnswer) {
                ledger.record(voter, Ledger.NO_ANSWER, null, noAnswer.toString());
            }
            Thread.sleep(1_000);
        }
    }
}
