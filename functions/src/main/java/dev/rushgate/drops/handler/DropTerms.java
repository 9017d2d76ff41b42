package dev.rushgate.drops.handler;

import dev.rushgate.drops.domain.Drop;
import dev.rushgate.platform.errors.BadInput;

import java.time.Instant;

/** The body of {@code PUT /v1/admin/drops/{dropId}}; boxed numbers so that a missing one is an error. */
record DropTerms(String name, Integer stock, Integer perUserLimit, Instant opensAt, Instant closesAt, String roomId,
                 String webhookUrl, String ownerId) {

    Drop toDrop(String dropId) {
        if (stock == null) throw new BadInput("invalid-field", "stock is required");
        return new Drop(dropId, name, stock, perUserLimit == null ? 1 : perUserLimit, opensAt, closesAt, roomId,
                webhookUrl, ownerId);
    }
}
