package io.emospectrum.tools;

import io.emospectrum.model.ModelSource;
import picocli.CommandLine.ITypeConverter;

/** {@code --from DIR|URL|classpath:...} as a {@link ModelSource}. */
public final class ModelSourceConverter implements ITypeConverter<ModelSource> {
    @Override
    public ModelSource convert(String value) {
        return ModelSource.parse(value);
    }
}
