/**
 * The shared API key that protects the mutations changing users and identifications
 * ({@code X-API-KEY}).
 */
package app.flashcastr.api.auth;
