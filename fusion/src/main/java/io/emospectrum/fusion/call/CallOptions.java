package io.emospectrum.fusion.call;

import io.emospectrum.error.ConfigurationException;

/**
 * Which channel of a call recording is whom, and whether the agent is scored.
 *
 * <p><b>The agent's channel is not scored by default.</b> The EU AI Act (Regulation (EU) 2024/1689,
 * Article 5(1)(f)) prohibits AI systems that infer the emotions of natural persons in the workplace,
 * except for medical or safety reasons; a call-center agent at work is such a person. Turn
 * {@link Builder#scoreAgent(boolean)} on only where that prohibition does not apply (outside the
 * EU's reach, a medical or safety purpose, or the agent is not an employee at work, as in tests),
 * and take that decision yourself: this SDK cannot.
 *
 * @param customerChannel channel index of the customer (caller)
 * @param agentChannel    channel index of the agent, or -1 when the recording has none
 * @param scoreAgent      whether the agent's channel is scored
 */
public record CallOptions(int customerChannel, int agentChannel, boolean scoreAgent) {
    public CallOptions {
        if (customerChannel < 0 || customerChannel == agentChannel || agentChannel < -1) {
            throw new ConfigurationException("customer channel " + customerChannel + " and agent channel " + agentChannel
                    + " must be different, non-negative indices (agent -1 for none)");
        }
        if (scoreAgent && agentChannel < 0) {
            throw new ConfigurationException("scoreAgent is on but no agent channel is set");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: agent on channel 0 (left), customer on channel 1 (right), agent not scored. */
    public static final class Builder {
        private int customer = 1;
        private int agent = 0;
        private boolean scoreAgent;

        private Builder() {
        }

        public Builder customerChannel(int channel) {
            this.customer = channel;
            return this;
        }

        public Builder agentChannel(int channel) {
            this.agent = channel;
            return this;
        }

        /**
         * Scores the agent's channel too. Off by default: the EU AI Act bans emotion recognition of
         * employees at work (see the class documentation). Turning it on is the integrator's explicit,
         * legally reviewed decision.
         */
        public Builder scoreAgent(boolean score) {
            this.scoreAgent = score;
            return this;
        }

        public CallOptions build() {
            return new CallOptions(customer, agent, scoreAgent);
        }
    }
}
