/**
 * Tests of the flash and timeline queries on a real database.
 */
package app.flashcastr.api.flash;
