/** Training for the learned pooling strategy (multinomial logistic regression). */
package io.emospectrum.fusion.learn;
