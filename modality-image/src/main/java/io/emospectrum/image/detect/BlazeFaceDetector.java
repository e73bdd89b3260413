package io.emospectrum.image.detect;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.image.tfjs.InputBuffers;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.spectrum.BoundingBox;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * MediaPipe BlazeFace (Apache-2.0) imported from TF.js and run on DJL:
 * frames are letterboxed to a square (aspect kept), resized bilinearly and scaled to [-1, 1];
 * all frames of a call go through the network in one batch; {@link BlazeFaceDecoder} turns the
 * 896 anchors into boxes and keypoints. Thread-safe: one predictor per call.
 */
public final class BlazeFaceDetector implements FaceDetector {
    private final Model model;
    private final BlazeFaceDecoder decoder;
    private final float minScore;
    private final float nmsIou;
    private final InputBuffers inputBuffers = new InputBuffers();

    /** @param inputSize 128 for the short-range (front) model, 256 for the full-size (back) one */
    public BlazeFaceDetector(Model model, int inputSize, float minScore, float nmsIou) {
        this.model = model;
        this.decoder = new BlazeFaceDecoder(inputSize);
        this.minScore = minScore;
        this.nmsIou = nmsIou;
    }

    @Override
    public String name() {
        return "blazeface";
    }

    /** The DJL engine that runs the network ({@code OnnxRuntime} or {@code PyTorch}). */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    @Override
    public List<DetectedFace> detect(ImageFrame frame) {
        return detectAll(List.of(frame)).get(0);
    }

    @Override
    public List<List<DetectedFace>> detectAll(List<ImageFrame> frames) {
        List<List<DetectedFace>> out = new ArrayList<>(frames.size());
        if (frames.isEmpty()) {
            return out;
        }
        int s = decoder.inputSize();
        int per = s * s * 3;
        float[] input = new float[frames.size() * per];
        for (int i = 0; i < frames.size(); i++) {
            letterbox(frames.get(i), s, input, i * per);
        }
        float[][] raw;
        FloatBuffer staging = inputBuffers.take(input.length);
        staging.put(input).flip();
        try (Predictor<FloatBuffer, float[][]> p = model.newPredictor(new Raw(frames.size(), s, decoder.anchorCount()))) {
            raw = p.predict(staging);
        } catch (TranslateException e) {
            throw new ExtractionException("BlazeFace failed on " + frames.size() + " frame(s): " + e.getMessage(), e);
        } finally {
            inputBuffers.give(staging);
        }
        int n = decoder.anchorCount();
        for (int i = 0; i < frames.size(); i++) {
            ImageFrame f = frames.get(i);
            float[] logits = new float[n];
            float[] reg = new float[n * BlazeFaceDecoder.VALUES];
            System.arraycopy(raw[i], 0, logits, 0, n);
            System.arraycopy(raw[i], n, reg, 0, reg.length);
            float side = Math.max(f.width(), f.height());
            float padX = (side - f.width()) / 2f;
            float padY = (side - f.height()) / 2f;
            List<DetectedFace> faces = new ArrayList<>();
            for (BlazeFaceDecoder.Candidate c : decoder.decode(logits, reg, minScore, nmsIou)) {
                float x0 = Math.max(0, (c.cx() - c.w() / 2) * side - padX);
                float y0 = Math.max(0, (c.cy() - c.h() / 2) * side - padY);
                float x1 = Math.min(f.width(), (c.cx() + c.w() / 2) * side - padX);
                float y1 = Math.min(f.height(), (c.cy() + c.h() / 2) * side - padY);
                if (x1 - x0 < 4 || y1 - y0 < 4) {
                    continue;
                }
                List<DetectedFace.Keypoint> kps = new ArrayList<>(BlazeFaceDecoder.KEYPOINTS);
                for (int k = 0; k < BlazeFaceDecoder.KEYPOINTS; k++) {
                    kps.add(new DetectedFace.Keypoint(c.keypoints()[2 * k] * side - padX, c.keypoints()[2 * k + 1] * side - padY));
                }
                faces.add(new DetectedFace(new BoundingBox(x0, y0, x1 - x0, y1 - y0), c.score(), kps));
            }
            out.add(faces);
        }
        return out;
    }

    /** RGB in [-1, 1], the frame centred on a black square (aspect kept), bilinear. */
    static void letterbox(ImageFrame f, int s, float[] out, int offset) {
        ByteBuffer px = f.pixels();
        int w = f.width();
        int h = f.height();
        int ch = f.format().channels();
        float side = Math.max(w, h);
        float scale = side / s;
        float padX = (side - w) / 2f;
        float padY = (side - h) / 2f;
        boolean bgr = f.format() == PixelFormat.BGR24;
        for (int oy = 0; oy < s; oy++) {
            float v = (oy + 0.5f) * scale - 0.5f - padY;
            for (int ox = 0; ox < s; ox++) {
                float u = (ox + 0.5f) * scale - 0.5f - padX;
                int o = offset + (oy * s + ox) * 3;
                if (u < -0.5f || v < -0.5f || u > w - 0.5f || v > h - 0.5f) {
                    out[o] = -1;
                    out[o + 1] = -1;
                    out[o + 2] = -1;
                    continue;
                }
                float cu = Math.max(0, Math.min(w - 1, u));
                float cv = Math.max(0, Math.min(h - 1, v));
                int x0 = (int) cu;
                int y0 = (int) cv;
                int x1 = Math.min(x0 + 1, w - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                float fx = cu - x0;
                float fy = cv - y0;
                for (int c = 0; c < 3; c++) {
                    int src = ch == 1 ? 0 : (bgr ? 2 - c : c);
                    float a = px.get((y0 * w + x0) * ch + src) & 0xff;
                    float b = px.get((y0 * w + x1) * ch + src) & 0xff;
                    float cc = px.get((y1 * w + x0) * ch + src) & 0xff;
                    float d = px.get((y1 * w + x1) * ch + src) & 0xff;
                    float top = a + (b - a) * fx;
                    float bottom = cc + (d - cc) * fx;
                    out[o + c] = (top + (bottom - top) * fy) / 127.5f - 1f;
                }
            }
        }
    }

    @Override
    public void close() {
        inputBuffers.clear();
        model.close();
    }

    /** Input: n letterboxed frames; output per frame: 896 logits then 896x16 regressors. */
    private static final class Raw implements NoBatchifyTranslator<FloatBuffer, float[][]> {
        private final int n;
        private final int s;
        private final int anchors;

        Raw(int n, int s, int anchors) {
            this.n = n;
            this.s = s;
            this.anchors = anchors;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, FloatBuffer input) {
            return new NDList(ctx.getNDManager().create(input, new Shape(n, s, s, 3)));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList out) {
            // Outputs: scores 16x16x2, scores 8x8x6, boxes 16x16x2, boxes 8x8x6 (signature order).
            float[] s16 = out.get(0).toFloatArray();
            float[] s8 = out.get(1).toFloatArray();
            float[] r16 = out.get(2).toFloatArray();
            float[] r8 = out.get(3).toFloatArray();
            int a16 = s16.length / n;
            int a8 = s8.length / n;
            float[][] res = new float[n][anchors * (1 + BlazeFaceDecoder.VALUES)];
            for (int i = 0; i < n; i++) {
                System.arraycopy(s16, i * a16, res[i], 0, a16);
                System.arraycopy(s8, i * a8, res[i], a16, a8);
                int r0 = anchors;
                System.arraycopy(r16, i * a16 * 16, res[i], r0, a16 * 16);
                System.arraycopy(r8, i * a8 * 16, res[i], r0 + a16 * 16, a8 * 16);
            }
            return res;
        }
    }
}
