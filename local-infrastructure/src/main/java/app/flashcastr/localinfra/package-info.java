/**
 * Where PostgreSQL and RabbitMQ are found, for the devstack and for tests: the endpoint
 * records, where each came from, reading their URLs without echoing passwords, and cheap
 * probes of the local services, and the services' jars in the form the images run
 * (devstack, stack tests and bench). JDK and AMQP client only: nothing of Spring.
 */
package app.flashcastr.localinfra;
