// Signature stub: spring-projects/spring-security core/src/main/java/org/springframework/security/access/AccessDeniedException.java
package org.springframework.security.access;

public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String msg) {
        throw new UnsupportedOperationException("signature stub");
    }
}
