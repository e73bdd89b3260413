package io.emospectrum.text;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.lifecycle.CloseGuard;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.LabelScores;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextCaution;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.taxonomy.BoundLabelMapping;
import io.emospectrum.text.encoder.LengthBuckets;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.head.CategoryEnsemble;
import io.emospectrum.text.language.LanguageIdentifier;
import io.emospectrum.text.normalize.EmojiNames;
import io.emospectrum.text.parallel.ThreadSettings;
import io.emospectrum.text.parallel.WideScorer;
import io.emospectrum.text.parallel.WorkerPool;
import io.emospectrum.text.score.ConfidenceCalibration;
import io.emospectrum.text.score.ConfidenceCalibrator;
import io.emospectrum.text.score.TextCues;
import io.emospectrum.text.score.LabelScorer;
import io.emospectrum.text.score.ScoreCalibration;
import io.emospectrum.text.score.WindowScores;
import io.emospectrum.text.segment.SentenceSegmenter;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads emotion from text with a Transformer: tokenize, score token windows in length-sorted
 * batches padded only to their own longest window, map the model's labels onto the spectrum.
 *
 * <p>Emoji are read as their names ({@link EmojiNames}). A text that fits one window (128 tokens
 * for the bundled model) is scored whole; with {@link Segmentation#SENTENCES} each of its
 * sentences is also scored on its own and is one segment. A longer text is split into sentences;
 * each sentence is scored (a sentence longer than a window is cut into overlapping windows) and
 * the whole text's reading is the token-weighted mean of the sentence scores.
 *
 * <p>Valence and arousal are the model's own when its scorer {@linkplain LabelScorer#predictsDimensions()
 * predicts them} (token-weighted like the label scores), otherwise the NRC VAD anchors of the
 * categories.
 *
 * <p>A model with a second, seven-category head ({@link LabelScorer#predictsCategories()}) reports
 * the {@link CategoryEnsemble} of that head's distribution and its label head's calibrated one; with
 * a {@link ConfidenceCalibrator} that distribution is re-tempered per text so that its dominant
 * probability (the confidence) is the calibrator's (the dominant category does not change).
 *
 * <p>With a {@link LanguageIdentifier}, a text in a language the model does not read gets its
 * language on the analysis, {@code languageSupported = false}, and its confidences multiplied by
 * {@link #UNSUPPORTED_LANGUAGE_FACTOR}.
 *
 * <p>An analysis of a text in a language the model reads carries its {@linkplain TextAnalysis#cautions()
 * cautions} ({@link TextCues#cautions()}: negation, irony markers, questions); they do not change the readings.
 *
 * <p>Thread-safe: the tokenizer is, and the scorer gives each call its own predictors. {@link #close()}
 * waits for the calls in flight; later calls fail with {@link io.emospectrum.error.ExtractorClosedException}.
 */
public final class TransformerTextExtractor implements TextEmotionExtractor {
    /**
     * Calibrated scores of a multi-label model with tuned thresholds are raised to this power
     * before they are summed into categories, so that the many sub-threshold labels of a large
     * group (joy gathers twelve) do not outvote one label that fires. A model without thresholds
     * (a user's softmax classifier) is mapped as it scores.
     */
    static final float SHARPEN = 4f;
    /** Texts with fewer word tokens than this get proportionally less confidence. */
    static final int CONFIDENT_TOKENS = 8;
    /** Confidence of a reading of text in a language the model does not read is multiplied by this. */
    public static final float UNSUPPORTED_LANGUAGE_FACTOR = 0.1f;
    /**
     * How a conversation's turns are read: each blended with the four turns before it, the context's
     * share 0.7 x (1 - the turn's own confidence), so a turn read surely keeps its reading. Chosen for
     * the default model on DailyDialog validation (highest macro-F1) among 1-4 turns, fixed shares
     * 0.1-0.6 and uncertainty shares 0.3-0.9, any or same speaker (docs/modality-text.md, "Conversations").
     */
    public static final ContextWindow DIALOGUE_CONTEXT =
            new ContextWindow(4, 0.7f, ContextWindow.Scope.ALL_SPEAKERS, ContextWindow.Share.BY_UNCERTAINTY);

    /**
     * Most padded tokens in one encoder batch: 32 twenty-word texts (~30 tokens each) become about
     * four length-sorted batches of 8, which cost ~28% less encoder time than one batch padded to
     * the longest of the 32 (measured on a 2-core AMD EPYC, docs/experiments/modality-text.md).
     */
    static final int BATCH_TOKENS = 256;
    /** Fewest texts per language-identification task: smaller chunks cost more in hand-over than they gain. */
    static final int LANGUAGE_CHUNK = 8;

    /** Which segments a text that fits one window gets. */
    public enum Segmentation {
        /** One segment, the whole text (fastest: one window per text). */
        WINDOWS,
        /** One segment per sentence when it has more than one (each sentence is scored too). */
        SENTENCES
    }

    private final TextTokenizer tokenizer;
    private final LabelScorer scorer;
    private final BoundLabelMapping mapping;
    private final ScoreCalibration calibration;
    private final ConfidenceCalibration confidence;
    private final ModelId model;
    private final int batchSize;
    private final int maxChars;
    private final VadAnchors anchors;
    private final SentenceSegmenter segmenter = new SentenceSegmenter(Locale.ENGLISH);
    private final EmojiNames emoji = new EmojiNames();
    private final LanguageIdentifier languages;
    private final Segmentation segmentation;
    private final CategoryEnsemble ensemble;
    private final WorkerPool workers;
    /** The scorer's path that spreads one batch over the cores, or null when it has none or one core is asked for. */
    private final WideScorer wide;
    /** Calls of this extractor scoring now: a single batch is spread only when no other call is. */
    private final AtomicInteger scoring = new AtomicInteger();
    private final ConfidenceCalibrator calibrator;
    private final CloseGuard guard = new CloseGuard("text extractor", this::free);

    public TransformerTextExtractor(TextTokenizer tokenizer, LabelScorer scorer, BoundLabelMapping mapping,
                                    ScoreCalibration calibration, ModelId model, int batchSize, int maxChars) {
        this(tokenizer, scorer, mapping, calibration, ConfidenceCalibration.none(), model, batchSize, maxChars, null, Segmentation.WINDOWS);
    }

    /**
     * @param confidence   temperature of the category distribution, fitted so that confidence matches accuracy
     * @param languages    identifies each text's language, or null for a model whose languages are unknown
     * @param segmentation the segments of a text that fits one window
     */
    public TransformerTextExtractor(TextTokenizer tokenizer, LabelScorer scorer, BoundLabelMapping mapping,
                                    ScoreCalibration calibration, ConfidenceCalibration confidence, ModelId model, int batchSize,
                                    int maxChars, LanguageIdentifier languages, Segmentation segmentation) {
        this(tokenizer, scorer, mapping, calibration, confidence, model, batchSize, maxChars, languages, segmentation, null);
    }

    /** @param ensemble how the scorer's second category head is combined with the label head, or null when it has none */
    public TransformerTextExtractor(TextTokenizer tokenizer, LabelScorer scorer, BoundLabelMapping mapping,
                                    ScoreCalibration calibration, ConfidenceCalibration confidence, ModelId model, int batchSize,
                                    int maxChars, LanguageIdentifier languages, Segmentation segmentation, CategoryEnsemble ensemble) {
        this(tokenizer, scorer, mapping, calibration, confidence, model, batchSize, maxChars, languages, segmentation, ensemble, null);
    }

    /**
     * @param calibrator per-text confidence of the ensemble's distribution (and the context window's temperature), or null;
     *                   only for a model with an ensemble
     */
    public TransformerTextExtractor(TextTokenizer tokenizer, LabelScorer scorer, BoundLabelMapping mapping,
                                    ScoreCalibration calibration, ConfidenceCalibration confidence, ModelId model, int batchSize,
                                    int maxChars, LanguageIdentifier languages, Segmentation segmentation, CategoryEnsemble ensemble,
                                    ConfidenceCalibrator calibrator) {
        this(tokenizer, scorer, mapping, calibration, confidence, model, batchSize, maxChars, languages, segmentation, ensemble,
                calibrator, ThreadSettings.perProcessor());
    }

    /**
     * @param calibrator as above, or null
     * @param threads    cores one call may use (the caller's thread and {@code threads - 1} workers of
     *                   this extractor), each running whole encoder batches; 1 runs on the caller only.
     *                   With {@link ThreadSettings#spreadSingleBatch()}, a call with a single batch runs it
     *                   through the scorer's {@link WideScorer} path instead, where it has one, unless
     *                   another call of this extractor is scoring
     */
    public TransformerTextExtractor(TextTokenizer tokenizer, LabelScorer scorer, BoundLabelMapping mapping,
                                    ScoreCalibration calibration, ConfidenceCalibration confidence, ModelId model, int batchSize,
                                    int maxChars, LanguageIdentifier languages, Segmentation segmentation, CategoryEnsemble ensemble,
                                    ConfidenceCalibrator calibrator, ThreadSettings threads) {
        if (scorer.predictsCategories() != (ensemble != null)) {
            throw new IllegalArgumentException("a scorer with a second category head needs an ensemble, and only such a scorer takes one");
        }
        if (calibrator != null && (ensemble == null || calibrator.readsFeatures())) {
            throw new IllegalArgumentException("a confidence calibrator applies to a model with an ensemble, from the heads' outputs "
                    + "(one that reads the encoder's features is not supported here)");
        }
        this.ensemble = ensemble;
        this.calibrator = calibrator;
        this.confidence = Objects.requireNonNull(confidence);
        this.languages = languages;
        this.segmentation = Objects.requireNonNull(segmentation);
        this.tokenizer = Objects.requireNonNull(tokenizer);
        this.scorer = Objects.requireNonNull(scorer);
        this.mapping = Objects.requireNonNull(mapping);
        this.calibration = Objects.requireNonNull(calibration);
        this.model = Objects.requireNonNull(model);
        this.batchSize = batchSize;
        this.maxChars = maxChars;
        this.anchors = VadAnchors.NRC_VAD_2018;
        this.workers = new WorkerPool(threads.threads());
        this.wide = threads.threads() > 1 && threads.spreadSingleBatch() && scorer instanceof WideScorer w && w.wideThreads() > 1
                ? w : null;
    }

    @Override
    public ModelId model() {
        return model;
    }

    @Override
    public String device() {
        return scorer.device();
    }

    /** Cores a call with a single encoder batch spreads it over: 1 when it runs on the caller's alone. */
    int singleBatchThreads() {
        return wide == null ? 1 : wide.wideThreads();
    }

    @Override
    public ContextWindow contextWindow() {
        return calibrator == null ? DIALOGUE_CONTEXT : DIALOGUE_CONTEXT.withTemperature((float) calibrator.contextTemperature());
    }

    @Override
    public TextAnalysis analyze(String text) {
        return analyzeAll(List.of(requireText(text, -1, maxChars))).get(0);
    }

    @Override
    public List<TextAnalysis> analyzeAll(List<String> texts) {
        try (CloseGuard.Call call = guard.enter()) {
            return analyzeOpen(texts);
        }
    }

    private List<TextAnalysis> analyzeOpen(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            requireText(texts.get(i), i, maxChars);
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        List<EmojiNames.Normalized> normalized = new ArrayList<>(texts.size());
        List<String> read = new ArrayList<>(texts.size());
        for (String t : texts) {
            EmojiNames.Normalized n = emoji.normalize(t);
            normalized.add(n);
            read.add(n.text());
        }
        List<List<TokenWindow>> whole = tokenizer.windowsAll(read);
        LanguageIdentifier.Identification[] language = identifyAll(texts);
        List<Plan> plans = new ArrayList<>(texts.size());
        List<TokenWindow> jobs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            plans.add(plan(texts.get(i), normalized.get(i), whole.get(i), jobs, language[i]));
        }
        WindowScores scores = scoreAll(jobs);
        List<TextAnalysis> out = new ArrayList<>(plans.size());
        for (Plan p : plans) {
            out.add(p.build(scores, jobs));
        }
        return List.copyOf(out);
    }

    /** Each text's language (nulls without an identifier), chunks of texts side by side on the worker pool. */
    private LanguageIdentifier.Identification[] identifyAll(List<String> texts) {
        LanguageIdentifier.Identification[] out = new LanguageIdentifier.Identification[texts.size()];
        if (languages == null) {
            return out;
        }
        int chunk = Math.max(LANGUAGE_CHUNK, (texts.size() + workers.threads() - 1) / workers.threads());
        List<Runnable> tasks = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += chunk) {
            int start = from;
            int end = Math.min(texts.size(), from + chunk);
            tasks.add(() -> {
                for (int i = start; i < end; i++) {
                    out[i] = languages.identify(texts.get(i));
                }
            });
        }
        workers.runAll(tasks);
        return out;
    }

    /** Decides which windows a text needs and registers them as jobs; spans are in the caller's text. */
    private Plan plan(String original, EmojiNames.Normalized normalized, List<TokenWindow> windows, List<TokenWindow> jobs,
                      LanguageIdentifier.Identification language) {
        String text = normalized.text();
        TextSpan all = new TextSpan(0, original.length());
        if (windows.size() == 1) {
            int job = jobs.size();
            jobs.add(windows.get(0));
            Segment whole = new Segment(all, new int[]{job});
            List<TextSpan> spans = segmentation == Segmentation.SENTENCES ? segmenter.split(text) : List.of();
            List<Segment> sentences = spans.size() > 1 ? sentenceSegments(normalized, spans, jobs) : List.of();
            return new Plan(original, whole, sentences.size() > 1 ? sentences : List.of(whole), language);
        }
        List<Segment> segments = sentenceSegments(normalized, segmenter.split(text), jobs);
        if (segments.isEmpty()) { // fall back to the windows of the whole text
            int[] ids = new int[windows.size()];
            for (int k = 0; k < windows.size(); k++) {
                ids[k] = jobs.size();
                jobs.add(windows.get(k));
            }
            segments = List.of(new Segment(all, ids));
        }
        return new Plan(original, null, segments, language);
    }

    /** One segment per sentence that has something to read, its windows registered as jobs. */
    private List<Segment> sentenceSegments(EmojiNames.Normalized normalized, List<TextSpan> sentences, List<TokenWindow> jobs) {
        String text = normalized.text();
        List<String> sentenceTexts = new ArrayList<>(sentences.size());
        for (TextSpan s : sentences) {
            sentenceTexts.add(text.substring(s.start(), s.end()));
        }
        List<List<TokenWindow>> perSentence = tokenizer.windowsAll(sentenceTexts);
        List<Segment> segments = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s++) {
            List<TokenWindow> sw = perSentence.get(s);
            if (sw.stream().allMatch(w -> w.wordTokens() == 0)) {
                continue; // nothing the tokenizer can read (stray symbols between sentences)
            }
            int[] ids = new int[sw.size()];
            for (int k = 0; k < sw.size(); k++) {
                ids[k] = jobs.size();
                jobs.add(sw.get(k).shifted(sentences.get(s).start()));
            }
            segments.add(new Segment(normalized.original(sentences.get(s)), ids));
        }
        return segments;
    }

    /**
     * Scores every distinct window once (repeated lines and repetitive text cost nothing extra), in
     * length-homogeneous batches ({@link LengthBuckets}: each pads only to its own longest window)
     * run side by side on the worker pool, or, when there is only one, spread over the cores by the
     * scorer's {@link WideScorer} path; results go back to each job by index.
     */
    private WindowScores scoreAll(List<TokenWindow> jobs) {
        Map<TokenKey, Integer> distinct = new HashMap<>();
        List<TokenWindow> unique = new ArrayList<>();
        int[] uniqueOf = new int[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            TokenWindow w = jobs.get(i);
            Integer u = distinct.putIfAbsent(new TokenKey(w.ids()), unique.size());
            if (u == null) {
                u = unique.size();
                unique.add(w);
            }
            uniqueOf[i] = u;
        }
        int[] lengths = new int[unique.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = unique.get(i).length();
        }
        float[][] scored = new float[unique.size()][];
        float[][] dims = scorer.predictsDimensions() ? new float[unique.size()][] : null;
        float[][] cats = scorer.predictsCategories() ? new float[unique.size()][] : null;
        List<int[]> batches = LengthBuckets.of(lengths, batchSize, BATCH_TOKENS);
        int others = scoring.getAndIncrement();
        try {
            if (batches.size() == 1 && wide != null && others == 0) {
                // One batch (a short text, a few) would use one core: spread it over all of them,
                // unless another call of this extractor is scoring and has the cores.
                int[] batch = batches.get(0);
                store(batch, wide.scoreWide(tokenBatch(batch, unique)), scored, dims, cats);
            } else {
                List<Runnable> tasks = new ArrayList<>(batches.size());
                for (int[] batch : batches) {
                    tasks.add(() -> store(batch, scorer.scoreWindows(tokenBatch(batch, unique)), scored, dims, cats));
                }
                workers.runAll(tasks);
            }
        } finally {
            scoring.decrementAndGet();
        }
        float[][] out = new float[jobs.size()][];
        float[][] outDims = dims == null ? null : new float[jobs.size()][];
        float[][] outCats = cats == null ? null : new float[jobs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = scored[uniqueOf[i]];
            if (outDims != null) {
                outDims[i] = dims[uniqueOf[i]];
            }
            if (outCats != null) {
                outCats[i] = cats[uniqueOf[i]];
            }
        }
        return new WindowScores(out, outDims, outCats);
    }

    private TokenBatch tokenBatch(int[] batch, List<TokenWindow> unique) {
        List<TokenWindow> windows = new ArrayList<>(batch.length);
        for (int u : batch) {
            windows.add(unique.get(u));
        }
        return TokenBatch.of(windows, tokenizer.padId());
    }

    /** Puts a batch's scores into the rows of its windows; each batch writes only its own rows. */
    private static void store(int[] batch, WindowScores scores, float[][] scored, float[][] dims, float[][] cats) {
        for (int k = 0; k < batch.length; k++) {
            scored[batch[k]] = scores.labels()[k];
            if (dims != null) {
                dims[batch[k]] = scores.dimensions()[k];
            }
            if (cats != null) {
                cats[batch[k]] = scores.categories()[k];
            }
        }
    }

    /** Token ids compared by content. */
    private record TokenKey(long[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TokenKey k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return ids.length + " tokens";
        }
    }

    /**
     * @param dimensions the model's own {@code [valence, arousal]}, or null for the anchors
     * @param categories the second category head's distribution, or null when the model has none
     * @param text       the whole text ({@code span} of it is read)
     */
    private EmotionReading reading(float[] probabilities, float[] dimensions, float[] categories, String text, TextSpan span, int wordTokens,
                                   boolean supported) {
        float[] mapped = probabilities;
        if (!calibration.isIdentity()) { // independent per-label scores: calibrate, then sharpen
            float[] calibrated = calibration.calibrate(probabilities);
            mapped = new float[calibrated.length];
            for (int i = 0; i < calibrated.length; i++) {
                mapped[i] = (float) Math.pow(Math.max(0f, calibrated[i]), SHARPEN);
            }
        }
        Spectrum spectrum = Spectrum.fromScores(confidence.isIdentity() ? mapping.categoryScores(mapped)
                : confidence.apply(mapping.categoryScores(mapped)), anchors);
        if (categories != null) {
            float[] labelHead = spectrum.probabilities();
            float[] combined = ensemble.combine(categories, labelHead);
            if (calibrator != null) {
                TextCues cues = calibrator.readsText() ? TextCues.of(text.substring(span.start(), span.end())) : TextCues.NONE;
                combined = calibrator.apply(combined, labelHead, categories, wordTokens, 0f, cues);
            }
            spectrum = Spectrum.of(combined, anchors);
        }
        if (dimensions != null) {
            // a token-weighted mean of values in [-1, 1] may round just past them
            spectrum = Spectrum.of(spectrum.probabilities(), Math.max(-1f, Math.min(1f, dimensions[0])),
                    Math.max(-1f, Math.min(1f, dimensions[1])));
        }
        float top = spectrum.probability(spectrum.dominant());
        // A calibrated model's top probability already says how often it is right, short texts
        // included (damping them on top made the dev ECE worse: 0.056 against 0.029); an
        // uncalibrated one's is damped for short texts, which it reads too surely.
        float damp = confidence.isIdentity() ? (float) Math.min(1.0, Math.sqrt(wordTokens / (double) CONFIDENT_TOKENS)) : 1f;
        if (!supported) {
            damp *= UNSUPPORTED_LANGUAGE_FACTOR;
        }
        return EmotionReading.builder()
                .spectrum(spectrum)
                .confidence(Math.max(0f, Math.min(1f, top * damp)))
                .modality(Modality.TEXT)
                .model(model)
                .device(scorer.device())
                .span(Span.of(span))
                .modelScores(LabelScores.of(mapping.labels(), probabilities))
                .build();
    }

    private static String requireText(String text, int index, int maxChars) {
        String where = index < 0 ? "text" : "text #" + index;
        if (text == null) {
            throw new InvalidInputException(where + " is null");
        }
        if (text.length() > maxChars) {
            throw new InvalidInputException(where + " has " + text.length() + " characters, more than the limit of " + maxChars
                    + "; split it (by line or paragraph) or raise the provider property maxChars");
        }
        boolean readable = text.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp)
                && !Character.isSpaceChar(cp) && Character.getType(cp) != Character.FORMAT);
        if (!readable) {
            throw new InvalidInputException(where + " has nothing to read: it is empty or only white space and control characters ("
                    + text.length() + " chars)");
        }
        return text;
    }

    @Override
    public void close() {
        guard.close();
    }

    private void free() {
        try {
            workers.close();
            scorer.close();
        } finally {
            tokenizer.close();
        }
    }

    /** A text's segments, each with the jobs (windows) that score it. */
    private record Segment(TextSpan span, int[] jobs) {
    }

    private final class Plan {
        private final String text;
        private final Segment whole;
        private final List<Segment> segments;
        private final LanguageIdentifier.Identification language;

        /** {@code whole}: the window of a text that fits one, else null (the overall reading is then the mean of the segments). */
        Plan(String text, Segment whole, List<Segment> segments, LanguageIdentifier.Identification language) {
            this.text = text;
            this.whole = whole;
            this.segments = segments;
            this.language = language;
        }

        TextAnalysis build(WindowScores windows, List<TokenWindow> jobs) {
            boolean supported = language == null || language.supported();
            float[][] scores = windows.labels();
            float[][] dims = windows.dimensions();
            float[][] cats = windows.categories();
            int labels = mapping.labels().size();
            float[] total = new float[labels];
            float[] totalDims = dims == null ? null : new float[2];
            int totalTokens = 0;
            List<EmotionReading> readings = new ArrayList<>(segments.size());
            EmotionReading wholeReading = null;
            for (Segment s : segments) {
                float[] sum = new float[labels];
                int tokens = sum(s, scores, jobs, sum);
                float[] mean = new float[labels];
                for (int k = 0; k < labels; k++) {
                    total[k] += sum[k];
                    mean[k] = sum[k] / tokens;
                }
                float[] meanDims = null;
                if (dims != null) {
                    meanDims = new float[2];
                    sum(s, dims, jobs, meanDims);
                    for (int k = 0; k < 2; k++) {
                        totalDims[k] += meanDims[k];
                        meanDims[k] /= tokens;
                    }
                }
                totalTokens += tokens;
                EmotionReading r = reading(mean, meanDims, mean(s, cats, jobs), text, s.span(), tokens, supported);
                readings.add(r);
                if (s == whole) {
                    wholeReading = r;
                }
            }
            EmotionReading overall;
            if (wholeReading != null) {
                overall = wholeReading;
            } else if (whole != null) {
                float[] sum = new float[labels];
                int tokens = sum(whole, scores, jobs, sum);
                for (int k = 0; k < labels; k++) {
                    sum[k] /= tokens;
                }
                float[] wholeDims = null;
                if (dims != null) {
                    wholeDims = new float[2];
                    sum(whole, dims, jobs, wholeDims);
                    wholeDims[0] /= tokens;
                    wholeDims[1] /= tokens;
                }
                overall = reading(sum, wholeDims, mean(whole, cats, jobs), text, whole.span(), tokens, supported);
            } else if (readings.size() == 1) {
                overall = readings.get(0);
            } else {
                for (int k = 0; k < labels; k++) {
                    total[k] /= totalTokens;
                }
                if (totalDims != null) {
                    totalDims[0] /= totalTokens;
                    totalDims[1] /= totalTokens;
                }
                float[] allCats = null;
                if (cats != null) {
                    allCats = new float[cats[0].length];
                    for (Segment s : segments) {
                        sum(s, cats, jobs, allCats);
                    }
                    for (int k = 0; k < allCats.length; k++) {
                        allCats[k] /= totalTokens;
                    }
                }
                overall = reading(total, totalDims, allCats, text, new TextSpan(0, text.length()), totalTokens, supported);
            }
            // cues are English words and punctuation: a text the model does not read gets none
            Set<TextCaution> cautions = supported ? TextCues.of(text).cautions() : Set.of();
            return new TextAnalysis(overall, readings, language == null ? null : language.language(), supported, cautions);
        }

        /** A segment's token-weighted mean of per-window values, or null when there are none. */
        private float[] mean(Segment s, float[][] values, List<TokenWindow> jobs) {
            if (values == null) {
                return null;
            }
            float[] m = new float[values[0].length];
            int tokens = sum(s, values, jobs, m);
            for (int k = 0; k < m.length; k++) {
                m[k] /= tokens;
            }
            return m;
        }

        /** Adds a segment's token-weighted window scores (labels, dimensions or categories) into {@code sum}; returns its word tokens. */
        private int sum(Segment s, float[][] scores, List<TokenWindow> jobs, float[] sum) {
            int tokens = 0;
            for (int job : s.jobs()) {
                int w = Math.max(1, jobs.get(job).wordTokens());
                tokens += w;
                float[] p = scores[job];
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += w * p[k];
                }
            }
            return tokens;
        }
    }
}
