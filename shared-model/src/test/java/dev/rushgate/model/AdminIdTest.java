package dev.rushgate.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AdminIdTest {

    @Test
    void acceptsExactlyWhatItsPatternAccepts() {
        // given the edges, and many random strings over the characters that matter
        List<String> ids = new ArrayList<>(List.of("a", "0", "a-b", "-a", "a-", "A", "drop_1", "spring-sale-2026",
                "x".repeat(64), "x".repeat(65), "", "é", "a b", "a.b", "a/b"));
        Random random = new Random(7);
        String alphabet = "az09-_A.";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int n = random.nextInt(70); n > 0; n--) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            ids.add(id.toString());
        }

        // then the hand-written check and the published pattern agree on every one
        for (String id : ids) {
            assertThat(AdminId.isValid(id)).as(id).isEqualTo(AdminId.PATTERN.matcher(id).matches());
        }
        assertThat(AdminId.isValid(null)).isFalse();
    }
}
