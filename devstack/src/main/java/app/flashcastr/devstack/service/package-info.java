/**
 * The simulators and services as child JVMs: what to start, with which environment, and
 * how to know they are ready.
 */
package app.flashcastr.devstack.service;
