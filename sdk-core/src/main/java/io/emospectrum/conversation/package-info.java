/**
 * Conversations: turns with a speaker and optional times, each read together with the turns
 * before it ({@link io.emospectrum.conversation.ContextWindow}), and a summary per speaker.
 * Read one with {@link io.emospectrum.spi.TextEmotionExtractor#analyzeConversation}.
 */
package io.emospectrum.conversation;
