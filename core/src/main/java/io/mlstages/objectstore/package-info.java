/**
 * Objects in S3 and S3-compatible stores: {@code s3://bucket/key} URLs, the client settings (endpoint, region,
 * path-style access, the SDK's default credential chain), streaming and ranged reads, and the conditional writes
 * ({@code If-None-Match: *}, {@code If-Match}) that the registry's races rest on. Every failure is an
 * {@link io.mlstages.objectstore.ObjectStoreException} naming the URL, never a credential.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.objectstore;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
