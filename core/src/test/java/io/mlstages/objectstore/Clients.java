package io.mlstages.objectstore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A plain SDK client on the test server, for what the engine does not do itself (creating buckets, raw PUTs). */
final class Clients {
    private Clients() {
    }

    static S3Client raw(final S3Settings settings) {
        return raw(settings, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
    }

    static S3Client raw(final S3Settings settings, final String access, final String secret) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
                .region(Region.US_EAST_1).endpointOverride(settings.endpoint()).forcePathStyle(true).build();
    }
}
