/**
 * Standalone entry point that runs the simulators of the outside world (today the Space
 * Invaders flash feed and the Pinata and Kubo IPFS APIs).
 */
package app.flashcastr.simulators;
