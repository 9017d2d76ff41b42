package dev.rushgate.votes.adapter;

import dev.rushgate.room.domain.CheckAdmission;
import dev.rushgate.votes.domain.Admissions;

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
