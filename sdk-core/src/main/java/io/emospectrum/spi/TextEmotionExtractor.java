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
     * and sums each speaker's turns up. The turns' texts are read in one {@link #analyzeAll} batch.
     *
     * @throws io.emospectrum.error.InvalidInputException if a turn has nothing to read
     */
    default ConversationAnalysis analyzeConversation(Conversation conversation, ContextWindow context) {
        return new ContextReader(context).read(conversation, analyzeAll(conversation.texts()));
    }

    @Override
    default Modality modality() {
        return Modality.TEXT;
    }
}
