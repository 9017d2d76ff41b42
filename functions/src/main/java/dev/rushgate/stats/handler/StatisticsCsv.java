package dev.rushgate.stats.handler;

import dev.rushgate.stats.domain.EventStatistics;

/**
 * An event's statistics as one CSV table in long form, one number a row: {@code section,minute,name,count}, where
 * section is {@code total} (per answer), {@code funnel} (per stage, in order), {@code refusal} (per reason),
 * {@code refused-user} (per user, most first) or {@code minute} (per answer of a whole minute, {@code minute} its start).
 * A spreadsheet pivots it as it likes.
 */
final class StatisticsCsv {
    private StatisticsCsv() {}

    static final String MEDIA_TYPE = "text/csv; charset=utf-8";
    static final String HEADER = "section,minute,name,count";

    static String write(EventStatistics stats) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        stats.totals().forEach((answer, n) -> row(csv, "total", "", answer, n));
        stats.funnel().forEach(stage -> row(csv, "funnel", "", stage.stage(), stage.count()));
        stats.refusals().forEach((code, n) -> row(csv, "refusal", "", code, n));
        stats.refusedUsers().forEach(user -> row(csv, "refused-user", "", user.userId(), user.refusals()));
        stats.minutes().forEach(minute -> minute.counts()
                .forEach((answer, n) -> row(csv, "minute", minute.minute().toString(), answer, n)));
        return csv.toString();
    }

    private static void row(StringBuilder csv, String section, String minute, String name, long count) {
        csv.append(section).append(',').append(minute).append(',').append(cell(name)).append(',').append(count)
                .append("\r\n");
    }

    /**
     * A name as a cell (RFC 4180 quoting), made inert for spreadsheets: a user id may begin with {@code +}, {@code -} or
     * {@code @}, which a spreadsheet would read as a formula, so such a cell starts with {@code '}.
     */
    static String cell(String name) {
        String text = !name.isEmpty() && "=+-@".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
