package io.emospectrum.text.encoder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Named float tensors in a small gzip'd binary file (count; then name, rank, dims, big-endian
 * floats per tensor), readable without any engine: the format of fine-tuning checkpoints and of
 * the shipped encoder delta. Entries keep their order, so the same tensors give the same bytes.
 */
public final class TensorFile {
    private static final int MAGIC = 0x454d5446; // "EMTF"

    /** A tensor: shape and row-major values. */
    public record Entry(long[] shape, float[] values) {
    }

    private TensorFile() {
    }

    public static void write(Path file, Map<String, Entry> tensors) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DeterministicGzip(os), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(tensors.size());
            for (Map.Entry<String, Entry> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                long[] s = e.getValue().shape();
                out.writeInt(s.length);
                for (long d : s) {
                    out.writeLong(d);
                }
                float[] v = e.getValue().values();
                out.writeInt(v.length);
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Map<String, Entry> read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a tensor file");
        }
        int n = d.readInt();
        Map<String, Entry> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = d.readUTF();
            long[] shape = new long[d.readInt()];
            for (int j = 0; j < shape.length; j++) {
                shape[j] = d.readLong();
            }
            float[] v = new float[d.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = d.readFloat();
            }
            m.put(name, new Entry(shape, v));
        }
        return m;
    }

    public static Map<String, Entry> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** gzip with no time stamp in its header, so equal content gives equal bytes (and SHA-256). */
    private static final class DeterministicGzip extends GZIPOutputStream {
        DeterministicGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
        }
    }
}
