/**
 * Management-port writes behind a token: anyone who can scrape may read, only a caller
 * holding {@code MANAGEMENT_TOKEN} may POST, PUT, PATCH or DELETE under
 * {@code /actuator}. A servlet filter, not Spring Security, to keep start-up and memory
 * small. The server of those endpoints runs on platform threads, which keep a scrape's
 * buffers from being copied line by line.
 */
package app.flashcastr.observability.management;
