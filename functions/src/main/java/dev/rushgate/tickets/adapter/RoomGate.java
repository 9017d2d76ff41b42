package dev.rushgate.tickets.adapter;

import dev.rushgate.room.domain.CheckAdmission;
import dev.rushgate.tickets.domain.Gate;

import java.util.Optional;

/** The gate as the waiting room checks admissions: signature, expiry, owner and revocation of the token. */
public final class RoomGate implements Gate {
    private final CheckAdmission checkAdmission;

    public RoomGate(CheckAdmission checkAdmission) {
        this.checkAdmission = checkAdmission;
    }

    @Override
    public Optional<String> admittedRoom(String token, String userId) {
        return checkAdmission.admittedRoom(token, userId);
    }
}
