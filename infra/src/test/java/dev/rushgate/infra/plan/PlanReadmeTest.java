package dev.rushgate.infra.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's worked example is what the planner prints today: a change to the model shows up there. */
class PlanReadmeTest {

    @Test
    void theWorkedExampleIsThePlannersOutput() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int command = -1;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("$ ./rushgate plan --feature drops --users 1000000")) {
                command = i;
                break;
            }
        }
        assertThat(command).as("the worked example's command in README.md").isPositive();
        String line = readme.get(command).substring("$ ./rushgate plan ".length());
        String[] args = line.substring(0, line.contains("#") ? line.indexOf('#') : line.length()).trim().split("\\s+");
        List<String> shown = new ArrayList<>();
        for (int i = command + 1; !readme.get(i).startsWith("```") && !readme.get(i).startsWith("Cost of a month idle"); i++) {
            shown.add(readme.get(i));
        }

        assertThat(shown).hasSizeGreaterThan(20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> withoutIdle = new ArrayList<>(Arrays.asList(args));
        withoutIdle.add("--no-idle");
        int status = PlanCommand.run(withoutIdle.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(String::stripTrailing).toList())
                .containsExactlyElementsOf(shown);
    }
}
