package dev.rushgate.platform;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Server-made ids: 12 hex digits of epoch milliseconds then 20 random hex digits, so they sort by time
 * (admin pages list claims in arrival order) and are unguessable enough to be opaque. Not secrets:
 * every read of one also checks its owner.
 */
public final class Ids {
    private Ids() {}

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");

    public static String timeOrdered(long epochMillis) {
        byte[] random = new byte[10];
        ThreadLocalRandom.current().nextBytes(random);
        return String.format("%012x", epochMillis & 0xFFFF_FFFF_FFFFL) + HexFormat.of().formatHex(random);
    }

    public static boolean isServerMade(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
