package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.Admissions;
import dev.rushgate.room.domain.CheckAdmission;

import java.util.Optional;

/** Admissions as the waiting room checks them: signature, expiry, owner and revocation of the token. */
public final class RoomAdmissions implements Admissions {
    private final CheckAdmission checkAdmission;

    public RoomAdmissions(CheckAdmission checkAdmission) {
        this.checkAdmission = checkAdmission;
    }

    @Override
    public Optional<String> admittedRoom(String token, String userId) {
        return checkAdmission.admittedRoom(token, userId);
    }
}
