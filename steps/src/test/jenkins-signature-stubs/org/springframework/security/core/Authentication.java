// Signature stub: spring-projects/spring-security core/src/main/java/org/springframework/security/core/Authentication.java
// (members left out: the plugin only passes an Authentication on)
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {
}
