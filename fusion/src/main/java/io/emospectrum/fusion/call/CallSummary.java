package io.emospectrum.fusion.call;

import java.util.List;
import java.util.Optional;

/**
 * The summary of a call: one {@link PartySummary} per scored party.
 *
 * @param durationSeconds audio seen
 * @param parties         the scored parties (the agent only when explicitly turned on)
 */
public record CallSummary(double durationSeconds, List<PartySummary> parties) {
    public CallSummary {
        parties = List.copyOf(parties);
    }

    public Optional<PartySummary> party(CallRole role) {
        return parties.stream().filter(p -> p.role() == role).findFirst();
    }
}
