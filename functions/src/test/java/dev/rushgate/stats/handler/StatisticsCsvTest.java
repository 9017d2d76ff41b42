package dev.rushgate.stats.handler;

import dev.rushgate.stats.domain.EventStatistics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsCsvTest {

    @Test
    void writesOneNumberARow_sectionBySection() {
        // given
        Instant minute = Instant.parse("2026-12-06T03:00:00Z");
        var stats = new EventStatistics("poll", "p", "o", null, minute.plusSeconds(60), minute.plusSeconds(70), true, 0,
                new TreeMap<>(Map.of("accepted", 3L, "already-voted", 1L)),
                List.of(new EventStatistics.Stage("requests", 4), new EventStatistics.Stage("voted", 3)),
                Map.of("already-voted", 1L), List.of(new EventStatistics.RefusedUser("u1", 1)),
                List.of(new EventStatistics.MinuteCounts(minute, new TreeMap<>(Map.of("accepted", 3L,
                        "already-voted", 1L)))));

        // when
        String csv = StatisticsCsv.write(stats);

        // then
        assertThat(csv.split("\r\n")).containsExactly("section,minute,name,count", "total,,accepted,3",
                "total,,already-voted,1", "funnel,,requests,4", "funnel,,voted,3", "refusal,,already-voted,1",
                "refused-user,,u1,1", "minute,2026-12-06T03:00:00Z,accepted,3",
                "minute,2026-12-06T03:00:00Z,already-voted,1");
    }

    @Test
    void makesNamesInertForSpreadsheets_andQuotesWhatNeedsIt() {
        assertThat(StatisticsCsv.cell("+1-555@x")).isEqualTo("'+1-555@x");
        assertThat(StatisticsCsv.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(StatisticsCsv.cell("@user")).isEqualTo("'@user");
        assertThat(StatisticsCsv.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(StatisticsCsv.cell("plain.user:1")).isEqualTo("plain.user:1");
    }
}
