package dev.rushgate.localstack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.localstack.engine.EngineOptions;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.localstack.metrics.StackMetrics;
import dev.rushgate.ops.OpsWiring;
import dev.rushgate.localstack.events.DynamoStreamPoller;
import dev.rushgate.localstack.events.KafkaPoller;
import dev.rushgate.localstack.events.LocalAlarms;
import dev.rushgate.localstack.events.LocalContext;
import dev.rushgate.localstack.events.Poller;
import dev.rushgate.localstack.events.ScheduleRunner;
import dev.rushgate.localstack.events.SqsPoller;
import dev.rushgate.localstack.bedrock.BedrockSimulator;
import dev.rushgate.localstack.payments.PaymentSimulator;
import dev.rushgate.localstack.search.EmbeddedOpenSearch;
import dev.rushgate.localstack.upstream.UserServiceSimulator;
import dev.rushgate.feed.adapter.OpenSearchPosts;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.localstack.provision.Provisioner;
import dev.rushgate.platform.Config;
import dev.rushgate.platform.Clients;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of Rushgate on one machine, built from the same declaration as the CDK app: the engines, the
 * tables, queues, topics and schema, the local API gateway for every route, a poller for every SQS and
 * Kafka consumer and a timer for every schedule, each calling the real handler.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /**
     * @param port                     where the API listens (0 picks a free port)
     * @param dataDir                  keep data there between runs; empty for a fresh stack
     * @param visibilityTimeoutSeconds overrides the declared SQS visibility timeouts (tests use a short one
     *                                 so redelivery after a crash comes quickly)
     */
    /**
     * @param guardRails the routes' throttling, as the CDK app deploys it; empty for none ({@code --no-throttle}: the
     *                   benchmarks measure the engines, not the limits)
     */
    public record Options(int port, Optional<Path> dataDir, Optional<Integer> visibilityTimeoutSeconds,
                          Optional<GuardRails> guardRails, List<String> features) {
        public Options {
            features = List.copyOf(features);
        }

        public Options(int port, Optional<Path> dataDir, Optional<Integer> visibilityTimeoutSeconds,
                       Optional<GuardRails> guardRails) {
            this(port, dataDir, visibilityTimeoutSeconds, guardRails, List.of());
        }

        public static Options defaults() {
            return new Options(8080, Optional.empty(), Optional.empty(), Optional.of(Rushgate.guardRails()));
        }

        /** The declaration this stack runs: the features given, as {@code -c features=} selects them for the cloud. */
        Declaration declaration() {
            Declaration all = Rushgate.declaration();
            return features.isEmpty() ? all : all.select(features).complete();
        }
    }

    private final Declaration declaration;
    private final Options options;
    private final Engines engines;
    private final Map<String, String> environment;
    private final LocalFunctions functions;
    private final LocalGateway gateway;
    private final SqsClient sqs;
    private final Map<String, List<Poller>> consumers = new LinkedHashMap<>();
    /** How often the local dead-letter alarms look (CloudWatch's are evaluated a minute at a time). */
    static final Duration ALARM_PERIOD = Duration.ofSeconds(5);
    private final List<AutoCloseable> schedules = new ArrayList<>();
    private final Map<String, Object> afterDeploy = new LinkedHashMap<>();
    private final Duration startTime;
    private PaymentSimulator payments;
    private BedrockSimulator bedrock;
    private UserServiceSimulator upstream;
    private EmbeddedOpenSearch search;
    private StackMetrics metrics;
    private LocalAlarms alarms;

    private LocalStack(Declaration declaration, Options options) throws Exception {
        long started = System.nanoTime();
        this.declaration = declaration;
        this.options = options;
        // The search node (when a feature searches) starts beside the other engines, in this JVM: about 3 s of its own,
        // then its index, from the one definition the cloud's indexer uses too.
        CompletableFuture<EmbeddedOpenSearch> searchNode = declaration.functions().stream()
                .anyMatch(f -> f.needs().search())
                ? CompletableFuture.supplyAsync(() -> withIndex(EmbeddedOpenSearch.start(
                        options.dataDir().map(d -> d.resolve("opensearch")))))
                : CompletableFuture.completedFuture(null);
        try {
            this.engines = Engines.start(new EngineOptions(options.dataDir()));
        } catch (Exception | Error e) {
            stopOnceUp(searchNode);
            throw e;
        }
        try {
            this.environment = Provisioner.provision(declaration, engines);
            environment.put(EnvNames.FEATURES, String.join(",", declaration.features()));
            // ElasticMQ counts a queue's messages exactly, where SQS's counts may lag a minute: a drop the cache lost
            // waits 2 s of an empty claims queue here (longer than a claim's send), not the cloud's 60 s.
            environment.put(EnvNames.RECOVERY_SETTLE_MS, "2000");
            environment.put(EnvNames.FEED_CATEGORIES, String.join(",", Rushgate.DEFAULT_FEED_CATEGORIES));
            this.search = searchNode.join();
            if (search != null) environment.put(EnvNames.SEARCH_ENDPOINT, search.endpoint().toString());
            // The functions read their configuration by the names the CDK app sets in the cloud.
            environment.forEach(System::setProperty);
            // Every function shares this JVM, so admission keys made in memory are the same for all of them.
            System.setProperty(EnvNames.ADMISSION_KEYS, EnvNames.GENERATED_KEYS);
            Clients.get().reset();
            DevTokens tokens = new DevTokens(Clock.systemUTC());
            this.functions = new LocalFunctions(tokens, new StackFaults());
            this.sqs = LocalAwsClients.sqs(engines.sqsEndpoint());
            this.gateway = new LocalGateway(declaration, functions, tokens, options.port(),
                    options.guardRails().orElse(null));
            // Ticketing's payment provider: the one fake, a Stripe-like simulator (tok_ok, tok_declined, tok_flaky, tok_hang).
            // Started after the gateway: the JDK reads its HTTP server settings once, when the first server starts.
            this.payments = PaymentSimulator.start();
            environment.put(EnvNames.PAYMENTS_URL, payments.url().toString());
            environment.put(EnvNames.PAYMENTS_SECRET, PaymentSimulator.SECRET);
            System.setProperty(EnvNames.PAYMENTS_URL, payments.url().toString());
            System.setProperty(EnvNames.PAYMENTS_SECRET, PaymentSimulator.SECRET);
            // The feed's inspection: a simulator of the Bedrock Runtime API, which the real SDK client calls.
            this.bedrock = BedrockSimulator.start();
            // Profiles and categories: another team's user service, flaky on purpose (20% wait 1 s, then 500).
            this.upstream = UserServiceSimulator.start(UserServiceSimulator.Mode.FLAKY);
            Map<String, String> feed = Map.of(EnvNames.BEDROCK_ENDPOINT, bedrock.url().toString(),
                    EnvNames.BEDROCK_MODEL_ID, BedrockSimulator.MODEL,
                    EnvNames.BEDROCK_GUARDRAIL_ID, BedrockSimulator.GUARDRAIL,
                    EnvNames.BEDROCK_GUARDRAIL_VERSION, BedrockSimulator.GUARDRAIL_VERSION,
                    EnvNames.UPSTREAM_URL, upstream.url().toString());
            environment.putAll(feed);
            feed.forEach(System::setProperty);
            // First what runs after a deployment (the schema migrations, as the master user), then the rest.
            for (FunctionSpec function : declaration.functions()) {
                if (function.trigger() instanceof Trigger.Deploy) runAfterDeploy(function);
            }
            logInAsTheAppRole();
            for (FunctionSpec function : declaration.functions()) {
                switch (function.trigger()) {
                    case Trigger.Sqs s -> startConsumer(function.id());
                    case Trigger.Kafka k -> startConsumer(function.id());
                    case Trigger.DynamoStream d -> startConsumer(function.id());
                    case Trigger.Schedule s -> schedules.add(schedule(function, s));
                    case Trigger.Http h -> { }
                    case Trigger.Deploy d -> { }
                }
            }
            this.metrics = new StackMetrics(declaration, environment, sqs, this::engineEndpoints,
                    functions::invocations, engines::dynamoRequests, engines::kafkaBootstrap, OpsWiring.liveCounters(),
                    OpsWiring.liveGauges());
            gateway.serveAlso("/metrics", metrics::serve);
            this.alarms = LocalAlarms.start(declaration, environment, sqs, ALARM_PERIOD);
            gateway.open();
        } catch (Exception | Error e) {
            close();
            if (search == null) stopOnceUp(searchNode);
            throw e;
        }
        this.startTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /** A search node still starting when another part of the start failed: stopped once it is up. */
    private static void stopOnceUp(CompletableFuture<EmbeddedOpenSearch> searchNode) {
        searchNode.thenAccept(node -> {
            if (node != null) node.close();
        });
    }

    private static EmbeddedOpenSearch withIndex(EmbeddedOpenSearch node) {
        try {
            OpenSearchPosts.local(node.endpoint()).ensureIndex();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Where each engine listens now (Kafka moves when restarted), for /metrics' reachability gauge. */
    private List<StackMetrics.Endpoint> engineEndpoints() {
        List<StackMetrics.Endpoint> out = new ArrayList<>(List.of(
                StackMetrics.Endpoint.of("redis", engines.redisEndpoint()),
                StackMetrics.Endpoint.of("dynamodb", engines.dynamoEndpoint()),
                StackMetrics.Endpoint.of("sqs", engines.sqsEndpoint()),
                StackMetrics.Endpoint.of("kafka", engines.kafkaBootstrap().split(",")[0]),
                StackMetrics.Endpoint.of("postgresql", URI.create(engines.jdbcUrl().substring("jdbc:".length())))));
        if (search != null) out.add(StackMetrics.Endpoint.of("opensearch", search.endpoint()));
        return out;
    }

    public static LocalStack start(Options options) throws Exception {
        return new LocalStack(options.declaration(), options);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    public Duration startTime() {
        return startTime;
    }

    public Engines engines() {
        return engines;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public List<String> routeKeys() {
        return gateway.routeKeys();
    }

    /** What each function triggered by {@link Trigger.Deploy} answered when it ran at start. */
    public Map<String, Object> afterDeployResults() {
        return Map.copyOf(afterDeploy);
    }

    /** The payment provider simulator, to see what was really charged. */
    public PaymentSimulator payments() {
        return payments;
    }

    /** The Bedrock Runtime simulator, to make it throttle or fail, and to count its calls. */
    public BedrockSimulator bedrock() {
        return bedrock;
    }

    /** The upstream user service simulator, to switch its failures or its outage, and to count its calls. */
    public UserServiceSimulator upstream() {
        return upstream;
    }

    /** Lambda invocations so far, by function id, of every route, consumer, schedule and deployment function. */
    public Map<String, Long> invocations() {
        return functions.invocations();
    }

    /**
     * Replaces a started function's environment with a new one, which reads its configuration (the environment, then
     * system properties) again, as a new Lambda environment would: for running one function the way Lambda runs it.
     */
    public void recycle(String functionId) {
        functions.recycle(functionId);
    }

    /**
     * Stops every schedule, and the local alarms' checks, until the answer is closed, which starts them again (each
     * first runs one period later). For measuring what a unit of work costs the engines: the sweepers' ticks and the
     * alarms' reads of queue depths would be counted with it.
     */
    public synchronized AutoCloseable pauseSchedules() {
        schedules.forEach(LocalStack::quietly);
        schedules.clear();
        AutoCloseable alarmsPaused = alarms == null ? () -> { } : alarms.pause();
        return () -> {
            quietly(alarmsPaused);
            synchronized (LocalStack.this) {
                if (!schedules.isEmpty()) return;
                for (FunctionSpec function : declaration.functions()) {
                    if (function.trigger() instanceof Trigger.Schedule s) schedules.add(schedule(function, s));
                }
            }
        };
    }

    /**
     * Holds back the consumer of a DynamoDB stream until the answer is closed; it keeps its place in the stream, so
     * then it reads on from there.
     */
    public synchronized AutoCloseable pauseStream(String functionId) {
        List<DynamoStreamPoller> pollers = consumers.getOrDefault(functionId, List.of()).stream()
                .filter(DynamoStreamPoller.class::isInstance).map(DynamoStreamPoller.class::cast).toList();
        if (pollers.isEmpty()) throw new IllegalArgumentException("no running stream consumer " + functionId);
        pollers.forEach(DynamoStreamPoller::pause);
        return () -> pollers.forEach(DynamoStreamPoller::resume);
    }

    /** Ids of the functions whose consumer is running. */
    public synchronized List<String> runningConsumers() {
        return List.copyOf(consumers.keySet());
    }

    /** How many pollers the consumer of {@code functionId} runs: one per partition of a Kafka topic. */
    public synchronized int pollersOf(String functionId) {
        return consumers.getOrDefault(functionId, List.of()).size();
    }

    /** Stops a consumer the way a crash would: its batch in hand is neither finished nor deleted. */
    public synchronized void killConsumer(String functionId) {
        List<Poller> consumer = consumers.remove(functionId);
        if (consumer == null) throw new IllegalArgumentException("no running consumer " + functionId);
        consumer.forEach(Poller::kill);
    }

    /** A new consumer starts this long after one was killed: about what Lambda takes to start an environment. */
    static final Duration NEW_CONSUMER_AFTER = Duration.ofMillis(500);

    /** What the fault suite may do to this stack from outside ({@code POST /v1/dev/faults/…}). */
    private final class StackFaults implements Faults {
        @Override
        public Killed killConsumerMidBatch(String functionId, Duration wait) {
            FunctionSpec function = declaration.function(functionId)
                    .orElseThrow(() -> new IllegalArgumentException("no function " + functionId));
            if (!(function.trigger() instanceof Trigger.Sqs || function.trigger() instanceof Trigger.Kafka
                    || function.trigger() instanceof Trigger.DynamoStream)) {
                throw new IllegalArgumentException(functionId + " consumes no queue, topic or stream");
            }
            List<Poller> pollers;
            synchronized (LocalStack.this) {
                pollers = consumers.getOrDefault(functionId, List.of());
            }
            if (pollers.isEmpty()) throw new IllegalArgumentException("the consumer of " + functionId + " is not running");
            long began = System.nanoTime();
            boolean midBatch = false;
            while (System.nanoTime() - began < wait.toNanos()) {
                if (pollers.stream().anyMatch(Poller::handling)) {
                    midBatch = true;
                    break;
                }
                Thread.onSpinWait();
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - began);
            killConsumer(functionId);
            long killed = System.nanoTime();
            try {
                Thread.sleep(NEW_CONSUMER_AFTER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            startConsumer(functionId);
            LOG.warn("fault: {} killed {} ({}), a new one started", functionId,
                    midBatch ? "while handling a batch" : "with no batch in hand", waited);
            return new Killed(functionId, waited, midBatch, Duration.ofNanos(System.nanoTime() - killed));
        }

        @Override
        public UserServiceSimulator.Mode upstream(Boolean outage, Double failureRate, Long delayMs) {
            UserServiceSimulator.Mode now = upstream.mode();
            UserServiceSimulator.Mode next = new UserServiceSimulator.Mode(
                    failureRate == null ? now.failureRate() : failureRate,
                    delayMs == null ? now.failureDelay() : Duration.ofMillis(delayMs),
                    outage == null ? now.outage() : outage);
            upstream.mode(next);
            LOG.warn("fault: the upstream user service is now {}", next);
            return next;
        }

        @Override
        public Duration restartKafka() {
            Duration down = engines.restartKafka();
            LOG.warn("fault: the Kafka broker was restarted, down {}", down);
            return down;
        }
    }

    /** Starts (or restarts) the consumer of a declared SQS, Kafka or DynamoDB stream function. */
    public synchronized void startConsumer(String functionId) {
        if (consumers.containsKey(functionId)) return;
        FunctionSpec function = declaration.function(functionId)
                .orElseThrow(() -> new IllegalArgumentException("no function " + functionId));
        List<Poller> consumer = switch (function.trigger()) {
            case Trigger.Sqs s -> {
                RequestHandler<SQSEvent, SQSBatchResponse> handler = functions.handler(function);
                yield List.copyOf(SqsPoller.of(sqsPollers(function.id()), function.id(), s,
                        declaration.queue(s.queue()), environment.get(EnvNames.queueUrl(s.queue())), sqs, handler,
                        options.visibilityTimeoutSeconds()));
            }
            case Trigger.Kafka k -> {
                // As Lambda's MSK event source: up to one invocation at a time per partition of the topic.
                RequestHandler<KafkaEvent, ?> handler = functions.handler(function);
                String onFailureUrl = environment.get(EnvNames.queueUrl(k.onFailureQueue()));
                List<Poller> pollers = new ArrayList<>();
                for (int i = 0; i < declaration.topic(k.topic()).partitions(); i++) {
                    pollers.add(new KafkaPoller(function.id(), i, k, engines.kafkaBootstrap(), onFailureUrl, sqs,
                            handler, timeout(function)));
                }
                yield List.copyOf(pollers);
            }
            case Trigger.DynamoStream d -> {
                RequestHandler<DynamodbEvent, ?> handler = functions.handler(function);
                yield List.of(new DynamoStreamPoller(function.id(), d, engines.dynamoEndpoint(),
                        environment.get(EnvNames.queueUrl(d.onFailureQueue())), sqs, handler, timeout(function)));
            }
            default -> throw new IllegalArgumentException(functionId + " is not a consumer");
        };
        consumer.forEach(Poller::start);
        consumers.put(functionId, consumer);
    }

    /**
     * Batches of an SQS-triggered function handled at once: {@value #SQS_POLLERS_AT_START}, never more than the
     * function's declared MaximumConcurrency, as Lambda's event source never exceeds it.
     */
    private int sqsPollers(String functionId) {
        GuardRails rails = options.guardRails().orElseGet(Rushgate::guardRails);
        return Math.max(1, Math.min(SQS_POLLERS_AT_START,
                rails.maxConcurrency().getOrDefault(functionId, SQS_POLLERS_AT_START)));
    }

    /**
     * Concurrent batches of one SQS-triggered function. Lambda begins with 5 and grows with the backlog; on this
     * machine's two cores, 5 pollers stored an all-accepted claim rush at once but halved its rate (990 against
     * 1,700 accepted claims/s), 1 poller left 8,000 claims to store 8 s after the rush, and 2 store it within 3.4 s
     * at 1,290/s (`./rushgate bench drop`, 2026-12-05).
     */
    public static final int SQS_POLLERS_AT_START = 2;

    private ScheduleRunner schedule(FunctionSpec function, Trigger.Schedule schedule) {
        RequestHandler<ScheduledEvent, ?> handler = functions.handler(function);
        var runner = new ScheduleRunner(function.id(), schedule, handler, timeout(function));
        runner.start();
        return runner;
    }

    /**
     * From here on the functions log in as {@value EnvNames#DATABASE_APP_ROLE}, the role the migrations made, with
     * rights on rows only, as they do in the cloud (there with IAM tokens; here with a password set now). So every
     * test of the local stack runs with the cloud's database rights, not the master user's.
     */
    private void logInAsTheAppRole() throws java.sql.SQLException {
        if (declaration.functions().stream().noneMatch(f -> f.needs().database())) return;
        String password = "local-" + EnvNames.DATABASE_APP_ROLE;
        try (var c = java.sql.DriverManager.getConnection(engines.jdbcUrl(), engines.dbUser(), engines.dbPassword())) {
            c.createStatement().execute("alter role " + EnvNames.DATABASE_APP_ROLE + " password '" + password + "'");
        }
        environment.put(EnvNames.DATABASE_SECRET, EnvNames.DATABASE_APP_ROLE + ":" + password);
        System.setProperty(EnvNames.DATABASE_SECRET, environment.get(EnvNames.DATABASE_SECRET));
        Clients.get().reopenDatabase();
    }

    /** What a CDK trigger does after a deployment: one invocation, and a failure stops the start. */
    private void runAfterDeploy(FunctionSpec function) {
        RequestHandler<Map<String, Object>, ?> handler = functions.handler(function);
        Object result = handler.handleRequest(Map.of(), new LocalContext(function.id(), timeout(function), 0));
        LOG.info("{} ran after provisioning: {}", function.id(), result);
        afterDeploy.put(function.id(), result);
    }

    private static Duration timeout(FunctionSpec function) {
        return Duration.ofSeconds(function.sizing().timeoutSeconds());
    }

    /** Where everything listens, for people. */
    public String describe() {
        return "Rushgate local stack ready in " + startTime.toMillis() + " ms\n"
                + "  API         " + url() + "   (try " + url() + "/v1/health)\n"
                + "  dev tokens  POST " + url() + "/v1/dev/tokens {\"userId\":\"u-1\",\"roles\":[\"admin\"]}\n"
                + "  waiting     " + url() + "/waiting/?room=<roomId>&target=<url>\n"
                + "  operations  " + url() + "/ops/   (sign in with an admin dev token)\n"
                + engines.describe().lines().map(l -> "  " + l.strip()).reduce((a, b) -> a + "\n" + b).orElse("") + "\n"
                + "  payments    " + payments.url() + "   (simulator: tok_ok, tok_declined, tok_flaky, tok_hang)\n"
                + "  bedrock     " + bedrock.url() + "   (simulator: guardrail " + BedrockSimulator.GUARDRAIL + ", model "
                + BedrockSimulator.MODEL + ")\n"
                + (search == null ? "" : "  search      " + search.endpoint() + "   (OpenSearch with nori, index posts)\n")
                + "  users       " + upstream.url() + "   (simulator: 20% wait 1 s then 500; ghost* unknown)\n"
                + "  consumers   " + String.join(", ", runningConsumers()) + "\n"
                + "  alarms      dead-letter queues checked every " + ALARM_PERIOD.toSeconds() + " s; to the admin webhook "
                + Config.optional(EnvNames.ADMIN_WEBHOOK).orElse("(none: set RUSHGATE_ADMIN_WEBHOOK to a URL)") + "\n"
                + "  data        " + options.dataDir().map(Path::toString).orElse("fresh (in memory; gone on stop)");
    }

    @Override
    public synchronized void close() {
        if (alarms != null) alarms.close();
        for (AutoCloseable closeable : schedules) quietly(closeable);
        // Each poller ends its poll before it stops (up to a second each); stopped together, a dozen take one.
        List<Thread> stopping = consumers.values().stream().flatMap(List::stream)
                .map(poller -> Thread.ofVirtual().name("stop-poller").start(() -> quietly(poller))).toList();
        consumers.clear();
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (gateway != null) gateway.close();
        if (metrics != null) metrics.close();
        if (sqs != null) sqs.close();
        Clients.get().reset();
        if (payments != null) payments.close();
        if (bedrock != null) bedrock.close();
        if (upstream != null) upstream.close();
        if (search != null) search.close();
        if (engines != null) engines.close();
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping: " + e);
        }
    }
}
