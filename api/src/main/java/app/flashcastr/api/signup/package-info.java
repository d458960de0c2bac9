/**
 * Signup through a Neynar managed signer (upstream §6.4): the app account signs the
 * signed key request, the user approves in Warpcast, polling stores the user with the
 * signer encrypted and links the player's past flashes.
 */
package app.flashcastr.api.signup;
