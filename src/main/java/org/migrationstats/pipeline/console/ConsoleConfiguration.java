package org.migrationstats.pipeline.console;

import org.migrationstats.pipeline.operate.ConsoleUsers;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The console's web configuration: its controllers, the form login over
 * {@code MIG_CONSOLE_USER} (BCrypt), the roles (VIEWER reads and downloads, OPERATOR also
 * acts), CSRF tokens on every POST (Spring Security's default), and a 404 for any path
 * that tries to leave its folder ({@code ..}, encoded dots or slashes).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ComponentScan
public class ConsoleConfiguration {

	@Bean
	SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/console.css", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/logout")
			.authenticated()
			.requestMatchers("/actions/**")
			.hasRole(ConsoleUsers.Role.OPERATOR.name())
			.requestMatchers(HttpMethod.POST, "/**")
			.hasRole(ConsoleUsers.Role.OPERATOR.name())
			.anyRequest()
			.hasAnyRole(ConsoleUsers.Role.VIEWER.name(), ConsoleUsers.Role.OPERATOR.name()))
			.formLogin((login) -> login.loginPage("/login").defaultSuccessUrl("/runs", true).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		return http.build();
	}

	@Bean
	UserDetailsService consoleUserDetails(ConsoleUsers users) {
		return (name) -> users.find(name)
			.map((user) -> User.withUsername(user.name())
				.password(user.passwordHash())
				.roles(user.role().name())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	@Bean
	PasswordEncoder consolePasswordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/**
	 * A request that Spring Security's firewall refuses (a path with {@code ..}, an
	 * encoded dot, slash or percent sign) is answered 404, as a file that is not there.
	 */
	@Bean
	RequestRejectedHandler consoleRequestRejected() {
		return new HttpStatusRequestRejectedHandler(404);
	}

	/**
	 * Tomcat answers 400 itself to an encoded slash; passed through, the firewall answers
	 * it 404 like the other forms.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> consoleEncodedSlashes() {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
	}

	/**
	 * Refuses to start the console (before its server listens) while no user can log in.
	 */
	@Bean
	SmartInitializingSingleton consoleNeedsAUser(ConsoleUsers users) {
		return () -> {
			if (users.count() == 0) {
				throw new NoConsoleUserException();
			}
		};
	}

}
