package app.flashcastr.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import app.flashcastr.neynar.NeynarProperties;

/** Entry point of flashcastr.api. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(NeynarProperties.class)
public class ApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiApplication.class, args);
	}

}
