package dev.rushgate.platform.http;

import java.util.Set;

/** Who is calling: the token's {@code sub} and its {@code roles}. */
public record Caller(String userId, Set<String> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
