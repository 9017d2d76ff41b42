package dev.rushgate.platform;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void makesIdsOfTheServerShape_thatSortByTime_andDoNotRepeat() {
        String earlier = Ids.timeOrdered(1_795_464_000_000L);
        String later = Ids.timeOrdered(1_795_464_000_001L);
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 100_000; i++) many.add(Ids.timeOrdered(1_795_464_000_000L));

        assertThat(Ids.isServerMade(earlier)).isTrue();
        assertThat(earlier).startsWith(String.format("%012x", 1_795_464_000_000L)).hasSize(32);
        assertThat(later).isGreaterThan(earlier);
        assertThat(many).hasSize(100_000);
    }

    @Test
    void recognisesOnlyThirtyTwoLowerCaseHexDigits() {
        assertThat(Ids.isServerMade("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(Ids.isServerMade("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(Ids.isServerMade("0123456789abcdef0123456789abcde")).isFalse();
        assertThat(Ids.isServerMade("0123456789abcdef0123456789abcdef0")).isFalse();
        assertThat(Ids.isServerMade("0123456789abcdef0123456789abcdeg")).isFalse();
        assertThat(Ids.isServerMade("")).isFalse();
        assertThat(Ids.isServerMade(null)).isFalse();
    }
}
