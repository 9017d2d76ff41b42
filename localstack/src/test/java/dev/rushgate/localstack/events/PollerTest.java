package dev.rushgate.localstack.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;

/** A kill and an acknowledgement never interleave: one under way finishes first, none starts after the kill. */
class PollerTest {

    /** Acknowledges once, slowly (until released), then tries again after being let go. */
    private static final class SlowAcknowledger extends Poller {
        final CountDownLatch acknowledging = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch triedAgain = new CountDownLatch(1);
        final AtomicInteger acknowledged = new AtomicInteger();
        volatile boolean secondAcknowledged = true;

        SlowAcknowledger() {
            super("slow-acknowledger");
        }

        @Override
        protected void poll() {
            acknowledge(() -> {
                acknowledging.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                acknowledged.incrementAndGet();
            });
            Thread.interrupted(); // the kill's interrupt, which a crashed Lambda would not survive either
            secondAcknowledged = acknowledge(acknowledged::incrementAndGet);
            triedAgain.countDown();
        }

        @Override
        protected Duration longestBatch() {
            return Duration.ofSeconds(5);
        }
    }

    // Repeated: the race it guards against (the poller taking the lock back before the kill) showed 1 run in 3.
    @RepeatedTest(10)
    void aKillWaitsForTheAcknowledgementUnderWay_andNoneStartsAfterIt() throws Exception {
        // given a poller in the middle of acknowledging a batch
        SlowAcknowledger poller = new SlowAcknowledger();
        poller.start();
        assertThat(poller.acknowledging.await(5, TimeUnit.SECONDS)).isTrue();

        // when it is killed meanwhile
        CompletableFuture<Void> kill = CompletableFuture.runAsync(poller::kill);
        Thread.sleep(100);

        // then the kill waits for that acknowledgement to finish
        assertThat(kill).isNotDone();
        poller.release.countDown();
        kill.get(10, TimeUnit.SECONDS);
        assertThat(poller.triedAgain.await(5, TimeUnit.SECONDS)).isTrue();

        // and the one that acknowledgement was under way for counted; the one tried after the kill did not run
        assertThat(poller.acknowledged.get()).isEqualTo(1);
        assertThat(poller.secondAcknowledged).isFalse();
    }
}
