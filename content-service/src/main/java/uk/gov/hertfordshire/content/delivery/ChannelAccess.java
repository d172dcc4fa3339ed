package uk.gov.hertfordshire.content.delivery;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.gov.hertfordshire.content.authoring.ContentChannel;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * Who may read a channel: anyone reads {@code web} and {@code digital_tv}; the intranet and the
 * contact centre need a staff token.
 */
final class ChannelAccess {

    private ChannelAccess() {}

    /**
     * The channel named in the path, checked against the caller.
     *
     * @throws IllegalArgumentException for a name that is no channel (a 404)
     */
    static ContentChannel require(String name) {
        ContentChannel channel =
                ContentChannel.fromWire(name).orElseThrow(() -> new UnknownChannelException(name));
        if (channel.isPublic()) {
            return channel;
        }
        Caller caller =
                caller().orElseThrow(
                                () ->
                                        new AuthenticationCredentialsNotFoundException(
                                                "staff channels need a token"));
        if (caller.roles().stream().noneMatch(role -> role.isStaff())) {
            throw new AccessDeniedException("the " + name + " channel is for staff");
        }
        return channel;
    }

    static Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller)
                : Optional.empty();
    }
}
