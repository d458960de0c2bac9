package app.flashcastr.observability.aot;

import java.util.List;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.core.env.Environment;

/**
 * At build time (Boot's {@code process-aot}), writes {@link FrozenConditions#RESOURCE}:
 * every condition on a property and what it saw in the build's environment.
 */
class FrozenConditionsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		ConditionEvaluationReport report = ConditionEvaluationReport.find(beanFactory);
		// The application's context only: a separate management port's child context is
		// processed too, under the same environment.
		if (report == null || beanFactory.getParentBeanFactory() != null || !beanFactory.containsBean("environment")) {
			return null;
		}
		Environment environment = beanFactory.getBean("environment", Environment.class);
		List<FrozenCondition> conditions = FrozenConditions.collect(report, beanFactory.getBeanClassLoader());
		String file = FrozenConditions.write(conditions, environment);
		return (generationContext, code) -> generationContext.getGeneratedFiles()
			.addResourceFile(FrozenConditions.RESOURCE, file);
	}

}
