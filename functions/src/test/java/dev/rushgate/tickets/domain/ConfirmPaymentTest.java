package dev.rushgate.tickets.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmPaymentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private final Fakes.SeatMapFake seatMap = new Fakes.SeatMapFake();
    private final Fakes.LedgerFake ledger = new Fakes.LedgerFake();

    private ConfirmPayment confirm(Fakes.ProviderFake provider) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new ConfirmPayment(ledger, seatMap, provider, new DeliverNotices(ledger, Notifier.NONE, clock), clock);
    }

    private void order(Order.Status status) {
        ledger.orders.put("o-1", new Order("o-1", "h-1", "gig", "u-1", List.of("A-1-1"), 1_000, status, "tok_ok"));
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
    void dropsAMessageForAnOrderThatDoesNotExist() {
        assertThat(confirm(new Fakes.ProviderFake(null)).confirm("nope")).isEmpty();
    }
}
