package io.emospectrum.cli;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg writes stream banners and its own error lines straight to stderr from native code. Its
 * errors reach us as exceptions, which the command reports once, so by default it is silent;
 * {@code --verbose} lets it speak. Only the media commands call this (loading FFmpeg costs time).
 */
final class NativeLogs {
    private NativeLogs() {
    }

    static void configure(boolean verbose) {
        avutil.av_log_set_level(verbose ? avutil.AV_LOG_INFO : avutil.AV_LOG_QUIET);
    }

    /** The current FFmpeg log level (for tests). */
    static int ffmpegLevel() {
        return avutil.av_log_get_level();
    }
}
