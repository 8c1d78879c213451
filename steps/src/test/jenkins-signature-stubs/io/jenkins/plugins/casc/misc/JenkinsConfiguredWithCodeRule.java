// Signature stub: jenkinsci/configuration-as-code-plugin test-harness/src/main/java/io/jenkins/plugins/casc/misc/JenkinsConfiguredWithCodeRule.java
// (extends JenkinsConfiguredRule, which extends JenkinsRule: the step between left out)
package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

public class JenkinsConfiguredWithCodeRule extends JenkinsRule {
    public JenkinsConfiguredWithCodeRule() {
        throw new UnsupportedOperationException("signature stub");
    }
}
