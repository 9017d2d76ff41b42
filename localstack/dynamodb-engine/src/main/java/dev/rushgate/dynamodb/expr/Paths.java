package dev.rushgate.dynamodb.expr;

import java.util.List;

/** The rule shared by updates and projections: no two paths of one expression may touch the same data. */
final class Paths {
    private Paths() {}

    /**
     * Throws when one path is a prefix of another ({@code a} and {@code a.b}: overlap), or when two paths use the
     * same value once as a map and once as a list ({@code a.b} and {@code a[0]}: conflict).
     */
    static void checkDisjoint(List<Path> paths, ExpressionKind kind) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                check(paths.get(i), paths.get(j), kind);
            }
        }
    }

    private static void check(Path one, Path two, ExpressionKind kind) {
        List<Path.Element> a = one.elements();
        List<Path.Element> b = two.elements();
        int common = Math.min(a.size(), b.size());
        for (int k = 0; k < common; k++) {
            Path.Element x = a.get(k);
            Path.Element y = b.get(k);
            if (x.equals(y)) continue;
            if (x.getClass() != y.getClass()) {
                throw kind.invalid("Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                        + one + ", path two: " + two);
            }
            return;
        }
        throw kind.invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                + one + ", path two: " + two);
    }
}
