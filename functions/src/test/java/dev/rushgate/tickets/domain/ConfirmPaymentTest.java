package dev.rushgate.tickets.domain;

import dev.rushgate.notices.domain.NoticeQueue;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfirmPaymentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private final Fakes.SeatMapFake seatMap = new Fakes.SeatMapFake();
    private final Fakes.LedgerFake ledger = new Fakes.LedgerFake();

    private ConfirmPayment confirm(Fakes.ProviderFake provider) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new ConfirmPayment(ledger, seatMap, provider, new DeliverNotices(ledger, NoticeQueue.NONE, clock), clock);
    }

    private void order(Order.Status status) {
        order(status, status == Order.Status.PENDING ? null : "ch_1", Order.Refund.NONE);
    }

    private void order(Order.Status status, String chargeId, Order.Refund refund) {
        ledger.orders.put("o-1", new Order("o-1", "h-1", "gig", "u-1", List.of("A-1-1"), 1_000, status, "tok_ok",
                chargeId, refund));
    }

    @Test
    void chargesAPendingOrder_confirmsIt_andSellsItsSeats() {
        // given
        order(Order.Status.PENDING);
        var provider = new Fakes.ProviderFake(new PaymentProvider.Outcome.Charged("ch_1"));

        // when
        var status = confirm(provider).confirm("o-1");

        // then
        assertThat(status).contains(Order.Status.CONFIRMED);
        assertThat(provider.charges).isEqualTo(1);
        assertThat(seatMap.calls).containsExactly("sell h-1");
    }

    @Test
    void failsTheOrder_andReleasesTheSeats_whenTheCardIsDeclined() {
        // given
        order(Order.Status.PENDING);

        // when
        var status = confirm(new Fakes.ProviderFake(new PaymentProvider.Outcome.Declined("card_declined"))).confirm("o-1");

        // then
        assertThat(status).contains(Order.Status.FAILED);
        assertThat(seatMap.calls).containsExactly("release h-1");
    }

    @Test
    void neverChargesAnOrderThatIsAlreadyFinal_butBringsTheSeatMapInLineAgain() {
        // given a redelivered message of a confirmed order
        order(Order.Status.CONFIRMED);
        var provider = new Fakes.ProviderFake(new PaymentProvider.Outcome.Charged("ch_2"));

        // when
        var status = confirm(provider).confirm("o-1");

        // then
        assertThat(status).contains(Order.Status.CONFIRMED);
        assertThat(provider.charges).isZero();
        assertThat(seatMap.calls).containsExactly("sell h-1");
    }

    @Test
    void refundsACancelledOrdersChargeOnce_underAKeyOfItsOwn_andMarksItRefunded() {
        // given a cancelled order that owes its charge back
        order(Order.Status.CANCELLED, "ch_7", Order.Refund.PENDING);
        var provider = new Fakes.ProviderFake(new PaymentProvider.Outcome.Charged("ch_8"));

        // when its message arrives, and arrives again
        var status = confirm(provider).confirm("o-1");
        confirm(provider).confirm("o-1");

        // then the whole charge is refunded once, and never charged again
        assertThat(status).contains(Order.Status.CANCELLED);
        assertThat(provider.refunds).containsExactly("refund-o-1 ch_7 1000");
        assertThat(provider.charges).isZero();
        assertThat(ledger.orders.get("o-1").refund()).isEqualTo(Order.Refund.REFUNDED);
    }

    @Test
    void leavesTheRefundOwed_whenTheProviderCannotBeReached() {
        // given a cancelled order owing a refund, and a provider that is down
        order(Order.Status.CANCELLED, "ch_7", Order.Refund.PENDING);
        var provider = new Fakes.ProviderFake(null) {
            @Override
            public String refund(String idempotencyKey, String chargeId, long amountCents) {
                throw new PaymentUnavailable("down", null);
            }
        };

        // when its message arrives, then the failure goes back to the queue and the refund stays owed
        assertThatThrownBy(() -> confirm(provider).confirm("o-1")).isInstanceOf(PaymentProvider.PaymentUnavailable.class);
        assertThat(ledger.orders.get("o-1").refund()).isEqualTo(Order.Refund.PENDING);
    }

    @Test
    void dropsAMessageForAnOrderThatDoesNotExist() {
        assertThat(confirm(new Fakes.ProviderFake(null)).confirm("nope")).isEmpty();
    }
}
