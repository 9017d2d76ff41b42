package dev.rushgate.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./rushgate bench vote}: votes by distinct users, all accepted, next to the health ceiling in the same
 * run; then the end-to-end lag from accepted (Redis) to persisted (counted in PostgreSQL after DynamoDB).
 *
 * <p>The lag is read over HTTP only: the tally is sampled every {@value #SAMPLE_MILLIS} ms during the phase
 * and its drain, and for the k-th vote, lag = (first sample with persisted ≥ k) − (first sample with accepted ≥ k).
 * Votes are counted in the order they were accepted within a partition, so this is each vote's lag to within one
 * sampling interval; the p99 is taken over every k.
 */
final class VoteBench {
    private static final int SAMPLE_MILLIS = 20;
    /** Issues 6 and 17: votes accepted a second, with the lag to persisted under 5 s. */
    private static final int TARGET_VOTES_PER_SECOND = 10_000;
    private static final List<String> OPTIONS = List.of("a", "b", "c", "d");

    private VoteBench() {}

    /** One reading of the tally: when, and how many accepted and persisted. */
    private record Sample(long nanos, long accepted, long persisted) {}

    static void run(URI url, Bench.Options o, StackProcess stack) throws Exception {
        String admin = Bench.token(url, "bench-admin", List.of("admin"));
        List<String> users = Bench.tokens(url, "bench-voter", o.voters(), Duration.ofSeconds(o.mintSeconds()));
        System.out.printf(Locale.ROOT, "Rushgate bench: vote — %d connections, %d s per phase, %,d voters; %s%n%n",
                o.connections(), o.seconds(), users.size(), Bench.machine());
        List<byte[]> health = Bench.health(url);
        Duration phase = Duration.ofSeconds(o.seconds());

        // JIT warm-up of every measured path, not reported, and its backlog drained first; every voter votes once,
        // so the stack's stand-in for API Gateway's JWT authorizer has checked each token before the measured
        // phase, as the cloud's caches it (a first check costs more than the vote itself)
        String warm = poll(url, admin);
        Load.run("warm-up", url, votes(url, warm, users), o.connections(), Duration.ofMinutes(5), users.size());
        awaitDrained(url, admin, warm);
        Load.run("warm-up", url, health, o.connections(), Duration.ofSeconds(3), Long.MAX_VALUE);

        Load.Result ceiling = Load.run("GET /v1/health (ceiling)", url, health, o.connections(), phase, Long.MAX_VALUE);
        String pollId = poll(url, admin);
        List<Sample> samples = new ArrayList<>();
        CpuBudget budget = CpuBudget.start(stack, Duration.ofSeconds(2));
        Thread sampler = Thread.ofPlatform().name("tally-sampler").start(() -> sample(url, admin, pollId, samples));
        // each voter once: a vote phase that ran out of voters would measure refusals
        Load.Result voted = Load.run("POST votes, every one accepted", url, votes(url, pollId, users),
                o.connections(), phase, users.size());
        long stoppedAt = System.nanoTime();
        sampler.join(Duration.ofSeconds(180).toMillis());
        sampler.interrupt();
        Sample last;
        synchronized (samples) {
            last = samples.getLast();
        }
        // the tally's count, not the client's: answers still in flight when the phase ended were accepted too
        long accepted = last.accepted();
        CpuBudget.Spent spent = CpuBudget.stop(budget, accepted);

        Bench.printTable(List.of(ceiling, voted));
        System.out.printf(Locale.ROOT, "votes/s ÷ health ceiling:                  %.2f%n", voted.perSecond() / ceiling.perSecond());
        long[] lags = lags(samples, accepted);
        System.out.printf(Locale.ROOT, "accepted → persisted lag over %,d votes:   p50 %.2f s, p99 %.2f s, max %.2f s "
                        + "(sampled every %d ms)%n", accepted, percentile(lags, 50) / 1e9, percentile(lags, 99) / 1e9,
                percentile(lags, 100) / 1e9, SAMPLE_MILLIS);
        System.out.printf(Locale.ROOT, "all %,d persisted %.2f s after the load stopped; persisted = accepted: %s%n",
                last.persisted(), (last.nanos() - stoppedAt) / 1e9, last.persisted() == last.accepted());
        Sample atStop = atOrBefore(samples, stoppedAt);
        Sample first = samples.getFirst();
        System.out.printf(Locale.ROOT, "persisted per second: %,.0f during the load, %,.0f after it (the backlog of %,d)%n",
                perSecond(atStop.persisted() - first.persisted(), atStop.nanos() - first.nanos()),
                perSecond(last.persisted() - atStop.persisted(), last.nanos() - atStop.nanos()),
                last.persisted() - atStop.persisted());
        CpuBudget.print(spent, "vote", "from its request to persisted", TARGET_VOTES_PER_SECOND);
        JsonNode report = rebuild(url, admin, pollId);
        System.out.printf(Locale.ROOT, "rebuild from DynamoDB: %,d stored votes, consistent with PostgreSQL: %s%n",
                report.get("storedVotes").asLong(), report.get("consistent").asBoolean());
        if (voted.count(202) != voted.requests()) {
            System.out.printf(Locale.ROOT, "note: %,d of %,d answers were not 202%n",
                    voted.requests() - voted.count(202), voted.requests());
        }
        Bench.printStack(stack);
    }

    /** Reads the tally until persisted has caught up with accepted and accepted stopped growing. */
    private static void sample(URI url, String admin, String pollId, List<Sample> out) {
        long stableSince = 0;
        long lastAccepted = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode tally = Bench.get(url, admin, "/v1/polls/" + pollId + "/tally");
                Sample s = new Sample(System.nanoTime(), tally.get("accepted").asLong(), tally.get("persisted").asLong());
                synchronized (out) {
                    out.add(s);
                }
                if (s.accepted() != lastAccepted) stableSince = s.nanos();
                lastAccepted = s.accepted();
                boolean quiet = s.nanos() - stableSince > Duration.ofSeconds(1).toNanos();
                if (s.accepted() > 0 && quiet && s.persisted() >= s.accepted()) return;
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The last sample taken at or before {@code nanos}, or the first if none was. */
    private static Sample atOrBefore(List<Sample> samples, long nanos) {
        Sample found = samples.getFirst();
        for (Sample s : samples) {
            if (s.nanos() > nanos) break;
            found = s;
        }
        return found;
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }

    /** For each k in 1..n, nanoseconds between accepted reaching k and persisted reaching k. */
    static long[] lags(List<Sample> samples, long n) {
        long[] lags = new long[(int) n];
        int a = 0;
        int p = 0;
        for (long k = 1; k <= n; k++) {
            while (a < samples.size() && samples.get(a).accepted() < k) a++;
            while (p < samples.size() && samples.get(p).persisted() < k) p++;
            if (a >= samples.size() || p >= samples.size()) return Arrays.copyOf(lags, (int) k - 1);
            lags[(int) k - 1] = Math.max(0, samples.get(p).nanos() - samples.get(a).nanos());
        }
        return lags;
    }

    private static long percentile(long[] values, double percentile) {
        if (values.length == 0) return 0;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static List<byte[]> votes(URI url, String pollId, List<String> users) {
        String path = "/v1/polls/" + pollId + "/votes";
        List<byte[]> out = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            String vote = "{\"optionId\":\"" + OPTIONS.get(i % OPTIONS.size()) + "\"}";
            out.add(RawRequests.postJson(url, path, users.get(i), vote));
        }
        return out;
    }


    private static String poll(URI url, String admin) throws IOException, InterruptedException {
        String pollId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Bench.create(url, admin, "/v1/admin/polls/" + pollId, Map.of("question", "Bench?",
                "options", OPTIONS.stream().map(id -> Map.of("id", id, "label", id)).toList(),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString()));
        return pollId;
    }

    private static void awaitDrained(URI url, String admin, String pollId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tally = Bench.get(url, admin, "/v1/polls/" + pollId + "/tally");
            if (tally.get("persisted").asLong() >= tally.get("accepted").asLong()) return;
            Thread.sleep(50);
        }
        throw new IOException("votes of " + pollId + " were not all persisted within 180 s");
    }

    private static JsonNode rebuild(URI url, String admin, String pollId) throws IOException, InterruptedException {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        url.resolve("/v1/admin/polls/" + pollId + "/rebuild")).header("Authorization", "Bearer " + admin)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("rebuild: " + response.body());
        return Bench.JSON.readTree(response.body());
    }
}
