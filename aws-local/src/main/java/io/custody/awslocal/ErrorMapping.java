package io.custody.awslocal;

import io.custody.awslocal.http.AwsService;
import io.custody.awslocal.http.ErrorMapper;
import io.custody.awslocal.http.InjectedFaultException;
import io.custody.awslocal.http.ProtocolException;
import io.custody.awslocal.http.WireError;
import io.custody.awslocal.kms.KmsException;
import io.custody.awslocal.secrets.SecretsException;

/**
 * The one place where internal failures become AWS errors ({@code __type} + HTTP status), with
 * the type names of the KMS and Secrets Manager models. Client faults are 400 as in AWS JSON 1.1;
 * anything unexpected is the service's internal error with status 500 and a fixed message, so
 * nothing of the request (or a secret) leaks through an exception message.
 */
final class ErrorMapping implements ErrorMapper {

    private static final int CLIENT = 400;

    @Override
    public WireError map(AwsService service, Throwable failure) {
        return switch (failure) {
            case KmsException e -> new WireError(kmsType(e), CLIENT, e.getMessage());
            case SecretsException e -> new WireError(secretsType(e), CLIENT, e.getMessage());
            case ProtocolException e -> protocol(e);
            case InjectedFaultException e -> new WireError(e.errorType(), e.status(), e.getMessage());
            default -> new WireError(service == null ? "InternalFailure" : service.internalErrorType(), 500,
                    "An internal error occurred in the emulator.");
        };
    }

    private static String kmsType(KmsException e) {
        return switch (e.error()) {
            case NOT_FOUND -> "NotFoundException";
            case DISABLED -> "DisabledException";
            case INVALID_STATE -> "KMSInvalidStateException";
            case INVALID_CIPHERTEXT -> "InvalidCiphertextException";
            case INCORRECT_KEY -> "IncorrectKeyException";
            case INVALID_KEY_USAGE -> "InvalidKeyUsageException";
            case ACCESS_DENIED -> "AccessDeniedException";
            case VALIDATION -> "ValidationException";
            case ALREADY_EXISTS -> "AlreadyExistsException";
            case INVALID_ALIAS_NAME -> "InvalidAliasNameException";
            case MALFORMED_POLICY -> "MalformedPolicyDocumentException";
            case INVALID_MARKER -> "InvalidMarkerException";
            case UNSUPPORTED_OPERATION -> "UnsupportedOperationException";
        };
    }

    private static String secretsType(SecretsException e) {
        return switch (e.error()) {
            case RESOURCE_NOT_FOUND -> "ResourceNotFoundException";
            case RESOURCE_EXISTS -> "ResourceExistsException";
            case INVALID_REQUEST -> "InvalidRequestException";
            case INVALID_PARAMETER -> "InvalidParameterException";
            case INVALID_NEXT_TOKEN -> "InvalidNextTokenException";
            case VALIDATION -> "ValidationException";
        };
    }

    private static WireError protocol(ProtocolException e) {
        return switch (e.error()) {
            case SERIALIZATION -> new WireError("SerializationException", CLIENT, e.getMessage());
            case VALIDATION -> new WireError("ValidationException", CLIENT, e.getMessage());
            case UNKNOWN_OPERATION -> new WireError("UnknownOperationException", CLIENT, e.getMessage());
            case REQUEST_TOO_LARGE -> new WireError("RequestEntityTooLargeException", 413, e.getMessage());
        };
    }
}
