package io.emospectrum.text.encoder;

import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

/**
 * How a fine-tuned encoder is assembled at first load from files we may not redistribute in git
 * (langchain4j's ONNX) plus the delta we ship: a properties file ({@code encoder.recipe}) in the
 * model directory.
 *
 * @param weightsManifest our manifest of the float32 pretrained encoder's files (class-path resource)
 * @param weightsModel    its ONNX base name ({@code all-minilm-l6-v2})
 * @param templateManifest manifest of the graph to write into (the same, or the int8 export)
 * @param templateModel   its ONNX base name
 * @param quantized       whether the template holds int8 MatMul weights
 * @param perRowActivations whether its activations are rewritten to be quantized per row
 *                        ({@code template.activations=per-row}; default {@code per-tensor}, as the template has them)
 * @param delta           class-path resource of the fine-tuning delta ({@link io.emospectrum.text.encoder.TensorFile})
 * @param deltaSha256     its SHA-256
 * @param output          base name of the assembled ONNX and tokenizer
 * @param outputSha256    SHA-256 of the assembled ONNX file (assembly is deterministic)
 */
public record EncoderRecipe(String weightsManifest, String weightsModel, String templateManifest, String templateModel,
                            boolean quantized, boolean perRowActivations, String delta, String deltaSha256, String output, String outputSha256) {
    public static final String FILE_NAME = "encoder.recipe";

    public static EncoderRecipe parse(String text, String origin) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + origin + ": " + e.getMessage(), e);
        }
        return new EncoderRecipe(req(p, "weights.manifest", origin), req(p, "weights.model", origin),
                req(p, "template.manifest", origin), req(p, "template.model", origin),
                Boolean.parseBoolean(req(p, "template.quantized", origin)), perRow(p, origin), req(p, "delta", origin), req(p, "delta.sha256", origin),
                req(p, "output", origin), req(p, "output.sha256", origin));
    }

    private static boolean perRow(Properties p, String origin) {
        String v = p.getProperty("template.activations", "per-tensor").trim();
        return switch (v) {
            case "per-tensor" -> false;
            case "per-row" -> true;
            default -> throw new ModelLoadException(origin + ": template.activations is per-tensor or per-row, not '" + v + "'");
        };
    }

    private static String req(Properties p, String key, String origin) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new ModelLoadException(origin + " lacks '" + key + "'");
        }
        return v.trim();
    }

    public String toText(String comment) {
        return "# " + comment.replace("\n", "\n# ") + "\n"
                + "weights.manifest=" + weightsManifest + "\n"
                + "weights.model=" + weightsModel + "\n"
                + "template.manifest=" + templateManifest + "\n"
                + "template.model=" + templateModel + "\n"
                + "template.quantized=" + quantized + "\n"
                + (perRowActivations ? "template.activations=per-row\n" : "")
                + "delta=" + delta + "\n"
                + "delta.sha256=" + deltaSha256 + "\n"
                + "output=" + output + "\n"
                + "output.sha256=" + outputSha256 + "\n";
    }
}
