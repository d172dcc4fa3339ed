package uk.gov.hertfordshire.platform.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    @Test
    void defaultsAreTheIssuesThirtySecondFreeze() {
        Chaos.Options options = Chaos.Options.parse(List.of());
        assertThat(options.freeze()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.clients()).isEqualTo(2);
    }

    @Test
    void takesEachSetting() {
        Chaos.Options options =
                Chaos.Options.parse(
                        List.of(
                                "--freeze",
                                "5",
                                "--postgres-down",
                                "7",
                                "--clients",
                                "3",
                                "--interval",
                                "250"));
        assertThat(options)
                .isEqualTo(
                        new Chaos.Options(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(7),
                                3,
                                Duration.ofMillis(250)));
    }

    @Test
    void refusesWhatItDoesNotKnowOrAMissingNumber() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Chaos.Options.parse(List.of("--fast")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Chaos.Options.parse(List.of("--freeze")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Chaos.Options.parse(List.of("--clients", "0")));
    }
}
