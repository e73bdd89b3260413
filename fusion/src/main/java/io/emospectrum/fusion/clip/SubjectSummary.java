package io.emospectrum.fusion.clip;

import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;

import java.util.Map;

/**
 * One subject over a whole clip.
 *
 * @param subject            the face track or voice channel; null for windows without a known subject
 * @param windows            fused windows of this subject
 * @param meanSpectrum       the mean of its fused spectra
 * @param meanDisagreement   the mean Jensen-Shannon disagreement of its windows, in bits
 * @param windowsByModality  how many of its windows each modality contributed to
 */
public record SubjectSummary(String subject, long windows, Spectrum meanSpectrum, double meanDisagreement,
                             Map<Modality, Long> windowsByModality) {
    public SubjectSummary {
        windowsByModality = Map.copyOf(windowsByModality);
    }
}
