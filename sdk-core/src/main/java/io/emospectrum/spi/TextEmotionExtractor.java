package io.emospectrum.spi;

import io.emospectrum.conversation.ContextReader;
import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.spectrum.Modality;

import java.util.ArrayList;
import java.util.List;

/** Reads expressed emotion from text. */
public interface TextEmotionExtractor extends EmotionExtractor {
    /** The most turns of a conversation read in one {@link #analyzeAll} call (bounds the memory of a long transcript). */
    int CONVERSATION_BATCH = 1024;

    /**
     * @throws io.emospectrum.error.InvalidInputException for text with nothing to read (empty,
     *         whitespace or control characters only)
     */
    TextAnalysis analyze(String text);

    /**
     * Analyzes many texts, batched for throughput; results in input order. The default analyzes
     * one at a time; implementations batch.
     */
    default List<TextAnalysis> analyzeAll(List<String> texts) {
        List<TextAnalysis> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(analyze(t));
        }
        return out;
    }

    /**
     * The context window {@link #analyzeConversation(Conversation)} reads turns with: the one this
     * extractor's model was measured with. The default reads every turn alone.
     */
    default ContextWindow contextWindow() {
        return ContextWindow.NONE;
    }

    /** Reads a conversation with this extractor's {@link #contextWindow()}. */
    default ConversationAnalysis analyzeConversation(Conversation conversation) {
        return analyzeConversation(conversation, contextWindow());
    }

    /**
     * Reads each turn of a conversation together with the turns before it (see {@link ContextReader}),
     * and sums each speaker's turns up. The turns' texts are read with {@link #analyzeAll}, up to
     * {@value #CONVERSATION_BATCH} at a time.
     *
     * @throws io.emospectrum.error.InvalidInputException if a turn has nothing to read
     */
    default ConversationAnalysis analyzeConversation(Conversation conversation, ContextWindow context) {
        List<String> texts = conversation.texts();
        List<TextAnalysis> alone = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += CONVERSATION_BATCH) {
            alone.addAll(analyzeAll(texts.subList(from, Math.min(texts.size(), from + CONVERSATION_BATCH))));
        }
        return new ContextReader(context).read(conversation, alone);
    }

    @Override
    default Modality modality() {
        return Modality.TEXT;
    }
}
