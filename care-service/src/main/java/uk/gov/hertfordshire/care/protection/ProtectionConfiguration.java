package uk.gov.hertfordshire.care.protection;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The care data keys from {@code platform.care.keys.file}. Only local development sets {@code
 * platform.care.keys.create-if-missing}: a deployment's key comes from its secret store, and a
 * missing one stops the service rather than starting it with a fresh key nothing can be read with.
 * Each instance reloads the file within {@code platform.care.keys.reload-interval} (2 s) of a
 * change ({@link CareKeysWatch}).
 */
@Configuration(proxyBeanMethods = false)
class ProtectionConfiguration {

    @Bean
    CareKeys careKeys(
            @Value("${platform.care.keys.file}") Path file,
            @Value("${platform.care.keys.create-if-missing:false}") boolean createIfMissing)
            throws IOException {
        return CareKeys.load(file, createIfMissing);
    }

    @Bean
    CareKeysWatch careKeysWatch(
            CareKeys keys, @Value("${platform.care.keys.reload-interval:PT2S}") Duration interval) {
        return new CareKeysWatch(keys, interval);
    }

    @Bean
    FieldCipher fieldCipher(CareKeys keys) {
        return new FieldCipher(keys);
    }
}
