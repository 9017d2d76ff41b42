package dev.rushgate.votes.domain;

import java.util.List;

/**
 * What a rebuild found: the votes stored in the ledger, what the tallies held before, and each option whose
 * two counts differed. {@code consistent} is true when nothing had to change.
 */
public record RebuildReport(String pollId, long storedVotes, long countedBefore, List<OptionCount> options,
                            List<OptionCount> differences, boolean consistent) {

    /** One option's votes in the ledger ({@code stored}) and in the tallies before the rebuild. */
    public record OptionCount(String id, long stored, long countedBefore) {}
}
