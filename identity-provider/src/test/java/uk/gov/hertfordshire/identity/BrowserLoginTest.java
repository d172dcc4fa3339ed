package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code flow with PKCE, as a browser app would use it: the persona signs in on the
 * login page, in any profile. An issuer vouches only for its own personas.
 */
class BrowserLoginTest extends RunningProvider {

    private static final String REDIRECT = "http://127.0.0.1:8080/login/oauth2/code/platform";
    private static final String VERIFIER =
            "a-pkce-code-verifier-of-at-least-forty-three-characters";
    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @Test
    void aCitizenSignsInAtTheCitizenIssuerAndGetsACitizenToken() throws Exception {
        IdentityProviderClient idp = client();

        HttpResponse<String> response =
                signInAndExchange(idp, "citizens", "citizen-app", "citizen-alice");

        JWTClaimsSet claims = idp.verify(IdentityProviderClient.accessToken(response), "citizens");
        assertThat(claims.getSubject()).isEqualTo("citizen-alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("CITIZEN");
        assertThat(claims.getStringClaim("azp")).isEqualTo("citizen-app");
        assertThat(IdentityProviderClient.json(response)).containsKey("id_token");
    }

    @Test
    void theCitizenIssuerIssuesNoTokenForAMemberOfStaff() throws Exception {
        IdentityProviderClient idp = client();
        IdentityProviderClient otherBrowser = client();

        HttpResponse<String> staffAtStaff =
                signInAndExchange(idp, "staff", "staff-tools", "officer-dan");
        HttpResponse<String> staffAtCitizens =
                signInAndExchange(otherBrowser, "citizens", "citizen-app", "officer-dan");

        assertThat(
                        idp.verify(IdentityProviderClient.accessToken(staffAtStaff), "staff")
                                .getStringListClaim("roles"))
                .containsExactly("OFFICER");
        assertThat(staffAtCitizens.statusCode()).isEqualTo(400);
        assertThat(IdentityProviderClient.json(staffAtCitizens).get("error"))
                .isEqualTo("invalid_grant");
    }

    @Test
    void aWrongPasswordIsRefused() {
        IdentityProviderClient idp = client();
        String csrf = csrf(idp);

        HttpResponse<String> response =
                idp.postForm(
                        "/login",
                        Map.of("username", "citizen-alice", "password", "wrong", "_csrf", csrf));

        assertThat(location(response)).endsWith("/login?error");
    }

    /** Browser steps: authorize, sign in, follow back to authorize, then exchange the code. */
    private static HttpResponse<String> signInAndExchange(
            IdentityProviderClient browser, String issuer, String clientId, String persona)
            throws Exception {
        String authorize =
                "/"
                        + issuer
                        + "/oauth2/authorize?response_type=code&client_id="
                        + clientId
                        + "&scope=openid&state=s1&code_challenge_method=S256&code_challenge="
                        + challenge()
                        + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        assertThat(location(browser.get(authorize, "text/html"))).endsWith("/login");
        HttpResponse<String> signedIn =
                browser.postForm(
                        "/login",
                        Map.of("username", persona, "password", "demo", "_csrf", csrf(browser)));
        HttpResponse<String> redirected = browser.get(pathOf(location(signedIn)), "text/html");
        String code = location(redirected);
        assertThat(code).startsWith(REDIRECT + "?code=");
        code = code.substring((REDIRECT + "?code=").length(), code.indexOf("&state="));
        return browser.postForm(
                "/" + issuer + "/oauth2/token",
                Map.of(
                        "grant_type", "authorization_code",
                        "client_id", clientId,
                        "code", code,
                        "redirect_uri", REDIRECT,
                        "code_verifier", VERIFIER));
    }

    private static String csrf(IdentityProviderClient browser) {
        Matcher matcher = CSRF.matcher(browser.get("/login", "text/html").body());
        assertThat(matcher.find()).as("login page with a CSRF token").isTrue();
        return matcher.group(1);
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String challenge() throws Exception {
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
