package dev.rushgate.localstack.engine;

import io.lettuce.core.RedisClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EnginesIT {

    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    @Test
    void aFreshPostgresStartsFromACopyOfItsTemplate_ownsItsData_andRemovesItAtClose() throws Exception {
        // given: the template initdb made once for these binaries
        Path template = PostgresEngine.template();
        assertThat(template.resolve("PG_VERSION")).isRegularFile();
        var templateChanged = Files.getLastModifiedTime(template.resolve("global/pg_control"));

        // when: two fresh stacks' clusters at once
        Path copy;
        try (PostgresEngine first = PostgresEngine.start(java.util.Optional.empty());
             PostgresEngine second = PostgresEngine.start(java.util.Optional.empty());
             var a = DriverManager.getConnection(first.jdbcUrl(), PostgresEngine.USER, PostgresEngine.PASSWORD);
             var b = DriverManager.getConnection(second.jdbcUrl(), PostgresEngine.USER, PostgresEngine.PASSWORD)) {
            copy = first.freshCopy().orElseThrow();
            a.createStatement().execute("CREATE TABLE only_here (id int)");

            // then: each is a cluster of its own, not the template
            assertThat(copy).isNotEqualTo(template).isDirectory();
            assertThat(second.freshCopy()).get().isNotEqualTo(copy);
            var tables = b.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
        assertThat(copy).doesNotExist();
        assertThat(Files.getLastModifiedTime(template.resolve("global/pg_control"))).isEqualTo(templateChanged);
    }

    @Test
    void allFiveEnginesAnswer_andCloseLeavesNoChildProcessOrNonDaemonThread() throws Exception {
        // given
        Set<Long> threadsBefore = nonDaemonThreads();
        long rssBefore = residentKb();

        // when
        Engines engines = Engines.start(EngineOptions.ephemeral());
        long rssAfter = residentKb();
        System.err.printf("engines started in %d ms; JVM RSS %d MB -> %d MB; children RSS %d MB%n%s",
                engines.startTime().toMillis(), rssBefore / 1024, rssAfter / 1024, childrenResidentKb() / 1024,
                engines.describe());

        // then
        List<ProcessHandle> engineProcesses = new ArrayList<>();
        try (engines) {
            assertThat(engines.startTime()).isLessThan(Duration.ofSeconds(30));
            assertRedisAnswers(engines);
            assertDynamoAnswers(engines);
            assertSqsAnswers(engines);
            assertKafkaAnswers(engines);
            assertPostgresAnswers(engines);
            // pg_ctl detaches PostgreSQL from this JVM, so it is found by its port rather than as a child.
            engineProcesses.addAll(ProcessHandle.current().descendants().toList());
            assertThat(engineProcesses).as("redis").isNotEmpty();
            engineProcesses.addAll(postgresProcesses(engines));
            assertThat(postgresProcesses(engines)).as("postgres").isNotEmpty();
            assertThat(engines.describe()).contains("redis", "dynamodb", "sqs", "kafka", "postgres");
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(engineProcesses).noneMatch(ProcessHandle::isAlive);
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
            assertThat(nonDaemonThreadNames(threadsBefore)).isEmpty();
        });
    }

    @Test
    void dataSurvivesARestart_whenADataDirectoryIsGiven(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // given
        try (Engines engines = Engines.start(EngineOptions.persistentIn(dir))) {
            try (var redis = RedisClient.create("redis://" + engines.redisEndpoint()); var c = redis.connect()) {
                c.sync().set("kept", "yes");
            }
            try (var db = DriverManager.getConnection(engines.jdbcUrl(), engines.dbUser(), engines.dbPassword())) {
                db.createStatement().execute("create table kept(v text); insert into kept values ('yes')");
            }
        }

        // when
        try (Engines engines = Engines.start(EngineOptions.persistentIn(dir))) {
            // then
            try (var redis = RedisClient.create("redis://" + engines.redisEndpoint()); var c = redis.connect()) {
                assertThat(c.sync().get("kept")).isEqualTo("yes");
            }
            try (var db = DriverManager.getConnection(engines.jdbcUrl(), engines.dbUser(), engines.dbPassword())) {
                var rs = db.createStatement().executeQuery("select v from kept");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("yes");
            }
            assertKafkaAnswers(engines);
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .contains("redis", "sqs", "kafka", "postgres");
    }

    private static List<ProcessHandle> postgresProcesses(Engines engines) {
        String port = engines.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*postgres.* -p " + port + "\\b.*"))
                .toList();
    }

    private static void assertRedisAnswers(Engines engines) {
        try (var redis = RedisClient.create("redis://" + engines.redisEndpoint()); var c = redis.connect()) {
            assertThat(c.sync().ping()).isEqualTo("PONG");
        }
    }

    private static void assertDynamoAnswers(Engines engines) {
        try (var dynamo = DynamoDbClient.builder().endpointOverride(engines.dynamoEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(DUMMY).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(dynamo.listTables().tableNames()).isEmpty();
        }
    }

    private static void assertSqsAnswers(Engines engines) {
        try (var sqs = SqsClient.builder().endpointOverride(engines.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(DUMMY).httpClient(UrlConnectionHttpClient.create()).build()) {
            String url = sqs.createQueue(b -> b.queueName("probe")).queueUrl();
            assertThat(url).startsWith(engines.sqsEndpoint().toString());
        }
    }

    private static void assertKafkaAnswers(Engines engines) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap()))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    private static void assertPostgresAnswers(Engines engines) throws Exception {
        try (var db = DriverManager.getConnection(engines.jdbcUrl(), engines.dbUser(), engines.dbPassword())) {
            var rs = db.createStatement().executeQuery("select 1");
            assertThat(rs.next()).isTrue();
        }
    }

    private static Set<Long> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon()).map(Thread::threadId)
                .collect(Collectors.toSet());
    }

    private static Set<String> nonDaemonThreadNames(Set<Long> except) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive() && !except.contains(t.threadId()))
                .map(t -> t.getName() + " " + java.util.Arrays.toString(t.getStackTrace())).collect(Collectors.toSet());
    }

    private static long residentKb() {
        return ProcessMemory.residentKb(ProcessHandle.current().pid());
    }

    private static long childrenResidentKb() {
        return ProcessHandle.current().descendants().mapToLong(p -> ProcessMemory.residentKb(p.pid())).sum();
    }
}
