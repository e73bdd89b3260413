package io.emospectrum.audio.train;

import io.emospectrum.error.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} pairs of the train, evaluate and benchmark commands. */
final class Args {
    private Args() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new ConfigurationException("expected --key value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
