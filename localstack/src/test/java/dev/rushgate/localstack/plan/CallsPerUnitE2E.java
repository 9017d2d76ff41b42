package dev.rushgate.localstack.plan;

import dev.rushgate.localstack.LocalStack;
import dev.rushgate.localstack.e2e.Api;
import dev.rushgate.localstack.e2e.SharedStack;
import dev.rushgate.wiring.EnvNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives each unit of the planner's model ({@code infra/src/main/resources/plan/calls.json}) alone on the local stack,
 * measures what it cost each service ({@link Meter}) and fails where the model says otherwise: exactly for a route's
 * request, within {@value #CONSUMER_TOLERANCE} (relative) or one partial batch for a consumer's message.
 * Schedules are paused while it measures, so the sweepers' ticks are not counted with the units.
 *
 * <p>Prints "unit, field, model, measured" for every unit, and each measured unit as the model would write it.
 */
@ExtendWith(SharedStack.class)
class CallsPerUnitE2E {

    static final double CONSUMER_TOLERANCE = 0.10;
    /**
     * A consumer is done once what it must have done is counted and nothing more moved for this long: enough for the
     * acknowledgements after its last invocation.
     */
    static final Duration CONSUMER_QUIET = Duration.ofMillis(400);

    /** The consumers this test stops while it drives their producers. */
    private static final List<String> STOPPED = List.of("store-claims", "count-votes", "charge-payments",
            "write-inboxes", "index-posts", "deliver-notices");

    /** Units of the model this test does not drive yet, and why: each is reported as skipped, never as passed. */
    static final Map<String, String> NOT_MEASURED = Map.of();

    private static Api api;
    private static LocalStack stack;
    private static Meter meter;
    private static String admin;
    private static final Map<String, Measured> measured = new LinkedHashMap<>();

    /** What one unit cost, per unit; {@code batch} is the largest batch a consumer was handed (0 for a route). */
    record Measured(Map<String, Double> costs, int units, boolean consumer) {
    }

    @BeforeAll
    static void start() throws Exception {
        api = SharedStack.api();
        stack = SharedStack.stack();
        meter = new Meter(stack);
        admin = api.token("calls-admin", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (meter != null) meter.close();
    }

    @TestFactory
    Stream<DynamicTest> eachUnitCostsWhatTheModelSays() throws Exception {
        CallsModel model = CallsModel.read();
        try (AutoCloseable schedules = stack.pauseSchedules()) {
            timed("drops", CallsPerUnitE2E::drops);
            timed("room", CallsPerUnitE2E::room);
            timed("votes", CallsPerUnitE2E::votes);
            timed("tickets", CallsPerUnitE2E::tickets);
            timed("feed", CallsPerUnitE2E::feed);
        } finally {
            // the other end-to-end tests share this stack: every consumer runs again, whatever failed here
            for (String consumer : STOPPED) stack.startConsumer(consumer);
        }
        print(model);
        List<DynamicTest> tests = new ArrayList<>();
        for (String unit : model.units().keySet()) {
            tests.add(DynamicTest.dynamicTest(unit, () -> {
                Assumptions.assumeFalse(NOT_MEASURED.containsKey(unit), () -> "not measured yet: " + NOT_MEASURED.get(unit));
                Measured m = measured.get(unit);
                assertThat(m).as("unit %s was neither measured nor listed as not measured", unit).isNotNull();
                assertAgrees(unit, model.unit(unit), model.batch(unit), m);
            }));
        }
        for (String unit : measured.keySet()) {
            tests.add(DynamicTest.dynamicTest(unit + " is in the model", () ->
                    assertThat(model.units().containsKey(unit)).as("calls.json lacks the measured unit " + unit).isTrue()));
        }
        return tests.stream();
    }

    private static void timed(String feature, Runnable measure) {
        long began = System.nanoTime();
        measure.run();
        System.out.printf("measured %s in %d ms%n", feature, Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    // ---- drops ----

    /**
     * The routes first, with store-claims stopped so its batches are not counted with them; then a rush's claims of
     * one drop wait in the queue for one start of store-claims, and the notices it issues for one start of
     * deliver-notices: each consumer is measured on a backlog, in full batches, as a rush leaves it.
     */
    private static void drops() {
        stop("store-claims", "deliver-notices");
        String drop = newDrop(10_000, 1);
        String[] users = api.tokens(6, i -> "calls-claimer-" + i);
        // the first call of each path loads what a new environment loads (scripts): the model is of warm ones
        claim(drop, users[0], 202);
        claim(drop, users[0], 409);
        route("claim-drop/accepted", 1, i -> claim(drop, users[1], 202));
        route("claim-drop/refused", 1, i -> claim(drop, users[1], 409));
        viewClaim(drop, users[0]);
        route("get-claim/accepted", 1, i -> viewClaim(drop, users[1]));

        String warmSmall = newDrop(1, 1);
        claim(warmSmall, users[2], 202);
        claim(warmSmall, users[3], 409);
        String small = newDrop(1, 1);
        claim(small, users[2], 202);
        route("claim-drop/sold-out", 1, i -> claim(small, users[3], 409));
        route("claim-drop/remembered", 1, i -> claim(small, users[4], 409));

        // what the routes queued is stored first: a batch of one drop's claims is one transaction, of three three
        drain("store-claims");
        drain("deliver-notices");
        viewClaim(drop, users[0]);
        route("get-claim/confirmed", 1, i -> viewClaim(drop, users[1]));

        String rush = newDrop(STORED_CLAIMS, 1);
        String[] claimers = claimers();
        stop("store-claims", "deliver-notices");
        rush(STORED_CLAIMS, i -> claim(rush, claimers[i], 202));
        consumer("store-claims/message", STORED_CLAIMS, () -> stack.startConsumer("store-claims"),
                d -> d.getOrDefault("lambda.store-claims", 0.0) * 25 >= STORED_CLAIMS);
        delivered(STORED_CLAIMS);
    }

    /**
     * Kills the consumers of queues, then waits out their pollers' last long poll (1 s), which a queue may still answer
     * with messages nobody then handles: they would come back after the visibility timeout, into another batch.
     */
    private static void stop(String... functions) {
        for (String function : functions) stack.killConsumer(function);
        Meter.sleep(Duration.ofMillis(1100));
    }

    /**
     * One start of deliver-notices on the {@code notices} its stopped queue holds, one for each message the consumer
     * before it handled. Measured apart: how its receives batch depends on when the notices arrive, so counted with
     * the unit that issues them, they made that unit's figure move from run to run.
     */
    private static void delivered(int notices) {
        consumer("deliver-notices/notice", notices, () -> stack.startConsumer("deliver-notices"),
                d -> d.getOrDefault("dynamodb.notifications.requests", 0.0) >= notices);
    }

    /** Starts a stopped consumer and waits until it has handled what was waiting for it. */
    private static void drain(String function) {
        meter.during(() -> stack.startConsumer(function), d -> d.containsKey("lambda." + function),
                CONSUMER_QUIET, Duration.ofSeconds(30));
    }

    /** Claims of one drop stored by one start of store-claims: 8 full batches of 25. */
    private static final int STORED_CLAIMS = 200;

    private static final Map<String, String> claimIds = new java.util.concurrent.ConcurrentHashMap<>();

    private static void viewClaim(String drop, String user) {
        Api.Answer answer = api.get("/v1/drops/" + drop + "/claims/" + claimIds.get(drop + "/" + user), user);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    private static String newDrop(int stock, int perUser) {
        String dropId = "calls-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Coupon",
                "stock", stock, "perUserLimit", perUser, "opensAt", Instant.now().minusSeconds(1).toString())));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return dropId;
    }

    private static void claim(String drop, String user, int status) {
        Api.Answer answer = api.post("/v1/drops/" + drop + "/claims", user, null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        if (status == 202) claimIds.put(drop + "/" + user, answer.body().get("claimId").asText());
    }

    // ---- room ----

    /**
     * Each call first advances its room, but does the advancing work only when the room last advanced 50 ms ago or
     * more (room.lua's TICK_MS): in a rush nearly every call finds it done. The model is of those calls: each is
     * measured right after a call to the same room, as the cheapest of {@value #TRIES} tries, since a pause (a
     * collection, a busy machine) can still put 50 ms between the two.
     */
    private static void room() {
        String open = newRoom(1_000);
        String paused = newRoom(0);
        String[] users = api.tokens(2 * TRIES + 2, i -> "calls-entrant-" + i);
        String warm = enter(open, users[0]);
        String[] entry = new String[1];
        int[] next = {1};
        cheapest("enter-room/entered", () -> enter(open, users[next[0]++]),
                () -> entry[0] = enter(open, users[next[0]++]));
        cheapest("get-entry/admitted", () -> viewEntry(open, warm, users[0], "ADMITTED"),
                () -> viewEntry(open, entry[0], users[next[0] - 1], "ADMITTED"));
        String waiting = enter(paused, users[next[0]]);
        String waiter = users[next[0]];
        cheapest("get-entry/waiting", () -> viewEntry(paused, waiting, waiter, "WAITING"),
                () -> viewEntry(paused, waiting, waiter, "WAITING"));
    }

    private static final int TRIES = 3;

    /** The cheapest in Redis commands of {@value #TRIES} measurements of {@code request}, each right after {@code before}. */
    private static void cheapest(String unit, Runnable before, Runnable request) {
        Map<String, Double> least = null;
        for (int i = 0; i < TRIES; i++) {
            before.run();
            Map<String, Double> delta = meter.rightAfter(request);
            if (least == null || delta.getOrDefault("redis.commands", 0.0) < least.getOrDefault("redis.commands", 0.0)) {
                least = delta;
            }
        }
        record(unit, least, 1, false);
    }

    private static String newRoom(int admitPerSecond) {
        String roomId = "calls-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/rooms/" + roomId, admin, Api.json(Map.of("admitPerSecond",
                admitPerSecond, "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString())));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return roomId;
    }

    private static String enter(String room, String user) {
        Api.Answer answer = api.post("/v1/rooms/" + room + "/entries", user, null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("entryId").asText();
    }

    private static void viewEntry(String room, String entry, String user, String status) {
        Api.Answer answer = api.get("/v1/rooms/" + room + "/entries/" + entry, user);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo(status);
    }

    // ---- votes ----

    /** The routes with count-votes stopped, then one start of it counts every vote they cast. */
    private static void votes() {
        stack.killConsumer("count-votes");
        String poll = newPoll();
        String[] voters = voters();
        // a new producer's first record waits for the topic's metadata: counted with the next vote unless awaited
        long records = meter.records("votes");
        vote(poll, voters[0], 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (meter.records("votes") == records) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the first vote never reached Kafka");
            Meter.sleep(Duration.ofMillis(25));
        }
        vote(poll, voters[0], 409);
        route("cast-vote/accepted", 1, i -> vote(poll, voters[1], 202));
        route("cast-vote/refused", 1, i -> vote(poll, voters[1], 409));
        tally(poll);
        route("get-tally", 1, i -> tally(poll));
        rush(COUNTED_VOTES - 2, i -> vote(poll, voters[i + 2], 202));
        consumer("count-votes/record", COUNTED_VOTES, () -> stack.startConsumer("count-votes"),
                d -> d.getOrDefault("dynamodb.votes.writeUnits", 0.0) >= 2 * COUNTED_VOTES);
    }

    /** Votes counted by one start of count-votes: one poll's votes share a partition, so one full batch of 500. */
    private static final int COUNTED_VOTES = 500;

    private static String newPoll() {
        String pollId = "calls-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/polls/" + pollId, admin, Api.json(Map.of("question", "Which one?",
                "options", List.of(Map.of("id", "a", "label", "A"), Map.of("id", "b", "label", "B")),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString(), "alerts", List.of())));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return pollId;
    }

    private static void vote(String poll, String voter, int status) {
        Api.Answer answer = api.post("/v1/polls/" + poll + "/votes", voter, "{\"optionId\":\"a\"}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
    }

    private static void tally(String poll) {
        Api.Answer answer = api.get("/v1/polls/" + poll + "/tally", admin);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    /** {@code count} requests, 32 at a time: the backlog of a consumer, not measured itself. */
    private static void rush(int count, IntConsumer request) {
        rush(count, 32, request);
    }

    private static void rush(int count, int inFlight, IntConsumer request) {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(inFlight)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                sent.add(pool.submit(() -> request.accept(n)));
            }
            for (var f : sent) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- tickets ----

    /** The routes with charge-payments stopped, then one start of it charges every order they queued. */
    private static void tickets() {
        stop("charge-payments", "deliver-notices");
        String show = newShow();
        String[] buyers = api.tokens(CHARGED_ORDERS, i -> "calls-buyer-" + i);
        String warm = hold(show, buyers[0], "A-1-1", 201);
        hold(show, buyers[1], "A-1-1", 409);
        String[] held = new String[1];
        route("hold-seats/held", 1, i -> held[0] = hold(show, buyers[1], "A-2-1", 201));
        route("hold-seats/refused", 1, i -> hold(show, buyers[2], "A-2-1", 409));
        String warmOrder = pay(warm, buyers[0]);
        String[] order = new String[1];
        route("pay-hold", 1, i -> order[0] = pay(held[0], buyers[1]));
        order(warmOrder, buyers[0]);
        route("get-order", 1, i -> order(order[0], buyers[1]));
        rush(CHARGED_ORDERS - 2, i -> pay(hold(show, buyers[i + 2], "A-3-" + (i + 1), 201), buyers[i + 2]));
        consumer("charge-payments/message", CHARGED_ORDERS, () -> stack.startConsumer("charge-payments"),
                d -> d.getOrDefault("payments", 0.0) >= CHARGED_ORDERS);
        drain("deliver-notices");
    }

    /** Orders charged by one start of charge-payments: 4 full batches of 10. */
    private static final int CHARGED_ORDERS = 40;

    private static String newShow() {
        String showId = "calls-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/shows/" + showId, admin, Api.json(Map.of("name", "Calls",
                "startsAt", "2027-01-01T20:00:00Z", "holdSeconds", 600, "maxSeatsPerUser", 4,
                "sections", List.of(Map.of("id", "A", "rows", 3, "seatsPerRow", CHARGED_ORDERS, "priceCents", 5000)))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return showId;
    }

    private static String hold(String show, String buyer, String seat, int status) {
        Api.Answer answer = api.post("/v1/shows/" + show + "/holds", buyer, Api.json(Map.of("seatIds", List.of(seat))));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        return status == 201 ? answer.body().get("holdId").asText() : null;
    }

    private static String pay(String hold, String buyer) {
        Api.Answer answer = api.post("/v1/holds/" + hold + "/payment", buyer, Api.json(Map.of("paymentToken", "tok_ok")));
        assertThat(answer.status()).as(answer.raw()).isBetween(200, 202);
        return answer.body().get("orderId").asText();
    }

    private static void order(String order, String buyer) {
        Api.Answer answer = api.get("/v1/orders/" + order, buyer);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    // ---- feed ----

    /**
     * One author with {@value #FOLLOWERS} followers publishes {@value #POSTS} posts while the posts stream's consumers
     * are held back and the queues' consumers stopped; then each stage runs alone on what the one before left it.
     */
    private static void feed() {
        String authorId = "calls-author-" + UUID.randomUUID().toString().substring(0, 8);
        String author = api.token(authorId);
        String[] followers = api.tokens(FOLLOWERS, i -> authorId + "-follower-" + i);
        for (String follower : followers) {
            assertThat(api.put("/v1/me/subscriptions/" + authorId, follower, null).status()).isBetween(200, 204);
        }
        // a first post through the whole pipeline: the author's profile is cached, every path is warm
        String[] firstPost = new String[1];
        meter.during(() -> firstPost[0] = publish(author),
                d -> d.containsKey("lambda.index-posts") && d.containsKey("lambda.write-inboxes"),
                CONSUMER_QUIET, Duration.ofSeconds(30));
        String first = firstPost[0];
        stack.killConsumer("write-inboxes");
        stack.killConsumer("index-posts");
        try (AutoCloseable inspect = stack.pauseStream("inspect-posts");
             AutoCloseable fanOut = stack.pauseStream("fan-out-posts")) {
            route("publish-post", 1, i -> publish(author));
            rush(POSTS - 1, i -> publish(author));
            consumer("inspect-posts/post", POSTS, () -> close(inspect),
                    d -> d.getOrDefault("bedrock", 0.0) >= 2 * POSTS);
            consumer("fan-out-posts/post", POSTS, () -> close(fanOut),
                    d -> d.getOrDefault("sqs.index-posts.messages", 0.0) >= POSTS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // a page of followers costs an invocation's share, its followers' query and its queue's calls; each follower
        // on it an inbox write: two units, so a page of 1,000 is planned as well as this one of 20
        Map<String, Double> pages = meter.during(() -> stack.startConsumer("write-inboxes"),
                d -> d.getOrDefault("dynamodb.inboxes.writeUnits", 0.0) >= POSTS * FOLLOWERS, CONSUMER_QUIET,
                Duration.ofSeconds(30));
        Map<String, Double> inboxes = new TreeMap<>(pages);
        inboxes.keySet().removeIf(key -> !key.startsWith("dynamodb.inboxes."));
        pages.keySet().removeIf(inboxes::containsKey);
        record("write-inboxes/page", pages, POSTS, true);
        record("write-inboxes/follower", inboxes, POSTS * FOLLOWERS, true);
        consumer("index-posts/post", POSTS, () -> stack.startConsumer("index-posts"),
                d -> d.getOrDefault("dynamodb.posts.requests", 0.0) >= POSTS);

        get("/v1/posts/" + first, followers[0]);
        route("get-post", 1, i -> get("/v1/posts/" + first, followers[1]));
        get("/v1/me/inbox", followers[0]);
        route("read-inbox", 1, i -> get("/v1/me/inbox", followers[1]));
        get("/v1/search?q=running", followers[0]);
        route("search-posts", 1, i -> get("/v1/search?q=running", followers[1]));
    }

    /** Posts of one measurement: one full batch of the posts stream's consumers. */
    private static final int POSTS = 10;
    /** The author's followers: one page of write-inboxes (a page holds up to 1,000). */
    private static final int FOLLOWERS = 20;

    private static String publish(String author) {
        Api.Answer answer = api.post("/v1/posts", author, Api.json(Map.of("title", "Running shoes",
                "body", "Light running shoes for a long run", "category", "sports")));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return answer.body().get("postId").asText();
    }

    private static void get(String path, String token) {
        Api.Answer answer = api.get(path, token);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a rush: the model against the engines' own counters ----

    /**
     * A drop of 50 claimed by 300 users and a poll voted by 500, with their consumers stopped until the rush is over
     * (a backlog, as a rush leaves one, so their batches are full): what the model predicts from the units driven,
     * against what each engine counted itself: within {@value #AGREEMENT} per component, or one count for the smallest.
     * PostgreSQL's xact_commit (less the DynamoDB engine's) is printed, but the functions' own commits are what must
     * agree, since xact_commit counts the pools' connection checks too and other backends publish it late. Votes are
     * cast {@value #VOTES_IN_FLIGHT} at a time by a cast-vote environment made as Lambda makes it: each vote waits for
     * the stream and settles its own outbox entry, where the local stack's one environment would settle the votes of
     * concurrent callers together (the model is of Lambda, where an environment serves one caller at a time).
     */
    @Test
    void aRushCostsTheEnginesWhatTheModelPredicts() throws Exception {
        CallsModel model = CallsModel.read();
        String drop = newDrop(50, 1);
        String poll = newPoll();
        String[] claimers = claimers();
        String[] voters = voters();
        Map<String, Integer> units = new LinkedHashMap<>();
        List<String> queues = List.of("claims");
        List<String> topics = List.of("votes");
        Map<String, Double> before;
        Map<String, Double> after;
        long functionsCommitted;
        System.setProperty(EnvNames.VOTE_AWAIT_APPEND_MS, "2000");
        stack.recycle("cast-vote");
        try (AutoCloseable schedules = stack.pauseSchedules();
             AutoCloseable inspect = stack.pauseStream("inspect-posts");
             AutoCloseable fanOut = stack.pauseStream("fan-out-posts");
             EngineCounts engines = new EngineCounts(stack, meter)) {
            // the wait for PostgreSQL's counts also outlasts the killed pollers' last long poll
            stack.killConsumer("store-claims");
            stack.killConsumer("count-votes");
            Meter.sleep(STATS_FLUSHED);
            before = engines.read(queues, topics);
            long app0 = AppTransactions.committed();

            rush(50, i -> claim(drop, claimers[i], 202));
            units.put("claim-drop/accepted", 50);
            claim(drop, claimers[50], 409);
            units.put("claim-drop/sold-out", 1);
            rush(249, i -> claim(drop, claimers[51 + i], 409));
            units.put("claim-drop/remembered", 249);
            rush(COUNTED_VOTES, VOTES_IN_FLIGHT, i -> vote(poll, voters[i], 202));
            units.put("cast-vote/accepted", COUNTED_VOTES);
            Map<String, Double> sent = engines.read(queues, topics);

            stack.startConsumer("store-claims");
            stack.startConsumer("count-votes");
            units.put("store-claims/message", 50);
            units.put("count-votes/record", COUNTED_VOTES);
            units.put("deliver-notices/notice", 50);
            // done: the votes stored in 5 transactions of 100, the claims in 2 of 25, and a notice of each claim
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done(Meter.minus(engines.read(List.of(), List.of()), before))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the consumers did not finish");
                Meter.sleep(Duration.ofMillis(200));
            }
            Meter.sleep(STATS_FLUSHED);
            after = engines.read(queues, topics);
            functionsCommitted = AppTransactions.committed() - app0;
            // a queue's count is of what it holds: what was sent is what it held when the rush was over
            for (String queue : queues) after.put("sqs." + queue + ".messages", sent.get("sqs." + queue + ".messages"));
        } finally {
            System.clearProperty(EnvNames.VOTE_AWAIT_APPEND_MS);
            stack.recycle("cast-vote");
            for (String consumer : STOPPED) stack.startConsumer(consumer);
        }

        Map<String, Double> counted = Meter.minus(after, before);
        Map<String, Double> predicted = new TreeMap<>();
        units.forEach((unit, count) -> model.unit(unit).forEach((field, value) -> {
            if (counted.containsKey(field) || before.containsKey(field)) predicted.merge(field, value * count, Double::sum);
        }));
        var fields = new java.util.TreeSet<>(predicted.keySet());
        fields.addAll(counted.keySet());
        StringBuilder table = new StringBuilder(String.format("%nrush %s%n%-34s %10s %10s%n", units, "component",
                "model", "engines"));
        for (String field : fields) {
            table.append(String.format("%-34s %10.1f %10.1f%n", field, predicted.getOrDefault(field, 0.0),
                    counted.getOrDefault(field, 0.0)));
        }
        table.append(String.format("%-34s %10.1f %10d   (at the functions' connections)%n", "aurora.transactions",
                predicted.getOrDefault("aurora.transactions", 0.0), functionsCommitted));
        System.out.println(table);
        for (String field : fields) {
            double expected = predicted.getOrDefault(field, 0.0);
            double actual = counted.getOrDefault(field, 0.0);
            if (field.equals("aurora.transactions")) {
                // xact_commit also counts the pools' checks of a connection idle for 0.5 s (an empty query), and other
                // backends publish theirs when they get round to it: printed, but the functions' own commits are checked
                assertThat(Math.abs(expected - functionsCommitted)).as("%s: model %s, functions %s", field, expected,
                        functionsCommitted).isLessThanOrEqualTo(Math.max(1, AGREEMENT * expected));
            } else {
                assertThat(Math.abs(expected - actual)).as("%s: model %s, engines %s", field, expected, actual)
                        .isLessThanOrEqualTo(Math.max(1, AGREEMENT * Math.max(expected, actual)));
            }
        }
    }

    /** The rush's consumers are done: its votes and claims stored, a notice of each claim delivered. */
    private static boolean done(Map<String, Double> counted) {
        return counted.getOrDefault("dynamodb.votes.requests", 0.0) >= 5
                && counted.getOrDefault("dynamodb.claims.requests", 0.0) >= 2
                && counted.getOrDefault("dynamodb.notifications.requests", 0.0) >= 50;
    }

    static final double AGREEMENT = 0.05;
    private static final int VOTES_IN_FLIGHT = 8;
    /** PostgreSQL's backends publish their counts at most once a second, and when idle. */
    private static final Duration STATS_FLUSHED = Duration.ofMillis(2000);

    private static String[] claimers;
    private static String[] voters;

    /** 300 users who claim, minted once for both tests. */
    private static synchronized String[] claimers() {
        if (claimers == null) claimers = api.tokens(300, i -> "calls-claimer-many-" + i);
        return claimers;
    }

    /** {@value #COUNTED_VOTES} users who vote, minted once for both tests. */
    private static synchronized String[] voters() {
        if (voters == null) voters = api.tokens(COUNTED_VOTES, i -> "calls-voter-" + i);
        return voters;
    }

    // ---- measuring ----

    /** A route's unit: {@code times} requests, one after another, each of the unit's outcome. */
    private static void route(String unit, int times, IntConsumer request) {
        Map<String, Double> delta = meter.during(() -> {
            for (int i = 0; i < times; i++) request.accept(i);
        });
        record(unit, delta, times, false);
    }

    /** A consumer's unit: what it cost from {@code start} until {@code done} holds and all is quiet, per message. */
    private static void consumer(String unit, int messages, Runnable start, Predicate<Map<String, Double>> done) {
        Map<String, Double> delta = meter.during(start, done, CONSUMER_QUIET, Duration.ofSeconds(30));
        record(unit, delta, messages, true);
    }

    private static void record(String unit, Map<String, Double> delta, int units, boolean consumer) {
        String function = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        Map<String, Double> costs = new TreeMap<>();
        delta.forEach((key, value) -> {
            if (key.startsWith("lambda.")) {
                if (key.equals("lambda." + function)) costs.put("lambda", value / units);
            } else {
                costs.put(key, value / units);
            }
        });
        measured.put(unit, new Measured(costs, units, consumer));
    }

    /**
     * Exact for a route. For a consumer, within {@value #CONSUMER_TOLERANCE}, or, over 8 batches or more, one batch
     * more: the tail of a backlog may be split between two pollers, into one partial batch beyond the full ones.
     */
    private static void assertAgrees(String unit, Map<String, Double> model, double batch, Measured m) {
        var fields = new TreeSet<>(model.keySet());
        m.costs().keySet().stream().filter(CallsPerUnitE2E::modelled).forEach(fields::add);
        for (String field : fields) {
            double expected = model.getOrDefault(field, 0.0);
            double actual = m.costs().getOrDefault(field, 0.0);
            double partial = m.units() >= 8 * batch ? Math.abs(expected) * batch / m.units() : 0;
            double allowed = m.consumer()
                    ? Math.max(CONSUMER_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual)), partial) : 1e-9;
            assertThat(Math.abs(expected - actual)).as("%s %s: model %s, measured %s", unit, field, expected, actual)
                    .isLessThanOrEqualTo(allowed);
        }
    }

    /** Fields the model's format has; anything else measured (another service) is printed, not compared. */
    private static boolean modelled(String field) {
        return !field.startsWith("other.");
    }

    private static void print(CallsModel model) {
        StringBuilder table = new StringBuilder(String.format("%n%-28s %-34s %10s %10s%n", "unit", "field", "model",
                "measured"));
        measured.forEach((unit, m) -> {
            Map<String, Double> expected = model.units().containsKey(unit) ? model.unit(unit) : Map.of();
            var fields = new TreeSet<>(expected.keySet());
            fields.addAll(m.costs().keySet());
            for (String field : fields) {
                Double e = expected.get(field);
                table.append(String.format("%-28s %-34s %10s %10.4f%s%n", unit, field, e == null ? "-" : e,
                        m.costs().getOrDefault(field, 0.0),
                        m.consumer() ? "  (each of " + m.units() + ")" : ""));
            }
        });
        NOT_MEASURED.forEach((unit, why) -> table.append(String.format("%-28s not measured: %s%n", unit, why)));
        table.append(String.format("%nas calls.json would say it:%n"));
        measured.forEach((unit, m) -> table.append(String.format("    \"%s\": %s,%n", unit, asJson(m))));
        System.out.println(table);
    }

    /** A measured unit in the model's format: fields nested by their paths, numbers to 4 places. */
    @SuppressWarnings("unchecked")
    private static String asJson(Measured m) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (m.consumer()) root.put("batch", "?");
        m.costs().forEach((path, value) -> {
            if (path.startsWith("other.")) return;
            String[] parts = path.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            }
            node.put(parts[parts.length - 1], new java.math.BigDecimal(value).setScale(4,
                    java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        });
        return root.toString().replace("=", ": ");
    }
}
