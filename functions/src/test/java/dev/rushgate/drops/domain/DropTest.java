package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DropTest {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative stock            | coupons | Coupon | -1 | 1    | 2026-11-23T21:00:00Z | ",
            "zero per-user limit       | coupons | Coupon | 10 | 0    | 2026-11-23T21:00:00Z | ",
            "id with capitals          | Coupons | Coupon | 10 | 1    | 2026-11-23T21:00:00Z | ",
            "id starting with a dash   | -coupon | Coupon | 10 | 1    | 2026-11-23T21:00:00Z | ",
            "blank name                | coupons | ' '    | 10 | 1    | 2026-11-23T21:00:00Z | ",
            "closes before it opens    | coupons | Coupon | 10 | 1    | 2026-11-23T19:00:00Z | ",
            "room id outside pattern   | coupons | Coupon | 10 | 1    | 2026-11-23T21:00:00Z | Room_1",
    })
    void rejects(String why, String id, String name, int stock, int perUser, String closesAt, String roomId) {
        assertThatThrownBy(() -> new Drop(id, name, stock, perUser, OPENS, Instant.parse(closesAt), roomId))
                .isInstanceOf(BadInput.class);
    }

    @Test
    void closingEarly_keepsEveryOtherTerm_itsOwnerToo() {
        Drop drop = new Drop("coupons", "Coupon", 10, 2, OPENS, null, "room-1", "https://hooks.example/x", "owner-1");
        Instant at = OPENS.plusSeconds(90);

        assertThat(drop.closingAt(at))
                .isEqualTo(new Drop("coupons", "Coupon", 10, 2, OPENS, at, "room-1", "https://hooks.example/x", "owner-1"));
    }
}
