using System.Text.Json;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Clustering;

/// <summary>
/// The rows of routed commands: their kinds, the JSON of a start's order (validated and fingerprinted by the node that
/// accepted it, never a token) and of the owner's reply.
/// </summary>
internal static class RoutedCodec
{
    public const string StartUpload = "start-upload";
    public const string StartDownload = "start-download";

    /// <summary>The kind of the command starting a transfer of <paramref name="kind"/>.</summary>
    public static string StartKind(TransferKind kind) => kind == TransferKind.Upload ? StartUpload : StartDownload;

    /// <summary>The JSON of a start's validated order.</summary>
    public static string EncodeOrder(object order) => order switch
    {
        UploadOrder upload => JsonSerializer.Serialize(upload, RoutedJsonContext.Default.UploadOrder),
        DownloadOrder download => JsonSerializer.Serialize(download, RoutedJsonContext.Default.DownloadOrder),
        _ => throw new ArgumentException($"A {order.GetType().Name} is not a transfer order.", nameof(order)),
    };

    /// <summary>The kind and order of a start command, or <c>null</c> when <paramref name="command"/> is no start.</summary>
    /// <exception cref="InvalidDataException">The payload is not an order of that kind.</exception>
    public static (TransferKind Kind, object Order)? DecodeStart(string command, string transferId, string payload)
    {
        try
        {
            return command switch
            {
                StartUpload => (TransferKind.Upload, Required(JsonSerializer.Deserialize(payload, RoutedJsonContext.Default.UploadOrder))),
                StartDownload => (TransferKind.Download, Required(JsonSerializer.Deserialize(payload, RoutedJsonContext.Default.DownloadOrder))),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The {command} command of transfer '{transferId}' carries no valid order ({e.Message}); " +
                                           "the node that sent it runs another engine version. Start the transfer again.", e);
        }
    }

    public static string EncodeReply(RoutedReply reply) => JsonSerializer.Serialize(reply, RoutedJsonContext.Default.RoutedReply);

    /// <exception cref="InvalidDataException">The reply is not one this engine writes.</exception>
    public static RoutedReply DecodeReply(long commandId, string reply)
    {
        try
        {
            return Required(JsonSerializer.Deserialize(reply, RoutedJsonContext.Default.RoutedReply));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The reply to routed command {commandId} is not valid ({e.Message}); the owner runs another engine version.", e);
        }
    }

    private static T Required<T>(T? value) where T : class => value ?? throw new JsonException("The JSON is null.");
}
