package dev.runway.slo.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeSecretsTest {
    @TempDir
    Path dir;

    @Test
    void referencesAreReplacedFromTheEnvironmentFirstThenFromTheSecretsDirectory() throws Exception {
        Files.writeString(dir.resolve("SHOP_TOKEN"), "from-file\n");
        Files.writeString(dir.resolve("TENANT"), "acme");
        var secrets = new ProbeSecrets(Map.of("RUNWAY_SLO_SECRET_SHOP_TOKEN", "from-env"), dir);

        assertThat(secrets.resolve("Bearer ${secret:SHOP_TOKEN}"))
                .isEqualTo(new ProbeSecrets.Resolved.Value("Bearer from-env"));
        assertThat(secrets.resolve("${secret:TENANT}:${secret:SHOP_TOKEN}"))
                .isEqualTo(new ProbeSecrets.Resolved.Value("acme:from-env"));
        assertThat(secrets.resolve("no reference, $ and \\\\ kept"))
                .isEqualTo(new ProbeSecrets.Resolved.Value("no reference, $ and \\\\ kept"));
        assertThat(secrets.resolve("Bearer ${secret:GONE}")).isEqualTo(new ProbeSecrets.Resolved.Missing("GONE"));
        assertThat(new ProbeSecrets(Map.of(), null).resolve("${secret:TENANT}"))
                .isEqualTo(new ProbeSecrets.Resolved.Missing("TENANT"));
    }

    @Test
    void aSecretValueWithReplacementCharactersIsSentAsItIs() {
        var secrets = new ProbeSecrets(Map.of("RUNWAY_SLO_SECRET_ODD", "a$1b\\c"), null);
        assertThat(secrets.resolve("${secret:ODD}")).isEqualTo(new ProbeSecrets.Resolved.Value("a$1b\\c"));
    }

    @ParameterizedTest(name = "{0}: {1} -> refused {2}")
    @CsvSource({
        "Authorization, Bearer abc, true",
        "Authorization, Bearer ${secret:T}, false",
        "Cookie, session=1, true",
        "X-Auth-Token, abc, true",
        "X-Api-Key, abc, true",
        "Content-Type, application/json, false",
        "Accept, ${secret:T}, false",
    })
    void credentialHeadersMustReferenceASecret(String header, String value, boolean refused) {
        var step = new ProbeSpec.Step("s", "GET", "/x", Map.of(header, value), null, null);
        var probe = new ProbeSpec("p-1", "shop", "PT10S", "http://shop", false, null, java.util.List.of(step), 1, null);
        var fields = probe.violations().stream()
                .map(dev.runway.common.problem.FieldViolation::field)
                .toList();
        assertThat(fields.contains("steps[0].headers." + header))
                .as(fields.toString())
                .isEqualTo(refused);
    }
}
