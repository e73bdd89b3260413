package io.emospectrum.error;

import java.util.List;

/** A model declares labels that its label mapping does not map to the seven categories. */
public class UnmappedLabelException extends ModelLoadException {
    private static final long serialVersionUID = 1L;

    private final List<String> labels;

    public UnmappedLabelException(List<String> labels) {
        super("label mapping has no entry for model label(s) " + labels
                + "; every label must map to at least one category (use NEUTRAL for labels without emotional content)");
        this.labels = List.copyOf(labels);
    }

    public List<String> labels() {
        return labels;
    }
}
