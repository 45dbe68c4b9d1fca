using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Http;

/// <summary>Writes errors in Google's JSON error format (<c>{"error":{"code","message","status","errors":[…]}}</c>), shared by YouTube and Drive.</summary>
internal static class GoogleError
{
    // Messages stay readable (quotes and apostrophes unescaped); they are plain text, never HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int httpStatus, string reason, string message, string? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = httpStatus;
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = retryAfter;
        }

        if (httpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
        }

        var body = new
        {
            error = new
            {
                code = httpStatus,
                message,
                status = StatusName(httpStatus),
                errors = new[] { new { message, domain = "global", reason } },
            },
        };
        response.ContentType = "application/json; charset=UTF-8";
        return response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    /// <summary>Answers 401 for a request without a bearer token.</summary>
    public static Task UnauthenticatedAsync(HttpContext context) => WriteAsync(
        context, StatusCodes.Status401Unauthorized, "required",
        "Request is missing required authentication credential: send 'Authorization: Bearer TOKEN'.");

    private static string StatusName(int httpStatus) => httpStatus switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        411 or 412 => "FAILED_PRECONDITION",
        413 or 416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ when httpStatus >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };
}
