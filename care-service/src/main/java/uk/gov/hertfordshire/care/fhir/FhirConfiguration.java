package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * HAPI FHIR's {@link RestfulServer} as a servlet at {@code /fhir/r4}, behind the same Spring
 * Security filter chain as the rest of the service: only the CapabilityStatement is anonymous.
 * Parsing is strict (an unknown element is a 400), so nothing a partner sent is silently dropped.
 */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    static final String BASE = "/fhir/r4";

    @Bean
    FhirContext fhirContext() {
        FhirContext context =
                FhirContext.forR4(); // its own: strict parsing must not leak into a shared one
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(
            FhirContext context,
            ServiceRequestProvider serviceRequests,
            TaskProvider tasks,
            FhirErrors errors) {
        RestfulServer server = new RestfulServer(context);
        server.setResourceProviders(List.of(serviceRequests, tasks));
        server.registerInterceptor(errors);
        server.setServerName("Hertfordshire care referrals");
        server.setDefaultPrettyPrint(false);
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(server, BASE + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    PublicEndpoints fhirCapabilityStatement() {
        return PublicEndpoints.get(BASE + "/metadata");
    }
}
