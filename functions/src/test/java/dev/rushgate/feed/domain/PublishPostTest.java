package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.BadInput;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishPostTest {

    private static PublishPostCommand command(String title, String body, String category, List<String> tags) {
        return new PublishPostCommand("ann", title, body, category, tags, null);
    }

    @Test
    void trimsTheText_andKeepsDistinctTagsInOrder() {
        var c = command("  Hello ", " 본문 ", "tech", List.of("b", "a", "b"));

        assertThat(c.title()).isEqualTo("Hello");
        assertThat(c.body()).isEqualTo("본문");
        assertThat(c.tags()).containsExactly("b", "a");
        assertThat(command("T", "B", "tech", null).tags()).isEmpty();
    }

    @Test
    void refusesWhatAPostCannotBe() {
        List<Runnable> bad = List.of(
                () -> command(null, "B", "tech", List.of()),
                () -> command(" ", "B", "tech", List.of()),
                () -> command("T", "B", null, List.of()),
                () -> command("가".repeat(151), "B", "tech", List.of()),
                () -> command("T", "x".repeat(10_001), "tech", List.of()),
                () -> command("T", "B", "tech", Collections.nCopies(11, "t")),
                () -> command("T", "B", "tech", List.of("x".repeat(31))));
        for (Runnable r : bad) {
            assertThatThrownBy(r::run).isInstanceOfSatisfying(BadInput.class,
                    e -> assertThat(e.code()).isEqualTo("invalid-field"));
        }
        // a title of 150 Korean characters is fine: characters, not bytes
        assertThat(command("가".repeat(150), "B", "tech", List.of()).title()).hasSize(150);
    }

    @Test
    void derivesTheSameIdFromTheSameAuthorAndKey_andAnotherForAnotherAuthor() {
        assertThat(PublishPost.keyed("ann", "k-1")).isEqualTo(PublishPost.keyed("ann", "k-1")).hasSize(32)
                .matches("[0-9a-f]{32}");
        assertThat(PublishPost.keyed("bob", "k-1")).isNotEqualTo(PublishPost.keyed("ann", "k-1"));
    }
}
