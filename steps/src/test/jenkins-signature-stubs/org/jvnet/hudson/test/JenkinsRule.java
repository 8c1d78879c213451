// Signature stub: jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java
// (implements TestRule, MethodRule, RootAction: left out, the tests only call its methods)
package org.jvnet.hudson.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import hudson.slaves.DumbSlave;
import hudson.tasks.Builder;
import java.io.IOException;
import java.net.URL;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.htmlunit.html.HtmlPage;
import org.xml.sax.SAXException;

public class JenkinsRule {
    public Jenkins jenkins;

    public JenkinsRule() {
        throw new UnsupportedOperationException("signature stub");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public FreeStyleProject createFreeStyleProject(String name) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("signature stub");
    }

    /** Real: extends AbstractPasswordBasedSecurityRealm, members left out. */
    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
        DummySecurityRealm() {
            throw new UnsupportedOperationException("signature stub");
        }
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException("signature stub");
    }

    /** Real: an inner class; its members but goTo(String) left out. */
    public class WebClient extends org.htmlunit.WebClient {
        public WebClient() {
            throw new UnsupportedOperationException("signature stub");
        }

        public HtmlPage goTo(String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("signature stub");
        }
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public DumbSlave createOnlineSlave(@CheckForNull Label l) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    public <B extends Builder> B configRoundtrip(B before) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable> R buildAndAssertSuccess(@NonNull J job) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable> R buildAndAssertStatus(@NonNull Result status, @NonNull J job) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public FreeStyleBuild buildAndAssertSuccess(@NonNull FreeStyleProject job) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    public void waitUntilNoActivity() throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }
}
