package io.emospectrum.tools.text;

import ai.djl.training.tracker.ParameterTracker;

import java.util.Set;

/**
 * Learning rate for fine-tuning: linear warm-up from 0 over {@code warmupSteps}, then linear decay
 * to 0 at {@code totalSteps}; the freshly adapted head's parameters get their own (larger) peak.
 */
final class WarmupLinearDecay implements ParameterTracker {
    private final float encoderLr;
    private final float headLr;
    private final Set<String> headParameterIds;
    private final int warmupSteps;
    private final int totalSteps;

    WarmupLinearDecay(float encoderLr, float headLr, Set<String> headParameterIds, int warmupSteps, int totalSteps) {
        this.encoderLr = encoderLr;
        this.headLr = headLr;
        this.headParameterIds = Set.copyOf(headParameterIds);
        this.warmupSteps = Math.max(1, warmupSteps);
        this.totalSteps = Math.max(this.warmupSteps + 1, totalSteps);
    }

    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        float peak = headParameterIds.contains(parameterId) ? headLr : encoderLr;
        return peak * factor(numUpdate);
    }

    float factor(int step) {
        if (step < warmupSteps) {
            return (float) step / warmupSteps;
        }
        return Math.max(0f, (float) (totalSteps - step) / (totalSteps - warmupSteps));
    }
}
