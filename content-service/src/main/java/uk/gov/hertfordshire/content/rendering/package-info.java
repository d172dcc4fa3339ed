/**
 * From CommonMark to what each channel shows: sanitised HTML ({@link
 * uk.gov.hertfordshire.content.rendering.Markdown}), short text for digital TV ({@link
 * uk.gov.hertfordshire.content.rendering.ShortText}), the reading age and the publish gates. Pure
 * functions, no Spring and no database.
 */
package uk.gov.hertfordshire.content.rendering;
