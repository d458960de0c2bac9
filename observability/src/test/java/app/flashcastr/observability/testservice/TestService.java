package app.flashcastr.observability.testservice;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Starts {@link TestServiceApplication} on a random port with actuator on the same port
 * (a MOCK web environment would not serve a real scrape). One annotation, so every test
 * class shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = TestServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
public @interface TestService {

}
