/**
 * Simulator of the Space Invaders flash feed and its images, speaking the upstream wire
 * format, with runtime fault switches.
 */
package app.flashcastr.simulators.feed;
