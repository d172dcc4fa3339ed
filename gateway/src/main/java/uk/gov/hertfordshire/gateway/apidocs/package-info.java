/**
 * The Swagger UI and each service's OpenAPI document through the gateway: a local convenience,
 * switched on with springdoc's own {@code springdoc.swagger-ui.enabled} in the local profile and
 * absent from production (no route, no open path).
 */
package uk.gov.hertfordshire.gateway.apidocs;
