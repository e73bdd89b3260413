package io.emospectrum.docs;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.TurnReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;

/** The conversation Java of README.md and docs/modality-text.md, compiled with the build ({@link DocSnippetsTest}). */
final class ConversationSnippets {
    private ConversationSnippets() {
    }

    static void conversation() {
        // tag::conversation[]
        try (TextEmotionExtractor x = ProviderRegistry.text().select().create(ExtractorOptions.defaults())) {
            Conversation call = Conversation.builder()
                    .turn("customer", "My card was charged twice and nobody called me back.", 0.0, 4.2)
                    .turn("agent", "I am sorry, let me check that for you.", 4.2, 6.8)
                    .turn("customer", "It has been three weeks.", 6.8, 8.5)    // times are optional
                    .build();
            ConversationAnalysis a = x.analyzeConversation(call);   // each turn read with the turns before it
            for (TurnReading t : a.turns()) {
                t.reading();          // in context: span over the turn's text, its time, the speaker as subject
                t.alone();            // the turn read alone (segments, language)
            }
            a.speaker("customer").orElseThrow().overall();   // the customer's confidence-weighted mean spectrum
            x.analyzeConversation(call, ContextWindow.NONE);  // every turn read alone
        }
        // end::conversation[]
    }
}
