package dev.rushgate.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The operations page on the waiting page's bucket and distribution, under {@code ops/}: the repository's
 * {@code ops-page/} folder (the same one the local stack serves at {@code /ops/}) and a {@code ops/config.json} that
 * sends its calls to the API on the same origin ({@link EdgeApi}). The distribution's default behaviour serves it
 * (HTTPS only, security headers, {@code /ops/} rewritten to its index page), so it needs no origin of its own.
 * The page is static and public, like any login page: what it shows comes from the admin API, which takes an
 * admin's bearer token on every call.
 */
public final class OpsPage extends Construct {

    /** Where the page lives on the distribution, as on the local stack. */
    public static final String PREFIX = "ops/";

    private final WaitingPage site;

    public OpsPage(Construct scope, String id, Props props) {
        super(scope, id);
        this.site = props.site();
        BucketDeployment.Builder.create(this, "Deploy")
                .sources(List.of(Source.asset(props.folder().toString()),
                        // "" is the page's own origin: the distribution serves the API too (EdgeApi)
                        Source.jsonData("config.json", Map.of("api", ""))))
                .destinationBucket(site.bucket())
                .destinationKeyPrefix(PREFIX)
                // Browsers revalidate, so an admin reloading mid-rush gets the page that matches the API.
                .cacheControl(List.of(CacheControl.noCache()))
                .distribution(site.distribution())
                .distributionPaths(List.of("/" + PREFIX + "*"))
                .build();
    }

    /** The page's address, e.g. {@code https://d111.cloudfront.net/ops/index.html}. */
    public String url() {
        return site.origin() + "/" + PREFIX + "index.html";
    }

    /**
     * @param folder the page's files (the repository's {@code ops-page/}, also served by the local stack)
     * @param site   the waiting page, whose bucket and distribution serve this page too
     */
    public record Props(Path folder, WaitingPage site) {
        public Props {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(site, "site");
            if (!Files.isRegularFile(folder.resolve("index.html"))) {
                throw new IllegalArgumentException("no index.html in " + folder.toAbsolutePath());
            }
        }
    }
}
