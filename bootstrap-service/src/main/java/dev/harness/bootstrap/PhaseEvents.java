package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
/** Where phase_started / phase_completed go: the request's notifications, so they precede its response. */
public interface PhaseEvents {
    void started(Phase phase, BootstrapContext context);

    void completed(PhaseRecord record, boolean recorded);

    PhaseEvents NONE = new PhaseEvents() {
        @Override
        public void started(Phase phase, BootstrapContext context) {}

        @Override
        public void completed(PhaseRecord record, boolean recorded) {}
    };
}
