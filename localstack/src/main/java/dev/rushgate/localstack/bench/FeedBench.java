package dev.rushgate.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.feed.adapter.OpenSearchPosts;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostStatus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./rushgate bench feed}: the feed's targets, next to the health ceiling in the same run.
 * <ol>
 *   <li>100 authors of 1,000 followers each publish at once: how long until each post is in all its followers'
 *       inboxes (inspection, the stream, the fan-out through SQS pages), and how many inbox items a second that
 *       made;</li>
 *   <li>inbox reads of those followers (a page of 20 each, with authors' profiles from the cache);</li>
 *   <li>search over 100,000 posts (bulk-loaded into the stack's index, as a rebuild would), Korean and English
 *       queries.</li>
 * </ol>
 */
final class FeedBench {
    static final int AUTHORS = 100;
    static final int FOLLOWERS = 1_000;
    static final int SEARCHED_POSTS = 100_000;
    /** Issue 19: inbox items written a second by the fan-out. */
    private static final int TARGET_ITEMS_PER_SECOND = 20_000;
    private static final List<String> WORDS = List.of("운동화", "마라톤", "커피", "여행", "크라우드", "펀딩", "공연",
            "티켓", "축구", "야구", "음악", "맛집", "running", "shoes", "coffee", "travel", "concert", "ticket",
            "football", "music", "market", "funding", "crowd", "festival");

    private FeedBench() {}

    static void run(URI url, Bench.Options o, StackProcess stack) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String> authors = Bench.tokens(url, "bench-author-" + run, AUTHORS, Duration.ofMinutes(5));
        // ids prefix-0 … prefix-999: the last one (999) is also the greatest by id, the one a page reaches last
        List<String> followers = Bench.tokens(url, "bench-follower-" + run, FOLLOWERS, Duration.ofMinutes(5));
        System.out.printf(Locale.ROOT, "Rushgate bench: feed — %d connections, %d s per phase, %d authors × %d "
                + "followers; %s%n%n", o.connections(), o.seconds(), AUTHORS, FOLLOWERS, Bench.machine());

        // every follower follows every author: 100,000 subscriptions, each a transaction of three writes
        List<byte[]> subscribe = new ArrayList<>(AUTHORS * FOLLOWERS);
        for (int a = 0; a < AUTHORS; a++) {
            for (String follower : followers) {
                subscribe.add(RawRequests.request("PUT", url, "/v1/me/subscriptions/bench-author-" + run + "-" + a,
                        follower));
            }
        }
        Load.Result subscribed = Load.run("PUT subscriptions (setup)", url, subscribe, o.connections(),
                Duration.ofMinutes(10), subscribe.size());

        List<byte[]> health = Bench.health(url);
        Duration phase = Duration.ofSeconds(o.seconds());
        Load.run("warm-up", url, health, o.connections(), Duration.ofSeconds(3), Long.MAX_VALUE);
        Load.Result ceiling = Load.run("GET /v1/health (ceiling)", url, health, o.connections(), phase, Long.MAX_VALUE);

        // 1. the rush of posts
        Map<String, Instant> published = new ConcurrentHashMap<>();
        CpuBudget budget = CpuBudget.start(stack, Duration.ofSeconds(2));
        Instant rushStart = Instant.now();
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int a = 0; a < AUTHORS; a++) {
                String token = authors.get(a);
                int n = a;
                sent.add(pool.submit(() -> {
                    JsonNode answer = Bench.post(url, token, "/v1/posts", Map.of("title", "Bench " + run + " " + n,
                            "body", "마라톤 운동화 running shoes " + n, "category", "sports"));
                    published.put(answer.get("postId").asText(), Instant.now());
                    return null;
                }));
            }
            for (Future<?> f : sent) f.get();
        }
        Map<String, Duration> inAllInboxes = awaitInboxes(url, followers, published, Duration.ofMinutes(5));
        long items = (long) AUTHORS * FOLLOWERS;
        CpuBudget.Spent spent = CpuBudget.stop(budget, items);
        checkInboxes(url, followers, published.keySet());
        Instant last = published.entrySet().stream().map(e -> e.getValue().plus(inAllInboxes.get(e.getKey())))
                .max(Instant::compareTo).orElseThrow();
        double fanOutSeconds = Duration.between(rushStart, last).toMillis() / 1000.0;
        long[] latencies = inAllInboxes.values().stream().mapToLong(Duration::toMillis).sorted().toArray();

        // 2. inbox reads
        List<byte[]> reads = followers.stream().map(t -> RawRequests.request("GET", url, "/v1/me/inbox?limit=20", t))
                .toList();
        Load.run("warm-up", url, reads, o.connections(), Duration.ofSeconds(3), Long.MAX_VALUE);
        Load.Result inbox = Load.run("GET /v1/me/inbox (20 a page)", url, reads, o.connections(), phase,
                Long.MAX_VALUE);
        Load.Result inboxQuiet = Load.run("GET /v1/me/inbox, 2 connections", url, reads, 2, phase, Long.MAX_VALUE);

        // 3. search over 100,000 posts
        URI search = URI.create(stack == null ? System.getenv().getOrDefault("RUSHGATE_SEARCH_ENDPOINT", "")
                : stack.printed("search\\s+(http://\\S+)"));
        Instant loadStart = Instant.now();
        bulkLoad(search, run);
        Duration loaded = Duration.between(loadStart, Instant.now());
        List<byte[]> queries = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String q = WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size()));
            queries.add(RawRequests.request("GET", url, "/v1/search?limit=20&q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8), followers.get(i % followers.size())));
        }
        Load.run("warm-up", url, queries, o.connections(), Duration.ofSeconds(3), Long.MAX_VALUE);
        Load.Result searched = Load.run("GET /v1/search over 100,000 posts", url, queries, o.connections(), phase,
                Long.MAX_VALUE);
        Load.Result searchedQuiet = Load.run("GET /v1/search, 2 connections", url, queries, 2, phase, Long.MAX_VALUE);

        Bench.printTable(List.of(subscribed, ceiling, inbox, inboxQuiet, searched, searchedQuiet));
        System.out.printf(Locale.ROOT, "inbox reads ÷ health ceiling: %.2f; %,.0f/s (target ≥ 5,000), p99 %.1f ms "
                + "(target ≤ 20)%n", inbox.perSecond() / ceiling.perSecond(), inbox.perSecond(), inbox.p99Millis());
        System.out.printf(Locale.ROOT, "fan-out: %,d inbox items in %.2f s from the first publish: %,.0f items/s "
                + "(target ≥ %,d)%n", items, fanOutSeconds, items / fanOutSeconds, TARGET_ITEMS_PER_SECOND);
        CpuBudget.print(spent, "inbox item", "from the publishes to every post in every inbox (inspection, streams, "
                + "fan-out)", TARGET_ITEMS_PER_SECOND);
        System.out.printf(Locale.ROOT, "publish → in all %d inboxes, %d posts at once: p50 %d ms, p99 %d ms, max %d "
                + "ms (target p99 < 5,000)%n", FOLLOWERS, AUTHORS, percentile(latencies, 50),
                percentile(latencies, 99), latencies[latencies.length - 1]);
        System.out.printf(Locale.ROOT, "inbox reads with 2 connections: %,.0f/s, p99 %.1f ms%n", inboxQuiet.perSecond(),
                inboxQuiet.p99Millis());
        System.out.printf(Locale.ROOT, "search ÷ health ceiling: %.2f; %,.0f/s, p99 %.1f ms over %,d posts (target ≤ "
                + "50; bulk-loaded in %.1f s); with 2 connections %,.0f/s, p99 %.1f ms%n",
                searched.perSecond() / ceiling.perSecond(), searched.perSecond(), searched.p99Millis(), SEARCHED_POSTS,
                loaded.toMillis() / 1000.0, searchedQuiet.perSecond(), searchedQuiet.p99Millis());
        Bench.printStack(stack);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /**
     * When each post was first seen in every follower's inbox, after it was published. A post's one page of 1,000
     * followers is written in follower-id order, so the last follower by id is the last inbox it reaches: that inbox is
     * polled (every 50 ms, so the polling does not load the stack it measures).
     */
    private static Map<String, Duration> awaitInboxes(URI url, List<String> followers, Map<String, Instant> posts,
                                                      Duration most) throws Exception {
        Map<String, Duration> done = new HashMap<>();
        long deadline = System.nanoTime() + most.toNanos();
        String lastFollower = followers.getLast();
        while (done.size() < posts.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((posts.size() - done.size()) + " posts not in every inbox after " + most);
            }
            JsonNode page = Bench.get(url, lastFollower, "/v1/me/inbox?limit=" + (AUTHORS + 10));
            Instant now = Instant.now();
            page.get("items").forEach(i -> {
                String postId = i.get("postId").asText();
                if (posts.containsKey(postId)) done.putIfAbsent(postId, Duration.between(posts.get(postId), now));
            });
            Thread.sleep(50);
        }
        return done;
    }

    /** Reads every follower's inbox once: each must hold each of {@code posts} exactly once. */
    private static void checkInboxes(URI url, List<String> followers, Set<String> posts) throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> reads = new ArrayList<>();
            for (String follower : followers) {
                reads.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    Bench.get(url, follower, "/v1/me/inbox?limit=" + (AUTHORS + 10)).get("items")
                            .forEach(i -> ids.add(i.get("postId").asText()));
                    if (ids.size() != posts.size() || !ids.containsAll(posts)) {
                        throw new IllegalStateException("an inbox does not hold each post exactly once: " + ids.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : reads) f.get();
        }
    }

    /** 100,000 published posts of mixed Korean and English into the stack's index, in bulk, as a rebuild would. */
    private static void bulkLoad(URI endpoint, String run) {
        OpenSearchPosts index = OpenSearchPosts.local(endpoint);
        Random random = new Random(11);
        Instant now = Instant.now();
        List<Post> batch = new ArrayList<>(1_000);
        for (int i = 0; i < SEARCHED_POSTS; i++) {
            String[] words = new String[12];
            Arrays.setAll(words, w -> WORDS.get(random.nextInt(WORDS.size())));
            String title = words[0] + " " + words[1] + " " + i;
            String body = String.join(" ", words) + "를 샀다. " + String.join(" ", words) + " " + run;
            batch.add(new Post("bench-" + run + "-" + i, "bench-author-" + run + "-" + (i % AUTHORS), title, body,
                    "news", List.of(), PostStatus.PUBLISHED, List.of(), List.of(words[2], words[3]),
                    now.minusSeconds(i), now));
            if (batch.size() == 1_000) {
                index.indexAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) index.indexAll(batch);
    }
}
