/**
 * Where the devstack's PostgreSQL and AMQP broker come from: the environment, local
 * services, or embedded ones started in this JVM.
 */
package app.flashcastr.devstack.infra;
