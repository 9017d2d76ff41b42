package dev.rushgate.platform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** A batch runner that records each batch and, while {@code gate} is closed, holds the first call in flight. */
    private static final class Recorder implements BiFunction<String, List<Integer>, CompletionStage<List<String>>> {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch inFlight = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        volatile RuntimeException failFirstWith;

        @Override
        public CompletionStage<List<String>> apply(String key, List<Integer> batch) {
            batches.add(batch);
            if (inFlight.getCount() > 0) {
                inFlight.countDown();
                await(gate);
                if (failFirstWith != null) throw failFirstWith;
            }
            return CompletableFuture.completedFuture(batch.stream().map(q -> key + ":" + q).toList());
        }
    }

    @Test
    void runsALoneCallAtOnce_asABatchOfOne() {
        Recorder recorder = new Recorder();
        recorder.inFlight.countDown();
        var group = new GroupCommit<>(10, recorder);

        assertThat(group.call("room-a", 7)).isEqualTo("room-a:7");
        assertThat(group.call("room-a", 8)).isEqualTo("room-a:8");

        assertThat(recorder.batches).containsExactly(List.of(7), List.of(8));
    }

    @Test
    void runsTheCallsThatArriveWhileOneIsInFlight_togetherInOneBatch_andAnswersEachItsOwn() throws Exception {
        // given one call in flight
        Recorder recorder = new Recorder();
        var group = new GroupCommit<>(10, recorder);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> group.call("room-a", 0));
            await(recorder.inFlight);

            // when five more arrive, and then the first returns
            List<Future<String>> others = queueBehind(pool, group, 5);
            recorder.gate.countDown();

            // then the five went as one batch, and everyone got the answer to their own question
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("room-a:0");
            for (int i = 1; i <= 5; i++) assertThat(others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("room-a:" + i);
        }
        assertThat(recorder.batches).hasSize(2);
        assertThat(recorder.batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void neverPutsMoreThanMaxBatchCallsInOneBatch() throws Exception {
        Recorder recorder = new Recorder();
        var group = new GroupCommit<>(2, recorder);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> group.call("room-a", 0));
            await(recorder.inFlight);
            List<Future<String>> others = queueBehind(pool, group, 5);
            recorder.gate.countDown();

            first.get(5, TimeUnit.SECONDS);
            for (Future<String> other : others) other.get(5, TimeUnit.SECONDS);
        }
        assertThat(recorder.batches.subList(1, recorder.batches.size())).extracting(List::size)
                .containsExactly(2, 2, 1);
    }

    @Test
    void doesNotMakeCallsOfDifferentKeysWait() throws Exception {
        Recorder recorder = new Recorder();
        var group = new GroupCommit<>(10, recorder);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> held = pool.submit(() -> group.call("room-a", 0));
            await(recorder.inFlight);

            // room-a's call is still held, yet room-b's runs at once
            assertThat(group.call("room-b", 1)).isEqualTo("room-b:1");

            recorder.gate.countDown();
            assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("room-a:0");
        }
    }

    @Test
    void failsEveryCallOfAFailedBatch_andRunsTheNextBatchAnyway() throws Exception {
        // given a call in flight that will fail, with two calls waiting behind it
        Recorder recorder = new Recorder();
        recorder.failFirstWith = new IllegalStateException("redis is gone");
        var group = new GroupCommit<>(10, recorder);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> group.call("room-a", 0));
            await(recorder.inFlight);
            Future<String> second = pool.submit(() -> group.call("room-a", 1));
            waitUntilQueued(group, "room-a", 1);

            // when the first fails
            recorder.gate.countDown();

            // then its caller sees the failure, and the waiting call still runs
            assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("redis is gone");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("room-a:1");
        }
        assertThat(group.call("room-a", 2)).isEqualTo("room-a:2");
    }

    @Test
    void failsEveryWaitingCallerOfAFailedBatch() throws Exception {
        // given a first call in flight, then two more that will go as one batch, which fails
        var holdFirst = new CountDownLatch(1);
        var firstInFlight = new CountDownLatch(1);
        var group = new GroupCommit<String, Integer, String>(10, (key, batch) -> {
            if (batch.contains(0)) {
                firstInFlight.countDown();
                await(holdFirst);
                return CompletableFuture.completedFuture(List.of("ok"));
            }
            throw new IllegalStateException("batch failed");
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> group.call("room-a", 0));
            await(firstInFlight);
            Future<String> a = pool.submit(() -> group.call("room-a", 1));
            Future<String> b = pool.submit(() -> group.call("room-a", 2));
            waitUntilQueued(group, "room-a", 2);
            holdFirst.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
            assertThatThrownBy(() -> a.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("batch failed");
            assertThatThrownBy(() -> b.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("batch failed");
        }
    }

    @Test
    void sendsTheNextBatchFromTheThreadThatCompletesTheOneBefore_withoutWaitingForACallerToWake() throws Exception {
        // given a first call in flight, whose answer will come on another thread (as Redis's I/O thread), and a
        // second call waiting behind it
        List<CompletableFuture<List<String>>> inFlight = Collections.synchronizedList(new ArrayList<>());
        List<Thread> sentBy = Collections.synchronizedList(new ArrayList<>());
        var group = new GroupCommit<String, Integer, String>(10, (key, batch) -> {
            sentBy.add(Thread.currentThread());
            var answer = new CompletableFuture<List<String>>();
            inFlight.add(answer);
            return answer;
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                Future<String> first = pool.submit(() -> group.call("room-a", 0));
                // once the first batch waits for its answer: were it answered before GroupCommit chained on it,
                // the chaining would run on the caller's thread, and so would the next send
                waitUntil(() -> inFlight.size() == 1 && inFlight.get(0).getNumberOfDependents() > 0);
                Future<String> second = pool.submit(() -> group.call("room-a", 1));
                waitUntilQueued(group, "room-a", 1);

                // when the first batch's answer arrives on the I/O thread
                Thread io = Thread.ofPlatform().name("redis-io").start(() -> inFlight.get(0).complete(List.of("a:0")));
                io.join();

                // then that thread already sent the second batch before it returned
                assertThat(inFlight).hasSize(2);
                assertThat(sentBy.get(1)).isSameAs(io);
                assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a:0");
                inFlight.get(1).complete(List.of("a:1"));
                assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("a:1");
            } finally {
                // a failed assertion above must not leave a caller waiting forever, nor the pool's close with it
                // (failing a batch sends the next one at once, so until none is left unanswered)
                while (List.copyOf(inFlight).stream().anyMatch(answer -> !answer.isDone())) {
                    List.copyOf(inFlight).forEach(answer -> answer.completeExceptionally(new AssertionError("test over")));
                }
            }
        }
    }

    @Test
    void failsEveryCallerOfABatchWhoseAnswerCountIsWrong() throws Exception {
        var group = new GroupCommit<String, Integer, String>(10,
                (key, batch) -> CompletableFuture.completedFuture(List.of()));

        assertThatThrownBy(() -> group.call("room-a", 1)).hasMessage("0 answers to 1 questions");
    }

    /** Calls 1..n of room-a, submitted while another is in flight, once all n wait behind it. */
    private static List<Future<String>> queueBehind(ExecutorService pool, GroupCommit<String, Integer, String> group,
                                                    int n) throws InterruptedException {
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int question = i;
            calls.add(pool.submit(() -> group.call("room-a", question)));
        }
        waitUntilQueued(group, "room-a", n);
        return calls;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition never held");
            Thread.sleep(1);
        }
    }

    private static void waitUntilQueued(GroupCommit<String, ?, ?> group, String key, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (group.waiting(key) < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("never saw " + n + " calls waiting");
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) throw new AssertionError("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
