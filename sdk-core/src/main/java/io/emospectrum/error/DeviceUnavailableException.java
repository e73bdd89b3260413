package io.emospectrum.error;

/** The device that was asked for (a GPU, a GPU index) does not exist on this machine. */
public class DeviceUnavailableException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
