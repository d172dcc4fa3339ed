/**
 * What the channels serve: a live item's rendition per channel ({@code Renditions}), lists by topic
 * or service, alerts in force, search, and "this answered my question" feedback. Reads only live
 * revisions, and on public channels only public-audience items.
 */
package uk.gov.hertfordshire.content.delivery;
