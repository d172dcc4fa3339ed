package uk.gov.hertfordshire.analytics.measures;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * What one contact costs the council, in pounds, per channel ({@code analytics.unit-costs.*}). The
 * defaults and their sources are in {@code application.yml}.
 */
@ConfigurationProperties("analytics.unit-costs")
public record UnitCosts(
        BigDecimal faceToFace,
        BigDecimal phone,
        BigDecimal web,
        BigDecimal app,
        BigDecimal open311,
        BigDecimal email) {

    public UnitCosts {
        check(faceToFace, "face-to-face");
        check(phone, "phone");
        check(web, "web");
        check(app, "app");
        check(open311, "open311");
        check(email, "email");
    }

    private static void check(BigDecimal cost, String name) {
        Objects.requireNonNull(cost, "analytics.unit-costs." + name + " must be set");
        if (cost.signum() < 0) {
            throw new IllegalArgumentException(
                    "analytics.unit-costs." + name + " must not be negative");
        }
    }

    /** The unit cost of a channel. */
    public BigDecimal of(Channel channel) {
        switch (channel) {
            case FACE_TO_FACE:
                return faceToFace;
            case PHONE:
                return phone;
            case WEB:
                return web;
            case APP:
                return app;
            case OPEN311:
                return open311;
            case EMAIL:
                return email;
            default:
                throw new IllegalArgumentException("No unit cost for " + channel);
        }
    }

    /** Every channel's unit cost, by wire value. */
    public Map<String, BigDecimal> byChannel() {
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            costs.put(channel.wireValue(), of(channel));
        }
        return costs;
    }
}
