package dev.rushgate.localstack.engine;

import dev.rushgate.localstack.bench.StackProcess;
import dev.rushgate.localstack.provision.LocalAwsClients;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./rushgate local --data DIR} killed with SIGKILL (as the OOM killer would), then started again on the same
 * directory: the stack's JVM and its engines are separate processes here, as in real use.
 */
class StackCrashIT {

    private static final List<String> ENGINE_PIDS_FILES = List.of("postgres/postmaster.pid", "redis/redis.pid");

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aStackKilledBySigkill_startsAgainOnItsData_endingWhatTheDeadStackLeft_andKeepingWhatItAcknowledged(
            @TempDir Path work) throws Exception {
        Path dir = work.resolve("data");
        List<ProcessHandle> leftBehind = new ArrayList<>();
        StackProcess first = null;
        StackProcess second = null;
        try {
            // given: a stack that acknowledged a Redis write, a PostgreSQL commit and an SQS message received once
            first = StackProcess.start(work.resolve("first.log"), List.of("--data", dir.toString()));
            String log = described(work.resolve("first.log"));
            try (SqsClient sqs = LocalAwsClients.sqs(URI.create(find(log, "sqs\\s+(http://\\S+)")))) {
                String dlq = sqs.getQueueUrl(b -> b.queueName("claims-dlq")).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("acknowledged"));
                assertThat(receiveCount(receiveOne(sqs, dlq))).isEqualTo(1);
            }
            try (var redis = RedisClient.create(find(log, "(redis://\\S+)")); var c = redis.connect()) {
                c.sync().set("acknowledged", "yes");
            }
            try (var db = DriverManager.getConnection(find(log, "(jdbc:postgresql://\\S+)"), "postgres", "postgres")) {
                db.createStatement().execute("create table acknowledged(v text); insert into acknowledged values ('yes')");
            }
            List<Long> enginePids = enginePids(dir);
            enginePids.forEach(pid -> ProcessHandle.of(pid).ifPresent(leftBehind::add));
            assertThat(leftBehind).as("PostgreSQL and Redis of the first stack").hasSize(2);

            // when: the stack's JVM is killed, then a stack starts again on the same directory
            long begin = System.nanoTime();
            first.kill();
            assertThat(leftBehind).as("pg_ctl detached PostgreSQL, and Redis outlives its parent")
                    .allMatch(ProcessHandle::isAlive);
            second = StackProcess.start(work.resolve("second.log"), List.of("--data", dir.toString()));
            System.err.printf("killed and healthy again in %d ms%n", (System.nanoTime() - begin) / 1_000_000);

            // then: it says what it ended, and has what the first acknowledged
            String secondLog = described(work.resolve("second.log"));
            assertThat(secondLog)
                    .contains("rushgate: ended PostgreSQL pid " + enginePids.get(0) + " left by a stack that died")
                    .contains("rushgate: ended Redis pid " + enginePids.get(1) + " left by a stack that died");
            assertThat(leftBehind).noneMatch(ProcessHandle::isAlive);
            try (var redis = RedisClient.create(find(secondLog, "(redis://\\S+)")); var c = redis.connect()) {
                assertThat(c.sync().get("acknowledged")).isEqualTo("yes");
            }
            try (var db = DriverManager.getConnection(find(secondLog, "(jdbc:postgresql://\\S+)"), "postgres",
                    "postgres")) {
                var rs = db.createStatement().executeQuery("select v from acknowledged");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("yes");
                for (String setting : List.of("synchronous_commit", "fsync", "full_page_writes")) {
                    var shown = db.createStatement().executeQuery("show " + setting);
                    assertThat(shown.next()).isTrue();
                    assertThat(shown.getString(1)).as(setting).isEqualTo("on");
                }
            }
            try (SqsClient sqs = LocalAwsClients.sqs(URI.create(find(secondLog, "sqs\\s+(http://\\S+)")))) {
                String url = sqs.getQueueUrl(b -> b.queueName("claims-dlq")).queueUrl();
                Message again = receiveOne(sqs, url);
                assertThat(again.body()).isEqualTo("acknowledged");
                assertThat(receiveCount(again)).as("the receive before the crash still counts").isEqualTo(2);
            }
        } finally {
            long closing = System.nanoTime();
            if (second != null) second.close();
            System.err.printf("second stack stopped in %d ms%n", (System.nanoTime() - closing) / 1_000_000);
            if (first != null) first.close();
            // Whatever the outcome, no engine of either stack outlives the test.
            leftBehind.forEach(ProcessHandle::destroyForcibly);
            Leftovers.end(dir, line -> { });
        }
    }

    /** The stack's output once it has printed where its engines listen (it answers HTTP a moment before). */
    private static String described(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = Files.readString(log);
        while (!text.contains("Ctrl-C stops it.") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = Files.readString(log);
        }
        return text;
    }

    private static List<Long> enginePids(Path dir) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String file : ENGINE_PIDS_FILES) {
            pids.add(Long.parseLong(Files.readAllLines(dir.resolve(file)).getFirst().strip()));
        }
        return pids;
    }

    private static String find(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        assertThat(m.find()).as(regex + " in the stack's output:\n" + log).isTrue();
        return m.group(1);
    }

    private static Message receiveOne(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(5)
                .visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(messages).as("a message in " + url).hasSize(1);
        return messages.getFirst();
    }

    private static int receiveCount(Message m) {
        return Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }
}
