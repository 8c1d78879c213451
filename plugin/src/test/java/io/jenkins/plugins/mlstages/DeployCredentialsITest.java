package io.jenkins.plugins.mlstages;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The http deploy target's token comes from a secret-text credential, reaches the server, and is never printed. */
@WithJenkins
class DeployCredentialsITest {
    private static final String TOKEN = "s3cr3t-deploy-t0ken-4711";

    @Test
    void shouldSendTheCredentialsTokenToTheHttpTargetWithoutPrintingIt(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        MlStagesFixtures.registry();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "serving-token", "bearer token of the model server", Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/deploy", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try (InputStream body = exchange.getRequestBody()) {
                bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
            WorkflowJob job = MlStagesFixtures.pipeline(j, "serve", """
                    node('ml') {
                      trainModel data: 'train.csv', target: 'diagnosis', output: 'model', algorithm: 'logistic'
                      validateModel model: 'model', data: 'test.csv'
                      def deployed = deployModel model: 'cancer', package: 'model', target: 'http=%s',
                          credentialsId: 'serving-token', attempts: 1
                      echo "DEPLOYED deployed=${deployed.deployed} targets=${deployed.targets.size()}"
                    }
                    """.formatted(url));
            MlStagesFixtures.copyIntoWorkspace(agent, job, "breast-cancer-train.csv", "train.csv",
                    "breast-cancer-test.csv", "test.csv");

            WorkflowRun run = j.buildAndAssertSuccess(job);

            // the http target and the registry alias
            j.assertLogContains("DEPLOYED deployed=true targets=2", run);
            assertThat(authorizations).containsExactly("Bearer " + TOKEN);
            assertThat(bodies.get(0)).contains("\"model\":\"cancer\"").doesNotContain(TOKEN);
            j.assertLogNotContains(TOKEN, run);
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void shouldFailNamingTheMissingCredentialWithoutRunningTheEngine(final JenkinsRule j) throws Exception {
        MlStagesFixtures.agent(j);
        MlStagesFixtures.registry();
        WorkflowJob job = MlStagesFixtures.pipeline(j, "no-token", """
                node('ml') {
                  deployModel model: 'cancer', version: 1, target: 'http=http://127.0.0.1:9/deploy', credentialsId: 'nope'
                }
                """);

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("No secret-text credential with the id 'nope' (credentialsId)", run);
    }
}
