package dev.rushgate.platform;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.security.SecureRandom;

/**
 * The one source of randomness in the functions (ids, the pre-queue shuffle, any jitter), and the one class the
 * architecture test lets draw it.
 *
 * <p>Lambda SnapStart restores many execution environments from one snapshot taken after initialisation. A generator
 * seeded before it ({@code ThreadLocalRandom}, {@code java.util.Random}) is restored with the same state in every
 * copy, so every copy draws the same sequence, and two ids minted in the same millisecond collide. AWS's SnapStart
 * uniqueness guidance: generate unique content after initialisation, with a CSPRNG or a runtime hook. Both here:
 * <ul>
 *   <li>the generator is {@link SecureRandom} ({@code NativePRNG} on Linux, which mixes bytes read from the kernel's
 *       {@code /dev/urandom} into every draw, so even a copied state does not replay);</li>
 *   <li>and a CRaC {@code afterRestore} hook, which Lambda runs in each restored copy before its first invocation,
 *       replaces it with a generator seeded afresh from the kernel.</li>
 * </ul>
 * A draw costs about half a microsecond here, cheap enough for every claim attempt.
 */
public final class Randomness {
    private Randomness() {}

    private static volatile SecureRandom generator = fresh();

    /** Runs after a restore from a snapshot: every copy gets a generator of its own. */
    static final Resource RESEED = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            // nothing: the state taken into the snapshot is replaced after restore
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            generator = fresh();
        }
    };

    static {
        // Kept reachable by RESEED's static field: CRaC's global context holds resources weakly.
        Core.getGlobalContext().register(RESEED);
    }

    /** A generator seeded from the kernel now. */
    private static SecureRandom fresh() {
        return new SecureRandom();
    }

    /** Fills {@code bytes} with random bytes. */
    public static void nextBytes(byte[] bytes) {
        generator.nextBytes(bytes);
    }

    /** A random int in [{@code origin}, {@code bound}). */
    public static int nextInt(int origin, int bound) {
        return generator.nextInt(origin, bound);
    }

    /** A random long in [0, {@code bound}). */
    public static long nextLong(long bound) {
        return generator.nextLong(bound);
    }

    /** The generator in use now (for the test that restores copies). */
    static SecureRandom generator() {
        return generator;
    }
}
