package dev.rushgate.infra;

/**
 * Tags that carry a resource's declaration id into the template, so tests (and people reading the
 * console) can tell which table, queue or function a generated logical id stands for.
 */
public final class ResourceTags {
    private ResourceTags() {}

    public static final String FUNCTION = "rushgate:function";
    public static final String TABLE = "rushgate:table";
    public static final String QUEUE = "rushgate:queue";
    public static final String SECRET = "rushgate:secret";
}
