package io.custody.awslocal.http;

/** Turns any failure of a request into the AWS error the real service would send. */
@FunctionalInterface
public interface ErrorMapper {

    /** @param service the addressed service, or null when the target named none */
    WireError map(AwsService service, Throwable failure);
}
