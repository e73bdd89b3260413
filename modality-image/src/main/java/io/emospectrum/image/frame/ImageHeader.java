package io.emospectrum.image.frame;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;

import java.nio.charset.StandardCharsets;

/**
 * Format and pixel size of an encoded image, read from its header without decoding any pixels,
 * so that a 20000x20000 PNG is refused before a gigabyte is spent on it.
 *
 * @param format {@code png}, {@code jpeg}, {@code bmp}, {@code webp} or {@code gif}
 * @param width  pixels per row
 * @param height rows
 */
public record ImageHeader(String format, int width, int height) {

    /**
     * @throws InvalidInputException     if the bytes are empty or the header is cut short
     * @throws UnsupportedMediaException if the bytes are not an image format we read
     */
    public static ImageHeader read(byte[] b, String origin) {
        if (b.length == 0) {
            throw new InvalidInputException(origin + " is empty (0 bytes)");
        }
        if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            need(b, 24, origin, "PNG");
            checkPngChunks(b, origin);
            return new ImageHeader("png", be32(b, 16), be32(b, 20));
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return jpeg(b, origin);
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            need(b, 26, origin, "BMP");
            return new ImageHeader("bmp", le32(b, 18), Math.abs(le32(b, 22)));
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return webp(b, origin);
        }
        if (b.length >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
            need(b, 10, origin, "GIF");
            return new ImageHeader("gif", le16(b, 6), le16(b, 8));
        }
        throw new UnsupportedMediaException(origin + " is not an image in a format we read (PNG, JPEG, BMP, WebP, GIF); it starts with "
                + describeStart(b));
    }

    /**
     * Every chunk's declared length must fit in the file: a decoder trusts it and allocates it
     * (one 64 KB PNG whose IDAT claims 0xFF000000 bytes cost 4.5 GB of native memory).
     */
    private static void checkPngChunks(byte[] b, String origin) {
        int i = 8;
        while (i + 8 <= b.length) {
            long len = be32(b, i) & 0xffffffffL;
            String type = ascii(b, i + 4, 4);
            long left = b.length - (long) i - 12;
            if (len > left) {
                throw new InvalidInputException(origin + " is a corrupt or truncated PNG: chunk '" + printable(type) + "' at byte " + i
                        + " declares " + len + " bytes, the file has " + Math.max(0, left) + " left");
            }
            if (type.equals("IEND")) {
                return;
            }
            i += 12 + (int) len;
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /**
     * The length of a JPEG up to and including its end-of-image marker, found by walking its
     * segments and scans (so that data appended after it, as phone "motion photos" carry, and
     * thumbnails inside EXIF do not confuse it), or -1 if the image ends before its marker.
     */
    public static int jpegLength(byte[] b) {
        int i = 2;
        while (i + 1 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return -1;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xd9) {
                return i + 2;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            if (i + 4 > b.length) {
                return -1;
            }
            i += 2 + be16(b, i + 2);
            if (marker == 0xda) { // entropy-coded data runs to the next marker that is not a stuffed zero or a restart
                while (i + 1 < b.length) {
                    if ((b[i] & 0xff) == 0xff) {
                        int next = b[i + 1] & 0xff;
                        if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
                            i += 2;
                            continue;
                        }
                        if (next != 0xff) {
                            break;
                        }
                    }
                    i++;
                }
            }
        }
        return -1;
    }

    private static ImageHeader jpeg(byte[] b, String origin) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                throw new InvalidInputException(origin + " is a corrupt JPEG: no marker at byte " + i);
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                i += 2;
                continue;
            }
            int len = be16(b, i + 2);
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                need(b, i + 9, origin, "JPEG");
                return new ImageHeader("jpeg", be16(b, i + 7), be16(b, i + 5));
            }
            if (marker == 0xda || marker == 0xd9) {
                break; // scan data before any frame header
            }
            i += 2 + len;
        }
        throw new InvalidInputException(origin + " is a truncated or corrupt JPEG: no frame header found");
    }

    private static ImageHeader webp(byte[] b, String origin) {
        need(b, 30, origin, "WebP");
        String chunk = ascii(b, 12, 4);
        switch (chunk) {
            case "VP8 ":
                return new ImageHeader("webp", le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
            case "VP8L": {
                int bits = le32(b, 21);
                return new ImageHeader("webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
            }
            case "VP8X":
                return new ImageHeader("webp", 1 + le24(b, 24), 1 + le24(b, 27));
            default:
                throw new UnsupportedMediaException(origin + " is a WebP file with an unknown chunk '" + chunk + "'");
        }
    }

    private static void need(byte[] b, int n, String origin, String format) {
        if (b.length < n) {
            throw new InvalidInputException(origin + " is a truncated " + format + " file (" + b.length + " bytes, header needs " + n + ")");
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describeStart(byte[] b) {
        int n = Math.min(b.length, 8);
        boolean text = true;
        for (int i = 0; i < n; i++) {
            text &= b[i] >= 0x09 && b[i] < 0x7f;
        }
        if (text) {
            return "text \"" + new String(b, 0, n, StandardCharsets.US_ASCII).replaceAll("\\s", " ") + "\"";
        }
        StringBuilder s = new StringBuilder("bytes");
        for (int i = 0; i < n; i++) {
            s.append(String.format(" %02x", b[i] & 0xff));
        }
        return s.toString();
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static int be16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int be32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
    }

    private static int le24(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8) | ((b[i + 2] & 0xff) << 16);
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | (le16(b, i + 2) << 16);
    }
}
