/**
 * What every service needs and none should write again: the transactional outbox and its relay
 * ({@code outbox}), idempotent event subscriptions with dead letters and replay ({@code inbox}),
 * explicit topic declarations ({@code topics}), HTTP conventions — Idempotency-Key, problem
 * details, correlation ids, strict request bodies — ({@code http}), bearer-token checks and the
 * caller's roles ({@code security}), gauges that stay put while they refresh ({@code metrics}) and
 * the library's own schema ({@code migration}).
 */
package uk.gov.hertfordshire.platform.support;
