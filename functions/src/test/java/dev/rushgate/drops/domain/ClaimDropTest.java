package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimDropTest {

    private final Fakes.ScriptedStock stock = new Fakes.ScriptedStock();
    private final Fakes.MapCatalog catalog = new Fakes.MapCatalog();
    private final Fakes.RecordingQueue queue = new Fakes.RecordingQueue();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T20:00:05Z"), ZoneOffset.UTC);
    private final Fakes.Pipeline pipeline = new Fakes.Pipeline();
    private final ClaimDrop claimDrop = new ClaimDrop(stock, catalog, queue, Fakes.recovery(stock, pipeline), clock);

    @Test
    void sendsAcceptedClaimToQueue_andTakesItOutOfTheOutbox() {
        ClaimView claim = claimDrop.claim(new ClaimDropCommand("coupons", "u-1", null));

        assertThat(claim.status()).isEqualTo(ClaimView.Status.ACCEPTED);
        assertThat(queue.sent).singleElement().satisfies(sent -> {
            assertThat(sent.claimId()).isEqualTo(claim.claimId());
            assertThat(sent.userId()).isEqualTo("u-1");
        });
        assertThat(stock.outbox).isEmpty();
    }

    @Test
    void stillAnswersAccepted_whenTheQueueFails_andLeavesTheClaimForTheSweeper() {
        queue.failing = true;

        ClaimView claim = claimDrop.claim(new ClaimDropCommand("coupons", "u-1", null));

        assertThat(claim.status()).isEqualTo(ClaimView.Status.ACCEPTED);
        assertThat(stock.outbox).containsOnlyKeys(claim.claimId());
        assertThat(stock.settled).isEmpty();
    }

    @Test
    void replaysTheFirstClaim_withoutSendingAgain() {
        stock.decisions.add(new ClaimDecision.Accepted("0000000000000000000000000000abcd", true));

        ClaimView claim = claimDrop.claim(new ClaimDropCommand("coupons", "u-1", "key-1"));

        assertThat(claim.claimId()).isEqualTo("0000000000000000000000000000abcd");
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void refusesWithTheStocksCode() {
        stock.decisions.add(new ClaimDecision.Refused("sold-out"));

        assertThatThrownBy(() -> claimDrop.claim(new ClaimDropCommand("coupons", "u-1", null)))
                .isInstanceOf(Conflict.class).extracting("code").isEqualTo("sold-out");
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void rebuildsTheDropFromStorage_whenTheCacheLostIt_andNothingIsOnItsWay() {
        catalog.save(Fakes.drop("coupons"));
        stock.decisions.add(new ClaimDecision.UnknownDrop());

        ClaimView claim = claimDrop.claim(new ClaimDropCommand("coupons", "u-1", null));

        assertThat(stock.restored).containsKey("coupons");
        assertThat(claim.status()).isEqualTo(ClaimView.Status.ACCEPTED);
    }

    @Test
    void answersRecovering_andDecidesNothing_whileClaimsMayStillBeOnTheirWayToStorage() {
        catalog.save(Fakes.drop("coupons"));
        stock.decisions.add(new ClaimDecision.UnknownDrop());
        pipeline.drained = false;

        assertThatThrownBy(() -> claimDrop.claim(new ClaimDropCommand("coupons", "u-1", null)))
                .isInstanceOf(dev.rushgate.platform.errors.Unavailable.class).extracting("code")
                .isEqualTo("recovering");
        assertThat(stock.restored).isEmpty();
        assertThat(stock.defined).isEmpty();
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void isNotFound_whenNeitherCacheNorCatalogKnowTheDrop() {
        stock.decisions.add(new ClaimDecision.UnknownDrop());

        assertThatThrownBy(() -> claimDrop.claim(new ClaimDropCommand("nope", "u-1", null)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void handsTheStockTheRoomTheTokenAdmitsTo_andAsksNothingWithoutAToken() {
        var admissions = new java.util.ArrayList<String>();
        var gated = new ClaimDrop(stock, catalog, queue, (token, userId) -> {
            admissions.add(token + "|" + userId);
            return token.equals("good") ? java.util.Optional.of("room-1") : java.util.Optional.empty();
        }, Fakes.recovery(stock, pipeline), clock);

        gated.claim(new ClaimDropCommand("coupons", "u-1", null, "good"));
        gated.claim(new ClaimDropCommand("coupons", "u-1", null, "forged"));
        gated.claim(new ClaimDropCommand("coupons", "u-1", null, null));

        assertThat(admissions).containsExactly("good|u-1", "forged|u-1");
        assertThat(stock.admittedRooms).containsExactly("room-1", "", "");
    }

    @Test
    void isForbiddenNotAdmitted_whenTheStockRefusesForTheRoom() {
        stock.decisions.add(new ClaimDecision.Refused("not-admitted"));

        assertThatThrownBy(() -> claimDrop.claim(new ClaimDropCommand("coupons", "u-1", null, "token")))
                .isInstanceOf(dev.rushgate.platform.errors.Forbidden.class).extracting("code").isEqualTo("not-admitted");
        assertThat(queue.sent).isEmpty();
    }
}
