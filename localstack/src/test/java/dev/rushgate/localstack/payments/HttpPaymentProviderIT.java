package dev.rushgate.localstack.payments;

import dev.rushgate.tickets.adapter.HttpPaymentProvider;
import dev.rushgate.tickets.domain.PaymentProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real provider adapter against the payment simulator: refunds, their retries and their refusals. */
class HttpPaymentProviderIT {

    private static PaymentSimulator simulator;
    private static HttpPaymentProvider provider;

    @BeforeAll
    static void start() {
        simulator = PaymentSimulator.start();
        provider = new HttpPaymentProvider(simulator.url(), PaymentSimulator.SECRET, 3, Duration.ofMillis(10));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String charged(String token, long amount) {
        var outcome = provider.charge("order-" + UUID.randomUUID(), token, amount);
        return ((PaymentProvider.Outcome.Charged) outcome).chargeId();
    }

    @Test
    void refundsOnceUnderOneKey_evenWhenAskedAgain() {
        // given a charge
        String chargeId = charged("tok_ok", 4_000);

        // when it is refunded twice under one key
        String first = provider.refund("refund-a", chargeId, 4_000);
        String again = provider.refund("refund-a", chargeId, 4_000);

        // then one refund, answered the same both times
        assertThat(again).isEqualTo(first).startsWith("re_");
        assertThat(simulator.refunds()).filteredOn(r -> r.charge().equals(chargeId)).singleElement()
                .extracting(PaymentSimulator.Refund::amount).isEqualTo(4_000L);
    }

    @Test
    void retriesAFlakyRefund_andRefundsItOnce() {
        // given a charge whose provider fails twice at each call, the second time after doing it
        String chargeId = charged("tok_flaky", 2_500);

        // when it is refunded
        String refundId = provider.refund("refund-b", chargeId, 2_500);

        // then the adapter's retries got the stored answer, and the money went back once
        assertThat(refundId).startsWith("re_");
        assertThat(simulator.refunds()).filteredOn(r -> r.charge().equals(chargeId)).hasSize(1);
    }

    @Test
    void aRefusalIsAFault_notRetriedAway() {
        // given a charge of 1,000
        String chargeId = charged("tok_ok", 1_000);

        // then refunding a charge that was never made, or more than was charged, throws and refunds nothing
        assertThatThrownBy(() -> provider.refund("refund-c", "ch_none", 1_000))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> provider.refund("refund-d", chargeId, 1_001))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("amount_too_large");
        assertThat(simulator.refunds()).filteredOn(r -> r.charge().equals(chargeId)).isEmpty();
    }

    @Test
    void givesUpOnAProviderThatHangs_withinTheCallersDeadline() {
        // given a card whose provider call never answers, under a consumer's deadline 3 s away
        var deadline = dev.rushgate.platform.Deadline.after(Duration.ofSeconds(3));
        long began = System.nanoTime();

        // when / then: unavailable before the deadline, so the consumer can still report the record back
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deadline.within(
                        () -> provider.charge("order-" + UUID.randomUUID(), "tok_hang", 1_000)))
                .isInstanceOf(dev.rushgate.tickets.domain.PaymentProvider.PaymentUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
        assertThat(simulator.charges()).noneMatch(c -> c.source().equals("tok_hang"));
    }
}
