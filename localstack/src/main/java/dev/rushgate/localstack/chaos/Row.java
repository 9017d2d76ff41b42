package dev.rushgate.localstack.chaos;

import java.time.Duration;

/**
 * One scenario's outcome, as the table prints it. {@code requests} counts every request the crowd sent (retries
 * too); {@code acknowledged} the distinct things clients were told were accepted; {@code stored} what the public API
 * shows as durably stored; {@code lost} acknowledged but not stored; {@code duplicated} stored more than once;
 * {@code oversold} beyond the stock or seat count. {@code recovered} is from the fault to the moment everything
 * acknowledged was stored (null when it does not apply).
 */
record Row(String scenario, long requests, long acknowledged, long stored, long lost, long duplicated, long oversold,
           Duration recovered, String note) {
    static final String DID_NOT_COMPLETE = "did not complete";


    boolean passed() {
        return lost == 0 && duplicated == 0 && oversold == 0 && !note.startsWith(DID_NOT_COMPLETE);
    }
}
