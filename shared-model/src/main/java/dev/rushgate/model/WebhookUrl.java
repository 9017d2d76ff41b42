package dev.rushgate.model;

import java.net.URI;
import java.net.URISyntaxException;

/** The webhooks an admin may name (a drop's, a show's): absolute http(s) URLs with a host, at most 2,000 characters. */
public final class WebhookUrl {
    private WebhookUrl() {}

    public static boolean isValid(String url) {
        if (url == null || url.length() > 2_000) return false;
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
