package dev.rushgate.localstack.bench;

import dev.rushgate.dynamodb.DynamoDbEngine;
import dev.rushgate.dynamodb.EngineConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * {@code ./rushgate bench tables}: the local DynamoDB engine on its own (conditional puts, transactions of 25
 * conditional puts, a Query of one partition page) against PostgreSQL doing the same writes and reads over JDBC,
 * in the same run, on the same embedded PostgreSQL, with the same number of concurrent callers. The target: the
 * engine at no less than half of PostgreSQL's rate.
 *
 * <p>The two sides alternate phase by phase, in rounds that swap which side goes first (a slow spell of this
 * machine then falls on both alike), and every figure is the median over the rounds. Without {@code --durable}
 * both sides commit with {@code synchronous_commit=off} (zonky's server also runs with fsync off); with it, the
 * server flushes and both sides wait for each commit to be on disk.
 */
final class TablesBench {

    static final String USAGE = "usage: rushgate bench tables [--connections N] [--seconds S] [--rounds R] [--durable]";
    private static final double TARGET_RATIO = 0.5;
    private static final int TX_ITEMS = 25;
    private static final int PAGE = 20;
    private static final int PARTITION_ITEMS = 100;
    /** About 160 characters: with its key and number, an item of about 200 bytes on both sides. */
    private static final String PAYLOAD = "x".repeat(40) + "rushgate-bench-tables-payload-".repeat(4);

    /**
     * The command line after {@code tables}.
     *
     * @param partitions partitions of {@value #PARTITION_ITEMS} items that the Query phases read (not an option: the
     *                   test makes fewer, to start quickly)
     * @param warmUp     seconds of unreported warm-up for each phase before the first round
     */
    record Options(int connections, int seconds, int rounds, boolean durable, int partitions, int warmUp) {

        static Options parse(String... args) {
            int connections = 32;
            int seconds = 3;
            int rounds = 5;
            boolean durable = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--durable")) {
                    durable = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                String value = args[++i];
                int n;
                try {
                    n = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[i - 1] + " needs a number, not " + value);
                }
                if (n <= 0) throw new IllegalArgumentException(args[i - 1] + " must be at least 1");
                switch (args[i - 1]) {
                    case "--connections" -> connections = n;
                    case "--seconds" -> seconds = n;
                    case "--rounds" -> rounds = n;
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            // The engine's path (Netty, Jackson, the JDBC driver) needs several seconds of load before the JIT has
            // compiled it; 2 s left the first round at two thirds of the later ones.
            return new Options(connections, seconds, rounds, durable, 200, 6);
        }
    }

    /** One side of the comparison: the same three operations, each a blocking call by one caller. */
    interface Side extends AutoCloseable {
        String name();

        /** One fresh item, stored only if its key is new. */
        void put(long id) throws Exception;

        /** Items {@code first … first+24}, each only if its key is new, all or none. */
        void transact(long first) throws Exception;

        /** The first {@value #PAGE} items of partition {@code p}, in sort key order. */
        void query(int p) throws Exception;

        /** Fills partitions {@code 0 … partitions-1} with {@value #PARTITION_ITEMS} items each. */
        void load(int partitions) throws Exception;

        @Override
        void close() throws Exception;
    }

    enum Kind {
        PUTS, TRANSACTIONS, QUERIES
    }

    /** One measured phase: operations per second, latency in µs, and operations that failed. */
    record Phase(Kind kind, String side, long ops, Duration elapsed, Histogram latency, long errors) {
        double perSecond() {
            return ops / (elapsed.toNanos() / 1e9);
        }

        double p50Millis() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }
    }

    /** A printed row: the engine's and JDBC's median over rounds, and the median round's ratio. */
    record Row(String metric, double engine, double jdbc, double ratio, double[] rounds, String target) {}

    private TablesBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Bench.parseOrExit(() -> Options.parse(args), USAGE);
        List<Row> rows = run(options);
        print(options, rows);
    }

    /** Starts PostgreSQL and the engine, measures, stops both; answers the table's rows. */
    static List<Row> run(Options o) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30))
                .setRegisterShutdownHook(false).setServerConfig("max_connections", String.valueOf(o.connections() + 40));
        if (o.durable()) {
            // zonky's defaults trade durability for speed; --durable measures what a kept stack promises
            builder.setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        long started = System.nanoTime();
        try (EmbeddedPostgres postgres = builder.start()) {
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            System.out.printf(Locale.ROOT, "PostgreSQL %s on 127.0.0.1:%d; synchronous_commit %s on both sides%n",
                    version(jdbcUrl), postgres.getPort(), o.durable() ? "on (fsync on)" : "off (fsync off)");
            try (DynamoDbEngine engine = DynamoDbEngine.start(new EngineConfig(jdbcUrl, "postgres", "postgres", 0,
                    o.durable()));
                 EngineSide engineSide = new EngineSide(engine, o.connections());
                 JdbcSide jdbcSide = new JdbcSide(jdbcUrl, o.connections(), o.durable())) {
                List<Side> sides = List.of(engineSide, jdbcSide);
                for (Side side : sides) side.load(o.partitions());
                System.out.printf(Locale.ROOT, "ready in %.1f s (%,d items per side to query); warming up …%n",
                        (System.nanoTime() - started) / 1e9, o.partitions() * PARTITION_ITEMS);
                AtomicLong ids = new AtomicLong();
                for (Kind kind : Kind.values()) {
                    for (Side side : sides) measure(side, kind, o, Duration.ofSeconds(o.warmUp()), ids);
                }
                List<Phase> phases = new ArrayList<>();
                for (int round = 0; round < o.rounds(); round++) {
                    List<Side> order = round % 2 == 0 ? sides : sides.reversed();
                    for (Kind kind : Kind.values()) {
                        for (Side side : order) phases.add(measure(side, kind, o, Duration.ofSeconds(o.seconds()), ids));
                    }
                }
                return rows(phases, engineSide.name(), jdbcSide.name());
            }
        }
    }

    private static String version(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** {@code connections} callers, each calling one operation after another until the time is up. */
    static Phase measure(Side side, Kind kind, Options o, Duration duration, AtomicLong ids) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        Histogram[] latencies = new Histogram[o.connections()];
        long[] errors = new long[o.connections()];
        AtomicBoolean told = new AtomicBoolean();
        long start = System.nanoTime();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < o.connections(); c++) {
                int caller = c;
                latencies[c] = new Histogram(60_000_000L, 3);
                callers.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            switch (kind) {
                                case PUTS -> side.put(ids.getAndIncrement());
                                case TRANSACTIONS -> side.transact(ids.getAndAdd(TX_ITEMS));
                                case QUERIES -> side.query(random.nextInt(o.partitions()));
                            }
                            latencies[caller].recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        } catch (Exception e) {
                            errors[caller]++;
                            if (!told.getAndSet(true)) System.err.println(side.name() + " " + kind + ": " + e);
                        }
                    }
                });
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Histogram total = new Histogram(60_000_000L, 3);
        for (Histogram h : latencies) total.add(h);
        return new Phase(kind, side.name(), total.getTotalCount(), elapsed, total, Arrays.stream(errors).sum());
    }

    static List<Row> rows(List<Phase> phases, String engine, String jdbc) {
        String target = String.format(Locale.ROOT, "≥ %.1f", TARGET_RATIO);
        return List.of(
                row("conditional puts/s", phases, Kind.PUTS, engine, jdbc, Phase::perSecond, target),
                row("transactions of 25 puts/s", phases, Kind.TRANSACTIONS, engine, jdbc, Phase::perSecond, target),
                row("Query, 20 of 100 items/s", phases, Kind.QUERIES, engine, jdbc, Phase::perSecond, target),
                row("Query p50 ms", phases, Kind.QUERIES, engine, jdbc, Phase::p50Millis, ""),
                row("Query p99 ms", phases, Kind.QUERIES, engine, jdbc, Phase::p99Millis, ""),
                row("failed operations", phases, null, engine, jdbc, p -> p.errors(), ""));
    }

    private static Row row(String metric, List<Phase> phases, Kind kind, String engine, String jdbc,
                           ToDoubleFunction<Phase> figure, String target) {
        double[] e = phases.stream().filter(p -> (kind == null || p.kind() == kind) && p.side().equals(engine))
                .mapToDouble(figure).toArray();
        double[] j = phases.stream().filter(p -> (kind == null || p.kind() == kind) && p.side().equals(jdbc))
                .mapToDouble(figure).toArray();
        if (kind == null) { // failures: totals, not medians
            double es = Arrays.stream(e).sum();
            double js = Arrays.stream(j).sum();
            return new Row(metric, es, js, Double.NaN, new double[0], target);
        }
        double[] ratios = IntStream.range(0, Math.min(e.length, j.length)).mapToDouble(i -> e[i] / j[i]).toArray();
        return new Row(metric, median(e), median(j), median(ratios), ratios, target);
    }

    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static void print(Options o, List<Row> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Rushgate bench: tables — the DynamoDB engine (AWS SDK v2, Apache client) against "
                + "PostgreSQL over JDBC; %d callers a side, %d s a phase, %d rounds, medians over rounds; "
                + "synchronous_commit %s on both sides; %s%n", o.connections(), o.seconds(), o.rounds(),
                o.durable() ? "on" : "off", Bench.machine().replace("client and stack", "client, engine and PostgreSQL"));
        System.out.printf(Locale.ROOT, "%-28s %12s %12s %14s %7s  %s%n", "metric", "engine", "JDBC", "engine ÷ JDBC",
                "target", "rounds (engine ÷ JDBC)");
        for (Row r : rows) {
            boolean counts = r.metric().endsWith("/s") || r.metric().startsWith("failed");
            String format = counts ? "%,12.0f" : "%12.2f";
            System.out.printf(Locale.ROOT, "%-28s " + format + " " + format + " %14s %7s  %s%n", r.metric(), r.engine(),
                    r.jdbc(), Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()), r.target(),
                    String.join(" ", Arrays.stream(r.rounds()).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                            .toList()));
        }
        System.out.println("(puts and transactions write fresh items of about 200 bytes, each only if its key is new: "
                + "attribute_not_exists(pk) against INSERT … ON CONFLICT DO NOTHING, one per transaction or 25 in one; "
                + "JDBC sends the 25 as one batch. The query reads 20 of a 100-item partition, sort key order.)");
    }

    /**
     * The engine over HTTP: DynamoDB JSON requests written straight to keep-alive connections, one per caller, as the
     * JDBC side writes SQL straight to its connections. So both sides measure the database and not a client library:
     * the AWS SDK costs a caller about as much CPU again per request (signing, marshalling), which would be counted
     * against the engine on a machine whose two cores run both. The SDK sets the tables up and loads them.
     */
    static final class EngineSide implements Side {
        private static final String PUTS = "bench-puts";
        private static final String ITEMS = "bench-items";
        private static final String CONDITION = ",\"ConditionExpression\":\"attribute_not_exists(pk)\"";
        private final DynamoDbClient dynamo;
        private final List<EngineConnection> connections = new ArrayList<>();
        private final ThreadLocal<EngineConnection> mine;
        private final AtomicLong handedOut = new AtomicLong();

        EngineSide(DynamoDbEngine engine, int connections) throws IOException {
            this.dynamo = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections + 4))
                    // a failure is counted, not hidden by a retry
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            dynamo.createTable(t -> t.tableName(PUTS).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            dynamo.createTable(t -> t.tableName(ITEMS).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
            for (int i = 0; i < connections; i++) this.connections.add(new EngineConnection(engine.endpoint()));
            int count = connections;
            mine = ThreadLocal.withInitial(() -> this.connections.get((int) (handedOut.getAndIncrement() % count)));
        }

        private static AttributeDefinition attribute(String name) {
            return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
        }

        private static Map<String, AttributeValue> item(long id) {
            return Map.of("pk", AttributeValue.fromS(key(id)), "payload", AttributeValue.fromS(PAYLOAD),
                    "n", AttributeValue.fromN(Long.toString(id)));
        }

        /** {@link #item} in DynamoDB JSON. */
        private static String itemJson(long id) {
            return "{\"pk\":{\"S\":\"" + key(id) + "\"},\"payload\":{\"S\":\"" + PAYLOAD + "\"},\"n\":{\"N\":\"" + id + "\"}}";
        }

        @Override
        public String name() {
            return "engine";
        }

        @Override
        public void put(long id) throws IOException {
            mine.get().call("PutItem", "{\"TableName\":\"" + PUTS + "\",\"Item\":" + itemJson(id) + CONDITION + "}");
        }

        @Override
        public void transact(long first) throws IOException {
            StringBuilder body = new StringBuilder(TX_ITEMS * 256).append("{\"TransactItems\":[");
            for (int i = 0; i < TX_ITEMS; i++) {
                if (i > 0) body.append(',');
                body.append("{\"Put\":{\"TableName\":\"").append(PUTS).append("\",\"Item\":").append(itemJson(first + i))
                        .append(CONDITION).append("}}");
            }
            mine.get().call("TransactWriteItems", body.append("]}").toString());
        }

        @Override
        public void query(int p) throws IOException {
            String answer = mine.get().call("Query", "{\"TableName\":\"" + ITEMS + "\",\"KeyConditionExpression\":\"pk = :p\","
                    + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" + partition(p) + "\"}},\"Limit\":" + PAGE + "}");
            if (!answer.contains("\"Count\":" + PAGE + ",")) throw new IllegalStateException("not a page of " + PAGE + ": " + answer);
        }

        @Override
        public void load(int partitions) throws InterruptedException {
            try (var loaders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < partitions; p++) {
                    int partition = p;
                    loaders.submit(() -> {
                        for (int from = 0; from < PARTITION_ITEMS; from += TX_ITEMS) {
                            List<WriteRequest> writes = new ArrayList<>();
                            for (int s = from; s < Math.min(from + TX_ITEMS, PARTITION_ITEMS); s++) {
                                Map<String, AttributeValue> item = new HashMap<>(item(s));
                                item.put("pk", AttributeValue.fromS(partition(partition)));
                                item.put("sk", AttributeValue.fromS(sortKey(s)));
                                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                            }
                            var left = dynamo.batchWriteItem(b -> b.requestItems(Map.of(ITEMS, writes))).unprocessedItems();
                            if (!left.isEmpty()) throw new IllegalStateException("unprocessed items while loading");
                        }
                        return null;
                    });
                }
            }
        }

        @Override
        public void close() {
            dynamo.close();
            connections.forEach(EngineConnection::close);
        }
    }

    /** One keep-alive HTTP/1.1 connection to the engine, used by one caller at a time. */
    static final class EngineConnection {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.DataInputStream in;
        private final String host;

        EngineConnection(java.net.URI endpoint) throws IOException {
            socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            out = new java.io.BufferedOutputStream(socket.getOutputStream());
            in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            host = endpoint.getHost() + ":" + endpoint.getPort();
        }

        /** Sends one operation; answers the body of a 200, throws with DynamoDB's answer otherwise. */
        String call(String operation, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Target: DynamoDB_20120810." + operation
                    + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            int status = Integer.parseInt(line().split(" ")[1]);
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(header.substring(15).trim());
            }
            byte[] answer = new byte[length];
            in.readFully(answer);
            String text = new String(answer, StandardCharsets.UTF_8);
            if (status != 200) throw new IOException(operation + " answered " + status + ": " + text);
            return text;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new java.io.EOFException("the engine closed the connection");
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** PostgreSQL over JDBC: one connection per caller, plain tables of a text key and the item's bytes. */
    static final class JdbcSide implements Side {
        private final List<Connection> connections = new ArrayList<>();
        private final ThreadLocal<Connection> mine;
        private final AtomicLong handedOut = new AtomicLong();

        JdbcSide(String jdbcUrl, int count, boolean durable) throws SQLException {
            for (int i = 0; i < count; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                try (Statement s = c.createStatement()) {
                    s.execute("SET synchronous_commit = " + (durable ? "on" : "off"));
                }
                connections.add(c);
            }
            try (Statement s = connections.getFirst().createStatement()) {
                s.execute("CREATE TABLE bench_puts (pk text PRIMARY KEY, item bytea NOT NULL)");
                s.execute("CREATE TABLE bench_items (pk text NOT NULL, sk text NOT NULL, item bytea NOT NULL, "
                        + "PRIMARY KEY (pk, sk))");
            }
            // every caller is a fresh virtual thread in each phase: it takes the next connection in turn
            mine = ThreadLocal.withInitial(() -> connections.get((int) (handedOut.getAndIncrement() % count)));
        }

        private static byte[] item(long id) {
            return ("{\"pk\":\"" + key(id) + "\",\"payload\":\"" + PAYLOAD + "\",\"n\":" + id + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String name() {
            return "JDBC";
        }

        @Override
        public void put(long id) throws SQLException {
            Connection c = mine.get();
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO bench_puts (pk, item) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, key(id));
                p.setBytes(2, item(id));
                if (p.executeUpdate() != 1) throw new IllegalStateException("key " + key(id) + " was taken");
            }
        }

        @Override
        public void transact(long first) throws SQLException {
            Connection c = mine.get();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO bench_puts (pk, item) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (int i = 0; i < TX_ITEMS; i++) {
                    p.setString(1, key(first + i));
                    p.setBytes(2, item(first + i));
                    p.addBatch();
                }
                for (int n : p.executeBatch()) {
                    if (n == 0) throw new IllegalStateException("a key was taken");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }

        @Override
        public void query(int partition) throws SQLException {
            try (PreparedStatement p = mine.get().prepareStatement(
                    "SELECT item FROM bench_items WHERE pk = ? ORDER BY sk LIMIT " + PAGE)) {
                p.setString(1, partition(partition));
                int n = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBytes(1).length > 0) n++;
                    }
                }
                if (n != PAGE) throw new IllegalStateException("a page of " + n + " items, not " + PAGE);
            }
        }

        @Override
        public void load(int partitions) throws SQLException {
            Connection c = connections.getFirst();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_items (pk, sk, item) VALUES (?, ?, ?)")) {
                for (int partition = 0; partition < partitions; partition++) {
                    for (int s = 0; s < PARTITION_ITEMS; s++) {
                        p.setString(1, partition(partition));
                        p.setString(2, sortKey(s));
                        p.setBytes(3, item(s));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE bench_items");
            }
        }

        @Override
        public void close() {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // PostgreSQL stops next
                }
            }
        }
    }

    private static String key(long id) {
        return String.format(Locale.ROOT, "item-%012d", id);
    }

    private static String partition(int p) {
        return String.format(Locale.ROOT, "partition-%05d", p);
    }

    private static String sortKey(int s) {
        return String.format(Locale.ROOT, "sk-%05d", s);
    }
}
