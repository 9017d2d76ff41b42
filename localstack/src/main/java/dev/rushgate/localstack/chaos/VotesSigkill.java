package dev.rushgate.localstack.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A vote rush, the whole stack SIGKILLed under it, a restart on the same data. Clients left without an answer vote
 * again with their Idempotency-Key (answered with the first vote's id if it was taken), so in the end every client who
 * took part was told 202 once; each option's persisted count must then equal its 202s, no more, no less.
 */
final class VotesSigkill implements Scenario {

    @Override
    public String name() {
        return "votes-sigkill";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 1_500 : 8_000;
        Duration killAfter = Duration.ofMillis(run.quick() ? 1_500 : 2_500);
        String pollId = "chaos-poll";
        String path = "/v1/polls/" + pollId + "/votes";
        try (Crash crash = new Crash(run, name(), run.stackArgs())) {
            Api api = new Api(crash.start().url());
            Votes.create(api, pollId);
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "voter-" + i).toList();
            api.mint(clients);
            Ledger ledger = new Ledger();
            Crowd.Journey vote = voter -> vote(api, ledger, path, voter);
            crash.killAndRestart(Crowd.start(clients, 32, vote), killAfter, api);
            for (int attempt = 0; attempt < 3 && !ledger.unanswered().isEmpty(); attempt++) {
                Crowd.start(ledger.unanswered(), 16, vote).join();
            }
            Votes.Checked checked = Votes.check(api, pollId, ledger, crash.killedAt(),
                    Duration.ofSeconds(run.quick() ? 45 : 240));
            String note = String.format(Locale.ROOT, "%,d voters; SIGKILL %.1f s in, %,d sent before it; %s", users,
                    killAfter.toMillis() / 1000.0, ledger.all().size(), checked.note());
            return new Row(name(), ledger.requests(), checked.acknowledged(), checked.persisted(), checked.lost(),
                    checked.duplicated(), 0, checked.recovered(), note);
        }
    }

    static String option(String voter) {
        return Votes.OPTIONS.get(Integer.parseInt(voter.substring(voter.lastIndexOf('-') + 1)) % Votes.OPTIONS.size());
    }

    static void vote(Api api, Ledger ledger, String path, String voter) throws InterruptedException {
        try {
            Api.Answer a = api.send("POST", path, voter, Map.of("optionId", option(voter)), "chaos-" + voter);
            ledger.record(voter, a.status(), a.text("voteId"), a.text("code"));
        } catch (IOException noAnswer) {
            ledger.record(voter, Ledger.NO_ANSWER, null, noAnswer.toString());
        }
    }
}
