package io.emospectrum.media.javacv;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * The native libraries' logging, in one place. FFmpeg writes stream banners and its own error lines
 * straight to stderr from native code; its errors reach callers as exceptions (which say it once),
 * so it is silent from the moment this class loads: {@link MediaGrabberFactory} loads it before it
 * opens anything. {@link #configure configure(true)} (the command line's {@code --verbose}) lets
 * FFmpeg speak again.
 *
 * <p>OpenCV reads its level once, from the environment variable {@code OPENCV_LOG_LEVEL}, when it
 * loads, and the JavaCPP presets offer no setter: the launchers set it to {@code ERROR} unless
 * {@code --verbose} is given.
 */
public final class NativeLogs {
    static {
        // FFmpeg's level is one native global: quiet until someone asks for more
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private NativeLogs() {
    }

    /** FFmpeg quiet (default), or logging at its info level for {@code verbose}. */
    public static void configure(boolean verbose) {
        avutil.av_log_set_level(verbose ? avutil.AV_LOG_INFO : avutil.AV_LOG_QUIET);
    }

    /** FFmpeg's current log level ({@code avutil.AV_LOG_*}). */
    public static int ffmpegLevel() {
        return avutil.av_log_get_level();
    }

    /** Loads the class, and with it the quiet default (see the class comment). */
    static void quietByDefault() {
        // the static initializer has run by the time this is called
    }
}
