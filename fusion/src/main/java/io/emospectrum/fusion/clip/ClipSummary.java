package io.emospectrum.fusion.clip;

import io.emospectrum.spectrum.Modality;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a clip analysis found, beyond the windows the listener received.
 *
 * @param clip            the file analyzed
 * @param durationSeconds media time decoded (the longer of video and sound)
 * @param hasVideo        whether the clip has a video stream
 * @param hasAudio        whether it has a sound track
 * @param width           frame width, 0 without video
 * @param height          frame height, 0 without video
 * @param framesDecoded   video frames decoded
 * @param framesAnalyzed  frames handed to the face tracker
 * @param readings        readings per modality before fusion
 * @param windows         fused windows emitted (one per window and subject)
 * @param subjects        per subject, in order of subject id (null first)
 * @param issues          limitations met, in the order they were found
 * @param lateReadings    readings that arrived after their window was emitted
 * @param timings         where the time went
 */
public record ClipSummary(Path clip, double durationSeconds, boolean hasVideo, boolean hasAudio, int width, int height,
                          long framesDecoded, long framesAnalyzed, Map<Modality, Long> readings, long windows,
                          List<SubjectSummary> subjects, List<ClipIssue> issues, long lateReadings, ClipTimings timings) {
    public ClipSummary {
        readings = Map.copyOf(readings);
        subjects = List.copyOf(subjects);
        issues = List.copyOf(issues);
    }

    /** The issues of one kind. */
    public List<ClipIssue> issues(ClipIssue.Kind kind) {
        return issues.stream().filter(i -> i.kind() == kind).toList();
    }
}
