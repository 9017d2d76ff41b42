package dev.rushgate.tickets.domain;

/** Sends a stored notice on (a webhook). Notices are stored first; sending is extra and retried. */
public interface Notifier {

    /** True when the notice was taken; false when it should be tried again later. */
    boolean send(Notice notice);

    /** Whether notices go anywhere beyond storage. */
    boolean enabled();

    Notifier NONE = new Notifier() {
        @Override
        public boolean send(Notice notice) {
            return true;
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };
}
