package uk.gov.hertfordshire.cases.open311;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.gov.hertfordshire.cases.servicecase.PublishedCases;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * Who is reading over Open311. Open311 reads are anonymous, and then only public-realm requests are
 * visible; a civic app or person may still send a bearer token (the gateway passes it on), and then
 * the same rule as {@code /api/cases} applies: staff who work cases see every request, a citizen
 * also sees the requests they submitted, personal services included.
 *
 * @param callerId {@code Caller.id()} of the bearer, or null when anonymous
 * @param readsAny whether the bearer is staff who may read any case
 */
record Viewer(String callerId, boolean readsAny) {

    /** Mirrors {@code submission.CaseAccess.READ_ANY}. */
    static final Set<Role> READ_ANY = EnumSet.of(Role.AGENT, Role.OFFICER, Role.ADMIN);

    static final Viewer ANONYMOUS = new Viewer(null, false);

    static Viewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return new Viewer(caller.id(), READ_ANY.stream().anyMatch(caller::has));
        }
        return ANONYMOUS;
    }

    /** The same reader, as the published cases see them. */
    PublishedCases.Reader reader() {
        return new PublishedCases.Reader(callerId, readsAny);
    }
}
