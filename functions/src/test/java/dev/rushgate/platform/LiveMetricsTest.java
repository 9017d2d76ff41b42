package dev.rushgate.platform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded metrics of the live counters: added up per event, written at most once a second per environment. */
class LiveMetricsTest {

    @Test
    void writesOneRecordPerEventAtMostOnceASecond_withEveryAnswerCountedOnce() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        List<LiveMetrics.Flushed> written = new ArrayList<>();
        LiveMetrics metrics = new LiveMetrics(written::add, clock::get);

        // the first answer of an environment is written at once
        metrics.add("drop", "d1", Map.of("accepted", 1L));
        assertThat(written).containsExactly(new LiveMetrics.Flushed("drop", "d1", Map.of("accepted", 1L)));

        // answers within the next second wait, whatever their event
        for (int i = 0; i < 100; i++) metrics.add("drop", "d1", Map.of("sold-out", 1L));
        metrics.add("poll", "p1", Map.of("accepted", 2L, "closed", 0L));
        clock.addAndGet(999_000_000L);
        metrics.add("drop", "d1", Map.of("sold-out", 40L));
        assertThat(written).hasSize(1);

        // then one record per event carries them all
        clock.addAndGet(1_000_000L);
        metrics.add("drop", "d1", Map.of("sold-out", 1L));
        assertThat(written).containsExactly(new LiveMetrics.Flushed("drop", "d1", Map.of("accepted", 1L)),
                new LiveMetrics.Flushed("drop", "d1", Map.of("sold-out", 141L)),
                new LiveMetrics.Flushed("poll", "p1", Map.of("accepted", 2L)));
    }
}
