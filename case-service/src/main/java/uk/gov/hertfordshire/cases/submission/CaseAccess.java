package uk.gov.hertfordshire.cases.submission;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * Who may submit a case through which channel, and who may read it. A citizen reports for
 * themselves online (web or app): letting them claim "phone" would make channel-shift figures
 * whatever anyone wanted. An agent records the contacts that reach the contact centre (phone, face
 * to face, email) on a citizen's behalf. Open311 reports arrive through the Open311 API, not here.
 * A citizen reads only the cases they submitted; agents, officers and admins read any.
 */
public final class CaseAccess {

    public static final Set<Channel> CITIZEN_CHANNELS = EnumSet.of(Channel.WEB, Channel.APP);
    public static final Set<Channel> AGENT_CHANNELS =
            EnumSet.of(Channel.PHONE, Channel.FACE_TO_FACE, Channel.EMAIL);
    static final Set<Role> READ_ANY = EnumSet.of(Role.AGENT, Role.OFFICER, Role.ADMIN);

    private CaseAccess() {}

    /** The channels this caller may record a case as; empty if they may not submit at all. */
    public static Set<Channel> channelsFor(Caller caller) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (caller.has(Role.CITIZEN)) {
            channels.addAll(CITIZEN_CHANNELS);
        }
        if (caller.has(Role.AGENT)) {
            channels.addAll(AGENT_CHANNELS);
        }
        return channels;
    }

    /**
     * Refuses a channel the caller may not record.
     *
     * @throws IllegalArgumentException naming the channels the caller may use
     */
    public static void requireChannelAllowed(Caller caller, Channel channel) {
        Set<Channel> allowed = channelsFor(caller);
        if (!allowed.contains(channel)) {
            throw new IllegalArgumentException(
                    "channel '"
                            + channel.wireValue()
                            + "' cannot be used here; you may submit through "
                            + allowed.stream()
                                    .map(Channel::wireValue)
                                    .collect(Collectors.joining(", ")));
        }
    }

    /** Whether the caller works cases (agent, officer, admin) rather than reporting them. */
    public static boolean isStaff(Caller caller) {
        return READ_ANY.stream().anyMatch(caller::has);
    }

    /** Whether the caller may read the case: staff who work cases, or the citizen who sent it. */
    static boolean mayRead(Caller caller, ServiceCase submitted) {
        if (READ_ANY.stream().anyMatch(caller::has)) {
            return true;
        }
        return caller.has(Role.CITIZEN)
                && submitted.submittedBy() != null
                && submitted.submittedBy().equals(caller.id());
    }
}
