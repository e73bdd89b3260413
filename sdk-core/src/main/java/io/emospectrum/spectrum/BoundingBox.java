package io.emospectrum.spectrum;

/** An axis-aligned box in pixel coordinates of the source image (origin top left). */
public record BoundingBox(float x, float y, float width, float height) {
    public BoundingBox {
        if (!(width >= 0) || !(height >= 0) || !Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("invalid box " + x + "," + y + " " + width + "x" + height);
        }
    }

    public float area() {
        return width * height;
    }

    /** Intersection over union with {@code other}, in [0, 1]. */
    public float iou(BoundingBox other) {
        float ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        float iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        float inter = ix * iy;
        float union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
