package dev.rushgate.ops.domain;

import dev.rushgate.platform.errors.Conflict;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditControlTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    /** An in-memory log that also records what it was asked, in order. */
    private static final class MemoryLog implements AuditLog {
        final Map<String, AuditEntry> entries = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        boolean failAppend;

        @Override public void append(AuditEntry entry) {
            calls.add("append " + entry.status());
            if (failAppend) throw new IllegalStateException("table unavailable");
            entries.put(entry.entryId(), entry);
        }

        @Override public void settle(AuditEntry entry) {
            calls.add("settle " + entry.status());
            entries.put(entry.entryId(), entry);
        }

        @Override public AuditPage newestFirst(String cursor, int limit) {
            return new AuditPage(List.copyOf(entries.values()).reversed(), null);
        }
    }

    private final MemoryLog log = new MemoryLog();
    private final AuditControl audit = new AuditControl(log, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Control pause = new Control("ann", "pause", "room", "hall", Map.of("admitPerSecond", "0"));

    @Test
    void recordsTheControlStartedBeforeItRuns_thenDoneWithTheValuesBeforeAndAfter() {
        List<String> seenByControl = new ArrayList<>();

        AuditEntry done = audit.run(pause, () -> {
            seenByControl.addAll(log.calls);
            return Map.of("admitPerSecondBefore", "50", "admitPerSecondAfter", "0");
        });

        assertThat(seenByControl).containsExactly("append STARTED");
        assertThat(log.calls).containsExactly("append STARTED", "settle DONE");
        assertThat(done.status()).isEqualTo(AuditEntry.Status.DONE);
        assertThat(done.at()).isEqualTo(NOW);
        assertThat(done.who()).isEqualTo("ann");
        assertThat(done.details()).containsOnly(Map.entry("admitPerSecond", "0"),
                Map.entry("admitPerSecondBefore", "50"), Map.entry("admitPerSecondAfter", "0"));
        assertThat(log.entries).containsExactly(Map.entry(done.entryId(), done));
    }

    @Test
    void recordsARefusalWithItsCode_andThrowsItOnAsItCame() {
        Conflict refusal = new Conflict("closed", "closed already");

        assertThatThrownBy(() -> audit.run(pause, () -> { throw refusal; })).isSameAs(refusal);

        AuditEntry entry = log.entries.values().iterator().next();
        assertThat(entry.status()).isEqualTo(AuditEntry.Status.REFUSED);
        assertThat(entry.code()).isEqualTo("closed");
    }

    @Test
    void recordsAFailure_asFailedWithoutACode() {
        assertThatThrownBy(() -> audit.run(pause, () -> { throw new IllegalStateException("redis down"); }))
                .hasMessage("redis down");

        AuditEntry entry = log.entries.values().iterator().next();
        assertThat(entry.status()).isEqualTo(AuditEntry.Status.FAILED);
        assertThat(entry.code()).isNull();
    }

    @Test
    void runsNoControl_whoseEntryCannotBeWritten() {
        log.failAppend = true;
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> audit.run(pause, () -> {
            ran.set(true);
            return Map.of();
        })).hasMessage("table unavailable");

        assertThat(ran).isFalse();
    }
}
