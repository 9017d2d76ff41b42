package dev.rushgate.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.UnaryOperator;

/**
 * Who the functions log in to PostgreSQL as. {@code RUSHGATE_DATABASE_SECRET} is either the ARN of the
 * Secrets Manager secret Aurora generated (JSON with {@code username} and {@code password}; the cloud) or
 * {@code user:password} (the local stack).
 */
record DatabaseCredentials(String user, String password) {

    /** @param readSecret the secret's string, given its ARN */
    static DatabaseCredentials parse(String secret, UnaryOperator<String> readSecret) {
        if (secret.startsWith("arn:")) {
            JsonNode json = Json.read(readSecret.apply(secret), JsonNode.class);
            if (!json.hasNonNull("username") || !json.hasNonNull("password")) {
                throw new IllegalStateException("database secret has no username and password: " + secret);
            }
            return new DatabaseCredentials(json.get("username").asText(), json.get("password").asText());
        }
        int colon = secret.indexOf(':');
        if (colon < 1) throw new IllegalStateException("database secret is neither an ARN nor user:password");
        return new DatabaseCredentials(secret.substring(0, colon), secret.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + "]";
    }
}
