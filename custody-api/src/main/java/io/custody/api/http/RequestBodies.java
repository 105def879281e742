package io.custody.api.http;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Checks a parsed request body. Resources call it after their authorization checks, so a
 * caller without access learns nothing from validation messages.
 */
@ApplicationScoped
public class RequestBodies {

    @Inject
    Validator validator;

    public <T> T valid(T body) {
        if (body == null) {
            throw new ApiException(ErrorCode.BODY_REQUIRED, "A JSON request body is required.");
        }
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
