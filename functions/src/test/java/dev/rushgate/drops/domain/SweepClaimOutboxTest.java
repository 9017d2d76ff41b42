package dev.rushgate.drops.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SweepClaimOutboxTest {

    @Test
    void resendsClaimsWhoseFirstSendFailed_onceTheGraceHasPassed() {
        // given a claim accepted while the queue was down
        var stock = new Fakes.ScriptedStock();
        var catalog = new Fakes.MapCatalog();
        var queue = new Fakes.RecordingQueue();
        catalog.save(Fakes.drop("coupons"));
        Instant acceptedAt = Instant.parse("2026-11-23T20:00:00Z");
        queue.failing = true;
        new ClaimDrop(stock, catalog, queue, Fakes.recovery(stock, new Fakes.Pipeline()),
                Clock.fixed(acceptedAt, ZoneOffset.UTC))
                .claim(new ClaimDropCommand("coupons", "u-1", null));
        queue.failing = false;

        // when the sweeper runs within the grace, then after it
        int early = new SweepClaimOutbox(catalog, stock, queue, Clock.fixed(acceptedAt.plusSeconds(1), ZoneOffset.UTC)).sweep();
        int late = new SweepClaimOutbox(catalog, stock, queue,
                Clock.fixed(acceptedAt.plus(SweepClaimOutbox.GRACE).plusSeconds(1), ZoneOffset.UTC)).sweep();

        // then only the late run sends it, and the outbox is empty
        assertThat(early).isZero();
        assertThat(late).isEqualTo(1);
        assertThat(queue.sent).singleElement().extracting("userId").isEqualTo("u-1");
        assertThat(stock.outbox).isEmpty();
    }
}
