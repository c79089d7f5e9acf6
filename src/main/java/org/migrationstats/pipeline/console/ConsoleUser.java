package org.migrationstats.pipeline.console;

import org.migrationstats.pipeline.operate.ConsoleUsers;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells every page who is logged in and whether they may act (the actions' links and
 * buttons are shown to operators only; the requests are refused to others anyway).
 */
@ControllerAdvice
class ConsoleUser {

	@ModelAttribute("user")
	String user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()) ? authentication.getName() : "";
	}

	@ModelAttribute("operator")
	boolean operator() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((a) -> a.getAuthority().equals("ROLE_" + ConsoleUsers.Role.OPERATOR.name()));
	}

}
