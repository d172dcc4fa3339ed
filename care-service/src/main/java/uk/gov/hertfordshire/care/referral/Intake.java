package uk.gov.hertfordshire.care.referral;

/**
 * The answer to a referral sent in: the referral, and whether this request created it (false when a
 * resend matched the agency's earlier one by its identifier and nothing new was stored).
 */
public record Intake(Referral referral, boolean created) {}
