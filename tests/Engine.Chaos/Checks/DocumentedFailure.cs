using System.Globalization;
using System.Text.RegularExpressions;
using Engine.Transfers;

namespace Engine.Chaos.Checks;

/// <summary>
/// The permanent failures the documentation lists, recognised in a transfer's last error. Uploads
/// (docs/protocol.md, upload table): any 4xx/5xx but 404, 408, 429, 500, 502, 503, 504 (a 401 after one token refresh);
/// more expired sessions than <c>engine.upload.max-session-restarts</c> (docs/configuration.md). Downloads
/// (docs/protocol.md, canonical codes): an operation or call failing with a code the spec says not to retry.
/// Both: <c>engine.retry.max-attempts</c> failures in a row without progress. Anything else is not a documented
/// permanent reason.
/// </summary>
public sealed partial record DocumentedFailure(string Reason, int? HttpStatus = null, int? CanonicalCode = null)
{
    private static readonly int[] TransientUploadStatuses = [404, 408, 429, 500, 502, 503, 504];

    /// <summary>Canonical codes the spec says not to retry (lro-download §6), by name.</summary>
    private static readonly Dictionary<string, int> PermanentCodes = new(StringComparer.Ordinal)
    {
        ["INVALID_ARGUMENT"] = 3, ["NOT_FOUND"] = 5, ["ALREADY_EXISTS"] = 6, ["PERMISSION_DENIED"] = 7, ["FAILED_PRECONDITION"] = 9,
        ["OUT_OF_RANGE"] = 11, ["UNIMPLEMENTED"] = 12, ["DATA_LOSS"] = 15, ["UNAUTHENTICATED"] = 16,
    };

    /// <summary>The documented reason <paramref name="lastError"/> states for a <paramref name="kind"/>, or null when it states none.</summary>
    public static DocumentedFailure? Recognise(TransferKind kind, string? lastError)
    {
        if (lastError is null)
        {
            return null;
        }

        if (Exhausted().IsMatch(lastError))
        {
            return new DocumentedFailure("retries exhausted (engine.retry.max-attempts)");
        }

        if (kind == TransferKind.Upload)
        {
            if (SessionRestarts().IsMatch(lastError))
            {
                return new DocumentedFailure("session expired more often than engine.upload.max-session-restarts");
            }

            return HttpStatusText().Match(lastError) is { Success: true } status
                   && int.Parse(status.Groups["code"].ValueSpan, CultureInfo.InvariantCulture) is var code
                   && !TransientUploadStatuses.Contains(code)
                ? new DocumentedFailure($"HTTP {code} (a permanent status)", HttpStatus: code)
                : null;
        }

        var named = PermanentCodes.Keys.FirstOrDefault(name => lastError.Contains(name, StringComparison.Ordinal));
        return named is null ? null : new DocumentedFailure($"{named} (a code not to retry)", CanonicalCode: PermanentCodes[named]);
    }

    [GeneratedRegex(@"Gave up .* after \d+ attempts without progress", RegexOptions.CultureInvariant)]
    private static partial Regex Exhausted();

    [GeneratedRegex(@"expired \d+ times \(404\), more than engine\.upload\.max-session-restarts", RegexOptions.CultureInvariant)]
    private static partial Regex SessionRestarts();

    [GeneratedRegex(@"\bHTTP (?<code>[45]\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HttpStatusText();
}
